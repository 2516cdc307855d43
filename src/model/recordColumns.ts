/**
 * The columns of the Records table, each defined once: its id (what links name in `ts` and `tc`),
 * whether it sorts and by which expression of the records query (`src/sql/records.ts`), whether
 * it holds a count (shown right-aligned and protected by briefing-safe counts), and, for a count,
 * the vocabulary of its values. Its header is `records.columns.<id>` in each language.
 */

/** A column of the Records table. */
export interface RecordColumnSpec {
  /** The expression the records query sorts by (on its `s` seizures alias), or null. */
  sort: string | null;
  /** A count (right-aligned, and below k hidden under briefing-safe counts). */
  count: boolean;
}

/** Every column, in default order. */
export const RECORD_COLUMN_SPECS = {
  seizure_id: { sort: 's.seizure_id', count: false },
  seizure_date: { sort: 's.seizure_date', count: false },
  country: { sort: 'country', count: false },
  admin1: { sort: 's.admin1', count: false },
  place_type: { sort: 's.place_type', count: false },
  agency: { sort: 's.agency', count: false },
  firearms_count: { sort: 's.firearms_count', count: true },
  ammunition_rounds: { sort: 's.ammunition_rounds', count: true },
  arrests: { sort: 's.arrests', count: true },
  route: { sort: null, count: false },
  operation: { sort: null, count: false },
} as const satisfies Record<string, RecordColumnSpec>;

/** A column's id. */
export type RecordColumn = keyof typeof RECORD_COLUMN_SPECS;

/** Columns of the records table, in default order; the URL may only name these. */
export const RECORD_COLUMNS = Object.keys(RECORD_COLUMN_SPECS) as RecordColumn[];

/** Type guard for record columns. */
export const isRecordColumn = (v: unknown): v is RecordColumn =>
  typeof v === 'string' && Object.hasOwn(RECORD_COLUMN_SPECS, v);

/** The spec of a column. */
export function recordColumnSpec(id: RecordColumn): RecordColumnSpec {
  return RECORD_COLUMN_SPECS[id];
}
