/**
 * From view state to a WHERE clause with bound parameters. Every value goes through a `?`
 * placeholder; the only names that reach the SQL text come from the field registry
 * (`src/model/fields.ts`), never from the URL. A view's query leaves out the cross-filter it owns
 * (`exclude`), so a brushed chart still shows its whole axis.
 *
 * Table aliases: `s` seizures, `f` firearms, `t` traces.
 */
import { join as joinSql } from './fragment';
import { FIREARM_TYPES } from '../domain/vocabulary';
import {
  FIELDS,
  FIELD_IDS,
  isSubdivisionCode,
  type FieldGrain,
  type FieldId,
} from '../model/fields';
import type { CrossFilter, PlaceLevel, ViewState } from '../model/viewState';
import { quoteIdent } from './literal';
import type { SqlQuery, SqlValue } from './types';

/** The part of the view state that filters rows. */
export type FilterState = Pick<ViewState, 'time' | 'filters' | 'crossFilters'>;

/** Options of `whereClause`. */
export interface WhereOptions {
  /**
   * The row the query counts: decides whether firearm and trace tests are direct or a semi-join
   * (`s.seizure_id IN (SELECT … )`; DuckDB ran the equivalent correlated `EXISTS` 5–8× slower:
   * 145–254 ms against 29–43 ms for a trace-outcome filter on the headline at 1M seizures).
   */
  grain: FieldGrain;
  /** The client (or clients, for a view that owns several) whose cross-filters are left out. */
  exclude?: string | readonly string[];
  /**
   * Test firearm types on the type cube's `type_mask` instead of a semi-join to firearms (seizure
   * grain only; every firearm test must then be a type test, see `cubeKind`).
   */
  typeMask?: boolean;
  /**
   * At seizure grain, leave firearm tests out of the condition: the query joins the matching
   * firearms instead (`seizureSource`), so they are tested there, once, on the same firearm.
   */
  omitFirearms?: boolean;
}

/** At which level places are drawn and grouped: countries, or first-level subdivisions. */
export type { PlaceLevel } from '../model/viewState';

/** A route end at `level`: the subdivision where known (admin-1 level), else the country. */
export function routeEnd(end: 'origin' | 'destination', level: PlaceLevel): string {
  return level === 'admin1' ? `coalesce(s.${end}_admin1, s.${end}_iso3)` : `s.${end}_iso3`;
}

/** The suspected route of a seizure `s` as a list at `level`, unknown ends left out. */
export function pathExpr(level: PlaceLevel = 'country'): string {
  return `list_filter(list_concat([${routeEnd('origin', level)}], s.transit_iso3, [${routeEnd('destination', level)}]), x -> x IS NOT NULL)`;
}

/** The legs of a seizure's route at `level` as `'A>B'` strings. */
export function legsExpr(level: PlaceLevel = 'country'): string {
  const p = pathExpr(level);
  return `list_transform(range(1, len(${p})), i -> ${p}[i] || '>' || ${p}[i + 1])`;
}

/** The suspected route of a seizure `s` as a list of countries, unknown ends left out. */
export const PATH_EXPR = pathExpr('country');

/** The legs of a seizure's route (countries) as `'A>B'` strings. */
export const LEGS_EXPR = legsExpr('country');

/** The level a route or leg between two place codes was drawn at (by the codes' shape). */
export function levelOf(...codes: string[]): PlaceLevel {
  return codes.some((c) => isSubdivisionCode(c)) ? 'admin1' : 'country';
}

/**
 * The last day of a record's period: a record dated to the month or the year is dated to its
 * first day (`date_precision` says which), so it ends a month or a year later.
 */
export const PERIOD_END_EXPR = `CAST(CASE s.date_precision WHEN 'year' THEN s.seizure_date + INTERVAL 1 YEAR WHEN 'quarter' THEN s.seizure_date + INTERVAL 3 MONTH WHEN 'month' THEN s.seizure_date + INTERVAL 1 MONTH ELSE s.seizure_date + INTERVAL 1 DAY END - INTERVAL 1 DAY AS DATE)`;

/**
 * The time rule, everywhere: a record is in a date range when its **whole period** is inside it.
 * A record dated to the year 2021 is in 2021-01-01…2021-12-31, not in January–June 2021 (it only
 * partly overlaps), and the views say how many such records a range leaves out.
 */
