/**
 * Queries behind the route map, aggregated in DuckDB: flows (legs or whole routes) with their
 * end coordinates, details of one flow for the tooltip, seizure hotspots, and the period list for
 * playback. All take the map's client id so the map's own cross-filters stay out of its queries.
 */
import { placeNameColumn } from './overview';
import type { SqlModel } from './model';
import { firearmSource, fromWhere, seizureSource } from './source';
import type { SqlQuery } from './types';
import {
  legsExpr,
  pathExpr,
  routeEnd,
  type FilterState,
  type PlaceLevel,
  type WhereOptions,
} from './where';

/** The clients whose cross-filters a map query leaves out (the map's own). */
type Exclude = WhereOptions['exclude'];

/** Options of the flow query. */
export interface FlowOptions {
  mode: 'legs' | 'routes';
  weight: 'firearms' | 'seizures';
  top: number;
  lang: string;
  /** Playback window [from, to) as ISO dates, or null for all time. */
  window: { from: string; to: string } | null;
  /** Draw route ends at their subdivision where known (`admin1`), or roll up to countries. */
  level?: PlaceLevel;
  /**
   * Playback's whole timeline at once: the flows of every month or quarter (each ranked within
   * its period, with its own summary rows), so a playback step filters rows already in memory
   * (and on the GPU) instead of querying. `window` is then ignored.
   */
  timeline?: PlaybackPeriod;
}

/** The length of a playback step. */
export type PlaybackPeriod = 'month' | 'quarter';

/** A period's ordinal (months since year 0), the key playback filters rows by. */
export function periodOrdinal(isoDate: string): number {
  const [y, m] = isoDate.split('-').map(Number) as [number, number];
  return y * 12 + m - 1;
}

/** The SQL of a seizure's playback period start (a DATE) for `s.seizure_date`. */
const periodStart = (period: PlaybackPeriod) =>
  period === 'month'
    ? "date_trunc('month', s.seizure_date)"
    : "date_trunc('quarter', s.seizure_date)";

/** The SQL of a period ordinal from a period start `p` (as `periodOrdinal` computes it). */
const ordinalOf = (p: string) => `(year(${p}) * 12 + month(${p}) - 1)::INTEGER`;

/**
 * Every place a flow may start or end at, with its name, region and point: the countries, and at
 * subdivision level the subdivisions too (at their own point, else their country's).
 */
export function placePointsSql(lang: string, level: PlaceLevel): string {
  const name = placeNameColumn(lang);
  const countries = `SELECT iso3 AS code, ${name} AS name, atlas_region AS region, lon, lat FROM places`;
  if (level === 'country') return countries;
  return `${countries}
  UNION ALL
  SELECT sd.code, sd.${name}, p.atlas_region, coalesce(sd.lon, p.lon), coalesce(sd.lat, p.lat)
  FROM subdivisions sd JOIN places p ON p.iso3 = sd.iso3`;
}

/** One flow, ranked by the chosen weight. */
export interface FlowRow {
  src: string;
  dst: string;
  srcName: string;
  dstName: string;
  srcRegion: string;
  dstRegion: string;
  srcLon: number;
  srcLat: number;
  dstLon: number;
  dstLat: number;
  seizures: number;
  firearms: number;
  firstSeen: string;
  lastSeen: string;
  /**
   * 1 for the top flows drawn, 0 for the single summary row of all the others, -1 for the
   * summary of flows with an end the gazetteer cannot place (not drawn, reported).
   */
  drawn: number;
  /** The playback period's ordinal (`periodOrdinal`) in a timeline, else null. */
  period: number | null;
}

/** The condition of the playback window [from, to) on `s.seizure_date` (TRUE for all time). */
const inWindow = (window: FlowOptions['window']): SqlQuery =>
  window
    ? {
        sql: 's.seizure_date >= ?::DATE AND s.seizure_date < ?::DATE',
        params: [window.from, window.to],
      }
    : { sql: 'TRUE', params: [] };

/**
 * The flows of the filtered seizures: each hop of origin → transit… → destination (`legs`), or
 * origin → destination (`routes`); domestic hops (A → A) are left out. Returns the `top` flows by
 * weight, then one summary row (`drawn = 0`, `src = dst = ''`) totalling every other flow.
 */
