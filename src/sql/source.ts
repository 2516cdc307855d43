/**
 * One source-selection function per grain: given the dataset (`SqlModel`) and the filters, what
 * a query reads (`FROM …`), how it filters (`WHERE …`) and how it counts. Every builder goes
 * through these, so "join seizures only when a filter tests them", "read a cube when it answers
 * exactly" and "under a firearm filter count the matching firearms" are each decided once.
 *
 * The rule for firearm filters, everywhere: a firearm filter selects **the firearms that pass
 * every firearm test** (one firearm must pass them all); seizures are the seizures holding at
 * least one of them; firearm figures sum only those firearms, never every firearm of the seizures.
 */
import { join, sql } from './fragment';
import { FIREARM_TYPES } from '../domain/vocabulary';
import type { Granularity } from '../model/viewState';
import { CUBE_NAMES, cubeKind, type SourceNeeds } from './cube';
import { quoteIdent } from './literal';
import { eventCount, rowWeight, type SqlModel } from './model';
import { selectionOf } from './selection';
import type { SharedSelection, SqlQuery, SqlValue } from './types';
import {
  activeClauses,
  filtersFirearms,
  filtersSeizures,
  firearmCondition,
  whereClause,
  type FilterState,
  type WhereOptions,
} from './where';

type Exclude = WhereOptions['exclude'];

/** What a seizure-grain aggregate reads (alias `s`), its filter, and its measures. */
export interface SeizureSource {
  /** Which rows: `seizures`, or one of the cubes. */
  kind: 'table' | 'route' | 'type';
  /** True when reading a cube. */
  cube: boolean;
  /** The `FROM` item(s), without the keyword; the seizure row is `s`. */
  from: SqlQuery;
  /** The WHERE condition (without the keyword) on those rows. */
  where: SqlQuery;
  /** Number of seizures in a group. */
  count: string;
  /** Seizures one row stands for (to sum after an unnest). */
  n: string;
  /** Earliest and latest seizure date of a group. */
  first: string;
  last: string;
  /** Sum of the matching firearms of a group. */
  firearms: string;
  /** The matching firearms of one row. */
  firearmsOfRow: string;
  /** Sums of the matching firearms' trace requests, all and answered (cubes only). */
  traces: { all: string; answered: string } | null;
  /** Sum of the matching firearms whose illicit origin was established (cubes only). */
  established: string | null;
  /**
   * Under a firearm filter, with `share`: the matching firearms counted per seizure, as a shared
   * selection that `from` reads by name (the query must carry it: `withSelection`). Else null.
   */
  selection: Pick<SharedSelection, 'name' | 'rows'> | null;
}

/** How a seizure-grain query may read its rows, beyond what the cubes need. */
export interface SeizureSourceOptions {
  /**
   * Under a firearm filter, read the matching firearms per seizure from a shared selection, made
   * once for every query under the same filters (`src/sql/selection.ts`): the query must then
   * carry `selection` (`withSelection`). At 1M seizures, the Patterns view's five seizure
   * breakdowns and the headline each grouped the filtered firearms again (0.1–0.6 s apiece).
   */
  share?: boolean;
}

/** The firearm types every active type test admits (the tests hold for the same firearm). */
function matchedTypes(state: FilterState, exclude: Exclude): string[] {
  let types: string[] = [...FIREARM_TYPES];
  for (const c of activeClauses(state, exclude)) {
    if (c.field === 'firearmType') types = types.filter((t) => c.values.includes(t));
  }
  return types;
}

const rowSum = (cols: string[]) =>
  cols.length ? `(${cols.map((c) => `s.${c}`).join(' + ')})` : '0';
const sumOf = (cols: string[]) => `coalesce(sum(${rowSum(cols)}), 0)`;

/**
 * The source of a seizure-grain query under `state` (leaving out `exclude`'s cross-filters): the
 * route cube when it answers exactly, the type cube when firearm-type tests are the only firearm
 * tests, else `seizures` — joined, under a firearm filter, to its matching firearms counted per
 * seizure (so seizures without one drop out and firearm sums count only those).
 */
