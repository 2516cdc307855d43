/**
 * The service worker: makes the app installable and the second visit free of downloads. Every
 * file of the build (scripts, styles, the DuckDB wasm and worker, the map's shapes) and the bundled
 * default dataset are precached on the first visit (vite-plugin-pwa writes their list and
 * revisions into `self.__WB_MANIFEST`); later visits are served from the cache, with or without a
 * network. A new build waits until the page asks it to take over (see `register.ts`), so a page
 * never loads chunks of two builds.
 *
 * DuckDB reads dataset files by HTTP ranges (a HEAD, then `Range` GETs). The precache holds whole
 * files, so HEAD and ranged requests for a precached file are answered from it here: the HEAD
 * with the file's length, a range with a 206 cut from the cached body. Files not precached
 * (datasets added to `data/` after the build, a benchmark's) go to the network as before.
 *
 * It fetches nothing of its own beyond the page's origin: the precache list holds only the
 * build's own files, and every other request is the page's, which the page's CSP has allowed.
 */
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { createHandlerBoundToURL, getCacheKeyForURL } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { createPartialResponse } from 'workbox-range-requests';

interface PrecacheEntry {
  url: string;
  revision: string | null;
}

/** What this worker uses of its global scope (the DOM library types the rest of the app). */
declare const self: {
  __WB_MANIFEST: (PrecacheEntry | string)[];
  location: Location;
  skipWaiting(): Promise<void>;
  addEventListener(type: 'message', listener: (e: MessageEvent<unknown>) => void): void;
};

/** True for a precached file that DuckDB reads by parts. */
const isRangedRead = (request: Request, url: URL) =>
  url.origin === self.location.origin &&
  (request.method === 'HEAD' || request.headers.has('range')) &&
  getCacheKeyForURL(url.href) !== undefined;

/** Answers a HEAD or a ranged GET for a precached file from the precache. */
async function rangedFromCache({ request }: { request: Request }): Promise<Response> {
  const cached = await matchPrecache(request.url);
  if (!cached) return fetch(request);
  const headers = new Headers(cached.headers);
  headers.set('Accept-Ranges', 'bytes');
  if (request.method === 'HEAD') {
    // The stored length is the file's unless the server sent it compressed.
    const length =
      !headers.has('Content-Encoding') && headers.get('Content-Length')
        ? headers.get('Content-Length')!
        : String((await cached.arrayBuffer()).byteLength);
    headers.delete('Content-Encoding');
    headers.set('Content-Length', length);
    return new Response(null, { status: 200, headers });
  }
  const whole = new Response(cached.body, { status: 200, headers });
  return createPartialResponse(request, whole);
}

// Ranged reads first: the precache route would answer them with the whole file.
registerRoute(({ request, url }) => isRangedRead(request, url), rangedFromCache, 'GET');
registerRoute(({ request, url }) => isRangedRead(request, url), rangedFromCache, 'HEAD');
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/] });
cleanupOutdatedCaches();
// Any navigation (with a query such as `?bench`, or none) opens the cached app shell.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

self.addEventListener('message', (e) => {
  if ((e.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
