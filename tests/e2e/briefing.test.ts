/**
 * Briefing mode in headless Chromium: Present mode at 1024×768 and 1920×1080 (no chrome, a
 * caption, type sizes measured, screenshots saved), compact chrome, a deck of three saved views
 * stepped through by keyboard with each slide's link reopening it, the deck file, PNG export
 * (size, not blank, caption drawn: compared with a render without it), every view in Spanish,
 * French and Portuguese with no raw key, and briefing-safe counts: no shown count under k, and no
 * hidden count derivable from the totals (an LP over each table, from what the page publishes).
 */
import { VIEWS } from '../../src/model/viewState';
import { mkdirSync, readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readDeckFile } from '../../src/features/briefing/deck';
import { oneWay, twoWay, type CellStatus } from '../../src/disclosure/problems';
import en from '../../src/i18n/locales/en.json';
import { viewerRanges } from '../helpers/disclosure';
import { launchBrowser, waitForIdle, waitForShell, type RecordedBrowser } from '../helpers/browser';

const baseUrl = inject('baseUrl');
const ARTIFACTS = 'test-results/e2e';
mkdirSync(ARTIFACTS, { recursive: true });

let b: RecordedBrowser;
beforeAll(async () => {
  b = await launchBrowser(baseUrl, { viewport: { width: 1024, height: 768 } });
});
afterAll(async () => {
  await b?.close();
});

/**
 * Opens a view by its link in the page already open (as a user follows one): the app applies
 * the new address without starting again. Only the first call loads the page.
 */
async function open(view: string, query = '') {
  const fresh = !b.page.url().startsWith(baseUrl);
  await b.page.goto(`${baseUrl}#/${view}?v=2${query}`);
  if (fresh) await b.page.reload();
  await waitForShell(b.page);
  await b.page.waitForSelector(`#main[data-view="${view}"] .panel`, { timeout: 60_000 });
  await waitForIdle(b.page);
}

async function mapDrawn() {
  await b.page.waitForSelector('[data-panel="map"][data-state="ready"]', { timeout: 60_000 });
  await b.page.waitForSelector('[data-testid="map"] canvas', { timeout: 60_000 });
  await waitForIdle(b.page);
  await b.page.waitForTimeout(2000); // software WebGL: let a few frames land
}

/** The smallest font size of any visible text (HTML and SVG), and the text that has it. */
function smallestText() {
  return b.page.evaluate(() => {
    let min = Infinity;
    let what = '';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim();
      const el = n.parentElement;
      if (!text || !el) continue;
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (
        r.width <= 1 ||
        r.height <= 1 ||
        style.visibility === 'hidden' ||
        style.display === 'none'
      )
        continue;
      if (r.bottom < 0 || r.top > innerHeight) continue; // off screen (scrolled away)
      if (el.closest('.visually-hidden, [aria-hidden="true"] .recharts-legend-wrapper')) continue;
      const size = parseFloat(style.fontSize);
      if (size < min) {
        min = size;
        what = text.slice(0, 40);
      }
    }
    return { min, what, body: parseFloat(getComputedStyle(document.body).fontSize) };
  });
}

