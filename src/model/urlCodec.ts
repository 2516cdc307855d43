/**
 * The URL is a serialisation of the view state: `#/<view>?v=2&<key>=<value>…` with short keys,
 * defaults left out and list values comma-separated (each value percent-encoded, commas and
 * tildes included). Parsing validates field by field: an invalid or unknown part is dropped and
 * reported, the rest applies; it never throws. Links from older versions are migrated. The hash
 * keeps links working on any static host, and nothing in it ever reaches SQL unvalidated.
 *
 * Keys: ds dataset · th theme · l language · g granularity · pl place level · tv trends measure~split · t time range
 * (from,to) · one key per
 * filter field (see `fields.ts`: c r o tr d ft cal mk op pt ag tm lc to) · x cross-filter (repeated:
 * `source~p~field~v1,v2`, `source~i~from~to`, `source~r~origin~destination`, `source~l~from~to` for
 * a leg) · m map (lon,lat,zoom) · ml map layers (mode~weight~top~colour~hotspots~period~speed)
 * · mp playback position · sel selection (kind~id) · ts table sort (column~a|d) · tc table columns
 * · row first record row in view · q the SQL console's text (shown, never run by itself)
 * · pr Present mode (1) · sf briefing-safe counts (on|off, auto when absent) · k their threshold
 * · dk a deck being presented (compressed; decoded and validated by the briefing feature) · sl its
 * slide · nb the open notebook (`shipped:<file>`, `local:<id>` or `link`) · np its parameter values
 * (`name~value,…`) · nd a notebook the link carries (compressed; parsed by the notebooks feature)
 * · nf its cells read the tables under the current filters (1).
 */
import {
  FIELDS,
  FIELD_IDS,
  isFieldId,
  normaliseFieldValue,
  type FieldId,
  isPlaceCode,
} from './fields';
import { z } from 'zod';
import { isTrendMeasure, type TrendMeasure } from './measures';
import { isRecordColumn, type RecordColumn } from './recordColumns';
import {
  DEFAULT_STATE,
  GRANULARITIES,
  LANGUAGES,
  MAP_SPEEDS,
  MAP_TOP_RANGE,
  MAX_LINK_SQL_LENGTH,
  PLACE_LEVELS,
  SAFE_K_RANGE,
  THEMES,
  TREND_SPLITS,
  isDatasetName,
  isView,
  type CrossFilter,
  type NotebookRef,
  type ViewState,
} from './viewState';

/** Current version of the URL format. */
export const URL_VERSION = 2;

/** A parsed URL: the state, and what in the URL was not understood. */
export interface ParsedUrl {
  state: ViewState;
  /** Human-readable descriptions of the parts that were dropped, e.g. `th=purple`. */
  dropped: string[];
}

const MAX_HASH_LENGTH = 32768;
/** Longest deck a link may carry (characters of its compressed form). */
export const MAX_DECK_LENGTH = 24000;
/** Longest notebook a link may carry (characters of its compressed form). */
export const MAX_NOTEBOOK_LENGTH = 16000;
/** A notebook's address in a link. */
export const NOTEBOOK_ID = /^(shipped:[a-z0-9][a-z0-9.-]{0,79}|local:[a-z0-9-]{1,64}|link)$/;
const NOTEBOOK_PARAM = /^[A-Za-z_]\w{0,40}$/;
const MAX_NOTEBOOK_PARAMS = 20;
const MAX_VALUES = 200;
const MAX_CROSS_FILTERS = 12;

/** Percent-encodes a value so that `,` `~` `&` `=` can only appear as separators. */
const enc = (s: string) => encodeURIComponent(s).replace(/~/g, '%7E');
const dec = (s: string): string | null => {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
};

const round = (x: number, d: number) => Number(x.toFixed(d));

