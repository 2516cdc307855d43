/**
 * The dataset switcher: lists the datasets this copy serves; choosing one reopens the app on it
 * (the link carries `ds=`), with the view kept and the filters cleared (they name another
 * dataset's values).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAtlas } from '../../app/AtlasContext';
import { clearFilters } from '../../state/viewState';
import { fetchDatasetIndex, type DatasetEntry } from './datasetIndex';

/** A select of the served datasets. */
export function DatasetSwitcher() {
  const { manifest, store } = useAtlas();
  const { t } = useTranslation();
  const [list, setList] = useState<DatasetEntry[]>([
    { name: manifest.name, title: manifest.title },
  ]);
  useEffect(() => {
    let alive = true;
    void fetchDatasetIndex({ name: manifest.name, title: manifest.title }).then(
      (l) => alive && setList(l),
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
        disabled={list.length < 2}
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
      </select>
    </label>
  );
}
