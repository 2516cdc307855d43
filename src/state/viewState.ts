/**
 * The view state: the one source of truth for what the app shows. Components are controlled by
 * it, and the URL is a serialisation of it (see `urlCodec.ts`).
 */

/** The app's views, in navigation order. Each has its own address (`#/<view>`). */
export const VIEWS = ['overview', 'map', 'flows', 'trends', 'traces', 'records', 'sql'] as const;
export type ViewId = (typeof VIEWS)[number];

/** Colour themes: light, dark, and a high-contrast, large-type theme for projectors. */
export const THEMES = ['light', 'dark', 'projector'] as const;
export type ThemeName = (typeof THEMES)[number];

/** Languages the interface speaks. */
export const LANGUAGES = ['en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Everything that decides what is on screen. */
export interface ViewState {
  dataset: string;
  view: ViewId;
  theme: ThemeName;
  lang: Language;
}

/** The state of a fresh visit; fields equal to these are left out of the URL. */
export const DEFAULT_STATE: ViewState = {
  dataset: 'default',
  view: 'overview',
  theme: 'light',
  lang: 'en',
};

/** Type guard for a view id. */
export function isView(v: unknown): v is ViewId {
  return typeof v === 'string' && (VIEWS as readonly string[]).includes(v);
}

/** Type guard for a theme name. */
export function isTheme(v: unknown): v is ThemeName {
  return typeof v === 'string' && (THEMES as readonly string[]).includes(v);
}

/** Type guard for a language code. */
export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}
