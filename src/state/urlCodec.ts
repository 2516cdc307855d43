/**
 * The URL is a serialisation of the view state: `#/<view>?v=<version>&<field>=<value>…`, with
 * defaults left out. Parsing validates field by field: an invalid or unknown part is dropped
 * and reported, and the rest applies. The hash keeps links working on any static host.
 */
import { isDatasetName } from '../db/manifest';
import { DEFAULT_STATE, isLanguage, isTheme, isView, type ViewState } from './viewState';

/** Current version of the URL format. */
export const URL_VERSION = 1;

/** A parsed URL: the state, and what in the URL was not understood. */
export interface ParsedUrl {
  state: ViewState;
  /** Human-readable descriptions of the parts that were dropped, e.g. `theme=purple`. */
  dropped: string[];
}

const MAX_HASH_LENGTH = 8192;

/** Serialises a state into a URL hash (with the leading `#`). */
export function stateToHash(state: ViewState): string {
  const params = new URLSearchParams();
  params.set('v', String(URL_VERSION));
  if (state.dataset !== DEFAULT_STATE.dataset) params.set('ds', state.dataset);
  if (state.theme !== DEFAULT_STATE.theme) params.set('theme', state.theme);
  if (state.lang !== DEFAULT_STATE.lang) params.set('lang', state.lang);
  return `#/${state.view}?${params.toString()}`;
}

/** Parses a URL hash into a valid state, never throwing. */
export function hashToState(hash: string): ParsedUrl {
  const dropped: string[] = [];
  const state: ViewState = { ...DEFAULT_STATE };
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
    else dropped.push(`view "${truncate(path)}"`);
  }
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query);
  } catch {
    params = new URLSearchParams();
  }
  for (const [key, value] of params) {
    switch (key) {
      case 'v':
        if (value !== String(URL_VERSION)) dropped.push(`v=${truncate(value)}`);
        break;
      case 'ds':
        if (isDatasetName(value)) state.dataset = value;
        else dropped.push(`ds=${truncate(value)}`);
        break;
      case 'theme':
        if (isTheme(value)) state.theme = value;
        else dropped.push(`theme=${truncate(value)}`);
        break;
      case 'lang':
        if (isLanguage(value)) state.lang = value;
        else dropped.push(`lang=${truncate(value)}`);
        break;
      default:
        dropped.push(truncate(key));
    }
  }
  return { state, dropped };
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}
