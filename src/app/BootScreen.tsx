/** Full-page progress while DuckDB starts and the dataset loads. */
import { useTranslation } from 'react-i18next';
import type { BootStage } from './boot';
import { FIRST_VIEW_ELEMENT } from './engineStart';
import type { ReactNode } from 'react';
import { hasMeasure } from '../model/catalogue';
import type { MeasureId } from '../model/measures';
import { catalogueOf, type DatasetManifest, type DatasetSummary } from '../db/manifest';
import { formatDate, formatNumber, formatPercent } from '../i18n';
import { hashToState } from '../model/urlCodec';
import { safeThreshold } from '../model/viewState';

/** Marks the first view's element for the Element Timing API: the engine starts once it is painted. */
const FIRST_VIEW = { elementtiming: FIRST_VIEW_ELEMENT };

const STAGES: BootStage[] = ['startingEngine', 'downloadingData', 'openingTables', 'computing'];

/**
 * The dataset's headline figures from its manifest (computed when it was written), as one
 * sentence: the first view is readable while the engine streams in. Figures the dataset does not
 * measure are left out, and under briefing-safe counts (from the link) so are those below the
 * threshold, as the header would hide them.
 */
function BootSummary({
  manifest,
  summary,
}: {
  manifest: DatasetManifest;
  summary: DatasetSummary;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const catalogue = catalogueOf(manifest);
  const k = safeThreshold(hashToState(window.location.hash).state);
  const shown = (v: number) => k === null || v === 0 || v >= k;
  const parts: { id: string; text: ReactNode }[] = [];
  const add = (id: keyof DatasetSummary, measure: MeasureId | null) => {
    const v = summary[id];
    if ((measure && !hasMeasure(catalogue, measure)) || !shown(v)) return;
    parts.push({
      id,
      text: (
        <>
          <strong>{formatNumber(v, lang)}</strong> {t(`boot.figures.${id}`, { count: v })}
        </>
      ),
    });
  };
  add('seizures', null);
  add('firearms', 'firearms');
  add('rounds', 'rounds');
  add('arrests', 'arrests');
  add('countries', null);
  add('traces', 'traces');
  if (hasMeasure(catalogue, 'traces') && summary.traces > 0 && shown(summary.traces))
    parts.push({
      id: 'answered',
      text: t('boot.answered', {
        share: formatPercent(summary.tracesAnswered / summary.traces, lang),
      }),
    });
  return (
    <p
      className="boot__summary"
      aria-label={t('boot.figuresLabel')}
      data-testid="boot-summary"
      {...FIRST_VIEW}
    >
      {parts.map((p, i) => (
        <span key={p.id} data-figure={p.id}>
          {i > 0 && ' · '}
          {p.text}
        </span>
      ))}
    </p>
  );
}

/**
 * Shows the boot stages with the current one's progress and, as soon as the dataset's manifest is
 * in (long before the engine), what the dataset is and holds: its title, period and record counts.
 */
export function BootScreen({
  stage,
  progress,
  manifest,
}: {
  stage: BootStage;
  progress: number;
  manifest?: DatasetManifest | undefined;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const index = STAGES.indexOf(stage);
  const overall = Math.round(((index + Math.min(1, Math.max(0, progress))) / STAGES.length) * 100);
  return (
    <main className="boot" aria-busy="true">
      <h1 className="boot__title">{t('app.name')}</h1>
      <p className="boot__subtitle">{t('boot.title')}</p>
      {/* Space is kept for the dataset's facts, so nothing moves when they arrive. */}
      {!manifest && <div className="boot__dataset boot__dataset--pending" aria-hidden="true" />}
      {manifest && (
        <section className="boot__dataset" aria-label={t('boot.datasetLabel')}>
          <p className="boot__dataset-title" {...(!manifest.summary && FIRST_VIEW)}>
            {manifest.title}
          </p>
          <p className="boot__dataset-period">
            {t('boot.period', {
              from: formatDate(manifest.dateRange.from, lang, { year: 'numeric', month: 'long' }),
              to: formatDate(manifest.dateRange.to, lang, { year: 'numeric', month: 'long' }),
            })}
          </p>
          {manifest.summary ? (
            <BootSummary manifest={manifest} summary={manifest.summary} />
          ) : (
            <ul className="boot__counts">
              {(['seizures', 'firearms', 'traces'] as const).map((k) =>
                manifest.rows[k] ? (
                  <li key={k}>
                    <strong>{formatNumber(manifest.rows[k], lang)}</strong>{' '}
                    {t(`boot.rows.${k}`, { count: manifest.rows[k] })}
                  </li>
                ) : null,
              )}
            </ul>
          )}
        </section>
      )}
      <progress
        className="boot__bar"
        max={100}
        value={overall}
        aria-label={t('boot.progressLabel')}
      />
      <ol className="boot__stages">
        {STAGES.map((s, i) => (
          <li
            key={s}
            data-state={i < index ? 'done' : i === index ? 'active' : 'todo'}
            aria-current={i === index ? 'step' : undefined}
          >
            {t(`boot.${s}`)}
          </li>
        ))}
      </ol>
    </main>
  );
}