/** Serialises a state into a URL hash (with the leading `#`). */
export function stateToHash(state: ViewState): string {
  const parts: [string, string][] = [['v', String(URL_VERSION)]];
  const d = DEFAULT_STATE;
  if (state.dataset !== d.dataset) parts.push(['ds', enc(state.dataset)]);
  if (state.time.from !== null || state.time.to !== null) {
    parts.push(['t', `${state.time.from ?? ''},${state.time.to ?? ''}`]);
  }
  if (state.granularity !== d.granularity) parts.push(['g', state.granularity]);
  if (state.placeLevel !== d.placeLevel) parts.push(['pl', state.placeLevel]);
  if (state.trends.measure !== d.trends.measure || state.trends.split !== d.trends.split) {
    parts.push(['tv', `${state.trends.measure}~${state.trends.split}`]);
  }
  for (const f of FIELD_IDS) {
    const values = state.filters[f];
    if (values.length > 0) parts.push([FIELDS[f].url, values.map(enc).join(',')]);
  }
  for (const c of state.crossFilters) parts.push(['x', encodeCrossFilter(c)]);
  const m = state.map;
  if (m.lon !== d.map.lon || m.lat !== d.map.lat || m.zoom !== d.map.zoom) {
    parts.push(['m', `${round(m.lon, 3)},${round(m.lat, 3)},${round(m.zoom, 2)}`]);
  }
  const ml = state.mapLayers;
  const dl = d.mapLayers;
  if (
    ml.mode !== dl.mode ||
    ml.weight !== dl.weight ||
    ml.top !== dl.top ||
    ml.color !== dl.color ||
    ml.hotspots !== dl.hotspots ||
    ml.period !== dl.period ||
    ml.speed !== dl.speed
  ) {
    parts.push([
      'ml',
      [ml.mode, ml.weight, ml.top, ml.color, ml.hotspots ? 'h' : 'n', ml.period, ml.speed].join(
        '~',
      ),
    ]);
  }
  if (ml.position) parts.push(['mp', ml.position]);
  if (state.selected) parts.push(['sel', `${state.selected.kind}~${enc(state.selected.id)}`]);
  if (state.table.sort !== d.table.sort || state.table.desc !== d.table.desc) {
    parts.push(['ts', `${state.table.sort}~${state.table.desc ? 'd' : 'a'}`]);
  }
  if (state.table.columns) parts.push(['tc', state.table.columns.join(',')]);
  if (state.table.row > 0) parts.push(['row', String(state.table.row)]);
  if (state.sql) parts.push(['q', enc(state.sql)]);
  if (state.theme !== d.theme) parts.push(['th', state.theme]);
  if (state.lang !== d.lang) parts.push(['l', state.lang]);
  if (state.present) parts.push(['pr', '1']);
  if (state.safe.mode !== d.safe.mode) parts.push(['sf', state.safe.mode]);
  if (state.safe.k !== d.safe.k) parts.push(['k', String(state.safe.k)]);
  if (state.deck) parts.push(['dk', state.deck.data], ['sl', String(state.deck.slide)]);
  if (state.notebook) {
    const nbk = state.notebook;
    parts.push(['nb', enc(nbk.id)]);
    const ps = Object.entries(nbk.params);
    if (ps.length) parts.push(['np', ps.map(([k, v]) => `${k}~${enc(v)}`).join(',')]);
    if (nbk.data) parts.push(['nd', nbk.data]);
    if (nbk.filtered) parts.push(['nf', '1']);
  }
  return `#/${state.view}?${parts.map(([k, v]) => `${k}=${v}`).join('&')}`;
}

function encodeCrossFilter(c: CrossFilter): string {
  switch (c.kind) {
    case 'point':
      return [c.source, 'p', c.field, c.values.map(enc).join(',')].join('~');
    case 'interval':
      return [c.source, 'i', c.from, c.to].join('~');
    case 'route':
      return [c.source, 'r', c.origin, c.destination].join('~');
    case 'leg':
      return [c.source, 'l', c.origin, c.destination].join('~');
  }
}

/** Migrations of query parameters from older URL versions to the current one. */
const MIGRATIONS: Record<number, (key: string) => string> = {
  // Version 1 spelled theme and language out.
  1: (key) => (key === 'theme' ? 'th' : key === 'lang' ? 'l' : key),
};

const isIsoDate = (s: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
};
const isSource = (s: string) => /^[a-z][a-z0-9.-]{0,40}$/.test(s);

/**
 * How each key of a link is read: a schema validates (and shapes) the value, then it is applied
 * to the state. A value the schema refuses is dropped and reported. `raw` is the value still
 * percent-encoded, for keys whose parts are encoded one by one.
 */
type ReadParam = (value: string, raw: string, state: ViewState) => ViewState | null;

