/**
 * Notebooks as a reader uses them: a shipped notebook opens and runs on the default dataset, a
 * changed parameter changes its chart and table (and travels in the link), a notebook imported
 * from a `.md` file is kept in the browser and exports the same text, and a hostile notebook
 * from a link is contained as the console contains SQL: no script runs, no image or cell reaches
 * another host, a runaway cell stops, and the other cells still answer.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { packText } from '../../src/model/linkPacking';
import { launchBrowser, waitForShell, type RecordedBrowser } from '../helpers/browser';
import { startTrapServer, type TrapServer } from '../helpers/trapServer';

const baseUrl = inject('baseUrl');
let b: RecordedBrowser;
let trap: TrapServer;

beforeAll(async () => {
  trap = await startTrapServer();
  b = await launchBrowser(baseUrl, { blockOffOrigin: false });
});
afterAll(async () => {
  await b?.close();
  await trap?.close();
});

const allRan = () => b.page.getByText('All cells ran.').waitFor({ timeout: 60_000 });
const cellStatus = (name: string) =>
  b.page.locator(`[data-cell="${name}"] .notebook__status`).innerText();
/** The labels of a bar chart drawn after a cell (the figure right after the cell's section). */
const barLabels = (name: string) =>
  b.page
    .locator(`[data-cell="${name}"] + figure .ranked tbody tr`)
    .allInnerTexts()
    .then((rows) => rows.map((r) => r.split('\t')[0]!.trim()));

