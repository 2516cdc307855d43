/** Full-page progress while DuckDB starts and the dataset loads. */
import { useTranslation } from 'react-i18next';
import type { BootStage } from './boot';

const STAGES: BootStage[] = ['startingEngine', 'downloadingData', 'openingTables', 'computing'];

/** Shows the boot stages with the current one's progress. */
export function BootScreen({ stage, progress }: { stage: BootStage; progress: number }) {
  const { t } = useTranslation();
  const index = STAGES.indexOf(stage);
  const overall = Math.round(((index + Math.min(1, Math.max(0, progress))) / STAGES.length) * 100);
  return (
    <main className="boot" aria-busy="true">
      <h1 className="boot__title">{t('app.name')}</h1>
      <p className="boot__subtitle">{t('boot.title')}</p>
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
