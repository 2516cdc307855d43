/** The headline figures, computed in DuckDB at start-up. */
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../i18n';
import { answeredShare } from '../sql/headline';
import { useViewState } from '../state/store';
import { useAtlas } from './AtlasContext';

/** A row of labelled figures; each carries `data-figure` for tests. */
export function FigureStrip() {
  const { headline, store } = useAtlas();
  const { lang } = useViewState(store);
  const { t } = useTranslation();
  const share = answeredShare(headline);
  const figures: { id: string; label: string; value: string; hint?: string }[] = [
    { id: 'seizures', label: t('figures.seizures'), value: formatNumber(headline.seizures, lang) },
    { id: 'firearms', label: t('figures.firearms'), value: formatNumber(headline.firearms, lang) },
    { id: 'rounds', label: t('figures.rounds'), value: formatNumber(headline.rounds, lang) },
    { id: 'arrests', label: t('figures.arrests'), value: formatNumber(headline.arrests, lang) },
    { id: 'traces', label: t('figures.traces'), value: formatNumber(headline.traces, lang) },
    {
      id: 'answered',
      label: t('figures.answered'),
      value: share === null ? '–' : formatPercent(share, lang),
      hint: t('figures.answeredHint'),
    },
    {
      id: 'countries',
      label: t('figures.countries'),
      value: formatNumber(headline.countries, lang),
    },
  ];
  return (
    <dl className="figures" aria-label={t('header.figuresLabel')}>
      {figures.map((f) => (
        <div className="figure" key={f.id} data-figure={f.id} title={f.hint}>
          <dt className="figure__label">{f.label}</dt>
          <dd className="figure__value">{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
