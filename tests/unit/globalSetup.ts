/** Generates the shared unit-test fixture once, before any test file runs. */
import { ensureAggregateFixture, ensureFixture } from '../helpers/fixture';

export default async function setup(): Promise<void> {
  await ensureFixture();
  await ensureAggregateFixture();
}
