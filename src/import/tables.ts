/**
 * Facts → the product's tables, column by column: one `seizures` row per group of facts (its
 * seizure count in `seizures_n`, its firearm count in `firearms_count`), one `firearms` row per
 * kind of firearm in the group (its count in `firearms_n`), and the source rows as read, in
 * `source_rows`, for the Records table and SQL. The dataset's catalogue says which grains,
 * fields, measures and precisions came out. The same tables are written by the CLI (native
 * DuckDB) and by the browser (DuckDB-WASM, from Arrow).
 */
import {
  aggregateSeizureRow,
  FIREARMS,
  OPERATIONS_TABLE,
  PLACES,
  SEIZURES,
  SUBDIVISIONS,
  TRACES,
  type ColumnSpec,
  type TableSpec,
} from '../model/schema';
import type { Catalogue } from '../model/catalogue';
import type { FieldId } from '../model/fields';
import type { Fact } from './transform';
import { isFirearmCategory } from './vocabulary';
import type { Cell } from './types';

const extra = (name: string, type: string, nullable = true): ColumnSpec => ({
  name,
  type,
  nullable,
});

// An imported row may be undated (date NULL, precision 'unknown') or placed nowhere (country,
// coordinates NULL, location precision 'unknown'): it is kept, never dropped.
const KEPT_WITHOUT = new Set(['seizure_date', 'country_iso3', 'lat', 'lon']);

/**
 * `seizures` of an imported dataset: the product's columns (date, country and coordinates may be
 * NULL), a weight, the district, the basis and place as written, and where each row came from.
 */
export const IMPORT_SEIZURES: TableSpec = {
  ...SEIZURES,
  columns: [
    ...SEIZURES.columns.map((c) => (KEPT_WITHOUT.has(c.name) ? { ...c, nullable: true } : c)),
    extra('seizures_n', 'INTEGER', false),
    extra('district', 'VARCHAR'),
    extra('basis_original', 'VARCHAR'),
    extra('place_original', 'VARCHAR'),
    extra('source_file', 'VARCHAR'),
    extra('source_line', 'INTEGER'),
  ],
};

const SEIZURE_COLUMN = new Map(IMPORT_SEIZURES.columns.map((c, i) => [c.name, i]));
const at = (name: string) => SEIZURE_COLUMN.get(name)!;

/**
 * `firearms` of an imported dataset: a weight (`firearms_n`: the firearms a row stands for, 0 for
 * an item that is not a firearm), the items as counted (`items_n`: firearms, rounds, parts…), the
 * arm's category and the text as written. The firearm grain counts firearms only.
 */
export const IMPORT_FIREARMS: TableSpec = {
  ...FIREARMS,
  columns: [
    ...FIREARMS.columns,
    extra('firearms_n', 'INTEGER', false),
    extra('items_n', 'INTEGER', false),
    extra('category', 'VARCHAR', false),
    extra('type_original', 'VARCHAR'),
    extra('calibre_original', 'VARCHAR'),
  ],
};

/**
 * `traces` of an imported dataset: a register of trace requests may not say whom it asked or
 * when (kept, NULL), and keeps the outcome as written.
 */
export const IMPORT_TRACES: TableSpec = {
  ...TRACES,
  columns: [
    ...TRACES.columns.map((c) =>
      c.name === 'requested_iso3' || c.name === 'sent_date' || c.name === 'requesting_iso3'
        ? { ...c, nullable: true }
        : c,
    ),
    extra('outcome_original', 'VARCHAR'),
  ],
};

/** Every table of an imported dataset, in the order they are written (source rows apart). */
export const IMPORT_TABLES: readonly TableSpec[] = [
  PLACES,
  SUBDIVISIONS,
  OPERATIONS_TABLE,
  IMPORT_SEIZURES,
  IMPORT_FIREARMS,
  IMPORT_TRACES,
];

/** A table as columns of JS values, in its spec's column order. */
export interface ColumnTable {
  spec: TableSpec;
  columns: unknown[][];
  length: number;
}

/** The tables an import produces (the gazetteer tables are copied from the app's own). */
export interface ImportedTables {
  seizures: ColumnTable;
  firearms: ColumnTable;
  /** Trace requests (a register of them); empty otherwise. */
  traces: ColumnTable;
  /** The source rows as read (row-based shapes); VARCHAR columns named by the header. */
  sourceRows: ColumnTable | null;
  catalogue: Catalogue;
  dateRange: { from: string; to: string };
}

function emptyColumns(spec: TableSpec): unknown[][] {
  return spec.columns.map(() => []);
}

