/**
 * WCAG 2.1 A/AA audit (axe-core): every view in the light theme and in the projector theme (the
 * dark-ground theme briefings use), representative views in the dark theme and in Present mode,
 * and, with their content open, Records with a seizure's detail, the SQL console with a result,
 * Flows at subdivision level, the "About the data" dialog and the Import view with a file: no
 * serious or critical violation. Present mode in the projector theme keeps 7:1 on every view.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import * as R from '../helpers/realWorldFixtures';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, waitForIdle, waitForShell, type RecordedBrowser } from '../helpers/browser';
import { hostileCsv } from '../helpers/importFixtures';
import { VIEWS as ALL_VIEWS } from '../../src/model/viewState';
import { ANON_HEADER, anonRow } from '../helpers/anonFixture';

const baseUrl = inject('baseUrl');
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
let b: RecordedBrowser;
// A file with an unknown place, so the fix list is on screen too.
const hostile = hostileCsv();

beforeAll(async () => {
  b = await launchBrowser(baseUrl);
});
afterAll(async () => {
  await b?.close();
});

interface Violation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/** Runs axe in the page (through the DevTools protocol, so the page's CSP does not apply). */
async function audit(): Promise<Violation[]> {
  // Busy panels fade (opacity, 0.2 s): audit the settled page, not a fading one.
  await waitForIdle(b.page);
  await b.page.waitForTimeout(400);
  await b.page.evaluate(axeSource);
  const result = await b.page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(o: object): Promise<{ violations: Violation[] }> } }
    ).axe;
    const r = await axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return {
      violations: r.violations,
      passes: (r as unknown as { passes: unknown[] }).passes.length,
    };
  });
  // The audit really ran: many rules checked and passed.
  expect(result.passes).toBeGreaterThan(10);
  console.log(
    `axe: ${result.passes} rules passed, ${result.violations.length} violated (any impact)`,
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })),
    }));
}

/** Every view but the SQL console, Notebooks and Import (audited with content below). */
const VIEWS = ALL_VIEWS.filter((v) => v !== 'sql' && v !== 'import' && v !== 'notebooks');

/**
 * Views that stand for the rest where a theme or mode only recolours them: a map, a chart view,
 * a table view and a page of cards.
 */
const REPRESENTATIVE = ['overview', 'map', 'patterns', 'records', 'briefing'];

/** Audits each of `views` at `query`, and returns the serious or critical violations by view. */
async function auditViews(
  query: string,
  views: readonly string[] = VIEWS,
): Promise<Record<string, Violation[]>> {
  const found: Record<string, Violation[]> = {};
  for (const [i, view] of views.entries()) {
    // A new link in the same page (as a user follows one); the first loads the page afresh.
    await b.page.goto(`${baseUrl}#/${view}?v=2&${query}`);
    if (i === 0) await b.page.reload();
    await waitForShell(b.page);
    await b.page.waitForSelector(`#main[data-view="${view}"] .panel`, { timeout: 60_000 });
    await waitForIdle(b.page);
    const v = await audit();
    if (v.length) found[view] = v;
  }
  return found;
}

describe('every view', () => {
  it.each([
    ['light', 'th=light'],
    ['projector', 'th=projector'],
  ])('in the %s theme has no serious or critical violation', async (_name, query) => {
    expect(await auditViews(query)).toEqual({});
  });
});

describe('representative views', () => {
  it.each([
    ['dark', 'th=dark'],
    ['Present mode (projector)', 'th=projector&pr=1'],
    ['Present mode (light)', 'th=light&pr=1'],
  ])('in the %s theme have no serious or critical violation', async (_name, query) => {
    expect(await auditViews(query, REPRESENTATIVE)).toEqual({});
  });
});

describe('Present mode in the projector theme at 1024×768', () => {
  it('keeps 7:1 (WCAG AAA, axe color-contrast-enhanced) for all text of every view', async () => {
    await b.page.setViewportSize({ width: 1024, height: 768 });
    const lowest: string[] = [];
    const failing: Record<string, string[]> = {};
    try {
      for (const [i, view] of VIEWS.entries()) {
        await b.page.goto(`${baseUrl}#/${view}?v=2&th=projector&pr=1`);
        if (i === 0) await b.page.reload();
        await waitForShell(b.page);
        await b.page.waitForSelector(`#main[data-view="${view}"] .panel`, { timeout: 60_000 });
        await waitForIdle(b.page);
        await b.page.waitForTimeout(400);
        await b.page.evaluate(axeSource);
        const r = await b.page.evaluate(async () => {
          type Node = { target: string[]; any: { data?: { contrastRatio?: number } }[] };
          const axe = (
            window as unknown as {
              axe: {
                run(
                  o: object,
                ): Promise<{ violations: { nodes: Node[] }[]; passes: { nodes: Node[] }[] }>;
              };
            }
          ).axe;
          const res = await axe.run({ runOnly: ['color-contrast-enhanced'] });
          const ratios = res.passes
            .flatMap((g) => g.nodes)
            .flatMap((n) => n.any.map((a) => a.data?.contrastRatio ?? Infinity));
          return {
            checked: ratios.length,
            min: Math.min(...ratios),
            violations: res.violations.flatMap((g) => g.nodes.map((n) => n.target.join(' '))),
          };
        });
        expect(r.checked, view).toBeGreaterThan(5);
        lowest.push(`${view} ${r.min.toFixed(2)}`);
        if (r.violations.length) failing[view] = r.violations.slice(0, 5);
      }
    } finally {
      await b.page.setViewportSize({ width: 1440, height: 900 });
    }
    console.log(`Present mode, projector, 1024×768, lowest text contrast: ${lowest.join('; ')}`);
    expect(failing).toEqual({});
  });
});

