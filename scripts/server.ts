/**
 * A small static server for the built app (used by `npm start`, the end-to-end tests and the
 * benchmark): serves `dist/` with HTTP Range support (DuckDB reads large files by ranges) and
 * the right MIME type for WebAssembly. Binds to loopback unless told otherwise.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

/** A running server and its address. */
export interface RunningServer {
  server: Server;
  url: string;
  /** Bytes and requests served per path since start (for range-read measurements). */
  served: Map<string, { bytes: number; requests: number }>;
  close(): Promise<void>;
}

/** Serves `dir` on `host:port` (port 0 picks a free one). */
export function serveStatic(dir: string, port = 0, host = '127.0.0.1'): Promise<RunningServer> {
  const handler = sirv(dir, {
    dev: false,
    etag: true,
    gzip: false,
    brotli: false,
    setHeaders(res, pathname) {
      if (pathname.endsWith('.wasm')) res.setHeader('Content-Type', 'application/wasm');
      if (pathname.endsWith('.duckdb')) res.setHeader('Content-Type', 'application/octet-stream');
      if (pathname.endsWith('manifest.json') || pathname.endsWith('.html')) {
        res.setHeader('Cache-Control', 'no-cache');
      }
      res.setHeader('X-Content-Type-Options', 'nosniff');
    },
  });
  const served = new Map<string, { bytes: number; requests: number }>();
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    const entry = served.get(path) ?? { bytes: 0, requests: 0 };
    served.set(path, entry);
    entry.requests++;
    const write = res.write.bind(res);
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (chunk && typeof chunk !== 'function') entry.bytes += Buffer.byteLength(chunk as Buffer);
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof res.write;
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
