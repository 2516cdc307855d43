/**
 * The measures: what the views count, each defined once. A measure says how it is computed (a
 * count of seizures, the matching firearms, trace requests, or the sum of a seizure column) and
 * where it is offered (Trends, the Overview's key figures). The SQL builders, the URL codec, the
 * catalogue's check, the Trends menu and the key figures all derive from this table, so a new
 * measure is one entry here plus its label (`trends.measure.<id>`) in each language.
 */

/** How a measure is computed, at seizure grain. */
export type MeasureOf =
  | { kind: 'seizures' }
  | { kind: 'firearms' }
  | { kind: 'traces' }
  /** The sum of a whole-number column of the seizures table (`src/model/schema.ts`). */
  | { kind: 'sum'; column: string };

/** A measure. */
export interface MeasureSpec {
  of: MeasureOf;
  /** Offered by the Trends view (and the `tv` key of links). */
  trends: boolean;
  /** Shown among the Overview's key figures, with its change on the previous period. */
  keyFigure: boolean;
}

/** Every measure, keyed by its id; the order is the order of menus and figures. */
export const MEASURE_SPECS = {
  seizures: { of: { kind: 'seizures' }, trends: true, keyFigure: true },
  firearms: { of: { kind: 'firearms' }, trends: true, keyFigure: true },
  rounds: { of: { kind: 'sum', column: 'ammunition_rounds' }, trends: true, keyFigure: true },
  arrests: { of: { kind: 'sum', column: 'arrests' }, trends: true, keyFigure: true },
  traces: { of: { kind: 'traces' }, trends: false, keyFigure: false },
} satisfies Record<string, MeasureSpec>;

/** A measure's id. */
export type MeasureId = keyof typeof MEASURE_SPECS;

/** Every measure id, in order. */
export const MEASURES = Object.keys(MEASURE_SPECS) as MeasureId[];

/** The spec of a measure. */
export function measureSpec(m: MeasureId): MeasureSpec {
  return (MEASURE_SPECS as Record<MeasureId, MeasureSpec>)[m];
}

/** A measure the Trends view can plot. */
export type TrendMeasure = Exclude<MeasureId, 'traces'>;

/** The measures the Trends view offers, in order. */
export function trendMeasures(): TrendMeasure[] {
  return MEASURES.filter((m): m is TrendMeasure => measureSpec(m).trends);
}

/** Type guard for a measure the Trends view can plot. */
export function isTrendMeasure(v: unknown): v is TrendMeasure {
  return typeof v === 'string' && (trendMeasures() as string[]).includes(v);
}

/** The measures of the Overview's key figures, in order. */
export function keyFigureMeasures(): MeasureId[] {
  return MEASURES.filter((m) => measureSpec(m).keyFigure);
}

/** The measures computed as the sum of a seizure column, with their column. */
export function summedMeasures(
  filter: (m: MeasureId) => boolean = () => true,
): { id: MeasureId; column: string }[] {
  return MEASURES.flatMap((id) => {
    const of = measureSpec(id).of;
    return of.kind === 'sum' && filter(id) ? [{ id, column: of.column }] : [];
  });
}
