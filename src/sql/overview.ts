/**
 * Queries behind the Overview: a monthly series and the leading routes and countries, under the
 * current filters. Each takes the id of the view asking (`client`) so that view's own
 * cross-filter is left out of its query.
 */
import { isMonthEnd, isMonthStart, type SourceNeeds } from './cube';
import { keyFigureMeasures, summedMeasures, type MeasureId } from '../model/measures';
import { raw, sql } from './fragment';
import { quoteIdent } from './literal';
import type { SqlModel } from './model';
import { sumOf } from './measures';
import { fromWhere, limitParam, preciseEnough, seizureSource } from './source';
import type { SqlQuery } from './types';
import { PERIOD_END_EXPR, type FilterState } from './where';

/** One month of the overview series. */
export interface MonthlyRow {
  month: string;
  seizures: number;
  firearms: number;
}

/** Seizures and firearms per calendar month (month as `YYYY-MM`), oldest first. */
export function monthlySeriesQuery(model: SqlModel, state: FilterState, client?: string): SqlQuery {
  return totalsBy(
    model,
    state,
    client,
    { granularity: 'month' },
    { name: 'month', sql: MONTH, params: [] },
    { sql: preciseEnough('month'), params: [] },
  );
}

const MONTH = "strftime(date_trunc('month', s.seizure_date), '%Y-%m')";

/** The sums the key figures show beside seizures and firearms (from the measure registry). */
function keySums(): Record<string, string> {
  const key = new Set(keyFigureMeasures());
  return Object.fromEntries(
    summedMeasures((m) => key.has(m)).map(({ id, column }) => [id, sumOf(column)]),
  );
}

/**
 * Seizures, firearms and `sums` per `key` (an expression on `s`, with its parameters), under
 * `state` narrowed by `narrow` (a condition on `s`): one pass over a cube or over the seizures
 * (joined to their matching firearms under a firearm filter, see `seizureSource`).
 */
function totalsBy(
  model: SqlModel,
  state: FilterState,
  client: string | undefined,
  needs: SourceNeeds,
  key: SqlQuery & { name: string },
  narrow: SqlQuery = { sql: 'TRUE', params: [] },
  sums: Record<string, string> = {},
): SqlQuery {
  const src = seizureSource(model, state, client, needs);
  const extra = Object.entries(sums)
    .map(([name, expr]) => `, ${expr}::BIGINT AS ${quoteIdent(name)}`)
    .join('');
  return sql`
SELECT ${key} AS ${raw(key.name)}, ${raw(src.count)}::BIGINT AS seizures, ${raw(src.firearms)}::BIGINT AS firearms${raw(extra)}
${fromWhere(src, narrow)}
GROUP BY 1
ORDER BY 1`;
}

/** One origin → destination pair with its weight. */
export interface RouteRow {
  origin: string;
  destination: string;
  originName: string;
  destinationName: string;
  seizures: number;
  firearms: number;
}

/**
 * The top `limit` suspected origin → intended destination pairs by firearms, excluding seizures
 * whose origin is unknown or domestic. Country names come from `places` in the given language.
 */
export function topRoutesQuery(
  model: SqlModel,
  state: FilterState,
  limit: number,
  lang: string,
  client?: string,
): SqlQuery {
  const nameCol = placeNameColumn(lang);
  const src = seizureSource(model, state, client);
  const body = fromWhere(
    {
      from: sql`${src.from}
LEFT JOIN places po ON po.iso3 = s.origin_iso3
LEFT JOIN places pd ON pd.iso3 = s.destination_iso3`,
      where: src.where,
    },
    's.origin_iso3 IS NOT NULL AND s.destination_iso3 IS NOT NULL AND s.origin_iso3 <> s.destination_iso3',
  );
  const name = raw(nameCol);
  return sql`
SELECT
  s.origin_iso3 AS origin,
  s.destination_iso3 AS destination,
  coalesce(any_value(po.${name}), s.origin_iso3) AS "originName",
  coalesce(any_value(pd.${name}), s.destination_iso3) AS "destinationName",
  ${raw(src.count)}::BIGINT AS seizures,
  ${raw(src.firearms)}::BIGINT AS firearms
${body}
GROUP BY s.origin_iso3, s.destination_iso3
ORDER BY firearms DESC, origin, destination
LIMIT ${limitParam(limit)}`;
}

/** One seizing country with its totals. */
export interface CountryRow {
  iso3: string;
  name: string;
  seizures: number;
  firearms: number;
}

/** The top `limit` seizing countries by firearms. */
export function topCountriesQuery(
  model: SqlModel,
  state: FilterState,
  limit: number,
  lang: string,
  client?: string,
): SqlQuery {
  const nameCol = placeNameColumn(lang);
  const src = seizureSource(model, state, client);
  const body = fromWhere({
    from: sql`${src.from} LEFT JOIN places p ON p.iso3 = s.country_iso3`,
    where: src.where,
  });
  return sql`
SELECT
  s.country_iso3 AS iso3,
  coalesce(any_value(p.${raw(nameCol)}), s.country_iso3) AS name,
  ${raw(src.count)}::BIGINT AS seizures,
  ${raw(src.firearms)}::BIGINT AS firearms
${body}
GROUP BY s.country_iso3
ORDER BY firearms DESC, iso3
LIMIT ${limitParam(limit)}`;
}

