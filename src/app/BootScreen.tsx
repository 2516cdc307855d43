/** Full-page progress while DuckDB starts and the dataset loads. */
import { useTranslation } from 'react-i18next';
import type { BootStage } from './boot';
import type { DatasetManifest } from '../db/manifest';
import { formatDate, formatNumber } from '../i18n';

const STAGES: BootStage[] = ['startingEngine', 'downloadingData', 'openingTables', 'computing'];

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
          <p className="boot__dataset-title">{manifest.title}</p>
          <p className="boot__dataset-period">
            {t('boot.period', {
              from: formatDate(manifest.dateRange.from, lang, { year: 'numeric', month: 'long' }),
              to: formatDate(manifest.dateRange.to, lang, { year: 'numeric', month: 'long' }),
            })}
          </p>
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