function timePredicates(from: string | null, to: string | null): Predicate[] {
  const out: Predicate[] = [];
  if (from) out.push({ grain: 'seizure', sql: 's.seizure_date >= ?::DATE', params: [from] });
  if (to)
    out.push({
      grain: 'seizure',
      // The first test prunes by zone maps; the second applies the period rule.
      sql: `s.seizure_date <= ?::DATE AND ${PERIOD_END_EXPR} <= ?::DATE`,
      params: [to, to],
    });
  return out;
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

interface Predicate {
  grain: FieldGrain;
  sql: string;
  params: SqlValue[];
  /** For a firearm-type test: the types it admits, as `type_mask` bits. */
  mask?: number;
}

/** The bit of a firearm type in the type cube's `type_mask` (0 for an unknown type). */
function typeBit(type: string): number {
  const i = (FIREARM_TYPES as readonly string[]).indexOf(type);
  return i < 0 ? 0 : 1 << i;
}

/** The test of one field against a set of values, on its own table alias. */
function fieldPredicate(field: FieldId, values: readonly string[]): Predicate {
  const spec = FIELDS[field];
  const alias = spec.grain === 'seizure' ? 's' : spec.grain === 'firearm' ? 'f' : 't';
  const params: SqlValue[] = field === 'operation' ? values.map(Number) : [...values];
  const test = spec.test;
  switch (test.kind) {
    case 'in':
      return {
        grain: spec.grain,
        sql: `${alias}.${quoteIdent(test.column)} IN (${placeholders(values.length)})`,
        params,
        ...(field === 'firearmType' && { mask: values.reduce((m, v) => m | typeBit(v), 0) }),
      };
    case 'place': {
      // Countries test the country column, subdivisions (ISO 3166-2) the admin-1 column.
      const countries = values.filter((v) => !isSubdivisionCode(v));
      const subs = values.filter((v) => isSubdivisionCode(v));
      const tests = [
        ...(countries.length
          ? [`${alias}.${quoteIdent(test.country)} IN (${placeholders(countries.length)})`]
          : []),
        ...(subs.length
          ? [`${alias}.${quoteIdent(test.admin1)} IN (${placeholders(subs.length)})`]
          : []),
      ];
      return {
        grain: spec.grain,
        sql: tests.length > 1 ? `(${tests.join(' OR ')})` : tests[0]!,
        params: [...countries, ...subs],
      };
    }
    case 'list_any':
      return {
        grain: spec.grain,
        sql: `list_has_any(${alias}.${quoteIdent(test.column)}, [${placeholders(values.length)}])`,
        params,
      };
    case 'region':
      return {
        grain: 'seizure',
        sql: `s.country_iso3 IN (SELECT iso3 FROM places WHERE atlas_region IN (${placeholders(values.length)}))`,
        params,
      };
    case 'flags':
      // Column names come from the vocabulary the value was validated against.
      return {
        grain: 'seizure',
        sql: `(${values.map((v) => `s.${quoteIdent(test.prefix + v)}`).join(' OR ')})`,
        params: [],
      };
  }
}

function crossFilterPredicates(c: CrossFilter): Predicate[] {
  switch (c.kind) {
    case 'point':
      return [fieldPredicate(c.field, c.values)];
    case 'interval':
      return timePredicates(c.from, c.to);
    case 'route': {
      // Each end tests the column of its own level (a subdivision end, its admin-1 column).
      const end = (e: 'origin' | 'destination', code: string) =>
        isSubdivisionCode(code) ? `s.${e}_admin1 = ?` : `s.${e}_iso3 = ?`;
      return [
        {
          grain: 'seizure',
          sql: `(${end('origin', c.origin)} AND ${end('destination', c.destination)})`,
          params: [c.origin, c.destination],
        },
      ];
    }
    case 'leg':
      return [
        {
          grain: 'seizure',
          sql: `list_contains(${legsExpr(levelOf(c.origin, c.destination))}, ? || '>' || ?)`,
          params: [c.origin, c.destination],
        },
      ];
  }
}

/** Wraps firearm- or trace-level tests so they apply at the query's grain. */
function atGrain(
  grain: FieldGrain,
  preds: Predicate[],
  typeMask = false,
  omitFirearms = false,
): SqlQuery[] {
  const out: SqlQuery[] = [];
  const join = (ps: Predicate[]) => joinSql(ps, ' AND ');
  const by = (g: FieldGrain) => preds.filter((p) => p.grain === g);
  const seizure = by('seizure');
  const firearm = by('firearm');
  const trace = by('trace');
  if (seizure.length) out.push(join(seizure));
  if (firearm.length && omitFirearms && grain === 'seizure') {
    // Tested by the caller's join of matching firearms.
  } else if (firearm.length && typeMask) {
    // Type tests on one firearm: it must have a type all of them admit.
    let mask = 0xff;
    for (const p of firearm) {
      if (p.mask === undefined) throw new Error('Only firearm-type tests can read the type mask');
      mask &= p.mask;
    }
    out.push({ sql: '(s.type_mask & ?::UTINYINT) <> 0', params: [mask] });
  } else if (firearm.length) {
    const inner = join(firearm);
    out.push(
      grain === 'seizure'
        ? {
            sql: `s.seizure_id IN (SELECT f.seizure_id FROM firearms f WHERE ${inner.sql})`,
            params: inner.params,
          }
        : inner, // firearm and trace grains join firearms as f
    );
  }
  if (trace.length) {
    const inner = join(trace);
    out.push(
      grain === 'trace'
        ? inner
        : grain === 'firearm'
          ? {
              sql: `f.firearm_id IN (SELECT t.firearm_id FROM traces t WHERE t.firearm_id IS NOT NULL AND ${inner.sql})`,
              params: inner.params,
            }
          : {
              sql: `s.seizure_id IN (SELECT t.seizure_id FROM traces t WHERE ${inner.sql})`,
              params: inner.params,
            },
    );
  }
  return out;
}

/**
 * The WHERE condition (without the keyword) for a state: `TRUE` when nothing filters.
 * Explicit filters on several firearm fields must hold for the same firearm.
 */
export function whereClause(state: FilterState, options: WhereOptions): SqlQuery {
  const preds: Predicate[] = [];
  preds.push(...timePredicates(state.time.from, state.time.to));
  for (const f of FIELD_IDS) {
    const values = state.filters[f];
    if (values.length > 0) preds.push(fieldPredicate(f, values));
  }
  const typeMask = options.typeMask === true && options.grain === 'seizure';
  const omit = options.omitFirearms === true;
  const parts = atGrain(options.grain, preds, typeMask, omit);
  for (const c of state.crossFilters) {
    if (!isExcluded(c.source, options.exclude))
      parts.push(...atGrain(options.grain, crossFilterPredicates(c), typeMask, omit));
  }
  if (parts.length === 0) return { sql: 'TRUE', params: [] };
  return {
    sql: parts.map((p) => `(${p.sql})`).join(' AND '),
    params: parts.flatMap((p) => p.params),
  };
}

/**
 * Every firearm test of a state (filters and cross-filters other than `exclude`'s), joined with
 * AND on one firearm aliased `f`, or null when none applies. "The matching firearms" of a view are
 * the firearms that pass all of them.
 */
export function firearmCondition(
  state: FilterState,
  exclude?: WhereOptions['exclude'],
): SqlQuery | null {
  const preds: Predicate[] = [];
  for (const f of FIELD_IDS) {
    const values = state.filters[f];
    if (values.length > 0 && FIELDS[f].grain === 'firearm') preds.push(fieldPredicate(f, values));
  }
  for (const c of state.crossFilters) {
    if (isExcluded(c.source, exclude)) continue;
    for (const p of crossFilterPredicates(c)) if (p.grain === 'firearm') preds.push(p);
  }
  if (preds.length === 0) return null;
  return {
    sql: preds.map((p) => `(${p.sql})`).join(' AND '),
    params: preds.flatMap((p) => p.params),
  };
}

/** True when the cross-filter of `source` is one the query leaves out. */
export function isExcluded(source: string, exclude: WhereOptions['exclude']): boolean {
  return typeof exclude === 'string' ? source === exclude : (exclude?.includes(source) ?? false);
}

/** One active test of a state: a filter field, or a cross-filter some other view set. */
export type ActiveClause =
  | { kind: 'filter' | 'point'; field: FieldId; grain: FieldGrain; values: readonly string[] }
  | { kind: 'interval'; field: null; grain: 'seizure'; from: string; to: string }
  | { kind: 'route' | 'leg'; field: null; grain: 'seizure' };

/**
 * The filters and cross-filters (other than `exclude`'s) that apply, in one list, so the code
 * that decides how to answer a query (which table, which grain) walks them in one way.
 * Time bounds are not in it: they are `state.time`.
 */
export function activeClauses(
  state: FilterState,
  exclude?: WhereOptions['exclude'],
): ActiveClause[] {
  const out: ActiveClause[] = [];
  for (const f of FIELD_IDS) {
    const values = state.filters[f];
    if (values.length > 0) out.push({ kind: 'filter', field: f, grain: FIELDS[f].grain, values });
  }
  for (const c of state.crossFilters) {
    if (isExcluded(c.source, exclude)) continue;
    if (c.kind === 'point')
      out.push({ kind: 'point', field: c.field, grain: FIELDS[c.field].grain, values: c.values });
    else if (c.kind === 'interval')
      out.push({ kind: 'interval', field: null, grain: 'seizure', from: c.from, to: c.to });
    else out.push({ kind: c.kind, field: null, grain: 'seizure' });
  }
  return out;
}

/**
 * True when the WHERE clause at firearm or trace grain tests seizure columns (time, or a
 * seizure-grain filter or cross-filter): only then must such a query join `seizures s`. Every
 * firearm and trace has its seizure (the generator's integrity test), so the join selects no
 * fewer rows when nothing tests it.
 */
export function filtersSeizures(state: FilterState, exclude?: WhereOptions['exclude']): boolean {
  return (
    state.time.from !== null ||
    state.time.to !== null ||
    activeClauses(state, exclude).some((c) => c.grain === 'seizure')
  );
}

/** True when some active filter or cross-filter (other than `exclude`'s) tests firearm fields. */
export function filtersFirearms(state: FilterState, exclude?: WhereOptions['exclude']): boolean {
  return activeClauses(state, exclude).some((c) => c.grain === 'firearm');
}
