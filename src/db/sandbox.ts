/**
 * The sandbox every DuckDB of the app runs in. No SQL, whoever wrote it, may read or write
 * anything but the app's own datasets on its own origin. Three layers, each enough on its own
 * against a request to another host:
 *
 * 1. **The worker inherits the page's Content-Security-Policy.** A worker loaded from a URL gets
 *    no policy from the page's `<meta>` tag (measured: a request from it reached a second local
 *    server). A worker created from a `blob:` URL inherits its creator's policy, so DuckDB's
 *    worker is started from a small blob script that imports the real one
 *    (`connect-src 'self'` then applies to DuckDB's own XHR and fetch calls).
 * 2. **A network guard inside the worker** (`installNetworkGuard`) replaces `fetch`,
 *    `XMLHttpRequest.open`, `importScripts`, `WebSocket`, `EventSource` and nested workers with
 *    versions that refuse any URL off the app's origin (nested workers: any but `blob:`), before
 *    DuckDB's code runs. It holds where
 *    no CSP is delivered (`npm run dev`, a host that strips the meta tag).
 * 3. **DuckDB's own configuration**, locked once the datasets are attached: extension
 *    auto-install and auto-load off, external access off (no `read_csv` of a URL or a path, no
 *    `COPY TO`, no `ATTACH` of anything but the app's registered dataset files), and
 *    `lock_configuration`, so no `SET`/`RESET`/`PRAGMA` can undo it.
 */

/** Where the app registers its dataset files in DuckDB's virtual file system. */
export const DATASET_DIRECTORY = '/atlas/';

/**
 * Statements that lock a DuckDB down; run them after the app's own files are attached. Files
 * under `allowedDirectories` stay readable (the views' engine attaches later datasets there);
 * with none, not one more file can be opened.
 */
export function lockDownStatements(allowedDirectories: readonly string[] = []): string[] {
  const dirs = allowedDirectories.map((d) => `'${d.replaceAll("'", "''")}'`).join(', ');
  return [
    'SET autoinstall_known_extensions = false',
    'SET autoload_known_extensions = false',
    ...(allowedDirectories.length > 0 ? [`SET allowed_directories = [${dirs}]`] : []),
    'SET enable_external_access = false',
    'SET lock_configuration = true',
  ];
}

/** The globals of a worker that the guard replaces (a subset of `WorkerGlobalScope`). */
export interface GuardedScope {
  fetch?: (input: unknown, init?: unknown) => Promise<unknown>;
  XMLHttpRequest?: { prototype: { open: (...args: unknown[]) => void } };
  importScripts?: (...urls: string[]) => void;
  WebSocket?: unknown;
  EventSource?: unknown;
  WebTransport?: unknown;
  Worker?: unknown;
  SharedWorker?: unknown;
}

/**
 * Makes every network entry point of a worker refuse URLs off `origin`. The function is
 * serialised into the worker's bootstrap script (`Function.prototype.toString`), so it must not
 * refer to anything outside its own body.
 */
export function installNetworkGuard(origin: string, scope: GuardedScope): void {
  const message = (url: unknown) =>
    `Blocked a request to ${String(url)}: this app never reads from or sends to other hosts`;
  const allowed = (url: unknown): boolean => {
    try {
      const u = new URL(String(url), origin);
      return u.origin === origin || u.protocol === 'blob:' || u.protocol === 'data:';
    } catch {
      return false;
    }
  };
  const pin = (target: object, name: string, value: unknown) =>
    Object.defineProperty(target, name, { value, writable: false, configurable: false });

  const realFetch = scope.fetch;
  if (realFetch) {
    pin(scope, 'fetch', (input: unknown, init?: unknown) => {
      const url =
        typeof input === 'object' && input !== null && 'url' in input
          ? (input as { url: unknown }).url
          : input;
      if (!allowed(url)) return Promise.reject(new TypeError(message(url)));
      return realFetch.call(scope, input, init);
    });
  }
  const xhr = scope.XMLHttpRequest?.prototype;
  if (xhr) {
    const realOpen = xhr.open;
    pin(xhr, 'open', function (this: unknown, ...args: unknown[]) {
      if (!allowed(args[1])) throw new TypeError(message(args[1]));
      return realOpen.apply(this, args);
    });
  }
  const realImport = scope.importScripts;
  if (realImport) {
    pin(scope, 'importScripts', (...urls: string[]) => {
      for (const u of urls) if (!allowed(u)) throw new TypeError(message(u));
      realImport.apply(scope, urls);
    });
  }
  for (const name of ['WebSocket', 'EventSource', 'WebTransport', 'SharedWorker']) {
    if (name in scope) {
      pin(scope, name, function refused(url: unknown) {
        throw new TypeError(message(url));
      });
    }
  }
  // Nested workers only from blob: URLs (the XLSX reader's unzip runs its own code that way); a
  // blob: worker inherits this worker's Content-Security-Policy. Any other script URL is refused.
  const RealWorker = scope.Worker as (new (url: unknown, options?: unknown) => object) | undefined;
  if (RealWorker) {
    pin(scope, 'Worker', function guardedWorker(url: unknown, options?: unknown) {
      let blob = false;
      try {
        blob = new URL(String(url)).protocol === 'blob:';
      } catch {
        blob = false;
      }
      if (!blob) throw new TypeError(message(url));
      return new RealWorker(url, options);
    });
  }
}

/**
 * The source of a worker bootstrap: the guard for `origin`, then the real worker script. Run from
 * a `blob:` URL it also inherits the page's Content-Security-Policy.
 */
export function guardedWorkerSource(workerUrl: string, origin: string): string {
  const abs = new URL(workerUrl, origin).href;
  return [
    `(${installNetworkGuard.toString()})(${JSON.stringify(origin)}, self);`,
    `importScripts(${JSON.stringify(abs)});`,
  ].join('\n');
}

/** Starts a worker from `workerUrl` inside the sandbox (a guarded `blob:` bootstrap). */
export function startGuardedWorker(workerUrl: string): Worker {
  const origin = self.location.origin;
  const source = guardedWorkerSource(new URL(workerUrl, self.location.href).href, origin);
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new Worker(url);
  // The worker has fetched its script once it runs; the URL is not needed after that.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return worker;
}

/**
 * Starts an ES-module worker (Vite builds the app's own workers as modules) inside the sandbox:
 * a `blob:` bootstrap that installs the guard, then imports the real module. The module must post
 * a first message when it is ready (messages sent before are not queued for it).
 */
export function startGuardedModuleWorker(moduleUrl: string): Worker {
  const origin = self.location.origin;
  const abs = new URL(moduleUrl, self.location.href).href;
  const source = [
    `(${installNetworkGuard.toString()})(${JSON.stringify(origin)}, self);`,
    `import(${JSON.stringify(abs)});`,
  ].join('\n');
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new Worker(url, { type: 'module' });
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return worker;
}
