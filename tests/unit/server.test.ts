/**
 * The static server that `npm start`, the end-to-end tests and the benchmark use answers HTTP
 * range requests as RFC 9110 says. DuckDB-WASM probes a large file with `HEAD` + `Range: bytes=0-`
 * (and `GET bytes=0-0`) before it reads blocks by ranges; the server we used before (sirv alone)
 * sent the whole file for `bytes=0-0`, so DuckDB downloaded 637 MB instead of reading ranges.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRange, serveStatic, type RunningServer } from '../../scripts/server';

describe('parseRange', () => {
  it.each([
    ['bytes=0-0', { start: 0, end: 0 }],
    ['bytes=0-', { start: 0, end: 999 }],
    ['bytes=100-199', { start: 100, end: 199 }],
    ['bytes=900-5000', { start: 900, end: 999 }],
    ['bytes=-10', { start: 990, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=1000-', 'unsatisfiable'],
    ['bytes=-0', 'unsatisfiable'],
    ['bytes=5-1', null],
    ['bytes=0-1,5-6', null],
    ['items=0-1', null],
    ['bytes=-', null],
    [undefined, null],
  ] as const)('%s of 1000 bytes', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});

describe('serveStatic', () => {
  let dir: string;
  let server: RunningServer;
  const body = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-serve-'));
    writeFileSync(join(dir, 'data.duckdb'), body);
    server = await serveStatic(dir);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    fetch(new URL(path, server.url), { headers, method });

  it('answers one byte for bytes=0-0, with the total in Content-Range', async () => {
    const res = await get('data.duckdb', { Range: 'bytes=0-0' });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 0-0/5000');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(body.subarray(0, 1));
  });

  it('answers a ranged HEAD with 206 and the length of the range', async () => {
    const res = await get('data.duckdb', { Range: 'bytes=0-' }, 'HEAD');
    expect(res.status).toBe(206);
    expect(res.headers.get('content-length')).toBe('5000');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
  });

  it('serves the bytes asked, 416 past the end, the whole file without Range', async () => {
    const before = { ...server.served.get('/data.duckdb')! };
    const part = await get('data.duckdb', { Range: 'bytes=4096-4999' });
    expect(Buffer.from(await part.arrayBuffer())).toEqual(body.subarray(4096, 5000));
    expect((await get('data.duckdb', { Range: 'bytes=6000-' })).status).toBe(416);
    const whole = await get('data.duckdb');
    expect(whole.status).toBe(200);
    expect((await whole.arrayBuffer()).byteLength).toBe(5000);
    const s = server.served.get('/data.duckdb')!;
    expect(s.requests - before.requests).toBe(3);
    expect(s.partial - before.partial).toBe(1);
  });

  it('serves nothing outside its folder', async () => {
    // A raw request line: fetch() would resolve the dots before sending.
    const status = await new Promise<number>((resolve, reject) => {
      const { hostname, port } = new URL(server.url);
      request(
        { hostname, port, path: '/../../../../etc/hostname', headers: { Range: 'bytes=0-10' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      )
        .on('error', reject)
        .end();
    });
    expect(status).toBe(404);
  });
});