const NAME_COLUMNS: Record<string, string> = {
  en: 'name_en',
  es: 'name_es',
  fr: 'name_fr',
  pt: 'name_pt',
};

/** The `places` column holding country names in a language (English when unknown). */
export function placeNameColumn(lang: string): string {
  return NAME_COLUMNS[lang] ?? 'name_en';
}

/** The state without its time filter and time brushes: the key figures choose their own periods. */
function untimed(state: FilterState): FilterState {
  return {
    ...state,
    time: { from: null, to: null },
    crossFilters: state.crossFilters.filter((c) => c.kind !== 'interval'),
  };
}

/** A closed date range on `s.seizure_date`. */
const between = (from: string, to: string): SqlQuery => ({
  sql: 's.seizure_date BETWEEN ?::DATE AND ?::DATE',
  params: [from, to],
});

/** Totals of one period for the Overview's key figures: one number per key-figure measure. */
export type PeriodTotalsRow = { period: 'current' | 'previous' } & Partial<
  Record<MeasureId, number>
>;

/**
 * The key-figure measures in the current period and in the previous period of
 * equal length, under every filter except time (the periods are the time). Under a firearm
 * filter, firearms are the matching ones (as in the header), not every firearm of the seizures.
 */
export function periodCompareQuery(
  model: SqlModel,
  state: FilterState,
  current: { from: string; to: string },
  previous: { from: string; to: string },
  client?: string,
): SqlQuery {
  return totalsBy(
    model,
    untimed(state),
    client,
    { starts: [current.from, previous.from], ends: [current.to] },
    {
      name: 'period',
      sql: "CASE WHEN s.seizure_date >= ?::DATE THEN 'current' ELSE 'previous' END",
      params: [current.from],
    },
    // The time rule (src/sql/where.ts): a record counts in a period when its whole period is in
    // it; one dated to a year that straddles the two periods counts in neither.
    {
      sql: `s.seizure_date >= ?::DATE AND ${PERIOD_END_EXPR} <= ?::DATE AND (${PERIOD_END_EXPR} <= ?::DATE OR s.seizure_date >= ?::DATE)`,
      params: [previous.from, current.to, previous.to, current.from],
    },
    keySums(),
  );
}

/** Monthly totals of the key-figure measures over a period, for sparklines. */
export type SparkRow = { month: string } & Partial<Record<MeasureId, number>>;

/**
 * The key measures per month between two dates (inclusive), under the filters other than time;
 * firearms counted as in `periodCompareQuery`.
 */
export function sparklineQuery(
  model: SqlModel,
  state: FilterState,
  range: { from: string; to: string },
  client?: string,
): SqlQuery {
  return totalsBy(
    model,
    untimed(state),
    client,
    { starts: [range.from], ends: [range.to] },
    { name: 'month', sql: MONTH, params: [] },
    {
      sql: `${between(range.from, range.to).sql} AND ${preciseEnough('month')}`,
      params: between(range.from, range.to).params,
    },
    keySums(),
  );
}

/**
 * The period the key figures describe: the time filter when set (open ends closed by the
 * dataset's span), else the last twelve months of data; and the previous period of equal length
 * (the same number of months before when the period is whole months).
 */
export function comparisonPeriods(
  time: { from: string | null; to: string | null },
  span: { from: string; to: string },
) {
  const day = 86_400_000;
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  if (!time.from && !time.to) {
    // The twelve calendar months ending with the data's last month, against the twelve before.
    const [y, m] = span.to.split('-').map(Number) as [number, number];
    return {
      current: { from: iso(Date.UTC(y, m - 12, 1)), to: iso(Date.UTC(y, m, 0)) },
      previous: { from: iso(Date.UTC(y, m - 24, 1)), to: iso(Date.UTC(y, m - 12, 0)) },
    };
  }
  const fromIso = time.from ?? span.from;
  const toIso = time.to ?? span.to;
  if (isMonthStart(fromIso) && isMonthEnd(toIso)) {
    // Whole months against the same number of months before (so the cube can answer).
    const [fy, fm] = fromIso.split('-').map(Number) as [number, number];
    const [ty, tm] = toIso.split('-').map(Number) as [number, number];
    const months = (ty - fy) * 12 + (tm - fm) + 1;
    return {
      current: { from: fromIso, to: toIso },
      previous: {
        from: iso(Date.UTC(fy, fm - 1 - months, 1)),
        to: iso(Date.UTC(fy, fm - 1, 0)),
      },
    };
  }
  const to = Date.parse(toIso);
  const from = Date.parse(fromIso);
  const length = to - from + day;
  return {
    current: { from: iso(from), to: iso(to) },
    previous: { from: iso(from - length), to: iso(from - day) },
  };
}