export function seizureSource(
  model: SqlModel,
  state: FilterState,
  exclude: Exclude,
  needs: SourceNeeds = {},
  options: SeizureSourceOptions = {},
): SeizureSource {
  const kind = model.cubes ? cubeKind(state, exclude, needs) : null;
  if (!kind || !model.cubes) {
    const common = {
      kind: 'table' as const,
      cube: false,
      count: eventCount(model, 'seizure'),
      n: rowWeight(model, 'seizure'),
      first: 'min(s.seizure_date)',
      last: 'max(s.seizure_date)',
      traces: null,
      established: null,
      selection: null,
    };
    const fc = firearmCondition(state, exclude);
    if (!fc) {
      return {
        ...common,
        from: { sql: 'seizures s', params: [] },
        where: whereClause(state, { grain: 'seizure', exclude }),
        firearms: 'coalesce(sum(s.firearms_count), 0)',
        firearmsOfRow: 's.firearms_count',
      };
    }
    const matching = {
      sql: `SELECT f.seizure_id, ${eventCount(model, 'firearm')} AS n FROM firearms f WHERE ${fc.sql} GROUP BY f.seizure_id`,
      params: fc.params,
    };
    const selection = options.share ? selectionOf(matching) : null;
    return {
      ...common,
      selection,
      from: selection
        ? {
            sql: `seizures s JOIN ${selection.name} fm ON fm.seizure_id = s.seizure_id`,
            params: [],
          }
        : sql`seizures s JOIN (
  ${matching}
) fm ON fm.seizure_id = s.seizure_id`,
      where: whereClause(state, { grain: 'seizure', exclude, omitFirearms: true }),
      firearms: 'coalesce(sum(fm.n), 0)',
      firearmsOfRow: 'fm.n',
    };
  }
  const table = { sql: `${model.cubes}.${CUBE_NAMES[kind]} s`, params: [] };
  const where = whereClause(state, { grain: 'seizure', exclude, typeMask: kind === 'type' });
  const common = {
    kind,
    cube: true,
    from: table,
    count: 'coalesce(sum(s.n), 0)',
    n: 's.n',
    first: 'min(s.first_date)',
    last: 'max(s.last_date)',
    selection: null,
  };
  if (kind === 'route') {
    return {
      ...common,
      where,
      firearms: 'coalesce(sum(s.firearms_count), 0)',
      firearmsOfRow: 's.firearms_count',
      traces: {
        all: 'coalesce(sum(s.traces), 0)',
        answered: 'coalesce(sum(s.traces_answered), 0)',
      },
      established: 'coalesce(sum(s.established), 0)',
    };
  }
  const types = matchedTypes(state, exclude);
  const ofRow = rowSum(types.map((t) => `f_${t}`));
  return {
    ...common,
    // A type-cube row whose seizures hold none of the types every test admits has no matching
    // firearm (the mask shares a bit with each test, not necessarily with their intersection).
    where: { sql: `(${where.sql}) AND ${ofRow} > 0`, params: where.params },
    firearms: sumOf(types.map((t) => `f_${t}`)),
    firearmsOfRow: ofRow,
    traces: {
      all: sumOf(types.map((t) => `t_${t}`)),
      answered: sumOf(types.map((t) => `ta_${t}`)),
    },
    established: sumOf(types.map((t) => `e_${t}`)),
  };
}

/** Date precisions as fine as, or finer than, each series grain. */
const PRECISE_ENOUGH: Readonly<Record<Granularity, readonly string[]>> = {
  // Undated records ('unknown') are drawn at no grain.
  week: ['day'],
  month: ['day', 'month'],
  quarter: ['day', 'month', 'quarter'],
  year: ['day', 'month', 'quarter', 'year'],
};

