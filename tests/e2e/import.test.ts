/**
 * Bring your own data, in Chromium: a CSV and an XLSX imported through the file picker, roles and
 * checks shown before committing, the header, map and trends on the imported figures, the dataset
 * kept across a reload and listed in the switcher, then removed; a bad file gets its message and
 * the dataset on screen keeps working; hostile cells (URLs of a second server, markup, formulas)
 * stay text and that server receives nothing; and the CLI gives the same totals for the same files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ANON_HEADER, anonRow } from '../helpers/anonFixture';
import { launchBrowser, waitForIdle, waitForShell, type RecordedBrowser } from '../helpers/browser';
import * as F from '../helpers/importFixtures';
import * as R from '../helpers/realWorldFixtures';
import { startTrapServer, type TrapServer } from '../helpers/trapServer';

const baseUrl = inject('baseUrl');
let b: RecordedBrowser;
let trap: TrapServer;
let dir: string;
const files: Record<string, string> = {};
const fmt = (n: number) => n.toLocaleString('en');
const figure = (id: string) => b.page.locator(`[data-figure="${id}"] .figure__value`);

beforeAll(async () => {
  trap = await startTrapServer();
  dir = mkdtempSync(join(tmpdir(), 'atlas-import-e2e-'));
  const hostileRows = [
    ['date', 'country', 'make', 'model', 'count'],
    [
      '2024-01-01',
      'Guatemala',
      `${trap.origin}/leak.csv`,
      `<img src="${trap.origin}/img.png">`,
      '1',
    ],
    [
      '2024-02-01',
      'Guatemala',
      `=WEBSERVICE("${trap.origin}/ws")`,
      '<script>alert(1)</script>',
      '1',
    ],
    [
      '2024-03-01',
      'Guatemala',
      `read_csv('${trap.origin}/sql.csv')`,
      "'; DROP TABLE seizures; --",
      '1',
    ],
  ];
  const all: F.Fixture[] = [
    R.policeExport(),
    R.traceRegister(),
    F.sectionedCsv(),
    await F.wideMonthlyXlsx(),
    F.binaryJunk(),
    {
      name: 'hostile.csv',
      bytes: new TextEncoder().encode(
        hostileRows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n'),
      ),
    },
  ];
  for (const f of all) {
    files[f.name] = join(dir, f.name);
    writeFileSync(files[f.name]!, f.bytes);
  }
  // Off-origin requests are not blocked by the test: only the app stands between them and the trap.
  b = await launchBrowser(baseUrl, { blockOffOrigin: false });
  await b.page.goto(`${baseUrl}#/import?v=2`);
  await waitForShell(b.page);
}, 300_000);

afterAll(async () => {
  await b?.close();
  await trap?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens files in the import view and waits for its checks (or its error). */
async function openFiles(...names: string[]) {
  // The import view of the dataset on screen (its link keeps `ds`).
  const ds = b.page.url().match(/[?&](ds=[^&]+)/)?.[1];
  await b.page.goto(`${baseUrl}#/import?v=2${ds ? `&${ds}` : ''}`);
  await b.page.getByTestId('import-view').waitFor();
  await b.page.getByTestId('import-file').setInputFiles(names.map((n) => files[n]!));
  await b.page.waitForSelector('[data-testid="import-checks"], [data-testid="import-error"]', {
    timeout: 60_000,
  });
}

/** Commits the open import and waits for the app to open it. */
async function commit(): Promise<string> {
  const title = await b.page.getByTestId('import-title').inputValue();
  await b.page.getByTestId('import-commit').click();
  // The shell of the new dataset, not the old one's still on screen.
  await b.page.waitForFunction(
    (t) =>
      location.hash.startsWith('#/overview') &&
      document.querySelector('[data-testid="dataset-title"]')?.textContent === t,
    title,
    { timeout: 120_000 },
  );
  await waitForShell(b.page);
  await waitForIdle(b.page);
  return new URL(b.page.url().replace('#/', '/')).searchParams.get('ds') ?? '';
}

