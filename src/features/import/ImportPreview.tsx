/** The first rows as the file holds them (with each column's role) and as they will be imported. */
import { ScrollingTable } from '../../components/ScrollingTable';
import { useTranslation } from 'react-i18next';
import type { Planned } from './protocol';

/** Both previews of a planned import. */
export function ImportPreview({ planned }: { planned: Planned }) {
  const { t } = useTranslation();
  const place = (iso3: string | null, admin1: string | null) => admin1 ?? iso3 ?? '';
  return (
    <section className="panel panel--wide" aria-labelledby="import-preview">
      <h2 id="import-preview" className="panel__title">
        {t('import.preview.title')}
      </h2>
      {planned.titles.length > 0 && <p className="muted">{planned.titles.join(' · ')}</p>}
      <ScrollingTable label={t('import.preview.asRead')} testId="import-preview-rows">
        <caption>{t('import.preview.asRead')}</caption>
        <thead>
          <tr>
            {planned.headers.map((h, i) => (
              <th key={h} scope="col">
                {h}
                <br />
                <span className="muted">{t(`import.roles.${planned.roles[i] ?? 'ignore'}`)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {planned.rows.map((r, i) => (
            <tr key={i}>
              {planned.headers.map((h, j) => (
                <td key={h}>{r[j]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </ScrollingTable>
      <ScrollingTable label={t('import.preview.asImported')} testId="import-preview-facts">
        <caption>{t('import.preview.asImported')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import.preview.when')}</th>
            <th scope="col">{t('import.preview.where')}</th>
            <th scope="col">{t('import.preview.from')}</th>
            <th scope="col">{t('import.preview.to')}</th>
            <th scope="col">{t('import.preview.what')}</th>
            <th scope="col">{t('import.preview.howMany')}</th>
            <th scope="col">{t('import.preview.source')}</th>
          </tr>
        </thead>
        <tbody>
          {planned.facts.map((f, i) => (
            <tr key={i}>
              <td>
                {f.precision === 'year'
                  ? f.date.slice(0, 4)
                  : f.precision === 'day'
                    ? f.date
                    : f.date.slice(0, 7)}{' '}
                <span className="muted">({t(`import.precision.${f.precision}`)})</span>
              </td>
              <td>
                {place(f.country, f.admin1)}
                {f.district ? ` · ${f.district}` : ''}
              </td>
              <td>{place(f.origin, f.originAdmin1)}</td>
              <td>{place(f.destination, f.destinationAdmin1)}</td>
              <td>
                {[f.type, f.category !== 'firearm' ? f.category : null, f.calibre]
                  .filter(Boolean)
                  .join(' · ')}
              </td>
              <td>
                {f.value.toLocaleString()} {t(`import.counts.${f.measure}`)}
              </td>
              <td className="muted">
                {f.file}:{f.line}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollingTable>
    </section>
  );
}