describe('Present mode', () => {
  it('at 1024×768 in the projector theme: the view and a caption, nothing under 14 px', async () => {
    await b.page.setViewportSize({ width: 1024, height: 768 });
    const sizes: string[] = [];
    for (const view of ['map', 'trends', 'flows', 'overview']) {
      await open(view, '&th=projector&pr=1');
      if (view === 'map') await mapDrawn();
      // The chrome is gone; the caption names the dataset and says counts are protected.
      expect(await b.page.locator('header.header, nav.nav, .filterbar').count()).toBe(0);
      const caption = await b.page.getByTestId('present-caption').innerText();
      expect(caption).toContain('Synthetic DISRUPT regions');
      expect(caption).toContain('No filters');
      expect(caption).toContain('Counts under 5 hidden');
      const s = await smallestText();
      sizes.push(`${view}: smallest ${s.min}px ("${s.what}"), body ${s.body}px`);
      expect(s.body).toBeGreaterThanOrEqual(18);
      expect(s.min, `${view}: "${s.what}"`).toBeGreaterThanOrEqual(14);
      // The view starts at the top of the screen.
      const top = await b.page.locator('#main .panel').first().boundingBox();
      expect(top!.y).toBeLessThan(120);
      await b.page.screenshot({ path: `${ARTIFACTS}/present-${view}-1024.png` });
    }
    console.log(`Present mode, projector, 1024×768: ${sizes.join('; ')}`);
  });

  it('at 1920×1080: screenshots of the map and a chart, and Escape leaves', async () => {
    await b.page.setViewportSize({ width: 1920, height: 1080 });
    await open('map', '&th=projector&pr=1');
    await mapDrawn();
    await b.page.screenshot({ path: `${ARTIFACTS}/present-map-1920.png` });
    await open('trends', '&th=projector&pr=1&g=quarter');
    await b.page.screenshot({ path: `${ARTIFACTS}/present-trends-1920.png` });
    await b.page.keyboard.press('Escape');
    await b.page.waitForSelector('header.header');
    expect(b.page.url()).not.toContain('pr=1');
    await b.page.setViewportSize({ width: 1024, height: 768 });
  });

  it('the chrome is compact at 1024×768 in every theme: the first chart is on the first screen', async () => {
    for (const theme of ['light', 'projector']) {
      for (const view of ['overview', 'map', 'flows']) {
        await open(view, `&th=${theme}`);
        // The first chart (or the map, or a table) shows at least 250 px on the first screen.
        const chart = await b.page
          .locator('#main [data-chart], #main .map-frame, #main .key-figures')
          .first()
          .boundingBox();
        expect(chart!.y, `${view} in ${theme}`).toBeLessThan(768 - 250);
        if (view === 'overview')
          await b.page.screenshot({ path: `${ARTIFACTS}/compact-${theme}-1024.png` });
      }
    }
  });
});

/** Saves the view on screen with a title and a note. */
async function saveView(title: string, note: string) {
  await b.page.getByTestId('save-view').click();
  await b.page.getByTestId('save-view-name').fill(title);
  await b.page.getByTestId('save-view-note').fill(note);
  await b.page.getByTestId('save-view-ok').click();
  await b.page.getByRole('status').filter({ hasText: 'View saved' }).waitFor();
}

async function download(click: () => Promise<void>): Promise<Download> {
  const d = b.page.waitForEvent('download', { timeout: 120_000 });
  await click();
  return d;
}