describe.each(['light', 'projector'])('accessibility in the %s theme', (theme) => {
  it('Records with a seizure open', async () => {
    await b.page.goto(`${baseUrl}#/records?v=2&th=${theme}&sel=seizure~1`);
    await waitForShell(b.page);
    await b.page.getByTestId('seizure-detail').waitFor();
    await waitForIdle(b.page);
    expect(await audit()).toEqual([]);
  });

  it('the SQL console with a result', async () => {
    await b.page.goto(`${baseUrl}#/sql?v=2&th=${theme}`);
    await waitForShell(b.page);
    await b.page.getByRole('button', { name: 'Run' }).click();
    await b.page.getByTestId('sql-status').waitFor();
    await expect.poll(() => b.page.getByTestId('sql-result').innerText()).not.toContain('Loading');
    expect(await audit()).toEqual([]);
  });

  it('Notebooks with a notebook run (prose, parameters, cells, charts, tables)', async () => {
    await b.page.goto(`${baseUrl}#/notebooks?v=2&th=${theme}&nb=shipped:traces-sdg.md`);
    await b.page.reload();
    await waitForShell(b.page);
    await b.page.getByText('All cells ran.').waitFor({ timeout: 60_000 });
    await waitForIdle(b.page);
    expect(await audit()).toEqual([]);
    await b.page.getByRole('button', { name: 'Edit' }).click();
    await b.page.locator('.notebook__editor .cm-content').waitFor();
    expect(await audit()).toEqual([]);
  });

  it('the "About the data" dialog, and Flows with its place level', async () => {
    await b.page.goto(`${baseUrl}#/flows?v=2&th=${theme}&pl=admin1`);
    await b.page.reload();
    await waitForShell(b.page);
    await waitForIdle(b.page);
    expect(await audit()).toEqual([]);
    await b.page.getByTestId('about-data').click();
    await b.page.getByTestId('about-sources').waitFor();
    expect(await audit()).toEqual([]);
    await b.page.keyboard.press('Escape');
  });

  it('the Import view anonymising a file (options and report)', async () => {
    await b.page.goto(`${baseUrl}#/import?v=2&th=${theme}`);
    await b.page.reload();
    await waitForShell(b.page);
    await b.page.getByTestId('import-anonymise').check();
    await b.page.getByTestId('import-anon-salt').fill('a salt for the audit');
    const csv = [
      ANON_HEADER.join(','),
      ...Array.from({ length: 60 }, (_, i) =>
        anonRow(i)
          .map((v) => `"${v}"`)
          .join(','),
      ),
    ].join('\n');
    await b.page
      .getByTestId('import-file')
      .setInputFiles({ name: 'cases.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await b.page.getByTestId('import-anon-report').waitFor({ timeout: 60_000 });
    await waitForIdle(b.page);
    expect(await audit()).toEqual([]);
  });

  it('the Import view with a file opened (layout, checks with fixes, previews)', async () => {
    await b.page.goto(`${baseUrl}#/import?v=2&th=${theme}`);
    await b.page.reload();
    await waitForShell(b.page);
    await b.page.getByTestId('import-file').setInputFiles({
      name: hostile.name,
      mimeType: 'text/csv',
      buffer: Buffer.from(hostile.bytes),
    });
    await b.page.getByTestId('import-unresolved-places').waitFor();
    expect(await audit()).toEqual([]);
    // Rows kept undated, the date order and why, items apart from firearms.
    for (const fx of [R.policeExport(), R.ministryItems()]) {
      await b.page.getByTestId('import-file').setInputFiles({
        name: fx.name,
        mimeType: 'text/csv',
        buffer: Buffer.from(fx.bytes),
      });
      await b.page.waitForFunction(
        (name) =>
          document.querySelector('[data-testid="import-opened"]')?.textContent?.includes(name) &&
          document.querySelector('[data-testid="import-date-order"]'),
        fx.name,
      );
      expect(await audit()).toEqual([]);
    }
  });
});
