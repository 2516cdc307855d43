/**
 * The view state: the one source of truth for what the app shows. Components are controlled by
 * it, and the URL is a serialisation of it (see `urlCodec.ts`). Filters are the user's explicit
 * choices; cross-filter clauses are selections made by clicking or brushing in a view, each owned
 * by the view that made it so that view can leave its own clause out of its own query.
 */
import { FIELD_IDS, type FieldId } from './fields';
import type { TrendMeasure } from './measures';
import type { RecordColumn } from './recordColumns';

const includes = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (list as readonly string[]).includes(v);

/** The app's views, in navigation order. Each has its own address (`#/<view>`). */
export const VIEWS = [
  'overview',
  'map',
  'flows',
  'trends',
  'patterns',
  'traces',
  'changes',
  'operations',
  'records',
  'sql',
  'notebooks',
  'import',
  'briefing',
] as const;
export type ViewId = (typeof VIEWS)[number];

/** Colour themes: light, dark, and a high-contrast, large-type theme for projectors. */
export const THEMES = ['light', 'dark', 'projector'] as const;
export type ThemeName = (typeof THEMES)[number];

/** Languages the interface speaks. */
export const LANGUAGES = ['en', 'es', 'fr', 'pt'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Time buckets of time series. */
export const GRANULARITIES = ['week', 'month', 'quarter', 'year'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** Explicit filters: for each field, the values kept (empty = no filter). */
export type Filters = Record<FieldId, readonly string[]>;

/**
 * A selection made inside a view. `source` names the view (client) that owns it. A `route` is a
 * whole suspected route (origin → intended destination); a `leg` is one hop of it (A → B, where
 * both are consecutive on origin → transit… → destination).
 */
export type CrossFilter =
  | { source: string; kind: 'point'; field: FieldId; values: readonly string[] }
  | { source: string; kind: 'interval'; from: string; to: string }
  | { source: string; kind: 'route'; origin: string; destination: string }
  | { source: string; kind: 'leg'; origin: string; destination: string };

/** The map's camera. */
export interface MapViewport {
  lon: number;
  lat: number;
  zoom: number;
}

/** How the route map draws flows and hotspots, and where its time playback stands. */
export interface MapLayers {
  /** Draw each hop (A→B, B→C…) or whole routes (origin → destination). */
  mode: 'legs' | 'routes';
  /** Arc width in proportion to firearms or to seizures. */
  weight: 'firearms' | 'seizures';
  /** How many arcs to draw (the rest is summarised in the legend). */
  top: number;
  /** Arc colours: a gradient showing direction, or the region of each end. */
  color: 'direction' | 'region';
  hotspots: boolean;
  /** Playback step. */
  period: 'month' | 'quarter';
  /** First day (ISO) of the period shown by playback, or null for all time. */
  position: string | null;
  /** Playback speed: steps per second. */
  speed: number;
}

/** Limits of `MapLayers.top` and `MapLayers.speed`. */
export const MAP_TOP_RANGE = [5, 200] as const;
export const MAP_SPEEDS = [0.5, 1, 2, 4] as const;

/** What is selected for details (a seizure, a country or a route). */
export interface Selection {
  kind: 'seizure' | 'country' | 'route';
  id: string;
}

/** Sorting and visible columns of the records table. */
export interface TableState {
  sort: RecordColumn;
  desc: boolean;
  /** Visible columns in order, or null for the default set. */
  columns: readonly RecordColumn[] | null;
  /** Index of the first row in view (the scroll position), 0 at the top. */
  row: number;
}

/** Longest SQL text a link may carry (characters). */
export const MAX_LINK_SQL_LENGTH = 4000;

/** How the Trends view splits its series: not at all, by firearm type, region or country. */
export const TREND_SPLITS = ['none', 'type', 'region', 'country'] as const;
/** A split of the Trends series. */
export type TrendSplit = (typeof TREND_SPLITS)[number];

/** What the Trends view plots: its measure and how it splits the series. */
export interface TrendsSettings {
  measure: TrendMeasure;
  split: TrendSplit;
}

/**
 * Briefing-safe counts: every count below `k` is shown as "< k" and further cells are hidden so
 * that none can be derived from the totals (see `disclosure/suppression.ts`). `auto` is
 * on in Present mode and off elsewhere.
 */
export interface SafeCounts {
  mode: 'auto' | 'on' | 'off';
  k: number;
}

/** Limits of `SafeCounts.k`. */
export const SAFE_K_RANGE = [2, 50] as const;

/** A deck being presented: its serialised form (see `features/briefing/deck.ts`) and the slide. */
export interface DeckPosition {
  /** The deck, compressed and base64url-encoded; validated where it is decoded. */
  data: string;
  /** Index of the slide on screen, from 0. */
  slide: number;
}

/**
 * The notebook open in the Notebooks view: which one (`shipped:<file>`, `local:<id>` saved in
 * this browser, or `link` when the link carries it), the reader's parameter values, and, for
 * `link`, the notebook itself (compressed; parsed and checked where it is read).
 */
export interface NotebookRef {
  id: string;
  params: Readonly<Record<string, string>>;
  data: string | null;
  /** Cells read the tables under the current filters (`src/sql/filteredTables.ts`). */
  filtered: boolean;
}

/** Everything that decides what is on screen. */
export interface ViewState {
  dataset: string;
  view: ViewId;
  /** Inclusive date range (ISO dates); null ends are open. */
  time: { from: string | null; to: string | null };
  granularity: Granularity;
  /** Route ends drawn at their subdivision where known, or rolled up to countries (Map, Flows). */
  placeLevel: PlaceLevel;
  trends: TrendsSettings;
  filters: Filters;
  crossFilters: readonly CrossFilter[];
  map: MapViewport;
  mapLayers: MapLayers;
  selected: Selection | null;
  table: TableState;
  /** The SQL console's text, when a link carries a query (it is shown, never run by itself). */
  sql: string | null;
  theme: ThemeName;
  lang: Language;
  /** Present mode: the view fills the screen, without the app's chrome, with a caption. */
  present: boolean;
  safe: SafeCounts;
  /** The deck whose slide is on screen, when presenting one. */
  deck: DeckPosition | null;
  /** The notebook open in the Notebooks view. */
  notebook: NotebookRef | null;
}

/** Filters with nothing selected. */
export const EMPTY_FILTERS: Filters = Object.fromEntries(
  FIELD_IDS.map((f) => [f, []]),
) as unknown as Filters;

/** The state of a fresh visit; fields equal to these are left out of the URL. */
export const DEFAULT_STATE: ViewState = {
  dataset: 'default',
  view: 'overview',
  time: { from: null, to: null },
  granularity: 'month',
  placeLevel: 'country',
  trends: { measure: 'firearms', split: 'none' },
  filters: EMPTY_FILTERS,
  crossFilters: [],
  map: { lon: -30, lat: 8, zoom: 1.6 },
  mapLayers: {
    mode: 'legs',
    weight: 'firearms',
    top: 40,
    color: 'direction',
    hotspots: true,
    period: 'month',
    position: null,
    speed: 1,
  },
  selected: null,
  table: { sort: 'seizure_date', desc: true, columns: null, row: 0 },
  sql: null,
  theme: 'light',
  lang: 'en',
  present: false,
  safe: { mode: 'auto', k: 5 },
  deck: null,
  notebook: null,
};

/** Dataset names are folder names: letters, digits, `_` and `-` only. */
export function isDatasetName(name: string): boolean {
  return /^[a-z0-9_-]{1,64}$/.test(name);
}

/** Type guard for a view id. */
export const isView = (v: unknown): v is ViewId => includes(VIEWS, v);
/** Type guard for a theme name. */
export const isTheme = (v: unknown): v is ThemeName => includes(THEMES, v);
/** Type guard for a language code. */
export const isLanguage = (v: unknown): v is Language => includes(LANGUAGES, v);
/** Type guard for a granularity. */
export const isGranularity = (v: unknown): v is Granularity => includes(GRANULARITIES, v);

/** The threshold of briefing-safe counts in force, or null when counts are shown as they are. */
export function safeThreshold(s: Pick<ViewState, 'present' | 'safe'>): number | null {
  const on = s.safe.mode === 'on' || (s.safe.mode === 'auto' && s.present);
  return on ? s.safe.k : null;
}

/** Levels at which places are drawn. */
export const PLACE_LEVELS = ['country', 'admin1'] as const;
/** Level at which places are drawn: countries, or first-level subdivisions. */
export type PlaceLevel = (typeof PLACE_LEVELS)[number];
/** Type guard for a place level. */
export const isPlaceLevel = (v: unknown): v is PlaceLevel => includes(PLACE_LEVELS, v);

/** True when any filter, cross-filter or time bound is set. */
export function hasActiveFilters(s: ViewState): boolean {
  return (
    s.time.from !== null ||
    s.time.to !== null ||
    s.crossFilters.length > 0 ||
    FIELD_IDS.some((f) => s.filters[f].length > 0)
  );
}

/** The state with every filter, cross-filter and time bound removed. */
export function clearFilters(s: ViewState): ViewState {
  return {
    ...s,
    time: { from: null, to: null },
    filters: EMPTY_FILTERS,
    crossFilters: [],
    selected: null,
  };
}

/** Sets one field's filter values. */
export function withFilter(s: ViewState, field: FieldId, values: readonly string[]): ViewState {
  return { ...s, filters: { ...s.filters, [field]: values } };
}

/** Replaces the cross-filter owned by `source` (or removes it when `clause` is null). */
export function withCrossFilter(
  s: ViewState,
  source: string,
  clause: CrossFilter | null,
): ViewState {
  const rest = s.crossFilters.filter((c) => c.source !== source);
  return { ...s, crossFilters: clause ? [...rest, clause] : rest };
}

/** The cross-filter owned by `source`, if any. */
export function crossFilterOf(s: ViewState, source: string): CrossFilter | undefined {
  return s.crossFilters.find((c) => c.source === source);
}

/**
 * Adds `value` to, or removes it from, the point cross-filter that `source` owns on `field`
 * (the clause goes away when its last value does). Used by every clickable bar, row and country.
 */
export function togglePoint(
  s: ViewState,
  source: string,
  field: FieldId,
  value: string,
): ViewState {
  const c = crossFilterOf(s, source);
  const current = c?.kind === 'point' && c.field === field ? c.values : [];
  const values = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return withCrossFilter(
    s,
    source,
    values.length ? { source, kind: 'point', field, values } : null,
  );
}
