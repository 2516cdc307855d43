/**
 * Registers the service worker (`sw.ts`) in the built app, once the first view has settled and
 * the browser is idle, so that precaching the build (about 8 MB compressed) never competes with
 * the first visit. A new build's worker waits; `useUpdateReady` tells the shell, which offers a
 * reload that lets it take over.
 */
import { useSyncExternalStore } from 'react';
import { Workbox } from 'workbox-window';

let waiting: (() => void) | null = null;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

/** Resolves at the first `atlas:settled` mark, or after `fallbackMs` if the app never settles. */
function whenSettled(fallbackMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (performance.getEntriesByName('atlas:settled').length) return resolve();
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName('atlas:settled').length) done();
    });
    const timer = setTimeout(() => done(), fallbackMs);
    function done() {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    }
    observer.observe({ type: 'mark' });
  });
}

/** Starts the registration (a no-op in development and where service workers are unavailable). */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  void whenSettled(20_000).then(() => {
    const start = () => {
      const wb = new Workbox(new URL('sw.js', document.baseURI).href, { scope: './' });
      wb.addEventListener('waiting', () => {
        waiting = () => {
          wb.addEventListener('controlling', () => window.location.reload());
          wb.messageSkipWaiting();
        };
        notify();
      });
      wb.register().catch((e: unknown) => console.warn('Service worker not registered', e));
    };
    if ('requestIdleCallback' in window) requestIdleCallback(start, { timeout: 5_000 });
    else setTimeout(start, 1_000);
  });
}

/** A function that reloads into the new build when one is waiting, else null. */
export function useUpdateReady(): (() => void) | null {
  return useSyncExternalStore(
    (l) => (listeners.add(l), () => listeners.delete(l)),
    () => waiting,
    () => null,
  );
}