describe('notebooks', () => {
  it('open a shipped notebook, run it, and rerun it when a parameter changes', async () => {
    await b.page.goto(`${baseUrl}#/notebooks?v=2`);
    await waitForShell(b.page);
    await b.page.getByRole('heading', { name: 'Operation Trigger IX in numbers' }).waitFor();
    await allRan();
    // Correct on the default dataset: the operation's seizures add up to INTERPOL's count.
    const totals = b.page.locator('[data-cell="totals"] + .notebook__table');
    await expect.poll(() => totals.innerText()).toMatch(/8,263/);
    expect(await cellStatus('country_types')).toMatch(/\d+ rows? in \d+ ms/);
    const brazil = await barLabels('country_types');
    const brazilText = await b.page.locator('[data-cell="country_types"] + figure').innerText();
    expect(brazil.length).toBeGreaterThan(2);

    await b.page.getByLabel('Country to look into (ISO3 code)').fill('HTI');
    await allRan();
    await b.page.getByLabel('Country to look into (ISO3 code)').fill('MEX');
    await expect.poll(() => decodeURIComponent(b.page.url())).toContain('np=country~MEX');
    await expect
      .poll(() => b.page.locator('[data-cell="country_types"] + figure').innerText(), {
        timeout: 60_000,
      })
      .not.toBe(brazilText);
    await allRan();
    // The chart of the other cells did not move; this one now counts Mexico's firearms.
    const mexico = await b.page.locator('[data-cell="country_types"] + figure').innerText();
    expect(mexico).not.toBe(brazilText);
    expect(await barLabels('country_types')).toContain('pistol');

    // The link reopens the same notebook with the same value.
    const url = b.page.url();
    await b.page.goto('about:blank');
    await b.page.goto(url);
    await waitForShell(b.page);
    await allRan();
    expect(await b.page.getByLabel('Country to look into (ISO3 code)').inputValue()).toBe('MEX');
    expect(await b.page.locator('[data-cell="country_types"] + figure').innerText()).toBe(mexico);

    // A cell opens in the SQL console with its value written in.
    await b.page.locator('[data-cell="country_types"]').getByRole('link').click();
    await expect
      .poll(() => b.page.getByLabel('SQL query').innerText())
      .toMatch(/s\.country_iso3 = 'MEX'/);
  });

  it('applies the current filters to every cell when asked, and says which', async () => {
    await b.page.goto(`${baseUrl}#/notebooks?v=2&c=MEX&nb=shipped:checking-an-import.md`);
    await b.page.reload();
    await waitForShell(b.page);
    await allRan();
    const totals = b.page.locator('[data-cell="totals"] + .notebook__table td').first();
    expect(await totals.innerText()).toBe('50,000');
    await b.page.getByLabel('Apply the current filters').check();
    await expect.poll(() => decodeURIComponent(b.page.url())).toContain('nf=1');
    // The cells now count what the views count: the header's seizures under the same filter.
    const header = await b.page.locator('[data-figure="seizures"] dd').innerText();
    await expect.poll(() => totals.innerText(), { timeout: 60_000 }).toBe(header);
    expect(header).not.toBe('50,000');
    await b.page.getByLabel('Apply the current filters').uncheck();
    await expect.poll(() => totals.innerText(), { timeout: 60_000 }).toBe('50,000');
  });

  it('imports a .md notebook, keeps it in the browser and exports the same text', async () => {
    const text = `---
title: My own check
params:
  - name: region
    kind: select
    default: caribbean
    options: [caribbean, west_africa]
---

# My own check

\`\`\`sql per_region
SELECT count(*) AS seizures FROM seizures s JOIN places p ON p.iso3 = s.country_iso3
WHERE p.atlas_region = {{region}}
\`\`\`

\`\`\`chart table per_region
\`\`\`
`;
    const file = join(tmpdir(), 'my-own-check.md');
    writeFileSync(file, text);
    await b.page.goto(`${baseUrl}#/notebooks?v=2`);
    await waitForShell(b.page);
    await b.page.locator('input[type=file]').setInputFiles(file);
    await b.page.getByRole('heading', { name: 'My own check' }).waitFor();
    await allRan();
    expect(await b.page.getByRole('status').first().innerText()).toMatch(/Imported “My own check”/);
    const caribbean = await b.page.locator('.notebook__table').innerText();
    await b.page.locator('#nb-param-region').selectOption('west_africa');
    await expect.poll(() => b.page.locator('.notebook__table').innerText()).not.toBe(caribbean);
    // Kept in this browser: listed after a reload.
    await b.page.reload();
    await waitForShell(b.page);
    await b.page.getByRole('link', { name: 'My own check' }).waitFor();
    const download = b.page.waitForEvent('download');
    await b.page.getByRole('button', { name: 'Export .md' }).click();
    const saved = await (await download).path();
    expect(readFileSync(saved, 'utf8')).toBe(text);
  });

  it('contains a hostile notebook from a link', async () => {
    const url = `${trap.origin}/x.csv`;
    const hostile = `---
title: Hostile notebook
params:
  - name: c
    default: MEX
---
<script>window.__pwned = 1; fetch('${url}')</script>
<img src="${trap.origin}/img.png" onerror="window.__pwned = 2">
![tracker](${trap.origin}/tracker.png) [a link out](${trap.origin}/page)

\`\`\`sql install
INSTALL httpfs
\`\`\`

\`\`\`sql remote
SELECT * FROM read_csv('${url}')
\`\`\`

\`\`\`sql fine
SELECT count(*) AS matching, (SELECT count(*) FROM seizures) AS seizures
FROM seizures WHERE country_iso3 = {{c}}
\`\`\`

\`\`\`chart table fine
\`\`\`

\`\`\`sql runaway
SELECT count(*) AS n FROM range(100000000000) a
\`\`\`
`;
    const hash = `#/notebooks?v=2&nb=link&np=c~${encodeURIComponent("MEX' OR '1'='1")}&nd=${packText(hostile)}`;
    await b.page.goto(`${baseUrl}${hash}`);
    await waitForShell(b.page);
    await b.page.getByRole('heading', { name: 'Hostile notebook' }).waitFor();
    await expect
      .poll(() => cellStatus('install'), { timeout: 30_000 })
      .toMatch(/extensions cannot be installed/);
    await expect.poll(() => cellStatus('remote'), { timeout: 30_000 }).toMatch(/failed/);
    // Failed cells fail in place and the next still runs, its value bound as data (no country
    // has that code, and nothing was spliced).
    await expect
      .poll(() => b.page.locator('[data-cell="fine"] + .notebook__table').innerText(), {
        timeout: 30_000,
      })
      .toMatch(/matching\s+seizures\s+0\s+50,000/);
    // The runaway cell runs until stopped; stopping it says so in place.
    await expect.poll(() => cellStatus('runaway'), { timeout: 30_000 }).toMatch(/Running/);
    await b.page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => cellStatus('runaway'), { timeout: 20_000 }).toMatch(/cancelled/i);
    // Run again, and stop again: the engine answers after a stop.
    await b.page.getByRole('button', { name: 'Run again' }).click();
    await expect.poll(() => cellStatus('runaway'), { timeout: 30_000 }).toMatch(/Running/);
    await b.page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => cellStatus('runaway'), { timeout: 20_000 }).toMatch(/cancelled/i);
    expect(await b.page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    const prose = await b.page.locator('.notebook__prose').first().innerHTML();
    expect(prose).not.toMatch(/<script|<img|href="http/);
    await b.page.waitForTimeout(500);
    expect(trap.hits).toEqual([]);
    // The rest of the app still works.
    await b.page.goto(`${baseUrl}#/notebooks?v=2&nb=shipped:corridors.md`);
    await b.page
      .getByRole('heading', { name: 'Corridors into Central America and the Caribbean' })
      .waitFor();
    await allRan();
    // Its Sankey cell is drawn with the Flows view's chart.
    await b.page.locator('[data-chart="notebook-sankey"] svg path').first().waitFor();
    expect(trap.hits).toEqual([]);
  });

  it('says so when a link carries a damaged notebook', async () => {
    await b.page.goto(`${baseUrl}#/notebooks?v=2&nb=link&nd=AAAA-not-a-notebook`);
    await waitForShell(b.page);
    await expect
      .poll(() => b.page.getByRole('alert').first().innerText())
      .toMatch(/damaged or too large/);
  });
});