/** A key whose value one schema checks, applied by `set`. */
function param<T>(schema: z.ZodType<T>, set: (s: ViewState, v: T) => ViewState): ReadParam {
  return (value, _raw, state) => {
    const r = schema.safeParse(value);
    return r.success ? set(state, r.data) : null;
  };
}

/** Parts of a value separated by `sep`, each checked by its own schema (and no more parts). */
const parts = <T extends [z.ZodType, ...z.ZodType[]]>(sep: string, items: T) =>
  z
    .string()
    .transform((v) => v.split(sep))
    .pipe(z.tuple(items));

const isoDate = z.string().refine(isIsoDate);
const finite = z.coerce.number().refine(Number.isFinite);
const SLIDE = z
  .string()
  .regex(/^\d{1,3}$/)
  .transform(Number);

/** Every key but the filter fields (`fields.ts`), cross-filters (`x`) and the slide (`sl`). */
const PARAMS = new Map<string, ReadParam>([
  ['ds', param(z.string().refine(isDatasetName), (s, dataset) => ({ ...s, dataset }))],
  ['th', param(z.enum(THEMES), (s, theme) => ({ ...s, theme }))],
  ['l', param(z.enum(LANGUAGES), (s, lang) => ({ ...s, lang }))],
  ['pl', param(z.enum(PLACE_LEVELS), (s, placeLevel) => ({ ...s, placeLevel }))],
  ['g', param(z.enum(GRANULARITIES), (s, granularity) => ({ ...s, granularity }))],
  [
    't',
    param(
      parts(',', [isoDate.or(z.literal('')), isoDate.or(z.literal(''))]).refine(
        ([from, to]) => from !== '' || to !== '',
      ),
      (s, [from, to]) => {
        const [a, b] = from && to && from > to ? [to, from] : [from, to];
        return { ...s, time: { from: a || null, to: b || null } };
      },
    ),
  ],
  [
    'm',
    param(
      parts(',', [
        finite.refine((x) => Math.abs(x) <= 180),
        finite.refine((x) => Math.abs(x) <= 85),
        finite.refine((x) => x >= 0 && x <= 20),
      ]),
      (s, [lon, lat, zoom]) => ({ ...s, map: { lon, lat, zoom } }),
    ),
  ],
  [
    'tv',
    param(
      parts('~', [z.string().refine(isTrendMeasure), z.enum(TREND_SPLITS)]),
      (s, [measure, split]) => ({ ...s, trends: { measure: measure as TrendMeasure, split } }),
    ),
  ],
  [
    'ml',
    param(
      parts('~', [
        z.enum(['legs', 'routes']),
        z.enum(['firearms', 'seizures']),
        z.coerce.number().int().min(MAP_TOP_RANGE[0]).max(MAP_TOP_RANGE[1]),
        z.enum(['direction', 'region']),
        z.enum(['h', 'n']),
        z.enum(['month', 'quarter']),
        z.coerce.number().refine((v) => (MAP_SPEEDS as readonly number[]).includes(v)),
      ]),
      (s, [mode, weight, top, color, hot, period, speed]) => ({
        ...s,
        mapLayers: {
          ...s.mapLayers,
          mode,
          weight,
          top,
          color,
          hotspots: hot === 'h',
          period,
          speed,
        },
      }),
    ),
  ],
  [
    'mp',
    param(
      isoDate.refine((v) => v.endsWith('-01')),
      (s, position) => ({
        ...s,
        mapLayers: { ...s.mapLayers, position },
      }),
    ),
  ],
  [
    'sel',
    // The id is encoded on its own: read from the raw value.
    (_value, raw, s) => {
      const [kind, idRaw = '', ...extra] = raw.split('~');
      const r = z
        .tuple([
          z.enum(['seizure', 'country', 'route']),
          z.string().regex(/^[A-Za-z0-9>_-]{1,40}$/),
        ])
        .safeParse([kind, dec(idRaw)]);
      return extra.length === 0 && r.success
        ? { ...s, selected: { kind: r.data[0], id: r.data[1] } }
        : null;
    },
  ],
  [
    'ts',
    param(parts('~', [z.string().refine(isRecordColumn), z.enum(['a', 'd'])]), (s, [col, dir]) => ({
      ...s,
      table: { ...s.table, sort: col as RecordColumn, desc: dir === 'd' },
    })),
  ],
  [
    'tc',
    param(
      z
        .string()
        .transform((v) => v.split(','))
        .pipe(z.array(z.string().refine(isRecordColumn)).min(1))
        .refine((cols) => new Set(cols).size === cols.length),
      (s, cols) => ({ ...s, table: { ...s.table, columns: cols as RecordColumn[] } }),
    ),
  ],
  [
    'row',
    param(
      z
        .string()
        .regex(/^\d{1,10}$/)
        .transform(Number)
        .refine(Number.isSafeInteger),
      (s, row) => ({ ...s, table: { ...s.table, row } }),
    ),
  ],
  ['pr', param(z.literal('1'), (s) => ({ ...s, present: true }))],
  ['sf', param(z.enum(['on', 'off', 'auto']), (s, mode) => ({ ...s, safe: { ...s.safe, mode } }))],
  [
    'k',
    param(
      z
        .string()
        .regex(/^\d{1,2}$/)
        .transform(Number)
        .pipe(z.number().min(SAFE_K_RANGE[0]).max(SAFE_K_RANGE[1])),
      (s, k) => ({ ...s, safe: { ...s.safe, k } }),
    ),
  ],
  [
    'dk',
    // Opaque here: only base64url characters; the briefing feature decodes and validates it.
    (_value, raw, s) =>
      /^[A-Za-z0-9_-]{1,}$/.test(raw) && raw.length <= MAX_DECK_LENGTH
        ? { ...s, deck: { data: raw, slide: 0 } }
        : null,
  ],
  ['nb', param(z.string().regex(NOTEBOOK_ID), (s, id) => withNotebook(s, { id }))],
  [
    'np',
    // Names and values only; each value is checked against its parameter's kind where it is used.
    (_value, raw, s) => {
      const entries: [string, string][] = [];
      for (const part of raw.split(',').slice(0, MAX_NOTEBOOK_PARAMS)) {
        const i = part.indexOf('~');
        const name = i < 0 ? '' : part.slice(0, i);
        const value = i < 0 ? null : dec(part.slice(i + 1));
        if (!NOTEBOOK_PARAM.test(name) || value === null || value.length > 200) return null;
        entries.push([name, value]);
      }
      // Own properties only (a parameter named __proto__ is a name like any other).
      return withNotebook(s, { params: Object.fromEntries(entries) });
    },
  ],
  [
    'nd',
    // Opaque here: only base64url characters; the notebooks feature inflates and parses it.
    (_value, raw, s) =>
      /^[A-Za-z0-9_-]{1,}$/.test(raw) && raw.length <= MAX_NOTEBOOK_LENGTH
        ? withNotebook(s, { data: raw })
        : null,
  ],
  ['nf', param(z.literal('1'), (s) => withNotebook(s, { filtered: true }))],
  [
    'q',
    // Any text is safe here: it only fills the console's editor and never runs by itself.
    param(
      z
        .string()
        .max(MAX_LINK_SQL_LENGTH)
        .refine((v) => v.trim().length > 0),
      (s, sql) => ({ ...s, sql }),
    ),
  ],
]);

