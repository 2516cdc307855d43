/** Header: app and dataset names, the date span, theme and language, and the headline figures. */
import { useTranslation } from 'react-i18next';
import { formatDate } from '../i18n';
import { useViewState } from '../state/store';
import { LANGUAGES, THEMES, isLanguage, isTheme } from '../model/viewState';
import { useAtlas } from '../context/AtlasContext';
import { FigureStrip } from './FigureStrip';
import { AboutData } from '../features/about/AboutData';
import { DatasetSwitcher } from '../features/datasets/DatasetSwitcher';
import { SafeControl } from '../features/briefing/SafeControl';

/** The page header. */
export function Header() {
  const { manifest, store } = useAtlas();
  const state = useViewState(store);
  const { t } = useTranslation();
  const { from, to } = manifest.dateRange;
  return (
    <header className="header">
      <div className="header__top">
        <div className="header__titles">
          <span className="header__app">{t('app.name')}</span>
          <h1 className="header__dataset" data-testid="dataset-title">
            {manifest.title}
          </h1>
          <span className="header__span" data-testid="date-span">
            {t('header.span', {
              from: formatDate(from, state.lang, { year: 'numeric', month: 'short' }),
              to: formatDate(to, state.lang, { year: 'numeric', month: 'short' }),
            })}
          </span>
          {manifest.synthetic && (
            <span className="badge" title={t('app.syntheticNote')}>
              {t('app.syntheticBadge')}
            </span>
          )}
        </div>
        <div className="header__controls">
          <DatasetSwitcher />
          <AboutData />
          <details className="menu" data-testid="display-menu">
            <summary className="button">{t('header.display')}</summary>
            <div className="menu__panel">
              <label className="field">
                <span className="field__label">{t('header.theme')}</span>
                <select
                  value={state.theme}
                  onChange={(e) => isTheme(e.target.value) && store.set({ theme: e.target.value })}
                >
                  {THEMES.map((th) => (
                    <option key={th} value={th}>
                      {t(`theme.${th}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span className="field__label">{t('header.language')}</span>
                <select
                  value={state.lang}
                  onChange={(e) =>
                    isLanguage(e.target.value) && store.set({ lang: e.target.value })
                  }
                >
                  {LANGUAGES.map((l) => (
                    <option key={l} value={l}>
                      {t(`language.${l}`)}
                    </option>
                  ))}
                </select>
              </label>
              <SafeControl />
            </div>
          </details>
        </div>
      </div>
      <FigureStrip />
    </header>
  );
}