describe('decks', () => {
  it('three saved views become a deck, stepped through by keyboard; each slide’s link reopens it', async () => {
    await open('overview');
    await b.page.evaluate(() => localStorage.clear());
    await open('overview', '&g=quarter');
    await saveView('Headline figures', 'Start with the totals.');
    await open('map', '&r=caribbean');
    await saveView('Caribbean routes', '');
    await open('flows', '&t=2020-01-01,2022-12-31');
    await saveView('Flows 2020–2022', 'Point at the direct column.');

    await open('briefing');
    expect(await b.page.getByTestId('saved-view').count()).toBe(3);
    for (const box of await b.page
      .locator('[data-testid="saved-view"] input[type="checkbox"]')
      .all())
      await box.check();
    await b.page.getByTestId('deck-title').fill('Regional briefing');
    await b.page.getByTestId('deck-new').click();
    await expect.poll(() => b.page.getByTestId('deck-slide').count()).toBe(3);

    await b.page.getByTestId('deck-present').click();
    const slide = () => b.page.getByTestId('slide-number').innerText();
    const at = async (n: number, view: string) => {
      await expect.poll(slide).toBe(`Slide ${n} of 3`);
      await b.page.waitForSelector(`#main[data-view="${view}"] .panel`);
      expect(await b.page.locator('.present__title').innerText()).toBe(
        ['Headline figures', 'Caribbean routes', 'Flows 2020–2022'][n - 1],
      );
    };
    await at(1, 'overview');
    const links: string[] = [b.page.url()];
    await b.page.keyboard.press('ArrowRight');
    await at(2, 'map');
    links.push(b.page.url());
    expect(b.page.url()).toContain('r=caribbean');
    await b.page.keyboard.press('PageDown');
    await at(3, 'flows');
    links.push(b.page.url());
    expect(b.page.url()).toContain('t=2020-01-01,2022-12-31');
    await b.page.keyboard.press(' '); // past the end: stays
    await at(3, 'flows');
    await b.page.keyboard.press('PageUp');
    await at(2, 'map');
    await b.page.keyboard.press('Home');
    await at(1, 'overview');
    await b.page.keyboard.press('End');
    await at(3, 'flows');
    await b.page.keyboard.press('ArrowLeft');
    await at(2, 'map');
    // The speaker note shows on N.
    await b.page.keyboard.press('End');
    await at(3, 'flows');
    await b.page.keyboard.press('n');
    expect(await b.page.locator('.present__note').innerText()).toBe('Point at the direct column.');

    // Each slide's link, opened afresh (no saved decks needed: the link carries the deck).
    await b.page.evaluate(() => localStorage.clear());
    for (const [i, link] of links.entries()) {
      await b.page.goto(link);
      await b.page.reload();
      await waitForShell(b.page);
      await at(i + 1, ['overview', 'map', 'flows'][i]!);
    }
    await b.page.keyboard.press('Escape');
    await b.page.waitForSelector('header.header');
  });

  it('exports as one file and imports it back; a damaged file is refused with its reason', async () => {
    await open('briefing');
    await b.page.evaluate(() => localStorage.clear());
    const deck = {
      format: 'firearms-flow-atlas/deck',
      version: 1,
      title: 'Imported briefing',
      slides: [
        { title: 'Map', note: '', link: '#/map?v=2' },
        { title: 'Trends', note: 'By quarter', link: '#/trends?v=2&g=quarter' },
      ],
    };
    await open('briefing');
    const input = b.page.getByTestId('deck-import');
    await input.setInputFiles({
      name: 'bad.deck.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          ...deck,
          slides: [{ title: 'x', note: '', link: 'javascript:alert(1)' }],
        }),
      ),
    });
    expect(await b.page.getByTestId('deck-message').innerText()).toMatch(
      /bad\.deck\.json is not a deck file \(slides\.0\.link/,
    );
    expect(await b.page.getByTestId('deck').count()).toBe(0);
    await input.setInputFiles({
      name: 'good.deck.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(deck)),
    });
    await b.page.getByTestId('deck').waitFor();
    expect(await b.page.getByTestId('deck-slide').count()).toBe(2);
    const file = await download(() => b.page.getByTestId('deck-export').click());
    const text = readFileSync((await file.path())!, 'utf8');
    expect(readDeckFile(text)).toEqual({ ok: true, deck });
    // The whole deck as one PDF (a page per slide) and as a ZIP of 1920×1080 PNGs.
    const pdf = readFileSync(
      (await (await download(() => b.page.getByTestId('deck-pdf').click())).path())!,
    );
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(pdf.toString('latin1').match(/\/Type \/Page /g)).toHaveLength(2);
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    const zip = unzipSync(
      readFileSync((await (await download(() => b.page.getByTestId('deck-zip').click())).path())!),
    );
    const names = Object.keys(zip).sort();
    expect(names).toEqual(['01-Map.png', '02-Trends.png']);
    for (const n of names) {
      const img = PNG.sync.read(Buffer.from(zip[n]!));
      expect([img.width, img.height]).toEqual([1920, 1080]);
      expect(inked(img, 200, 900)).toBeGreaterThan(0.01); // text, lines and marks on the light theme
    }
    // Back on the Briefing view once the slides are drawn.
    await b.page.waitForSelector('#main[data-view="briefing"]');
    // The deck survives a reload (kept in this browser).
    await b.page.reload();
    await waitForShell(b.page);
    await b.page.getByTestId('deck').waitFor();
  });
});

/** Decodes a downloaded PNG. */
async function png(d: Download) {
  return PNG.sync.read(readFileSync((await d.path())!));
}
/** Share of pixels in rows [y0, y1) that differ from the colour at (2, y0). */
function inked(img: PNG, y0: number, y1: number): number {
  const at = (x: number, y: number) => (y * img.width + x) * 4;
  const bg = [img.data[at(2, y0)]!, img.data[at(2, y0) + 1]!, img.data[at(2, y0) + 2]!];
  let n = 0;
  for (let y = y0; y < y1; y++)
    for (let x = 0; x < img.width; x++) {
      const i = at(x, y);
      if (
        Math.abs(img.data[i]! - bg[0]!) +
          Math.abs(img.data[i + 1]! - bg[1]!) +
          Math.abs(img.data[i + 2]! - bg[2]!) >
        60
      )
        n++;
    }
  return n / ((y1 - y0) * img.width);
}