/**
 * `s` with one part of its notebook set (the notebook's keys may come in any order; one not named
 * by `nb` is the one the link carries).
 */
function withNotebook(s: ViewState, part: Partial<NotebookRef>): ViewState {
  const nb: NotebookRef = s.notebook ?? { id: 'link', params: {}, data: null, filtered: false };
  return { ...s, notebook: { ...nb, ...part } };
}

/** Parses a URL hash into a valid state, never throwing. */
export function hashToState(hash: string): ParsedUrl {
  const dropped: string[] = [];
  let state: ViewState = structuredClone(DEFAULT_STATE) as ViewState;
  let text = typeof hash === 'string' ? hash : '';
  if (text.length > MAX_HASH_LENGTH) {
    dropped.push(`(${text.length} characters: too long)`);
    text = '';
  }
  text = text.replace(/^#/, '');
  const q = text.indexOf('?');
  const path = (q < 0 ? text : text.slice(0, q)).replace(/^\/+|\/+$/g, '');
  const query = q < 0 ? '' : text.slice(q + 1);
  if (path !== '') {
    if (isView(path)) state.view = path;
    else dropped.push(`view "${truncate(dec(path) ?? path)}"`);
  }

  const pairs = query
    .split('&')
    .filter((p) => p.length > 0)
    .map((p) => {
      const i = p.indexOf('=');
      return i < 0 ? [p, ''] : [p.slice(0, i), p.slice(i + 1)];
    }) as [string, string][];
  const versionRaw = pairs.find(([k]) => k === 'v')?.[1];
  let version = versionRaw === undefined ? URL_VERSION : Number(versionRaw);
  if (!Number.isInteger(version) || version < 1 || version > URL_VERSION) {
    dropped.push(`v=${truncate(versionRaw ?? '')}`);
    version = URL_VERSION;
  }

  const fieldByUrl = new Map(FIELD_IDS.map((f) => [FIELDS[f].url as string, f]));
  const filters: Partial<Record<FieldId, string[]>> = {};
  const crossFilters: CrossFilter[] = [];
  let slide: number | null = null;
  for (const [rawKey, raw] of pairs) {
    let key = dec(rawKey) ?? rawKey;
    for (let v = version; v < URL_VERSION; v++) key = MIGRATIONS[v]?.(key) ?? key;
    if (key === 'v') continue;
    const value = dec(raw);
    const drop = () => dropped.push(`${truncate(key)}=${truncate(value ?? raw)}`);
    if (value === null) {
      drop();
      continue;
    }
    const field = fieldByUrl.get(key);
    if (field) {
      const { kept, rejected } = parseList(field, raw);
      if (rejected.length > 0) dropped.push(`${key}=${truncate(rejected.join(','))}`);
      if (kept.length > 0) filters[field] = [...new Set([...(filters[field] ?? []), ...kept])];
      continue;
    }
    if (key === 'x') {
      const c = parseCrossFilter(raw);
      if (c && crossFilters.length < MAX_CROSS_FILTERS) {
        const i = crossFilters.findIndex((x) => x.source === c.source);
        if (i >= 0) crossFilters.splice(i, 1);
        crossFilters.push(c);
      } else drop();
      continue;
    }
    if (key === 'sl') {
      const n = SLIDE.safeParse(value);
      if (n.success) slide = n.data;
      else drop();
      continue;
    }
    const param = PARAMS.get(key);
    if (!param) {
      dropped.push(truncate(key));
      continue;
    }
    const next = param(value, raw, state);
    if (next) state = next;
    else drop();
  }
  for (const f of FIELD_IDS) if (filters[f]) state.filters = { ...state.filters, [f]: filters[f]! };
  state.crossFilters = crossFilters;
  if (slide !== null) {
    if (state.deck) state.deck = { ...state.deck, slide };
    else dropped.push(`sl=${slide}`);
  }
  // A notebook is named (`nb`) or carried (`nd`); data goes only with `link`.
  if (state.notebook) {
    const nbk = state.notebook;
    if (nbk.id === 'link' && !nbk.data) {
      dropped.push('np (no notebook)');
      state.notebook = null;
    } else if (nbk.id !== 'link' && nbk.data) {
      dropped.push('nd (the link names a notebook)');
      state.notebook = { ...nbk, data: null };
    }
  }
  return { state, dropped };
}

/** Splits a raw (still encoded) list value into accepted and rejected values of a field. */
function parseList(field: FieldId, raw: string): { kept: string[]; rejected: string[] } {
  const kept: string[] = [];
  const rejected: string[] = [];
  for (const part of raw.split(',').slice(0, MAX_VALUES)) {
    const value = dec(part);
    const ok = value === null ? null : normaliseFieldValue(field, value);
    if (ok === null) rejected.push(value ?? part);
    else if (!kept.includes(ok)) kept.push(ok);
  }
  return { kept, rejected };
}

function parseCrossFilter(raw: string): CrossFilter | null {
  const [source = '', kind, a = '', b = '', ...extra] = raw.split('~');
  if (extra.length > 0 || !isSource(source)) return null;
  if (kind === 'p' && isFieldId(a)) {
    const { kept, rejected } = parseList(a, b);
    return kept.length > 0 && rejected.length === 0
      ? { source, kind: 'point', field: a, values: kept }
      : null;
  }
  if (kind === 'i' && isIsoDate(a) && isIsoDate(b) && a <= b)
    return { source, kind: 'interval', from: a, to: b };
  if ((kind === 'r' || kind === 'l') && isPlaceCode(a) && isPlaceCode(b) && a !== b) {
    return { source, kind: kind === 'r' ? 'route' : 'leg', origin: a, destination: b };
  }
  return null;
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}
