/**
 * One entry in each registry, as it would be written in src/model/fields.ts and
 * src/model/measures.ts: a filter field on the seizures' source reliability, and a measure that
 * sums their parts. Imported first by tests/unit/registry.test.ts, so that everything deriving
 * from the registries loads with the entries in place. The id lists are the registries' keys,
 * taken when their modules load, so they gain the ids as well.
 */
import { FIELDS, FIELD_IDS, type FieldSpec } from '../../src/model/fields';
import { MEASURE_SPECS, MEASURES, type MeasureSpec } from '../../src/model/measures';

(FIELDS as Record<string, FieldSpec>).reliability = {
  url: 'rel',
  grain: 'seizure',
  test: { kind: 'in', column: 'source_reliability' },
  values: { kind: 'text' },
};
(FIELD_IDS as string[]).push('reliability');

(MEASURE_SPECS as Record<string, MeasureSpec>).parts = {
  of: { kind: 'sum', column: 'parts_count' },
  trends: true,
  keyFigure: true,
};
(MEASURES as string[]).push('parts');
