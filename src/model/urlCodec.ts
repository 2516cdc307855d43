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
 * slide.
 */
import {
  FIELDS,
  FIELD_IDS,
  isFieldId,
  normaliseFieldValue,
  type FieldId,
  isPlaceCode,
} from './fields';
import { isTrendMeasure } from './measures';
import { isRecordColumn, type RecordColumn } from './recordColumns';
import {
  DEFAULT_STATE,
  MAP_SPEEDS,
  MAP_TOP_RANGE,
  MAX_LINK_SQL_LENGTH,
  SAFE_K_RANGE,
  isDatasetName,
  isGranularity,
  isPlaceLevel,
  isLanguage,
  isTheme,
  isView,
  type CrossFilter,
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

/** Parses a URL hash into a valid state, never throwing. */
export function hashToState(hash: string): ParsedUrl {
  const dropped: string[] = [];
  const state: ViewState = structuredClone(DEFAULT_STATE) as ViewState;
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
    switch (key) {
      case 'ds':
        if (isDatasetName(value)) state.dataset = value;
        else drop();
        break;
      case 'th':
        if (isTheme(value)) state.theme = value;
        else drop();
        break;
      case 'l':
        if (isLanguage(value)) state.lang = value;
        else drop();
        break;
      case 'pl':
        if (isPlaceLevel(value)) state.placeLevel = value;
        else drop();
        break;
      case 'g':
        if (isGranularity(value)) state.granularity = value;
        else drop();
        break;
      case 't': {
        const [from = '', to = '', ...extra] = value.split(',');
        const ok =
          extra.length === 0 &&
          (from === '' || isIsoDate(from)) &&
          (to === '' || isIsoDate(to)) &&
          (from || to);
        if (ok) {
          const [a, b] = from && to && from > to ? [to, from] : [from, to];
          state.time = { from: a || null, to: b || null };
        } else drop();
        break;
      }
      case 'x': {
        const c = parseCrossFilter(raw);
        if (c && crossFilters.length < MAX_CROSS_FILTERS) {
          const i = crossFilters.findIndex((x) => x.source === c.source);
          if (i >= 0) crossFilters.splice(i, 1);
          crossFilters.push(c);
        } else drop();
        break;
      }
      case 'm': {
        const [lon, lat, zoom, ...extra] = value.split(',').map(Number);
        if (
          extra.length === 0 &&
          [lon, lat, zoom].every((n) => typeof n === 'number' && Number.isFinite(n)) &&
          Math.abs(lon!) <= 180 &&
          Math.abs(lat!) <= 85 &&
          zoom! >= 0 &&
          zoom! <= 20
        ) {
          state.map = { lon: lon!, lat: lat!, zoom: zoom! };
        } else drop();
        break;
      }
      case 'tv': {
        const [measure, split, ...extra] = value.split('~');
        if (
          extra.length === 0 &&
          isTrendMeasure(measure) &&
          (split === 'none' || split === 'type' || split === 'region' || split === 'country')
        ) {
          state.trends = { measure, split };
        } else drop();
        break;
      }
      case 'ml': {
        const [mode, weight, top, color, hot, period, speed, ...extra] = value.split('~');
        const n = Number(top);
        const v = Number(speed);
        if (
          extra.length === 0 &&
          (mode === 'legs' || mode === 'routes') &&
          (weight === 'firearms' || weight === 'seizures') &&
          Number.isInteger(n) &&
          n >= MAP_TOP_RANGE[0] &&
          n <= MAP_TOP_RANGE[1] &&
          (color === 'direction' || color === 'region') &&
          (hot === 'h' || hot === 'n') &&
          (period === 'month' || period === 'quarter') &&
          (MAP_SPEEDS as readonly number[]).includes(v)
        ) {
          state.mapLayers = {
            ...state.mapLayers,
            mode,
            weight,
            top: n,
            color,
            hotspots: hot === 'h',
            period,
            speed: v,
          };
        } else drop();
        break;
      }
      case 'mp':
        if (isIsoDate(value) && value.endsWith('-01'))
          state.mapLayers = { ...state.mapLayers, position: value };
        else drop();
        break;
      case 'sel': {
        const [kind, idRaw = '', ...extra] = raw.split('~');
        const id = dec(idRaw);
        if (
          extra.length === 0 &&
          (kind === 'seizure' || kind === 'country' || kind === 'route') &&
          id &&
          id.length <= 40 &&
          /^[A-Za-z0-9>_-]+$/.test(id)
        ) {
          state.selected = { kind, id };
        } else drop();
        break;
      }
      case 'ts': {
        const [col, dir, ...extra] = value.split('~');
        if (extra.length === 0 && isRecordColumn(col) && (dir === 'a' || dir === 'd')) {
          state.table = { ...state.table, sort: col, desc: dir === 'd' };
        } else drop();
        break;
      }
      case 'tc': {
        const cols = value.split(',');
        if (cols.length > 0 && cols.every(isRecordColumn) && new Set(cols).size === cols.length) {
          state.table = { ...state.table, columns: cols as RecordColumn[] };
        } else drop();
        break;
      }
      case 'row': {
        const n = Number(value);
        if (/^\d{1,10}$/.test(value) && Number.isSafeInteger(n)) {
          state.table = { ...state.table, row: n };
        } else drop();
        break;
      }
      case 'pr':
        if (value === '1') state.present = true;
        else drop();
        break;
      case 'sf':
        if (value === 'on' || value === 'off' || value === 'auto')
          state.safe = { ...state.safe, mode: value };
        else drop();
        break;
      case 'k': {
        const n = Number(value);
        if (/^\d{1,2}$/.test(value) && n >= SAFE_K_RANGE[0] && n <= SAFE_K_RANGE[1])
          state.safe = { ...state.safe, k: n };
        else drop();
        break;
      }
      case 'dk':
        // Opaque here: only base64url characters; the briefing feature decodes and validates it.
        if (/^[A-Za-z0-9_-]{1,}$/.test(raw) && raw.length <= MAX_DECK_LENGTH)
          state.deck = { data: raw, slide: 0 };
        else drop();
        break;
      case 'sl':
        if (/^\d{1,3}$/.test(value)) slide = Number(value);
        else drop();
        break;
      case 'q':
        // Any text is safe here: it only fills the console's editor and never runs by itself.
        if (value.trim().length > 0 && value.length <= MAX_LINK_SQL_LENGTH) state.sql = value;
        else drop();
        break;
      default:
        dropped.push(truncate(key));
    }
  }
  for (const f of FIELD_IDS) if (filters[f]) state.filters = { ...state.filters, [f]: filters[f]! };
  state.crossFilters = crossFilters;
  if (slide !== null) {
    if (state.deck) state.deck = { ...state.deck, slide };
    else dropped.push(`sl=${slide}`);
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