/** Source column names: the header texts, made unique and at most 60 characters. */
export function sourceColumnNames(headers: readonly string[]): string[] {
  const seen = new Set(['source_file', 'source_sheet', 'source_line']);
  return headers.map((h) => {
    let base =
      [...h]
        .filter((ch) => ch >= ' ' && ch !== '"')
        .join('')
        .trim()
        .slice(0, 60) || 'column';
    let name = base;
    for (let i = 2; seen.has(name.toLowerCase()); i++) name = `${base} (${i})`;
    base = name;
    seen.add(base.toLowerCase());
    return base;
  });
}

/** The last day of the period a record is dated to ("2021-01-01" by year → "2021-12-31"). */
export function periodEnd(date: string, precision: string): string {
  const key = `${date}|${precision}`;
  const hit = ENDS.get(key);
  if (hit) return hit;
  const end = computePeriodEnd(date, precision);
  if (ENDS.size < 100_000) ENDS.set(key, end);
  return end;
}

const ENDS = new Map<string, string>();

function computePeriodEnd(date: string, precision: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const months =
    precision === 'year' ? 12 : precision === 'quarter' ? 3 : precision === 'month' ? 1 : 0;
  if (months === 0) return date;
  const end = new Date(Date.UTC(y, m - 1 + months, 0));
  return end.toISOString().slice(0, 10);
}