export function flowsQuery(
  model: SqlModel,
  state: FilterState,
  client: Exclude,
  o: FlowOptions,
): SqlQuery {
  const window = o.timeline ? null : o.window;
  const src = seizureSource(model, state, client, {
    starts: window ? [window.from, window.to] : [],
    placeLevel: o.level,
    ...(o.timeline && { granularity: o.timeline }),
  });
  const body = fromWhere(src, inWindow(window));
  const level = o.level ?? 'country';
  const period = o.timeline ? ordinalOf(periodStart(o.timeline)) : 'NULL::INTEGER';
  const cols = `${src.n} AS n, ${src.firearmsOfRow} AS firearms_count, ${src.cube ? 's.first_date, s.last_date' : 's.seizure_date AS first_date, s.seizure_date AS last_date'}, ${period} AS period`;
  const hops =
    o.mode === 'legs'
      ? `SELECT n, firearms_count, first_date, last_date, period, path[i] AS src, path[i + 1] AS dst
         FROM (SELECT ${cols}, ${pathExpr(level)} AS path ${body.sql}) s,
              LATERAL (SELECT unnest(range(1, len(s.path))) AS i)`
      : `SELECT ${cols}, ${routeEnd('origin', level)} AS src, ${routeEnd('destination', level)} AS dst
         ${body.sql}`;
  const order =
    o.weight === 'firearms' ? 'firearms DESC, seizures DESC' : 'seizures DESC, firearms DESC';
  // Without a timeline every row has the same (NULL) period: one ranking, one summary row each.
  const summary = (where: string, drawn: number, from: string) =>
    o.timeline
      ? `SELECT '', '', '', '', '', '', 0, 0, 0, 0,
       sum(seizures)::BIGINT, sum(firearms)::BIGINT, '', '', ${drawn}, period
FROM ${from} WHERE ${where} GROUP BY period`
      : `SELECT '', '', '', '', '', '', 0, 0, 0, 0,
       coalesce(sum(seizures), 0)::BIGINT, coalesce(sum(firearms), 0)::BIGINT, '', '', ${drawn}, NULL::INTEGER
FROM ${from} WHERE ${where}`;
  return {
    sql: `
WITH hops AS (${hops}),
flows AS (
  SELECT period, src, dst, sum(n)::BIGINT AS seizures, coalesce(sum(firearms_count), 0)::BIGINT AS firearms,
         strftime(min(first_date), '%Y-%m-%d') AS "firstSeen", strftime(max(last_date), '%Y-%m-%d') AS "lastSeen"
  FROM hops
  WHERE src IS NOT NULL AND dst IS NOT NULL AND src <> dst
  GROUP BY period, src, dst
),
pts AS (${placePointsSql(o.lang, level)}),
placed AS (
  SELECT f.*, ps.name AS src_name, pd.name AS dst_name, ps.region AS src_region, pd.region AS dst_region,
         ps.lon AS src_lon, ps.lat AS src_lat, pd.lon AS dst_lon, pd.lat AS dst_lat,
         ps.lon IS NOT NULL AND pd.lon IS NOT NULL AS ok
  FROM flows f LEFT JOIN pts ps ON ps.code = f.src LEFT JOIN pts pd ON pd.code = f.dst
),
ranked AS (
  SELECT *, row_number() OVER (PARTITION BY period ORDER BY ${order}, src, dst) AS rank
  FROM placed WHERE ok
)
SELECT r.src, r.dst,
       coalesce(r.src_name, r.src) AS "srcName", coalesce(r.dst_name, r.dst) AS "dstName",
       coalesce(r.src_region, 'other') AS "srcRegion", coalesce(r.dst_region, 'other') AS "dstRegion",
       r.src_lon AS "srcLon", r.src_lat AS "srcLat", r.dst_lon AS "dstLon", r.dst_lat AS "dstLat",
       r.seizures, r.firearms, r."firstSeen", r."lastSeen", 1 AS drawn, r.period
FROM ranked r
WHERE r.rank <= ?
UNION ALL
${summary('rank > ?', 0, 'ranked')}
UNION ALL
${summary('NOT ok', -1, 'placed')}
ORDER BY period, drawn DESC, ${order}, src, dst`,
    params: [...body.params, o.top, o.top],
  };
}

/** The firearm types seized on one flow, for its tooltip. */
export interface FlowTypeRow {
  firearm_type: string;
  firearms: number;
}

/** Top firearm types of the seizures on one flow (a leg or a whole route). */
export function flowTypesQuery(
  model: SqlModel,
  state: FilterState,
  client: Exclude,
  o: Pick<FlowOptions, 'mode' | 'window' | 'level'>,
  src: string,
  dst: string,
): SqlQuery {
  const level = o.level ?? 'country';
  const on =
    o.mode === 'legs'
      ? `list_contains(${legsExpr(level)}, ? || '>' || ?)`
      : `${routeEnd('origin', level)} = ? AND ${routeEnd('destination', level)} = ?`;
  const rows = firearmSource(model, state, client, { seizures: true });
  const body = fromWhere(rows, inWindow(o.window), { sql: on, params: [src, dst] });
  return {
    sql: `
SELECT f.firearm_type, ${rows.count}::BIGINT AS firearms
${body.sql}
GROUP BY 1 ORDER BY firearms DESC, 1 LIMIT 3`,
    params: body.params,
  };
}

