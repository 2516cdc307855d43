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
  const server = createServer((req, res) =>
    handler(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    }),
  );
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address() as AddressInfo;
      resolve({
        server,
        url: `http://${host}:${actual}/`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}
