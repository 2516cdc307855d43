/**
 * No layout shift on a first visit: the built app served as a plain static host would (no
 * compression, so the engine and the dataset arrive slowly and the boot screen stays longer), a
 * cold load in a fresh profile, and the page's own `layout-shift` entries (PerformanceObserver,
 * buffered) summed until the view has settled. The boot screen hands over to a shell whose first
 * view's code is already in, and panels keep the height of what they will draw.
 *
 * Overview (the default view) on a desktop and a phone screen, and Traces (whose panels moved most
 * before: 0.55) on a desktop screen. Lighthouse (`npm run lighthouse`) measures the same on both
 * servers; nothing here is timed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type RunningServer } from '../../scripts/server';
import { launchBrowser, waitForIdle, waitForShell } from '../helpers/browser';

/** Lighthouse's desktop screen, and a phone's. */
const DESKTOP = { width: 1350, height: 940 };
const PHONE = { width: 412, height: 823 };

interface Shift {
  value: number;
  at: number;
  moved: string[];
}

let server: RunningServer;

beforeAll(async () => {
  server = await serveStatic('dist', 0, '127.0.0.1', { compress: false });
});
afterAll(async () => {
  await server?.close();
});

/** The layout shifts of a cold load of `hash` until the view settles (plus a second). */
async function coldLoadShifts(
  hash: string,
  viewport: { width: number; height: number },
): Promise<Shift[]> {
  const b = await launchBrowser(server.url, { viewport });
  try {
    await b.page.addInitScript(() => {
      const shifts: Shift[] = [];
      (window as unknown as { __shifts: Shift[] }).__shifts = shifts;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & {
          value: number;
          hadRecentInput: boolean;
          sources?: { node?: Node | null }[];
        })[]) {
          if (e.hadRecentInput) continue;
          shifts.push({
            value: e.value,
            at: Math.round(e.startTime),
            moved: (e.sources ?? []).map((s) =>
              s.node instanceof Element
                ? `${s.node.tagName.toLowerCase()}.${[...s.node.classList].join('.')}`
                : String(s.node?.nodeName),
            ),
          });
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await b.page.goto(`${server.url}${hash}`);
    await waitForShell(b.page, 90_000);
    await waitForIdle(b.page, 90_000);
    await b.page.waitForTimeout(1000);
    expect(b.consoleErrors).toEqual([]);
    return await b.page.evaluate(() => (window as unknown as { __shifts: Shift[] }).__shifts);
  } finally {
    await b.close();
  }
}

const total = (shifts: Shift[]) => shifts.reduce((a, s) => a + s.value, 0);

describe('layout shift on a cold load from a plain static server', () => {
  const cases: [string, string, { width: number; height: number }][] = [
    ['Overview, desktop', '#/overview', DESKTOP],
    ['Overview, phone', '#/overview', PHONE],
    ['Traces, desktop', '#/traces', DESKTOP],
  ];
  for (const [name, hash, viewport] of cases) {
    it(`${name}: the shifts add up to less than 0.05`, async () => {
      const shifts = await coldLoadShifts(hash, viewport);
      // The message names what moved, should this fail.
      expect(total(shifts), JSON.stringify(shifts)).toBeLessThan(0.05);
    });
  }
});
