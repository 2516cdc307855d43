/**
 * "About the data": what the loaded dataset is (synthetic or not, its tables and grains) and
 * every bundled data source with its licence and the credit its terms ask for.
 */
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAtlas } from '../../context/AtlasContext';
import { formatNumber } from '../../i18n';
import { useViewState } from '../../state/store';
import { DATA_SOURCES } from './sources';

/** A header button that opens the "About the data" dialog. */
export function AboutData() {
  const { manifest, store } = useAtlas();
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const { lang } = useViewState(store);
  return (
    <>
      <button
        type="button"
        className="button button--quiet"
        data-testid="about-data"
        onClick={() => dialog.current?.showModal()}
      >
        {t('about.open')}
      </button>
      <dialog ref={dialog} className="about" aria-labelledby="about-title">
        <h2 id="about-title">{t('about.title')}</h2>
        <p>
          {t('about.dataset', { title: manifest.title })}{' '}
          {manifest.synthetic ? t('about.synthetic') : t('about.supplied')}
        </p>
        <ul className="about__rows">
          {Object.entries(manifest.rows).map(([table, n]) => (
            <li key={table}>
              <code>{table}</code>: {formatNumber(n, lang)}
            </li>
          ))}
        </ul>
        <h3>{t('about.sources')}</h3>
        <ul className="about__sources" data-testid="about-sources">
          {DATA_SOURCES.map((s) => (
            <li key={s.id}>
              <strong>{s.name}</strong> — {s.usedFor} <em>{s.licence}.</em> {s.terms}{' '}
              <span className="about__url">{s.url}</span>
            </li>
          ))}
        </ul>
        <form method="dialog">
          <button type="submit" className="button">
            {t('about.close')}
          </button>
        </form>
      </dialog>
    </>
  );
}
