/**
 * Queries behind the route map, aggregated in DuckDB: flows (legs or whole routes) with their
 * end coordinates, details of one flow for the tooltip, seizure hotspots, and the period list for
 * playback. All take the map's client id so the map's own cross-filters stay out of its queries.
 */
import { placeNameColumn } from './overview';
import type { SqlModel } from './model';
import { firearmSource, fromWhere, seizureSource } from './source';
import type { SqlQuery } from './types';
import { LEGS_EXPR, PATH_EXPR, type FilterState, type WhereOptions } from './where';

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
  /** 1 for the top flows drawn, 0 for the single summary row of all the others. */
  drawn: number;
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
  const src = seizureSource(model, state, client, {
    starts: o.window ? [o.window.from, o.window.to] : [],
  });
  const body = fromWhere(src, inWindow(o.window));
  const name = placeNameColumn(o.lang);
  const cols = `${src.n} AS n, ${src.firearmsOfRow} AS firearms_count, ${src.cube ? 's.first_date, s.last_date' : 's.seizure_date AS first_date, s.seizure_date AS last_date'}`;
  const hops =
    o.mode === 'legs'
      ? `SELECT n, firearms_count, first_date, last_date, path[i] AS src, path[i + 1] AS dst
         FROM (SELECT ${cols}, ${PATH_EXPR} AS path ${body.sql}) s,
              LATERAL (SELECT unnest(range(1, len(s.path))) AS i)`
      : `SELECT ${cols}, s.origin_iso3 AS src, s.destination_iso3 AS dst
         ${body.sql}`;
  const order =
    o.weight === 'firearms' ? 'firearms DESC, seizures DESC' : 'seizures DESC, firearms DESC';
  return {
    sql: `
WITH hops AS (${hops}),
flows AS (
  SELECT src, dst, sum(n)::BIGINT AS seizures, coalesce(sum(firearms_count), 0)::BIGINT AS firearms,
         strftime(min(first_date), '%Y-%m-%d') AS "firstSeen", strftime(max(last_date), '%Y-%m-%d') AS "lastSeen"
  FROM hops
  WHERE src IS NOT NULL AND dst IS NOT NULL AND src <> dst
  GROUP BY src, dst
),
ranked AS (SELECT *, row_number() OVER (ORDER BY ${order}, src, dst) AS rank FROM flows)
SELECT r.src, r.dst,
       coalesce(ps.${name}, r.src) AS "srcName", coalesce(pd.${name}, r.dst) AS "dstName",
       coalesce(ps.atlas_region, 'other') AS "srcRegion", coalesce(pd.atlas_region, 'other') AS "dstRegion",
       ps.lon AS "srcLon", ps.lat AS "srcLat", pd.lon AS "dstLon", pd.lat AS "dstLat",
       r.seizures, r.firearms, r."firstSeen", r."lastSeen", 1 AS drawn
FROM ranked r
JOIN places ps ON ps.iso3 = r.src
JOIN places pd ON pd.iso3 = r.dst
WHERE r.rank <= ?
UNION ALL
SELECT '', '', '', '', '', '', 0, 0, 0, 0,
       coalesce(sum(seizures), 0)::BIGINT, coalesce(sum(firearms), 0)::BIGINT, '', '', 0
FROM ranked WHERE rank > ?
ORDER BY drawn DESC, ${order}, src, dst`,
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
  o: Pick<FlowOptions, 'mode' | 'window'>,
  src: string,
  dst: string,
): SqlQuery {
  const on =
    o.mode === 'legs'
      ? `list_contains(${LEGS_EXPR}, ? || '>' || ?)`
      : 's.origin_iso3 = ? AND s.destination_iso3 = ?';
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
): SqlQuery {
  // Locations are not in the cubes: always the table (joined to matching firearms when filtered).
  const src = seizureSource({ ...model, cubes: null }, state, client);
  const body = fromWhere(src, inWindow(window));
  return {
    sql: `
SELECT s.lon, s.lat, ${src.count}::BIGINT AS seizures, ${src.firearms}::BIGINT AS firearms
${body.sql}
GROUP BY s.lon, s.lat`,
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
