/**
 * The i18n layer: every user-visible string goes through i18next, in English, Spanish, French and
 * Portuguese (one resource file each, with the same keys and each language's plural forms).
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import pt from './locales/pt.json';
import type { Language } from '../model/viewState';

/** Translation resources by language (bundled: nothing is fetched). */
export const RESOURCES = {
  en: { translation: en },
  es: { translation: es },
  fr: { translation: fr },
  pt: { translation: pt },
} as const;

/** Initialises i18next once, synchronously, with bundled resources (no network). */
export function initI18n(lang: Language = 'en'): typeof i18next {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources: RESOURCES,
      lng: lang,
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
    });
  } else if (i18next.language !== lang) {
    void i18next.changeLanguage(lang);
  }
  return i18next;
}

/**
 * Intl formatters are costly to create (a chart formats hundreds of ticks and labels per draw):
 * one per language and options, made once.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(lang: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}\u0000${JSON.stringify(options ?? {})}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(lang, options)));
  return f;
}

/** Locale-aware number formatting for the current language. */
export function formatNumber(
  value: number,
  lang: string,
  options?: Intl.NumberFormatOptions,
): string {
  return numberFormat(lang, options).format(value);
}

/** Formats a share 0–1 as a percentage. */
export function formatPercent(value: number, lang: string, digits = 0): string {
  return numberFormat(lang, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** Formats an ISO date (`YYYY-MM-DD`) for display, without time-zone shifts. */
export function formatDate(
  iso: string,
  lang: string,
  options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' },
): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m) return iso;
  const key = `${lang}\u0000${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f)
    dateFormats.set(key, (f = new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' })));
  return f.format(new Date(Date.UTC(y, m - 1, d ?? 1)));
}