/** Builds the tables and catalogue of an import. */
export function buildTables(
  facts: readonly Fact[],
  options: { eventRows: boolean; headers?: readonly string[] },
): ImportedTables {
  const s = emptyColumns(IMPORT_SEIZURES);
  const f = emptyColumns(IMPORT_FIREARMS);
  const tr = emptyColumns(IMPORT_TRACES);
  let traceId = 0;
  const outcomes = new Set<string>();
  const groups = new Map<string, Fact[]>();
  for (const fact of facts) {
    const g = groups.get(fact.group);
    if (g) g.push(fact);
    else groups.set(fact.group, [fact]);
  }
  // Firearm rows hold a kind of firearm: the typed facts (untyped ones count only in the seizures'
  // totals), or, in a dataset that names no type at all, those with a calibre or make ('other').
  const typed = facts.some((x) => x.measure === 'firearms' && x.type);
  const makesRow = (x: Fact) => (typed ? x.type !== null : !!(x.calibre || x.make));
  const precisions = { time: new Set<string>(), place: new Set<string>() };
  const fields = new Set<FieldId>(['country', 'region']);
  const types = new Set<string>();
  let seizureFacts = 0;
  let firearmFacts = 0;
  let craft = false;
  let from = '';
  let to = '';
  const source = options.headers
    ? { names: sourceColumnNames(options.headers), rows: [] as Fact[] }
    : null;

  let seizureId = 0;
  let firearmId = 0;
  const groupId = new Map<Fact[], number>();
  for (const group of groups.values()) {
    const head = group[0]!;
    const id = ++seizureId;
    let seizures = 0;
    let firearms = 0;
    let parts = 0;
    let rounds = 0;
    const kinds = new Map<string, { fact: Fact; n: number }>();
    for (const x of group) {
      if (x.measure === 'seizures') {
        seizures += x.value;
        seizureFacts++;
      } else {
        if (x.inTotal) {
          if (isFirearmCategory(x.category)) firearms += x.value;
          else if (x.category === 'part') parts += x.value;
          else if (x.category === 'ammunition') rounds += x.value;
        }
        firearmFacts++;
        if (makesRow(x) || x.trace) {
          const k = [
            // Each trace request is about its own firearm.
            x.trace ? `trace|${firearmFacts}` : '',
            x.type,
            x.category,
            x.calibre,
            x.make,
            x.model,
            x.typeOriginal,
            x.calibreOriginal,
          ].join('\u0001');
          const kind = kinds.get(k);
          if (kind) kind.n += x.value;
          else kinds.set(k, { fact: x, n: x.value });
        }
      }
    }
    const row: unknown[] = [
      ...aggregateSeizureRow({
        id,
        date: head.date || null,
        precision: head.precision,
        country: head.country,
        admin1: head.admin1,
        lat: head.lat,
        lon: head.lon,
        origin: head.origin,
        transit: head.transit,
        destination: head.destination,
        originAdmin1: head.originAdmin1,
        destinationAdmin1: head.destinationAdmin1,
        firearms: Math.round(firearms),
        reliability: 'F',
      }),
      Math.round(seizures),
      head.district,
      head.basisOriginal,
      head.placeOriginal,
      head.file,
      head.line,
    ];
    row[at('basis')] = head.basis;
    row[at('parts_count')] = Math.round(parts);
    row[at('ammunition_rounds')] = Math.round(rounds);
    if (head.country === null) row[at('location_precision')] = 'unknown';
    row.forEach((v, i) => s[i]!.push(v));
    if (head.basisOriginal) fields.add('basis');
    precisions.time.add(head.precision);
    precisions.place.add(head.country === null ? 'unknown' : head.admin1 ? 'admin1' : 'country');
    if (head.originAdmin1 || head.destinationAdmin1) precisions.place.add('admin1');
    if (head.origin) fields.add('origin');
    if (head.destination) fields.add('destination');
    if (head.transit.length) fields.add('transit');
    if (head.date) {
      if (!from || head.date < from) from = head.date;
      const end = periodEnd(head.date, head.precision);
      if (!to || end > to) to = end;
    }
    groupId.set(group, id);
    for (const { fact, n } of kinds.values()) {
      const type = fact.type ?? 'other';
      types.add(type);
      if (fact.category === 'craft') craft = true;
      if (fact.calibre) fields.add('calibre');
      if (fact.make) fields.add('make');
      const trace = fact.trace;
      const frow: unknown[] = [
        ++firearmId,
        id,
        type,
        fact.make,
        fact.model ?? '',
        fact.calibre ?? '',
        null,
        null,
        'unknown',
        fact.category === 'craft' ? 'craft' : 'unknown',
        'unknown',
        null,
        trace ? ++traceId : null,
        isFirearmCategory(fact.category) ? Math.round(n) : 0,
        Math.round(n),
        fact.category,
        fact.typeOriginal,
        fact.calibreOriginal,
      ];
      frow.forEach((v, i) => f[i]!.push(v));
      if (trace) {
        outcomes.add(trace.outcome);
        const trow: unknown[] = [
          traceId,
          firearmId,
          id,
          trace.requesting,
          trace.requested,
          trace.sent,
          trace.answered,
          trace.outcome,
          null, // last legal import
          'unknown', // diversion point
          null, // time to crime
          trace.outcomeOriginal,
        ];
        trow.forEach((v, i) => tr[i]!.push(v));
      }
    }
  }
  if (firearmId > 0) fields.add('firearmType');
  if (traceId > 0) fields.add('traceOutcome');
  if (craft) fields.add('condition');

  let sourceRows: ColumnTable | null = null;
  if (source) {
    // Each source row once, with the seizure row its facts went into.
    const seen = new Set<Cell[]>();
    for (const x of facts) {
      if (x.source && !seen.has(x.source)) {
        seen.add(x.source);
        source.rows.push(x);
      }
    }
  }
  if (source && source.rows.length) {
    const spec: TableSpec = {
      name: 'source_rows' as TableSpec['name'],
      columns: [
        extra('seizure_id', 'INTEGER', false),
        extra('source_file', 'VARCHAR', false),
        extra('source_sheet', 'VARCHAR'),
        extra('source_line', 'INTEGER', false),
        ...source.names.map((n) => extra(n, 'VARCHAR')),
      ],
    };
    const cols = emptyColumns(spec);
    for (const r of source.rows) {
      cols[0]!.push(groupId.get(groups.get(r.group)!));
      cols[1]!.push(r.file);
      cols[2]!.push(r.sheet);
      cols[3]!.push(r.line);
      source.names.forEach((_, j) => {
        const c: Cell | undefined = r.source?.[j];
        cols[4 + j]!.push(c === null || c === undefined || c === '' ? null : String(c));
      });
    }
    sourceRows = { spec, columns: cols, length: source.rows.length };
  }

  const measures: Catalogue['measures'] = [];
  if (seizureFacts > 0) measures.push('seizures');
  if (firearmFacts > 0) measures.push('firearms');
  if (traceId > 0) measures.push('traces');
  if (!measures.length) measures.push('seizures');
  const timeOrder = ['day', 'month', 'quarter', 'year', 'unknown'] as const;
  const placeOrder = ['point', 'admin2', 'admin1', 'country', 'unknown'] as const;
  const catalogue: Catalogue = {
    version: 1,
    grains: {
      seizure: { weight: options.eventRows ? null : 'seizures_n' },
      firearm: firearmId > 0 ? { weight: 'firearms_n' } : null,
      trace: traceId > 0 ? { weight: null } : null,
    },
    fields: [...fields],
    measures,
    ...(types.size && {
      vocabulary: {
        firearmType: [...types].sort(),
        ...(craft && { condition: ['craft'] }),
        ...(outcomes.size > 0 && { traceOutcome: [...outcomes].sort() }),
      },
    }),
    operations: false,
    precision: {
      time: timeOrder.filter((p) => precisions.time.has(p)),
      place: placeOrder.filter((p) => precisions.place.has(p)),
    },
  };
  if (!catalogue.precision.time.length) catalogue.precision.time.push('year');
  if (!catalogue.precision.place.length) catalogue.precision.place.push('country');
  return {
    seizures: { spec: IMPORT_SEIZURES, columns: s, length: seizureId },
    firearms: { spec: IMPORT_FIREARMS, columns: f, length: firearmId },
    traces: { spec: IMPORT_TRACES, columns: tr, length: traceId },
    sourceRows,
    catalogue,
    dateRange: { from, to },
  };
}
