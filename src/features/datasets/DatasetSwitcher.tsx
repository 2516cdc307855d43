/**
 * The dataset switcher: lists the datasets this copy serves; choosing one reopens the app on it
 * (the link carries `ds=`), with the view kept and the filters cleared (they name another
 * dataset's values).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAtlas } from '../../context/AtlasContext';
import { clearFilters } from '../../model/viewState';
import { fetchDatasetIndex, type DatasetEntry } from './datasetIndex';
import { isLocalDataset, listLocalDatasets, type LocalDataset } from '../../db/localDatasets';
import { formatBytes } from '../../import/read';

/** A select of the served datasets. */
export function DatasetSwitcher() {
  const { manifest, store } = useAtlas();
  const { t } = useTranslation();
  const [list, setList] = useState<DatasetEntry[]>([
    { name: manifest.name, title: manifest.title },
  ]);
  const [local, setLocal] = useState<LocalDataset[]>([]);
  useEffect(() => {
    let alive = true;
    void listLocalDatasets().then((l) => alive && setLocal(l));
    void fetchDatasetIndex({ name: manifest.name, title: manifest.title }).then(
      // An imported dataset on screen is listed with the others imported here, not as served.
      (l) => alive && setList(l.filter((d) => !isLocalDataset(d.name))),
    );
    return () => {
      alive = false;
    };
  }, [manifest.name, manifest.title]);
  const current = store.get().dataset;
  return (
    <label className="field">
      <span className="field__label">{t('header.dataset')}</span>
      <select
        data-testid="dataset-switcher"
        value={current}
        disabled={list.length + local.length < 2}
        onChange={(e) => {
          const dataset = e.target.value;
          store.set(
            (s) => ({ ...clearFilters(s), dataset, table: { ...s.table, row: 0 } }),
            'push',
          );
        }}
      >
        {list.map((d) => (
          <option key={d.name} value={d.name}>
            {d.title}
          </option>
        ))}
        {local.length > 0 && (
          <optgroup label={t('header.localGroup')}>
            {local.map((d) => (
              <option key={d.name} value={d.name}>
                {d.title} ({formatBytes(d.bytes)})
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </label>
  );
}
