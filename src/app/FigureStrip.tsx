/**
 * The headline figures under the current filters, computed in DuckDB. The first time they are on
 * screen the strip sets the `atlas:figures-ready` mark.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../db/useQuery';
import { formatPercent } from '../i18n';
import { answeredShare, headlineQuery, type HeadlineRow } from '../sql/headline';
import { useViewState } from '../state/store';
import { hasMeasure } from '../model/catalogue';
import type { MeasureId } from '../model/measures';
import { useAtlas } from '../context/AtlasContext';
import { safeCount, useSafeK } from '../disclosure/safeCounts';

/** A row of labelled figures; each carries `data-figure` for tests. */
export function FigureStrip() {
  const { coordinator, store, model, catalogue } = useAtlas();
  const state = useViewState(store);
  const { lang } = state;
  const { t } = useTranslation();
  const { rows, loading, error } = useQuery<HeadlineRow>(
    coordinator,
    headlineQuery(model, state),
    'headline',
  );
  const h = rows?.[0];
  useEffect(() => {
    if (h && performance.getEntriesByName('atlas:figures-ready').length === 0) {
      performance.mark('atlas:figures-ready');
    }
  }, [h]);
  const safeK = useSafeK();
  const num = (v: number | undefined) => (v === undefined ? '–' : safeCount(v, safeK, lang));
  const share = h ? answeredShare(h) : null;
  const all: { id: string; label: string; value: string; hint?: string }[] = [
    { id: 'seizures', label: t('figures.seizures'), value: num(h?.seizures) },
    { id: 'firearms', label: t('figures.firearms'), value: num(h?.firearms) },
    { id: 'rounds', label: t('figures.rounds'), value: num(h?.rounds) },
    { id: 'arrests', label: t('figures.arrests'), value: num(h?.arrests) },
    { id: 'traces', label: t('figures.traces'), value: num(h?.traces) },
    {
      id: 'answered',
      label: t('figures.answered'),
      value: share === null ? '–' : formatPercent(share, lang),
      hint: t('figures.answeredHint'),
    },
    { id: 'countries', label: t('figures.countries'), value: num(h?.countries) },
  ];
  // Only the measures the dataset holds (a table of firearm counts has no arrests).
  const figures = all.filter((f) =>
    f.id === 'countries'
      ? true
      : f.id === 'answered'
        ? hasMeasure(catalogue, 'traces')
        : hasMeasure(catalogue, f.id as MeasureId),
  );
  return (
    <dl
      className="figures"
      aria-label={t('header.figuresLabel')}
      aria-busy={loading}
      data-state={error ? 'error' : loading ? 'loading' : 'ready'}
    >
      {figures.map((f) => (
        <div className="figure" key={f.id} data-figure={f.id} title={f.hint}>
          <dt className="figure__label">{f.label}</dt>
          <dd className="figure__value">{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
