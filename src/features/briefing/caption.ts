/**
 * The one-line caption of a view in Present mode and in exported images: dataset, active
 * filters, data source, date, and whether small counts are hidden.
 */
import { useTranslation } from 'react-i18next';
import { useAtlas } from '../../context/AtlasContext';
import { useFilterSummary } from '../../context/useFilterSummary';
import { formatDate } from '../../i18n';
import { useViewState } from '../../state/store';
import { safeThreshold } from '../../model/viewState';

/** The caption's parts, in order. */
export interface Caption {
  dataset: string;
  filters: string;
  source: string;
  date: string;
  safe: string | null;
}

/** The caption of what is on screen. */
export function useCaption(): Caption {
  const { manifest, store } = useAtlas();
  const state = useViewState(store);
  const { t } = useTranslation();
  const filters = useFilterSummary();
  const k = safeThreshold(state);
  return {
    dataset: manifest.title,
    filters: filters ?? t('filters.none'),
    source: manifest.synthetic ? t('present.sourceSynthetic') : t('present.sourceImported'),
    date: formatDate(new Date().toISOString().slice(0, 10), state.lang, {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
    }),
    safe: k === null ? null : t('present.safeOn', { k }),
  };
}

/** The caption as one line of text. */
export const captionText = (c: Caption): string =>
  [c.dataset, c.filters, c.source, c.safe, c.date].filter(Boolean).join(' · ');
