/**
 * The build's precompressed copies: every compressible file outside `data/` gets a `.br` and a
 * `.gz` that decode to its bytes, and the bundled server sends the one the browser accepts;
 * nothing under `data/` is compressed, so a manifest edited after the build is served as edited.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../scripts/lib/precompress';
import { serveStatic, type RunningServer } from '../../scripts/server';

let dir: string;
let server: RunningServer;
const script = Buffer.from('export const x = 1;\n'.repeat(500));
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-precompress-'));
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, 'data/default'), { recursive: true });
  writeFileSync(join(dir, 'assets/app.js'), script);
  writeFileSync(join(dir, 'assets/tiny.js'), 'x');
  writeFileSync(join(dir, 'data/default/manifest.json'), JSON.stringify({ v: 'x'.repeat(4000) }));
  precompressDir(dir);
  // Edited after the build (as a benchmark or a publisher does), before the server starts.
  writeFileSync(join(dir, 'data/default/manifest.json'), '{"edited":true}');
  server = await serveStatic(dir);
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('precompressed build', () => {
  it('writes .br and .gz that decode to the file, outside data/ and above 1 KB only', () => {
    expect(brotliDecompressSync(readFileSync(join(dir, 'assets/app.js.br')))).toEqual(script);
    expect(gunzipSync(readFileSync(join(dir, 'assets/app.js.gz')))).toEqual(script);
    expect(existsSync(join(dir, 'assets/tiny.js.br'))).toBe(false);
    expect(existsSync(join(dir, 'data/default/manifest.json.br'))).toBe(false);
    expect(existsSync(join(dir, 'data/default/manifest.json.gz'))).toBe(false);
  });

  it('is served compressed to a browser that accepts it, and as it is to one that does not', async () => {
    const br = await fetch(`${server.url}assets/app.js`, { headers: { 'Accept-Encoding': 'br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toMatch(/Accept-Encoding/i);
    expect(br.headers.get('cache-control')).toMatch(/immutable/);
    expect(Buffer.from(await br.arrayBuffer())).toEqual(script);
    const plain = await fetch(`${server.url}assets/app.js`, {
      headers: { 'Accept-Encoding': 'identity' },
    });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Number(plain.headers.get('content-length'))).toBe(script.length);
  });

  it('serves a manifest edited after the build as edited', async () => {
    const res = await fetch(`${server.url}data/default/manifest.json`, {
      headers: { 'Accept-Encoding': 'br, gzip' },
    });
    expect(await res.json()).toEqual({ edited: true });
  });
});
