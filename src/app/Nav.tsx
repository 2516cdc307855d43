/** Navigation between views: real links (each view has its own address), pushed to history. */
import { useTranslation } from 'react-i18next';
import { stateToHash } from '../model/urlCodec';
import { useViewState } from '../state/store';
import { VIEWS } from '../model/viewState';
import { missingInput } from '../model/catalogue';
import { useAtlas } from '../context/AtlasContext';

/** The view tabs. */
export function Nav() {
  const { store, catalogue } = useAtlas();
  const state = useViewState(store);
  const { t } = useTranslation();
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <ul className="nav__list">
        {VIEWS.map((v) => (
          <li key={v}>
            <a
              className={missingInput(catalogue, v) ? 'nav__link nav__link--missing' : 'nav__link'}
              title={
                missingInput(catalogue, v)
                  ? t(`views.missing.${missingInput(catalogue, v)}`)
                  : undefined
              }
              data-missing={missingInput(catalogue, v) ?? undefined}
              href={stateToHash({ ...state, view: v })}
              aria-current={state.view === v ? 'page' : undefined}
              onClick={(e) => {
                if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                e.preventDefault();
                store.set({ view: v }, 'push');
              }}
            >
              {t(`nav.${v}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