describe('images', () => {
  it('exports the map as PNG at 1920×1080 and 2×, not blank, with its caption drawn in', async () => {
    await open('map', '&th=projector&pr=1');
    await mapDrawn();
    await b.page.getByTestId('image-menu').locator('summary').click();
    const one = await png(await download(() => b.page.getByTestId('image-1x').click()));
    expect([one.width, one.height]).toEqual([1920, 1080]);
    const two = await download(() => b.page.getByTestId('image-2x').click());
    const big = await png(two);
    expect([big.width, big.height]).toEqual([3840, 2160]);
    const ms = await b.page.locator('#main').getAttribute('data-image-ms');
    console.log(`PNG export of the map at 2× (3840×2160): ${ms} ms`);
    // Not blank: the map area has basemap, arcs and labels.
    expect(inked(one, 200, 900)).toBeGreaterThan(0.2);
    // The caption band has text; without the caption, the same band is empty.
    await b.page.getByTestId('image-caption').uncheck();
    const bare = await png(await download(() => b.page.getByTestId('image-1x').click()));
    expect(inked(one, 1010, 1060)).toBeGreaterThan(0.005);
    expect(inked(bare, 1010, 1060)).toBe(0);
    // Everything else is the same picture.
    let differ = 0;
    for (let i = 0; i < 1000 * 1920 * 4; i += 4)
      if (Math.abs(one.data[i]! - bare.data[i]!) > 40) differ++;
    expect(differ / (1000 * 1920)).toBeLessThan(0.02);
    await b.page.getByTestId('image-caption').check();
  });
});

/** Every key of en.json, without plural suffixes. */
function keysOf(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v
      ? keysOf(v as object, `${prefix}${k}.`)
      : [`${prefix}${k}`.replace(/_(one|other|many)$/, '')],
  );
}
const KEYS = [...new Set(keysOf(en))].filter((k) => k.includes('.'));

/** Every view: Spanish is checked on each, the other languages on a representative set. */
const ALL_VIEWS: readonly string[] = VIEWS;

describe('languages', () => {
  // Every key of every language is checked statically (tests/unit/i18n.test.ts); on screen, one
  // language on every view and the others on views that use most of the strings.
  it.each([
    ['es', 'Resumen', ALL_VIEWS],
    ['fr', 'Vue d', ['overview', 'patterns', 'import', 'briefing']],
    ['pt', 'Visão', ['map', 'traces', 'records', 'sql']],
  ])('%s: the views render with no raw key', async (lang, overviewWord, views) => {
    for (const [i, view] of views.entries()) {
      await b.page.goto(`${baseUrl}#/${view}?v=2&l=${lang}`);
      if (i === 0) await b.page.reload();
      await waitForShell(b.page);
      await b.page.waitForSelector(
        `#main[data-view="${view}"] .panel, #main[data-view="${view}"] section`,
        { timeout: 60_000 },
      );
      await waitForIdle(b.page);
      expect(await b.page.evaluate(() => document.documentElement.lang)).toBe(lang);
      const text = await b.page.locator('body').innerText();
      const raw = KEYS.filter((k) => text.includes(k));
      expect(raw, `${lang} ${view}`).toEqual([]);
      expect(text).not.toMatch(/\b1 (records|seizures|firearms|flows|rows)\b/);
    }
    expect(await b.page.locator('nav.nav').innerText()).toContain(overviewWord);
  });
});

