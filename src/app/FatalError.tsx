/** Full-page message when the engine or the dataset cannot load: what happened and what to do. */
import { useTranslation } from 'react-i18next';
import type { ReadableError } from '../db/errors';

/** Explains a start-up failure and offers a retry. */
export function FatalError({
  error,
  onRetry,
  onOpenDefault,
}: {
  error: ReadableError;
  onRetry: () => void;
  /** When the link names a dataset that is not here: reopen on the bundled one. */
  onOpenDefault?: () => void;
}) {
  const { t } = useTranslation();
  const adviceKey = `fatal.advice.${error.kind}`;
  const advice = t(adviceKey, { defaultValue: t('fatal.advice.default') });
  return (
    <main className="fatal" role="alert">
      <h1>{t('fatal.title')}</h1>
      <h2>{t('fatal.whatHappened')}</h2>
      <p>{t(`errors.${error.kind}`)}</p>
      {error.detail && <pre className="fatal__detail">{error.detail}</pre>}
      <h2>{t('fatal.whatToDo')}</h2>
      <p>{advice}</p>
      <button type="button" className="button button--primary" onClick={onRetry}>
        {t('fatal.retry')}
      </button>
      {onOpenDefault && (
        <button type="button" className="button" onClick={onOpenDefault}>
          {t('fatal.openDefault')}
        </button>
      )}
    </main>
  );
}