/** One hotspot cell: a point of the ~10 km grid with its weight. */
export interface HotspotRow {
  lon: number;
  lat: number;
  seizures: number;
  firearms: number;
}

/** Seizures and firearms per location (locations are already on a 0.1° grid). */
export function hotspotsQuery(
  model: SqlModel,
  state: FilterState,
  client: Exclude,
  window: FlowOptions['window'],
  timeline?: PlaybackPeriod,
): SqlQuery {
  // Locations are not in the cubes: always the table (joined to matching firearms when filtered).
  const src = seizureSource({ ...model, cubes: null }, state, client);
  // A record placed in no country has no coordinates: counted elsewhere, drawn nowhere.
  const body = fromWhere(src, inWindow(timeline ? null : window), 's.lat IS NOT NULL');
  // A timeline keeps each place's figures per period (`period`, an ordinal), for playback.
  const period = timeline ? `${ordinalOf(periodStart(timeline))}` : null;
  return {
    sql: `
SELECT s.lon, s.lat, ${src.count}::BIGINT AS seizures, ${src.firearms}::BIGINT AS firearms${period ? `, ${period} AS period` : ''}
${body.sql}
GROUP BY s.lon, s.lat${period ? ', period' : ''}`,
    params: body.params,
  };
}

/** One country of the map: names, shape id and seizing totals under the filters. */
export interface MapCountryRow {
  iso3: string;
  numeric: string | null;
  name: string;
  lon: number;
  lat: number;
  seizures: number;
  firearms: number;
}

/** Every country with its seizing totals (zero where none), for labels, clicks and the list. */
export function mapCountriesQuery(
  model: SqlModel,
  state: FilterState,
  client: Exclude,
  lang: string,
  window: FlowOptions['window'],
): SqlQuery {
  const src = seizureSource(model, state, client, {
    starts: window ? [window.from, window.to] : [],
  });
  const body = fromWhere(src, inWindow(window));
  return {
    sql: `
SELECT p.iso3, p.iso_numeric AS numeric, p.${placeNameColumn(lang)} AS name, p.lon, p.lat,
       coalesce(a.seizures, 0)::BIGINT AS seizures, coalesce(a.firearms, 0)::BIGINT AS firearms
FROM places p
LEFT JOIN (
  SELECT s.country_iso3, ${src.count} AS seizures, ${src.firearms} AS firearms
  ${body.sql} GROUP BY 1
) a ON a.country_iso3 = p.iso3
ORDER BY firearms DESC, p.iso3`,
    params: body.params,
  };
}

/** A country's seizing totals in one playback period. */
export interface MapCountryPeriodRow {
  iso3: string;
  period: number;
  seizures: number;
  firearms: number;
}

/**
 * Playback's whole timeline of the countries' seizing totals: one row per country and period
 * with any (the places themselves come from `mapCountriesQuery` with no window).
 */
export function mapCountriesTimelineQuery(
  model: SqlModel,
  state: FilterState,
  client: Exclude,
  timeline: PlaybackPeriod,
): SqlQuery {
  const src = seizureSource(model, state, client, { granularity: timeline });
  const body = fromWhere(src, 's.country_iso3 IS NOT NULL');
  return {
    sql: `
SELECT s.country_iso3 AS iso3, ${ordinalOf(periodStart(timeline))} AS period,
       ${src.count}::BIGINT AS seizures, ${src.firearms}::BIGINT AS firearms
${body.sql}
GROUP BY 1, 2
ORDER BY 1, 2`,
    params: body.params,
  };
}

/** ISO numeric → ISO3 for every place, to join basemap shapes to the data. */
export function placeCodesQuery(): SqlQuery {
  return {
    sql: 'SELECT iso3, iso_numeric AS numeric FROM places WHERE iso_numeric IS NOT NULL',
    params: [],
  };
}

/** Months or quarters with data under the filters, for the playback slider. */
export function periodsQuery(
  model: SqlModel,
  state: FilterState,
  client: Exclude,
  period: 'month' | 'quarter',
): SqlQuery {
  const body = fromWhere(seizureSource(model, state, client));
  return {
    sql: `
SELECT DISTINCT strftime(date_trunc('${period === 'month' ? 'month' : 'quarter'}', s.seizure_date), '%Y-%m-%d') AS period
${body.sql}
ORDER BY 1`,
    params: body.params,
  };
}

/** The end (exclusive) of a playback period starting on `from`. */
export function periodEnd(from: string, period: 'month' | 'quarter'): string {
  const [y, m] = from.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + (period === 'month' ? 1 : 3), 1)).toISOString().slice(0, 10);
}
