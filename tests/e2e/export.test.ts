/**
 * Exports in the browser, read back: the data behind a panel equals the figures on screen, the
 * filtered records match the header's count, a console result exported as Parquet reads back in
 * native DuckDB, each export comes with its filters sidecar, and nothing leaves the origin.
 */
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, waitForIdle, waitForShell, type RecordedBrowser } from '../helpers/browser';

const baseUrl = inject('baseUrl');
let b: RecordedBrowser;

beforeAll(async () => {
  b = await launchBrowser(baseUrl);
});
afterAll(async () => {
  await b?.close();
});

/** Picks a format in an export menu and returns the data file and the sidecar downloads. */
async function exportVia(
  testId: string,
  format: string,
): Promise<{ data: Download; sidecar: Download }> {
  const downloads: Download[] = [];
  const listener = (d: Download) => downloads.push(d);
  b.page.on('download', listener);
  try {
    await b.page.getByTestId(testId).locator('summary').click();
    await b.page.getByTestId(testId).getByRole('button', { name: format }).click();
    await expect.poll(() => downloads.length, { timeout: 60_000 }).toBe(2);
  } finally {
    b.page.off('download', listener);
  }
  const data = downloads.find((d) => !d.suggestedFilename().endsWith('.filters.json'))!;
  const sidecar = downloads.find((d) => d.suggestedFilename().endsWith('.filters.json'))!;
  return { data, sidecar };
}

const text = async (d: Download) => readFileSync((await d.path())!, 'utf8');

/** Minimal CSV parser for the app's own output (RFC 4180, CRLF, BOM). */
function parseCsv(csv: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = csv.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && s[i + 1] === '\n') {
      row.push(field);
      out.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return out;
}

describe('exports', () => {
  it('the data behind a panel equals what the panel shows, with a sidecar of the filters', async () => {
    await b.page.goto(`${baseUrl}#/overview?v=2&r=caribbean`);
    await waitForShell(b.page);
    await waitForIdle(b.page);
    await expect
      .poll(() => b.page.locator('[data-panel="top-countries"] tbody tr').count())
      .toBeGreaterThan(2);
    const shown = await b.page
      .locator('[data-panel="top-countries"] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          (tr.querySelector('th.ranked__label')?.textContent ?? '').trim(),
          Number(tr.querySelector('td.ranked__value')?.textContent?.replace(/,/g, '')),
        ]),
      );
    expect(shown.length).toBeGreaterThan(2);
    const { data, sidecar } = await exportVia('export-top-countries', 'CSV (.csv)');
    expect(data.suggestedFilename()).toMatch(
      /^default_overview-leading-seizing-countries_\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const [header, ...rows] = parseCsv(await text(data));
    const name = header!.indexOf('name');
    const firearms = header!.indexOf('firearms');
    expect(rows.map((r) => [r[name], Number(r[firearms])])).toEqual(shown);
    const side = JSON.parse(await text(sidecar)) as Record<string, unknown>;
    expect(side).toMatchObject({ view: 'overview', rows: rows.length, format: 'csv' });
    expect(String(side.filters)).toMatch(/Caribbean/);
    expect(String(side.link)).toContain('r=caribbean');
  });

  it('the filtered records, streamed, match the header count', async () => {
    await b.page.goto(`${baseUrl}#/records?v=2&c=JAM`);
    await waitForShell(b.page);
    await waitForIdle(b.page);
    const count = Number(
      (await b.page.locator('[data-figure="seizures"] .figure__value').innerText()).replace(
        /,/g,
        '',
      ),
    );
    expect(count).toBeGreaterThan(10);
    const { data } = await exportVia('export-records', 'Excel (.xlsx)');
    const { readSheet } = await import('read-excel-file/node');
    const sheet = await readSheet((await data.path())!, 'Data');
    expect(sheet.length - 1).toBe(count);
    const country = (sheet[0] as string[]).indexOf('country_iso3');
    expect(new Set(sheet.slice(1).map((r) => r[country]))).toEqual(new Set(['JAM']));
  });

  it('a console result exported as Parquet reads back in DuckDB', async () => {
    await b.page.goto(`${baseUrl}#/sql`);
    await waitForShell(b.page);
    await b.page
      .getByLabel('SQL query')
      .fill(
        'SELECT firearm_type, count(*)::INTEGER AS n, \'=HYPERLINK("x")\' AS trap FROM firearms GROUP BY 1 ORDER BY 2 DESC',
      );
    await b.page.getByRole('button', { name: 'Run' }).click();
    await b.page.getByTestId('sql-status').waitFor();
    const { data, sidecar } = await exportVia('export-sql', 'Parquet (.parquet)');
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    const back = (
      await conn.runAndReadAll(`SELECT * FROM read_parquet('${await data.path()}')`)
    ).getRowObjectsJS() as { firearm_type: string; n: number; trap: string }[];
    const truth = (
      await conn.runAndReadAll(
        `SELECT firearm_type, count(*)::INTEGER AS n FROM read_parquet('public/data/default/firearms.parquet') GROUP BY 1 ORDER BY 2 DESC`,
      )
    ).getRowObjectsJS() as { firearm_type: string; n: number }[];
    conn.closeSync();
    expect(back.map(({ firearm_type, n }) => ({ firearm_type, n }))).toEqual(truth);
    expect(back[0]!.trap).toBe('=HYPERLINK("x")'); // data, kept as text
    expect(JSON.parse(await text(sidecar))).toMatchObject({
      query: expect.stringContaining('GROUP BY 1'),
    });
    const origin = new URL(baseUrl).origin;
    expect(b.requests.filter((u) => !/^(data|blob):/.test(u) && !u.startsWith(origin))).toEqual([]);
    expect(b.consoleErrors).toEqual([]);
  });
});