/**
 * The condition a series at `granularity` puts on its records: only those dated at least that
 * precisely. A record dated to the year is never drawn as a January spike; `coarseDatesQuery`
 * counts what a series leaves out, and the view says so.
 */
export function preciseEnough(granularity: Granularity): string {
  if (granularity === 'year') return "s.date_precision <> 'unknown'";
  return `s.date_precision IN (${PRECISE_ENOUGH[granularity].map((p) => `'${p}'`).join(', ')})`;
}

/** Seizures under the filters, and those dated too coarsely for a series at `granularity`. */
export interface CoarseDatesRow {
  total: number;
  coarse: number;
  /** Of the coarse ones, those dated to the year only. */
  yearOnly: number;
}

/** How many seizures a series at `granularity` leaves out for their date precision. */
export function coarseDatesQuery(
  model: SqlModel,
  state: FilterState,
  exclude: Exclude,
  granularity: Granularity,
): SqlQuery {
  const src = seizureSource(model, state, exclude, { granularity: 'month' });
  const body = fromWhere(src);
  const w = (cond: string) =>
    src.n === '1'
      ? `count(*) FILTER (WHERE ${cond})`
      : `coalesce(sum(${src.n}) FILTER (WHERE ${cond}), 0)`;
  return {
    sql: `SELECT ${src.count}::BIGINT AS total, ${w(`NOT (${preciseEnough(granularity)}) AND s.date_precision <> 'unknown'`)}::BIGINT AS coarse,
  ${w("s.date_precision = 'year'")}::BIGINT AS "yearOnly"
${body.sql}`,
    params: body.params,
  };
}

/** Records under the filters that a time view or the map cannot draw. */
export interface NotDrawnRow {
  seizures: number;
  firearms: number;
}

/**
 * How many seizures (and their firearms) under the filters are undated (`date_precision`
 * 'unknown') or placed in no country (`location_precision` 'unknown'): kept by an import, counted
 * by every figure, drawn on no timeline or map, and said so.
 */
export function notDrawnQuery(
  model: SqlModel,
  state: FilterState,
  exclude: Exclude,
  kind: 'undated' | 'unplaced',
): SqlQuery {
  const src = seizureSource(model, state, exclude, { granularity: 'month' });
  // A record placed in no country has no country code (the cubes keep that column).
  const cond = kind === 'undated' ? "s.date_precision = 'unknown'" : 's.country_iso3 IS NULL';
  const body = fromWhere(src, cond);
  return {
    sql: `SELECT ${src.count}::BIGINT AS seizures, ${src.firearms}::BIGINT AS firearms ${body.sql}`,
    params: body.params,
  };
}

/** `FROM <from> WHERE <where> [AND <extra>…]` of a source, parameters in order. */
export function fromWhere(
  src: { from: SqlQuery; where: SqlQuery },
  ...extra: (SqlQuery | string)[]
): SqlQuery {
  const parts = extra.map((e) => (typeof e === 'string' ? sql(e) : e));
  return sql`FROM ${src.from} WHERE ${join([src.where, ...parts], ' AND ')}`;
}

/** A firearm- or trace-grain source: rows (aliases `f`, `t`, `s` as joined), filter and count. */
export interface RowSource {
  from: SqlQuery;
  where: SqlQuery;
  /** Number of firearms (or trace requests) in a group. */
  count: string;
  /** How many one row stands for. */
  weight: string;
  /**
   * When filtering needs a join (or a subquery), the filtered rows as a shared selection that
   * `from` reads by name: the query built on the source must carry it (`withSelection`).
   */
  selection: Pick<SharedSelection, 'name' | 'rows'> | null;
}

