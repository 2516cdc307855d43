/**
 * The installable offline app in headless Chromium: the first visit registers the service worker
 * once the view has settled and precaches the build and the default dataset; the second visit is
 * served from that cache (the server sees no request but the browser's check for a new worker);
 * with the network gone, the app still opens, queries the dataset and draws the map; DuckDB's
 * ranged reads of a dataset file are answered from the cache; and nothing leaves the origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type RunningServer } from '../../scripts/server';
import { launchBrowser, waitForIdle, waitForShell, type RecordedBrowser } from '../helpers/browser';

let server: RunningServer;
let b: RecordedBrowser;

const pathsAfter = (before: Map<string, number>) =>
  [...server.served].filter(([p, s]) => s.requests > (before.get(p) ?? 0)).map(([p]) => p);
const snapshot = () => new Map([...server.served].map(([p, s]) => [p, s.requests]));

beforeAll(async () => {
  server = await serveStatic('dist');
  b = await launchBrowser(server.url, { serviceWorkers: true, blockOffOrigin: false });
});
afterAll(async () => {
  await b?.close();
  await server?.close();
});

describe('offline app', () => {
  it('precaches on the first visit, then opens with no download and no network', async () => {
    const { page } = b;
    await page.goto(`${server.url}#/overview?v=2`);
    await waitForShell(page);
    await waitForIdle(page);
    // The worker registers after the first settled view and activates once everything is cached.
    const deadline = Date.now() + 90_000;
    while (
      (await page.evaluate(
        async () => (await navigator.serviceWorker.getRegistration())?.active?.state,
      )) !== 'activated'
    ) {
      if (Date.now() > deadline) throw new Error('The service worker did not activate');
      await page.waitForTimeout(500);
    }
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
      return link
        ? ((await (await fetch(link.href)).json()) as { name: string; icons: unknown[] })
        : null;
    });
    expect(manifest?.name).toBe('Firearms Flow Atlas');
    expect(manifest?.icons.length).toBeGreaterThanOrEqual(2);

    // Second visit, online, in a new tab: everything comes from the cache.
    const before = snapshot();
    const second = await b.context.newPage();
    await second.goto(`${server.url}#/overview?v=2`);
    await waitForShell(second);
    await waitForIdle(second);
    expect(await second.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    const fetched = pathsAfter(before).filter((p) => !p.endsWith('/sw.js'));
    expect(fetched).toEqual([]);

    // No network at all: the app opens on the default dataset and answers a filter.
    await b.context.setOffline(true);
    const offlineStart = snapshot();
    await second.goto(`${server.url}?offline#/overview?v=2&r=west_africa`);
    await waitForShell(second);
    await waitForIdle(second);
    expect(await second.locator('.fatal').count()).toBe(0);
    const figures = await second.locator('.figures').first().innerText();
    expect(figures).toMatch(/\d/);
    // The map draws its shapes from the cache too.
    await second.goto(`${server.url}?offline#/map?v=2`);
    await waitForShell(second);
    await second.waitForSelector('#main[data-view="map"] canvas', { timeout: 60_000 });
    await waitForIdle(second);
    // (Chromium's offline emulation does not cover the worker's own check for a new version.)
    expect(pathsAfter(offlineStart).filter((p) => !p.endsWith('/sw.js'))).toEqual([]);

    // DuckDB's reads by parts, answered from the precache.
    const ranged = await second.evaluate(async () => {
      const url = 'data/default/atlas.duckdb';
      const head = await fetch(url, { method: 'HEAD' });
      const part = await fetch(url, { headers: { Range: 'bytes=100-199' } });
      const whole = new Uint8Array(await (await fetch(url)).arrayBuffer());
      const bytes = new Uint8Array(await part.arrayBuffer());
      return {
        headLength: Number(head.headers.get('content-length')),
        status: part.status,
        range: part.headers.get('content-range'),
        same: bytes.length === 100 && bytes.every((v, i) => v === whole[100 + i]),
        wholeLength: whole.length,
      };
    });
    expect(ranged.status).toBe(206);
    expect(ranged.same).toBe(true);
    expect(ranged.headLength).toBe(ranged.wholeLength);
    expect(ranged.range).toBe(`bytes 100-199/${ranged.wholeLength}`);
    await b.context.setOffline(false);

    // Nothing requested of another origin.
    const origin = new URL(server.url).origin;
    expect(b.requests.filter((u) => !u.startsWith(origin) && !/^(data|blob):/.test(u))).toEqual([]);
  });
});
