/** The frame around every view: header with headline figures, navigation, notices, the view. */
import { Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PlannedView } from '../features/placeholder/PlannedView';
import { useDropped, useViewState } from '../state/store';
import type { ViewId } from '../model/viewState';
import { missingInput, type MissingInput } from '../model/catalogue';
import { useAtlas } from '../context/AtlasContext';
import { Header } from './Header';
import { useSettledMark } from './useSettledMark';
import { Nav } from './Nav';
import { BriefingActions } from '../features/briefing/BriefingActions';
import { FilterBar } from '../features/filters/FilterBar';
import { PresentFrame } from '../features/briefing/PresentFrame';
import { SafeNote } from '../features/briefing/SafeControl';
import { useUpdateReady } from '../pwa/register';
import { viewElement } from './views';

/** Says, instead of drawing empty charts, what a view needs that the dataset lacks. */
function MissingInputView({ view, missing }: { view: ViewId; missing: MissingInput & string }) {
  const { t } = useTranslation();
  return (
    <section className="panel missing-input" data-testid="missing-input" data-missing={missing}>
      <h2>{t(`nav.${view}`)}</h2>
      <p>{t(`views.missing.${missing}`)}</p>
    </section>
  );
}

/** Renders the active view. */
function ActiveView({ view }: { view: ViewId }) {
  const { catalogue } = useAtlas();
  const missing = missingInput(catalogue, view);
  if (missing) return <MissingInputView view={view} missing={missing} />;
  return viewElement(view) ?? <PlannedView view={view} />;
}

/** The app shell. */
export function Shell() {
  const { store, coordinator, duck, model } = useAtlas();
  const state = useViewState(store);
  const bench = useMemo(() => ({ db: duck?.db, model }), [duck, model]);
  useSettledMark(coordinator, store, bench);
  const { t } = useTranslation();
  const dropped = useDropped(store);
  const notice = dropped.length > 0 && (
    <div className="notice" role="status">
      <span>{t('notice.linkDropped', { parts: dropped.join(', ') })}</span>
      <button type="button" className="button" onClick={() => store.dismissDropped()}>
        {t('notice.dismiss')}
      </button>
    </div>
  );
  const reloadIntoUpdate = useUpdateReady();
  const update = reloadIntoUpdate && (
    <div className="notice" role="status">
      <span>{t('notice.updateReady')}</span>
      <button type="button" className="button" onClick={reloadIntoUpdate}>
        {t('notice.reload')}
      </button>
    </div>
  );
  const view = (
    <Suspense fallback={<p className="muted">{t('state.loading')}</p>}>
      <ActiveView view={state.view} />
    </Suspense>
  );
  if (state.present) {
    return (
      <div className="shell shell--present">
        {notice}
        <PresentFrame>{view}</PresentFrame>
      </div>
    );
  }
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Header />
      <Nav />
      <FilterBar actions={<BriefingActions />} />
      {notice}
      {update}
      <SafeNote />
      <main id="main" className="shell__main" tabIndex={-1} data-view={state.view}>
        {view}
      </main>
    </div>
  );
}
