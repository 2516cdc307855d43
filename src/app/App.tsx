/**
 * The app's top level: boots DuckDB and the dataset named in the view state, shows progress
 * while it does, a full-page explanation if it cannot, and the shell once it can.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toReadableError, type ReadableError } from '../db/errors';
import { initI18n } from '../i18n';
import { needsDomainCheck, restrictToDomain } from '../model/dataDomain';
import { useViewState, type ViewStateStore } from '../state/store';
import { DEFAULT_STATE, clearFilters } from '../model/viewState';
import { applyTheme } from '../theme/tokens';
import { AtlasContext, type Atlas } from '../context/AtlasContext';
import { boot, type BootStage } from './boot';
import type { DatasetManifest } from '../db/manifest';
import { BootScreen } from './BootScreen';
import { FatalError } from './FatalError';
import { Shell } from './Shell';
import { preloadView } from './views';

type Phase =
  | { kind: 'booting'; stage: BootStage; progress: number; manifest?: DatasetManifest }
  | { kind: 'ready'; atlas: Atlas }
  | { kind: 'failed'; error: ReadableError };

/** Root component; `store` holds the view state bound to the URL. */
export function App({ store }: { store: ViewStateStore }) {
  const state = useViewState(store);
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({
    kind: 'booting',
    stage: 'startingEngine',
    progress: 0,
  });
  const [attempt, setAttempt] = useState(0);
  const dataset = state.dataset;

  useEffect(() => applyTheme(state.theme), [state.theme]);
  useEffect(() => {
    initI18n(state.lang);
    document.documentElement.lang = state.lang;
  }, [state.lang]);
  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  useEffect(() => {
    let alive = true;
    // The first view's code comes in before the shell shows, so the shell paints it at once (no
    // "Loading…" for the view to push aside). It is asked for once the engine is in, so its
    // evaluation does not compete with the boot screen's first paint and the engine's start.
    boot(
      store.get(),
      (stage, progress) =>
        alive && setPhase((p) => ({ ...p, kind: 'booting', stage, progress }) as Phase),
      (manifest) => alive && setPhase((p) => (p.kind === 'booting' ? { ...p, manifest } : p)),
    )
      .then(async (atlas) => {
        await preloadView(store.get().view);
        return atlas;
      })
      .then(
        (atlas) => {
          if (!alive) return;
          // Values the dataset does not hold (an unknown country code…) leave the state, with a notice.
          const checked = needsDomainCheck(store.get(), atlas.catalogue)
            ? restrictToDomain(store.get(), atlas.domain, atlas.catalogue)
            : { state: store.get(), dropped: [] };
          if (checked.dropped.length) {
            store.set(checked.state, 'replace');
            store.reportDropped(checked.dropped);
          }
          setPhase({ kind: 'ready', atlas });
        },
        (e: unknown) => {
          console.error(e);
          if (alive) setPhase({ kind: 'failed', error: toReadableError(e) });
        },
      );
    return () => {
      alive = false;
    };
  }, [store, dataset, attempt]);

  // A new dataset gets a new console engine; the old one is terminated.
  const session = phase.kind === 'ready' ? phase.atlas.consoleSession : undefined;
  useEffect(() => () => session?.dispose(), [session]);

  if (phase.kind === 'failed') {
    return (
      <FatalError
        error={phase.error}
        onRetry={() => setAttempt((a) => a + 1)}
        onOpenDefault={
          dataset !== DEFAULT_STATE.dataset
            ? () =>
                store.set(
                  (s) => ({ ...clearFilters(s), dataset: DEFAULT_STATE.dataset }),
                  'replace',
                )
            : undefined
        }
      />
    );
  }
  if (phase.kind === 'booting') {
    return <BootScreen stage={phase.stage} progress={phase.progress} manifest={phase.manifest} />;
  }
  return (
    <AtlasContext.Provider value={{ ...phase.atlas, store }}>
      <Shell />
    </AtlasContext.Provider>
  );
}
