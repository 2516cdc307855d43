/**
 * Makes the large dataset an end-to-end test reads (the Records test's million seizures, about a
 * minute on a 2-core machine) into `.cache/datasets`. `npm test` runs it in the background while
 * lint, types, formatting and the build run, so the suite does not wait for it; the test makes it
 * itself when it is missing.
 */
import { ensureBenchDataset, RECORDS_TEST_SEIZURES } from './lib/measureKit';

await ensureBenchDataset(RECORDS_TEST_SEIZURES);
