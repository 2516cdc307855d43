/**
 * A small static server for the built app (used by `npm start`, the end-to-end tests and the
 * benchmark): serves `dist/` with HTTP Range support (DuckDB reads large files by ranges), the
 * build's precompressed brotli/gzip copies, long cache lifetimes for hashed assets and the right
 * MIME type for WebAssembly. Binds to loopback unless told otherwise.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { normalize, resolve, sep } from 'node:path';
import sirv from 'sirv';
import type { NativeEngine, NativeQuery } from './lib/nativeEngine';

/**
 * The byte range a `Range` header asks of a file of `size` bytes (RFC 9110 §14.1.2), as inclusive
 * offsets; `null` when the header is absent, malformed or asks several ranges (the whole file is
 * then sent with 200), `'unsatisfiable'` when it starts past the end (416).
 */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    // Suffix range: the last N bytes.
    const n = Number(m[2]);
    if (n === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return null;
  return { start, end };
}

/**
 * Answers a GET or HEAD with a `Range` header for a file under `root`; false when the request is
 * not one (sirv then serves it). sirv reads `bytes=0-0` as the whole file, which made DuckDB-WASM
 * think ranges were unsupported and download large datasets whole.
 */
function serveRange(root: string, req: IncomingMessage, res: ServerResponse): boolean {
  if (!req.headers.range || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  const path = decodeURIComponent((req.url ?? '').split('?')[0]!);
  const file = resolve(root, `.${normalize(path)}`);
  if (!file.startsWith(root + sep)) return false;
  let size: number;
  let modified: Date;
  try {
    const st = statSync(file);
    if (!st.isFile()) return false;
    size = st.size;
    modified = st.mtime;
  } catch {
    return false;
  }
  const range = parseRange(req.headers.range, size);
  if (range === null) return false;
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Last-Modified', modified.toUTCString());
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (range === 'unsatisfiable') {
    res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
    return true;
  }
  res.writeHead(206, {
    'Content-Type': file.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream',
    'Content-Length': range.end - range.start + 1,
    'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file, range).pipe(res);
  return true;
}

/** What was served for one path. */
export interface Served {
  bytes: number;
  requests: number;
  /** Requests answered with part of the file (206). */
  partial: number;
}

/** A running server and its address. */
export interface RunningServer {
  server: Server;
  url: string;
  /** Bytes, requests and range requests served per path since start (range-read measurements). */
  served: Map<string, Served>;
  close(): Promise<void>;
}

/** The largest query request body accepted, in bytes. */
const MAX_QUERY_BYTES = 1 << 20;

/**
 * Answers `POST /api/query` from the native engine: same-origin JSON only (a page of another site
 * cannot send JSON here without a CORS preflight, which is never granted, and its Origin would
 * not match), with the result as Arrow IPC or the engine's message with status 400.
 */
function serveQuery(native: NativeEngine, req: IncomingMessage, res: ServerResponse) {
  const fail = (status: number, error: string) =>
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error }));
  if (req.method !== 'POST') return fail(405, 'POST only');
  if (req.headers.origin !== `http://${req.headers.host}`) return fail(403, 'Same origin only');
  if (!req.headers['content-type']?.startsWith('application/json')) {
    return fail(415, 'JSON only');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size > MAX_QUERY_BYTES) req.destroy();
    else chunks.push(c);
  });
  req.on('end', () => {
    let q: NativeQuery;
    try {
      q = JSON.parse(Buffer.concat(chunks).toString('utf8')) as NativeQuery;
      if (typeof q.dataset !== 'string' || typeof q.sql !== 'string' || !Array.isArray(q.params)) {
        throw new Error('Expected { dataset, sql, params }');
      }
    } catch (e) {
      return fail(400, (e as Error).message);
    }
    native.run(q).then(
      (ipc) =>
        res
          .writeHead(200, {
            'Content-Type': 'application/vnd.apache.arrow.stream',
            'Cache-Control': 'no-store',
          })
          .end(ipc),
      (e: unknown) => fail(400, (e as Error).message),
    );
  });
}

/** Options of `serveStatic`. */
export interface ServeOptions {
  /**
   * Run the views' queries on this native DuckDB (`npm run serve -- --engine native`): the page
   * is told so by a meta tag in index.html, and `POST /api/query` answers its queries.
   */
  native?: NativeEngine;
  /**
   * Serve the build's precompressed copies (default). Off, every file goes out as it is, as from a
   * plain static host: the page must load as well without compression.
   */
  compress?: boolean;
}

/** Serves `dir` on `host:port` (port 0 picks a free one). */
export function serveStatic(
  dir: string,
  port = 0,
  host = '127.0.0.1',
  options: ServeOptions = {},
): Promise<RunningServer> {
  const { native, compress = true } = options;
  const root = resolve(dir);
  const handler = sirv(dir, {
    dev: false,
    etag: true,
    // The build's precompressed `.br`/`.gz` copies (scripts/lib/precompress.ts), chosen by the
    // request's Accept-Encoding (with `Vary: Accept-Encoding`).
    gzip: compress,
    brotli: compress,
    setHeaders(res, pathname) {
      // Hashed build outputs never change under their name.
      if (pathname.startsWith('/assets/')) {
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      }
      if (pathname.endsWith('.wasm')) res.setHeader('Content-Type', 'application/wasm');
      if (pathname.endsWith('.duckdb')) res.setHeader('Content-Type', 'application/octet-stream');
      if (
        pathname === '/' ||
        pathname.endsWith('manifest.json') ||
        pathname.endsWith('.html') ||
        pathname.endsWith('sw.js')
      ) {
        res.setHeader('Cache-Control', 'no-cache');
      }
      res.setHeader('X-Content-Type-Options', 'nosniff');
    },
  });
  const served = new Map<string, Served>();
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    const entry = served.get(path) ?? { bytes: 0, requests: 0, partial: 0 };
    served.set(path, entry);
    entry.requests++;
    const write = res.write.bind(res);
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (chunk && typeof chunk !== 'function') entry.bytes += Buffer.byteLength(chunk as Buffer);
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof res.write;
    if (native && path === '/api/query') return serveQuery(native, req, res);
    if (native && (path === '/' || path === '/index.html') && req.method === 'GET') {
      const html = readFileSync(resolve(root, 'index.html'), 'utf8').replace(
        '<meta charset="UTF-8" />',
        '<meta charset="UTF-8" />\n    <meta name="atlas-engine" content="native" />',
      );
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      return res.end(html);
    }
    if (serveRange(root, req, res)) {
      if (res.statusCode === 206) entry.partial++;
      return;
    }
    handler(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address() as AddressInfo;
      resolve({
        server,
        url: `http://${host}:${actual}/`,
        served,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}