/** What the CLI prints for the same file. */
function cli(name: string): string {
  return execFileSync('npx', ['tsx', 'scripts/import.ts', files[name]!, '--dry-run'], {
    encoding: 'utf8',
  });
}

describe('importing in the browser', () => {
  let csvDataset = '';

  it('imports a sectioned CSV: roles and checks before, then the header and map on its figures', async () => {
    const fx = F.sectionedCsv();
    await openFiles(fx.name);
    expect(await b.page.getByTestId('import-shape').inputValue()).toBe('sectioned');
    expect(await b.page.getByTestId('import-sums').textContent()).toContain(
      `${fmt(fx.firearms)} firearms`,
    );
    expect(await b.page.getByTestId('import-totals').textContent()).toContain(
      '1 total in the file checked: 1 equal',
    );
    expect(await b.page.getByTestId('import-country').inputValue()).toBe('MEX');
    csvDataset = await commit();
    expect(csvDataset).toMatch(/^local-mexico-traces-2022-sections-[0-9a-f]{4}$/);
    expect(await figure('firearms').textContent()).toBe(fmt(fx.firearms));
    expect(await b.page.locator('[data-figure="arrests"]').count()).toBe(0);
    // The same file through the command line gives the same totals.
    expect(cli(fx.name)).toContain(`Imported: 0 seizures, ${fmt(fx.firearms)} firearms`);
    // The map draws one arc per source state into Mexico.
    await b.page.goto(`${baseUrl}#/map?v=2&ds=${csvDataset}&pl=admin1`);
    await b.page.reload();
    await b.page.waitForSelector('[data-panel="map"][data-state="ready"]', { timeout: 60_000 });
    const arcs = async () =>
      JSON.parse((await b.page.getByTestId('map').getAttribute('data-arcs')) ?? '[]') as [
        string,
        string,
      ][];
    await expect
      .poll(async () => (await arcs()).map(([s, d]) => `${s}>${d}`).sort(), { timeout: 30_000 })
      .toEqual(['US-AZ>MEX', 'US-CA>MEX', 'US-FL>MEX', 'US-NM>MEX', 'US-TX>MEX']);
  });

  it('imports a wide XLSX: sheets listed, trailing zeros flagged and left out, trends by month', async () => {
    const fx = await F.wideMonthlyXlsx();
    await openFiles(fx.name);
    expect(await b.page.getByTestId('import-opened').textContent()).toContain('› Notas');
    expect(await b.page.getByTestId('import-shape').inputValue()).toBe('wide');
    expect(await b.page.getByTestId('import-trailing').textContent()).toContain('2023-11, 2023-12');
    await b.page.getByTestId('import-exclude-trailing').check();
    await expect
      .poll(async () => b.page.getByTestId('import-coverage').textContent())
      .toContain('2023-01 to 2023-10');
    const name = await commit();
    expect(await figure('firearms').textContent()).toBe(fmt(fx.firearms));
    expect(cli(fx.name)).toContain(`Imported: 0 seizures, ${fmt(fx.firearms)} firearms`);
    await b.page.goto(`${baseUrl}#/trends?v=2&ds=${name}&m=firearms`);
    await b.page.reload();
    const chart = b.page.locator('[data-chart="trends"]');
    await chart.waitFor({ timeout: 60_000 });
    await waitForIdle(b.page);
    expect(Number(await chart.getAttribute('data-points'))).toBe(10);
  });

  it('keeps imported datasets across a reload and lists them in the switcher', async () => {
    await b.page.goto(`${baseUrl}#/overview?v=2&ds=${csvDataset}`);
    await b.page.reload();
    await waitForShell(b.page);
    expect(await figure('firearms').textContent()).toBe(fmt(F.sectionedCsv().firearms));
    const options = await b.page
      .getByTestId('dataset-switcher')
      .locator('optgroup option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toHaveLength(2);
    expect(options).toContain(csvDataset);
  });

  it('refuses a bad file with its name and reason, and the dataset on screen keeps working', async () => {
    await openFiles('junk.csv');
    expect(await b.page.getByTestId('import-error').textContent()).toMatch(
      /^junk\.csv: this looks like a binary file/,
    );
    expect(await figure('firearms').textContent()).toBe(fmt(F.sectionedCsv().firearms));
    await b.page.locator('.nav__link', { hasText: 'Overview' }).click();
    await waitForIdle(b.page);
    expect(await b.page.locator('[data-panel]').count()).toBeGreaterThan(0);
  });

  it('offers the saved recipe when a file of a known layout comes back', async () => {
    await openFiles(F.sectionedCsv().name);
    const known = b.page.getByTestId('import-known');
    await known.waitFor();
    expect(await known.textContent()).toContain('matches the recipe');
  });

  it('shows progress on a long import and cancels it, leaving the dataset on screen', async () => {
    const rows = ['date,country,firearm type,count'];
    for (let i = 0; i < 300_000; i++)
      rows.push(`2021-0${(i % 9) + 1}-1${i % 10},Honduras,pistola,${1 + (i % 3)}`);
    files['long.csv'] = join(dir, 'long.csv');
    writeFileSync(files['long.csv'], `${rows.join('\n')}\n`);
    const ds = b.page.url().match(/[?&](ds=[^&]+)/)?.[1];
    await b.page.goto(`${baseUrl}#/import?v=2${ds ? `&${ds}` : ''}`);
    await b.page.getByTestId('import-view').waitFor();
    const before = await figure('firearms').textContent();
    await b.page.getByTestId('import-file').setInputFiles(files['long.csv']);
    await b.page.getByTestId('import-cancel').click();
    expect(await b.page.getByTestId('import-error').textContent()).toBe(
      'Import cancelled; nothing was changed.',
    );
    expect(await b.page.getByTestId('import-progress').count()).toBe(0);
    expect(await figure('firearms').textContent()).toBe(before);
    // The importer works again after a cancel.
    await openFiles('junk.csv');
    expect(await b.page.getByTestId('import-error').textContent()).toMatch(/^junk\.csv/);
  });

  it('keeps hostile cells as text: nothing reaches another server', async () => {
    await openFiles('hostile.csv');
    const preview = b.page.getByTestId('import-preview-rows');
    expect(await preview.textContent()).toContain('<script>alert(1)</script>');
    expect(await preview.textContent()).toContain(`${trap.origin}/leak.csv`);
    expect(
      await b.page
        .locator(
          '[data-testid="import-preview-rows"] img, [data-testid="import-preview-rows"] script',
        )
        .count(),
    ).toBe(0);
    await commit();
    await b.page.goto(
      `${b.page.url().split('#')[0]}#/records?v=2&${
        b.page
          .url()
          .split('?')[1]
          ?.match(/ds=[^&]+/)?.[0] ?? ''
      }`,
    );
    await waitForIdle(b.page);
    expect(trap.hits).toEqual([]);
    expect(b.requests.filter((u) => !u.startsWith(baseUrl) && !/^(blob|data):/.test(u))).toEqual(
      [],
    );
  });

  it('anonymises before importing: no planted name, case number or phone reaches the dataset', async () => {
    const csv = [
      ANON_HEADER.join(','),
      ...Array.from({ length: 400 }, (_, i) =>
        anonRow(i)
          .map((v) => (/[",]/.test(v) ? `"${v}"` : v))
          .join(','),
      ),
    ].join('\n');
    await b.page.goto(`${baseUrl}#/import?v=2`);
    await b.page.getByTestId('import-view').waitFor();
    await b.page.getByTestId('import-anonymise').check();
    // No salt, no import: the reason is said.
    await b.page
      .getByTestId('import-file')
      .setInputFiles({ name: 'cases.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect
      .poll(() => b.page.getByTestId('import-error').textContent())
      .toMatch(/at least 8 characters/);
    await b.page.getByTestId('import-anon-salt').fill('a salt typed by the analyst');
    await b.page
      .getByTestId('import-file')
      .setInputFiles({ name: 'cases.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`) });
    await b.page.getByTestId('import-anon-report').waitFor({ timeout: 60_000 });
    const report = await b.page.getByTestId('import-anon-report').textContent();
    expect(report).toMatch(/Records anonymised: 400/);
    for (const c of ['case_number', 'suspect_name', 'phone', 'address', 'email', 'notes'])
      expect(report).toMatch(new RegExp(`${c}: dropped`));
    expect(report).toMatch(/serial_number: replaced by a keyed hash/);
    await b.page.waitForSelector('[data-testid="import-checks"]', { timeout: 60_000 });
    const planted =
      /CR-20\d\d-|González|Rodríguez|Hernández|\+52 55|Calle \d+|@example\.org|Detenido|SN7\d+X/;
    expect(await b.page.locator('#main').innerText()).not.toMatch(planted);
    const ds = await commit();
    expect(ds).toMatch(/^local-/);
    await b.page.goto(`${baseUrl}#/records?v=2&ds=${ds}`);
    await waitForShell(b.page);
    await waitForIdle(b.page);
    expect(await b.page.locator('#main').innerText()).not.toMatch(planted);
  });

  it('removes an imported dataset; removing the one on screen opens the bundled one', async () => {
    await b.page.goto(`${baseUrl}#/import?v=2&ds=${csvDataset}`);
    await waitForShell(b.page);
    const list = b.page.getByTestId('local-datasets');
    await list.locator('li').first().waitFor();
    const before = await list.locator('li').count();
    const row = list.locator(`li[data-name="${csvDataset}"]`);
    await row.getByRole('button', { name: /^Remove/ }).click();
    await row.getByTestId('confirm-remove').click();
    await b.page.waitForFunction(() => !location.hash.includes('ds=local-'), null, {
      timeout: 60_000,
    });
    await waitForShell(b.page);
    expect(await figure('seizures').textContent()).toBe('50,000');
    await expect
      .poll(async () => b.page.getByTestId('local-datasets').locator('li').count())
      .toBe(before - 1);
    // A link to the removed dataset says where imported data lives.
    await b.page.goto(`${baseUrl}#/overview?v=2&ds=${csvDataset}`);
    await b.page.reload();
    await expect
      .poll(async () => b.page.locator('.fatal').textContent(), { timeout: 60_000 })
      .toContain('imported in another browser');
    expect(
      b.consoleErrors.filter(
        (e) => !/Failed to load resource|404|imported in another browser/.test(e),
      ),
    ).toEqual([]);
  });
});

// The real-data corpus beside the repository (CI has it; see tests/unit/realdata.test.ts).
const CORPUS = resolve('../shared/realdata');
const SINARM = join(CORPUS, 'br-pf-sinarm-ocorrencias-2024', 'OCORRENCIAS_2024.csv');
const ATF = join(CORPUS, 'us-atf-types-by-state-2019', 'types_by_state_cy2019.xlsx');

describe.skipIf(!existsSync(SINARM))('real files through the Import view', () => {
  beforeAll(async () => {
    // Back on the bundled dataset (the last test left a link to a removed one on screen).
    await b.page.goto(`${baseUrl}#/import?v=2`);
    await b.page.reload();
    await waitForShell(b.page);
  }, 120_000);

  it('a Latin-1 register of occurrences: every row and basis kept, 5,627 firearms on screen', async () => {
    files['OCORRENCIAS_2024.csv'] = SINARM;
    await openFiles('OCORRENCIAS_2024.csv');
    expect(await b.page.getByTestId('import-shape').inputValue()).toBe('events');
    expect(await b.page.getByTestId('import-country').inputValue()).toBe('BRA');
    expect(await b.page.getByTestId('import-sums').textContent()).toContain('5,627 firearms');
    expect(await b.page.getByTestId('import-unplaced').textContent()).toMatch(/^22 rows/);
    expect(await b.page.getByTestId('import-bases').textContent()).toContain(
      'Apreensão de Arma de Fogo → Seized (1,295)',
    );
    expect(await b.page.locator('.import-skips').count()).toBe(0);
    const name = await commit();
    expect(await figure('firearms').textContent()).toBe('5,627');
    // Seizures only, through the basis filter in a link.
    await b.page.goto(`${baseUrl}#/overview?v=2&ds=${name}&bs=seized`);
    await b.page.reload();
    await waitForShell(b.page);
    await waitForIdle(b.page);
    await expect.poll(async () => figure('firearms').textContent()).toBe('1,449');
  });

  it('a federal type × state workbook: 354,264 items checked against its totals', async () => {
    files['types_by_state_cy2019.xlsx'] = ATF;
    await openFiles('types_by_state_cy2019.xlsx');
    expect(await b.page.getByTestId('import-shape').inputValue()).toBe('matrix');
    expect(await b.page.getByTestId('import-direction').inputValue()).toBe('firearmType');
    expect(await b.page.getByTestId('import-items').textContent()).toContain('354,264');
    expect(await b.page.getByTestId('import-totals').textContent()).toContain(
      '69 totals in the file checked: 69 equal',
    );
    await commit();
    expect(await figure('firearms').textContent()).toBe('352,604');
  });

  it('an export with undated rows: kept, and the time views say how many they leave out', async () => {
    const fx = R.policeExport();
    await openFiles(fx.name);
    expect(await b.page.getByTestId('import-undated').textContent()).toMatch(
      new RegExp(`^${fx.undated} rows have no usable date`),
    );
    expect(await b.page.getByTestId('import-date-order').textContent()).toContain('day first');
    const name = await commit();
    expect(await figure('firearms').textContent()).toBe(String(fx.rows));
    const note = b.page.getByTestId('not-drawn-undated');
    await note.waitFor({ timeout: 60_000 });
    expect(await note.textContent()).toContain(
      `${fx.undated} records under these filters are undated`,
    );
    await note.getByRole('button').click();
    await b.page.waitForFunction(() => location.hash.startsWith('#/records'));
    expect(b.page.url()).toContain('dp=unknown');
    expect(b.page.url()).toContain(`ds=${name}`);
    await waitForIdle(b.page);
    await expect.poll(async () => figure('seizures').textContent()).toBe(String(fx.undated));
    // An undated record opens with its date said to be unknown.
    const row = b.page.locator('[data-testid="records-table"] tbody tr.vtable__row').first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    const detail = b.page.getByTestId('seizure-detail');
    await detail.waitFor();
    await expect.poll(() => detail.innerText()).toMatch(/Date\s+undated/);
  });
});

describe('trace requests through the Import view', () => {
  it('a register of trace requests feeds the Traces view', async () => {
    const fx = R.traceRegister();
    await b.page.goto(`${baseUrl}#/import?v=2`);
    await b.page.reload();
    await waitForShell(b.page);
    await openFiles(fx.name);
    expect(await b.page.getByTestId('import-grain').inputValue()).toBe('trace');
    const name = await commit();
    expect(await figure('traces').textContent()).toBe(String(fx.rows));
    await b.page.goto(`${baseUrl}#/traces?v=2&ds=${name}`);
    await b.page.reload();
    await waitForShell(b.page);
    await waitForIdle(b.page);
    for (const id of ['outcomes', 'requesting', 'requested', 'response'])
      await b.page.waitForSelector(`[data-panel="${id}"][data-state="ready"]`, { timeout: 60_000 });
  });
});
