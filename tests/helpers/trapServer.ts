/**
 * A second local server on another port that must never be reached: adversarial tests point
 * hostile SQL and links at it and assert that it received zero requests.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running trap: its origin and every request it received. */
export interface TrapServer {
  origin: string;
  port: number;
  hits: { method: string; url: string }[];
  close(): Promise<void>;
}

/** Starts a trap on a free loopback port; it answers everything with a small CSV and CORS. */
export async function startTrapServer(): Promise<TrapServer> {
  const hits: TrapServer['hits'] = [];
  const server = createServer((req: IncomingMessage, res) => {
    hits.push({ method: req.method ?? '', url: req.url ?? '' });
    res.writeHead(200, {
      'Access-Control-Allow-Origin': '*',
      'Content-Type': 'text/csv',
      'Accept-Ranges': 'bytes',
    });
    res.end(req.method === 'HEAD' ? undefined : 'a,b\n1,2\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
