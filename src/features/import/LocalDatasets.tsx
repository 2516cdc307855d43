/** The datasets imported in this browser: size, date, open, remove. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../import/read';
import type { LocalDataset } from '../../db/localDatasets';

/** A list of kept datasets with their actions. */
export function LocalDatasetList({
  list,
  current,
  onOpen,
  onRemove,
}: {
  list: LocalDataset[];
  current: string;
  onOpen: (name: string) => void;
  onRemove: (name: string) => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <section
      className="panel panel--wide"
      aria-labelledby="import-local"
      data-testid="local-datasets"
    >
      <h2 id="import-local" className="panel__title">
        {t('import.local.title')}
      </h2>
      {list.length === 0 ? (
        <p className="muted">{t('import.local.none')}</p>
      ) : (
        <ul className="import-local">
          {list.map((d) => (
            <li key={d.name} data-name={d.name}>
              <strong>{d.title}</strong>{' '}
              <span className="muted">
                {t('import.local.meta', {
                  size: formatBytes(d.bytes),
                  date: new Date(d.createdAt).toLocaleDateString(),
                  seizures: (d.manifest.rows.seizures ?? 0).toLocaleString(),
                })}
              </span>{' '}
              {d.name === current ? (
                <span className="badge">{t('import.local.onScreen')}</span>
              ) : (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => onOpen(d.name)}
                >
                  {t('import.local.open')}
                </button>
              )}{' '}
              {confirming === d.name ? (
                <button
                  type="button"
                  className="button button--small"
                  data-testid="confirm-remove"
                  onClick={() => {
                    setConfirming(null);
                    onRemove(d.name);
                  }}
                >
                  {t('import.local.confirmRemove')}
                </button>
              ) : (
                <button
                  type="button"
                  className="button button--small button--quiet"
                  aria-label={t('import.local.removeNamed', { title: d.title })}
                  onClick={() => setConfirming(d.name)}
                >
                  {t('import.local.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