describe('briefing-safe counts', () => {
  const FILTER = '&c=JAM&t=2021-01-01,2021-12-31';

  /** The values of every ranked list and of the type × region table on Patterns. */
  async function patternsTables(query: string) {
    await open('patterns', query);
    return b.page.evaluate(() => {
      const lists = [...document.querySelectorAll('table.ranked')].map((t) =>
        [...t.querySelectorAll('tbody tr')].map((tr) => {
          const td = tr.querySelector('td.ranked__value') as HTMLElement;
          return {
            key: (tr as HTMLElement).dataset.key!,
            text: td.innerText,
            safe: td.dataset.safe ?? 'shown',
          };
        }),
      );
      const matrix = [...document.querySelectorAll('[data-testid="type-region"] tbody tr')].map(
        (tr) =>
          [...tr.querySelectorAll('td')].map((td) => ({
            text: td.innerText,
            safe: (td as HTMLElement).dataset.safe ?? 'shown',
          })),
      );
      return { lists, matrix };
    });
  }
  const num = (s: string) => Number(s.replace(/\s*\(.*$/, '').replace(/[^\d]/g, ''));

  it('no shown count is under k, and no hidden one can be worked out from the totals', async () => {
    const truth = await patternsTables(`${FILTER}&sf=off`);
    const safe = await patternsTables(`${FILTER}&sf=on&k=5`);
    expect(safe.lists.length).toBe(truth.lists.length);
    let hidden = 0;
    safe.lists.forEach((list, i) => {
      const values = truth.lists[i]!.map((r) => num(r.text));
      const status = list.map((r) => r.safe as CellStatus);
      list.forEach((r, j) => {
        if (r.safe === 'shown')
          expect(values[j] === 0 || values[j]! >= 5, `${r.key}: ${r.text}`).toBe(true);
        else expect(r.text).toMatch(/^(< 5|•)$/);
        if (values[j]! > 0 && values[j]! < 5) expect(r.safe).toBe('primary');
      });
      hidden += status.filter((s) => s !== 'shown').length;
      // The solver: from the published list and its total, every hidden count keeps a range.
      for (const [, r] of viewerRanges(oneWay(values).problem, [...status, 'shown'], 5))
        expect(r.max - r.min).toBeGreaterThanOrEqual(1 - 1e-6);
    });
    expect(hidden).toBeGreaterThan(0); // the filter does produce small counts
    // The type × region table, with its margins.
    const values = truth.matrix.map((row) => row.map((c) => num(c.text)));
    const status = safe.matrix.map((row) => row.map((c) => c.safe as CellStatus));
    const t = twoWay(values);
    const full: CellStatus[] = t.problem.values.map(() => 'shown');
    t.cells.forEach((row, r) => row.forEach((idx, c) => (full[idx] = status[r]![c]!)));
    for (const [, r] of viewerRanges(t.problem, full, 5))
      expect(r.max - r.min).toBeGreaterThanOrEqual(1 - 1e-6);
    // Nothing in the page's text is a count under 5 shown as a number in a count cell.
    const cells = await b.page
      .locator('.ranked__value, .matrix__cell, .key-figure__value, .figure__value')
      .allInnerTexts();
    for (const c of cells) expect(c.trim()).not.toMatch(/^[1-4](\s|$)/);
  });

  it('exports and the map keep them too', async () => {
    await open('patterns', `${FILTER}&sf=on&k=5`);
    const downloads: Download[] = [];
    const listener = (d: Download) => downloads.push(d);
    b.page.on('download', listener);
    const menu = b.page.getByTestId('export-pattern-calibre');
    await menu.locator('summary').click();
    await menu.getByRole('button', { name: 'CSV (.csv)' }).click();
    await expect.poll(() => downloads.length, { timeout: 60_000 }).toBe(2);
    b.page.off('download', listener);
    const file = (end: string) => downloads.find((d) => d.suggestedFilename().endsWith(end))!;
    const csv = readFileSync((await file('.csv').path())!, 'utf8');
    const sidecar = JSON.parse(readFileSync((await file('.json').path())!, 'utf8')) as {
      suppression?: { k: number };
    };
    expect(sidecar.suppression?.k).toBe(5);
    expect(csv).toContain('< 5');
    for (const line of csv.split(/\r?\n/).slice(1))
      for (const field of line.split(',')) expect(field.replace(/"/g, '')).not.toMatch(/^[1-4]$/);
    // The map: hidden flows are not drawn, and the legend says so.
    await open('map', `${FILTER}&sf=on&k=5`);
    await mapDrawn();
    const legend = await b.page
      .getByTestId('map-rest')
      .innerText()
      .catch(() => '');
    const arcsSafe = JSON.parse(
      (await b.page.getByTestId('map').getAttribute('data-arcs')) ?? '[]',
    ) as unknown[];
    await open('map', `${FILTER}&sf=off`);
    await mapDrawn();
    const arcsAll = JSON.parse(
      (await b.page.getByTestId('map').getAttribute('data-arcs')) ?? '[]',
    ) as unknown[];
    expect(arcsSafe.length).toBeLessThanOrEqual(arcsAll.length);
    if (arcsSafe.length < arcsAll.length) expect(legend).toContain('not drawn');
  });
});
