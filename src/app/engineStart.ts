/**
 * The one start of DuckDB-WASM, shared by whoever asks first: `src/engineEntry.ts` (the page's
 * first script, so the wasm download and compilation begin before the app's own code has even
 * been evaluated) and the boot sequence, which listens to its progress.
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
