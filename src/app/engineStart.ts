/**
 * The one start of DuckDB-WASM, shared by whoever asks first: the boot sequence
 * (`src/app/boot.ts`), once the dataset's first view is on screen, listens to its progress.
 */
import { startDuckDB, type BrowserDuckDB } from '../db/browserEngine';

let engineStart:
  | { promise: Promise<BrowserDuckDB>; progress: number; listeners: Set<(f: number) => void> }
  | undefined;

/** Starts DuckDB-WASM unless it is starting or started; later calls share the start. */
export function startEngineEarly(): Promise<BrowserDuckDB> {
  if (!engineStart) {
    performance.mark('atlas:boot-start');
    const state = { progress: 0, listeners: new Set<(f: number) => void>() };
    const promise = startDuckDB((f) => {
      state.progress = f;
      state.listeners.forEach((l) => l(f));
    });
    engineStart = { ...state, promise };
    // A failed start must be retryable.
    promise.catch(() => (engineStart = undefined));
  }
  return engineStart.promise;
}

/**
 * Calls `listener` with the share of the wasm downloaded (now, and as it grows) while the
 * engine starts; returns the unsubscribe.
 */
export function onEngineProgress(listener: (fraction: number) => void): () => void {
  const start = engineStart;
  listener(start?.progress ?? 0);
  start?.listeners.add(listener);
  return () => start?.listeners.delete(listener);
}

/** The `elementtiming` name of the boot screen's first view (`BootScreen`). */
export const FIRST_VIEW_ELEMENT = 'atlas-first-view';

/**
 * Resolves once the element marked `elementtiming={FIRST_VIEW_ELEMENT}` has been painted (the
 * Element Timing API), or after `timeoutMs`. A rendered frame is not a painted one: in headless
 * Chromium two animation frames passed 400 ms before the paint. Where the API is missing, after
 * two animation frames; in a hidden tab, which paints nothing, at once.
 */
export function afterFirstView(timeoutMs = 2000): Promise<void> {
  if (typeof document === 'undefined' || document.visibilityState === 'hidden')
    return Promise.resolve();
  if (!PerformanceObserver.supportedEntryTypes?.includes('element'))
    return new Promise((resolve) =>
      requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
    );
  // Only a paint from now on: a page that booted before holds the first boot's entry.
  const since = performance.now();
  return new Promise((resolve) => {
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const observer = new PerformanceObserver((list) => {
      const entries = list.getEntries() as (PerformanceEntry & { identifier?: string })[];
      if (entries.some((e) => e.identifier === FIRST_VIEW_ELEMENT && e.startTime >= since)) done();
    });
    observer.observe({ type: 'element', buffered: true });
    const timer = setTimeout(done, timeoutMs);
  });
}