/** Joins a source adds to its `FROM` for the columns a query reads beyond the filters. */
export interface SourceJoins {
  /** The query reads seizure columns (`s`). */
  seizures?: boolean;
  /** The query reads firearm columns (`f`; trace grain only). */
  firearms?: boolean;
  /** Further joins, appended as written (e.g. `LEFT JOIN places p ON …`). */
  more?: string;
  /**
   * Trace grain: share the filtered requests with the other queries of the view when anything
   * filters them (`src/sql/selection.ts`); the query must then carry `selection`
   * (`withSelection`) and read only `SHARED_TRACE_COLUMNS` (no other join but `more`).
   */
  share?: boolean;
}

/**
 * Firearms under the filters (alias `f`), joined to their seizure only when a filter tests it
 * or the query reads it (every firearm has its seizure, so the join drops no row).
 */
export function firearmSource(
  model: SqlModel,
  state: FilterState,
  exclude: Exclude,
  joins: SourceJoins = {},
): RowSource {
  const w = whereClause(state, { grain: 'firearm', exclude });
  const seizures = joins.seizures || filtersSeizures(state, exclude);
  return {
    from: {
      sql: `firearms f${seizures ? ' JOIN seizures s ON s.seizure_id = f.seizure_id' : ''}${joins.more ? ` ${joins.more}` : ''}`,
      params: [],
    },
    where: w,
    count: eventCount(model, 'firearm'),
    weight: rowWeight(model, 'firearm'),
    selection: null,
  };
}

/**
 * The trace columns a shared selection of requests holds (with the weight column, if any): what
 * the Traces view's panels read. Materialising a column costs (at 10M seizures, 2.6M filtered
 * requests took 5.1 s with every column, 3.3 s with these), so the selection holds no more.
 */
export const SHARED_TRACE_COLUMNS = [
  'requesting_iso3',
  'requested_iso3',
  'outcome',
  'sent_date',
  'answered_date',
  'time_to_crime_days',
] as const;

/**
 * Trace requests under the filters (alias `t`), joined to their seizure and firearm only when a
 * filter tests them or the query reads them (at 10M seizures the join to `seizures` alone took
 * most of an unfiltered query's time).
 */
export function traceSource(
  model: SqlModel,
  state: FilterState,
  exclude: Exclude,
  joins: SourceJoins = {},
): RowSource {
  const w = whereClause(state, { grain: 'trace', exclude });
  const seizureJoin = ' JOIN seizures s ON s.seizure_id = t.seizure_id';
  const firearmJoin = ' JOIN firearms f ON f.firearm_id = t.firearm_id';
  const bySeizure = filtersSeizures(state, exclude);
  const byFirearm = filtersFirearms(state, exclude);
  const more = joins.more ? ` ${joins.more}` : '';
  const common = { count: eventCount(model, 'trace'), weight: rowWeight(model, 'trace') };
  // Any filter at all: at 10M seizures a scan of the 6.4M requests per panel, for an outcome
  // filter alone, cost more than making the filtered ones once.
  if (joins.share && !joins.seizures && !joins.firearms && w.sql !== 'TRUE') {
    // The filtered requests, made once for every query under the same filters.
    const columns = [
      ...SHARED_TRACE_COLUMNS,
      ...(model.weights.trace ? [model.weights.trace] : []),
    ];
    const selection = selectionOf({
      sql: `SELECT ${columns.map((c) => `t.${quoteIdent(c)}`).join(', ')} FROM traces t${bySeizure ? seizureJoin : ''}${byFirearm ? firearmJoin : ''} WHERE ${w.sql}`,
      params: w.params,
    });
    return {
      ...common,
      from: { sql: `${selection.name} t${more}`, params: [] },
      where: { sql: 'TRUE', params: [] },
      selection,
    };
  }
  return {
    ...common,
    from: {
      sql: `traces t${joins.seizures || bySeizure ? seizureJoin : ''}${joins.firearms || byFirearm ? firearmJoin : ''}${more}`,
      params: [],
    },
    where: w,
    selection: null,
  };
}

/** Parameters of a clamped `LIMIT`. */
export function limitParam(n: number): SqlValue {
  return Math.max(1, Math.floor(n));
}
