/**
 * The app on the native engine (`npm run serve -- --engine native`) in headless Chromium: the page
 * starts no DuckDB-WASM and downloads no dataset file, its views show the same figures as on
 * DuckDB-WASM, a filter works, and nothing leaves the origin.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { NativeEngine } from '../../scripts/lib/nativeEngine';
import { serveStatic, type RunningServer } from '../../scripts/server';
import { launchBrowser, waitForIdle, waitForShell, type RecordedBrowser } from '../helpers/browser';

const baseUrl = inject('baseUrl');
let native: NativeEngine;
let server: RunningServer;
let b: RecordedBrowser;

beforeAll(async () => {
  native = new NativeEngine('dist/data');
  server = await serveStatic('dist', 0, '127.0.0.1', { native });
  b = await launchBrowser(server.url);
});
afterAll(async () => {
  await b?.close();
  await server?.close();
  native?.close();
});

async function figures(url: string, page = b.page) {
  await page.goto(url);
  await waitForShell(page);
  await waitForIdle(page);
  return page.locator('.figures').first().innerText();
}

describe('native engine', () => {
  it('shows the figures DuckDB-WASM shows, with no wasm and no dataset download', async () => {
    const hash = '#/overview?v=2&r=west_africa&t=2018-01-01,2023-12-31';
    const onNative = await figures(`${server.url}${hash}`);
    expect(
      await b.page.evaluate(() =>
        document.querySelector('meta[name="atlas-engine"]')?.getAttribute('content'),
      ),
    ).toBe('native');
    const paths = [...server.served.keys()];
    expect(paths.filter((p) => p.endsWith('.wasm') || p.endsWith('.duckdb'))).toEqual([]);
    expect(server.served.get('/api/query')?.requests ?? 0).toBeGreaterThan(3);

    const wasm = await launchBrowser(baseUrl);
    try {
      const onWasm = await figures(`${baseUrl}${hash}`, wasm.page);
      expect(onNative).toBe(onWasm);
      expect(onNative).toMatch(/\d/);
    } finally {
      await wasm.close();
    }

    // Another view, on the same service.
    await b.page.goto(`${server.url}#/patterns?v=2&ag=customs`);
    await waitForShell(b.page);
    await b.page.waitForSelector('#main[data-view="patterns"] .panel', { timeout: 60_000 });
    await waitForIdle(b.page);
    expect(await b.page.locator('.fatal').count()).toBe(0);
    const origin = new URL(server.url).origin;
    expect(b.requests.filter((u) => !u.startsWith(origin) && !/^(data|blob):/.test(u))).toEqual([]);
    expect(b.consoleErrors).toEqual([]);
  });
});
