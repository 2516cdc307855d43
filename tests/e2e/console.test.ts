/**
 * The SQL console as an analyst uses it: a query that arrives in a link is shown and waits for
 * the user (a hostile one included: nothing reaches another host), the query travels in the link
 * once run, history survives a reload, errors are marked where they are, the schema inserts
 * names, and a result sorts in DuckDB.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, waitForShell, type RecordedBrowser } from '../helpers/browser';
import { runInConsole } from '../helpers/console';
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

const editorText = () => b.page.getByLabel('SQL query').innerText();

const run = (sql: string) => runInConsole(b.page, sql);

describe('the SQL console', () => {
  it('shows a query from a link without running it, and refuses it when run', async () => {
    const hostile = `SELECT * FROM read_csv('${trap.origin}/from-link.csv')`;
    await b.page.goto(`${baseUrl}#/sql?v=2&q=${encodeURIComponent(hostile)}`);
    await waitForShell(b.page);
    await b.page.getByTestId('sql-from-link').waitFor();
    expect(await editorText()).toBe(hostile);
    await b.page.waitForTimeout(1000);
    expect(await b.page.getByTestId('sql-status').count()).toBe(0);
    expect(await b.page.getByTestId('sql-error').count()).toBe(0);
    await b.page.getByRole('button', { name: 'Run' }).click();
    await expect
      .poll(() =>
        b.page
          .getByTestId('sql-error')
          .innerText()
          .catch(() => ''),
      )
      .toMatch(/never reads from or sends to other hosts/);
    expect(await b.page.getByTestId('sql-from-link').count()).toBe(0);
    expect(trap.hits).toEqual([]);
  });

  it('carries the query in the link once run, and keeps the history across a reload', async () => {
    const sql =
      "SELECT country_iso3, count(*) AS n FROM seizures WHERE country_iso3 = 'HTI' GROUP BY 1";
    await run(sql);
    await expect.poll(() => b.page.getByTestId('sql-result').innerText()).toContain('HTI');
    await expect.poll(() => decodeURIComponent(b.page.url())).toContain(`q=${sql}`);
    await b.page.reload();
    await waitForShell(b.page);
    expect(await editorText()).toBe(sql);
    const history = b.page.getByTestId('sql-history');
    await history.waitFor();
    const options = await history.locator('option').allInnerTexts();
    expect(options.some((o) => o.includes("country_iso3 = 'HTI'"))).toBe(true);
    expect(options.some((o) => o.includes('from-link.csv'))).toBe(true);
  });

  it('marks an error where it is in the text', async () => {
    await run('SELECT seizure_id,\n  nope_column\nFROM seizures');
    await expect(b.page.getByTestId('sql-error').innerText()).resolves.toMatch(/nope_column/);
    const mark = b.page.locator('.cm-lintRange-error');
    await expect.poll(() => mark.first().innerText()).toBe('nope_column');
  });

  it('inserts a column name from the schema at the cursor', async () => {
    await b.page.getByLabel('SQL query').fill('SELECT  FROM firearms');
    await b.page.getByLabel('SQL query').press('Home');
    for (let i = 0; i < 7; i++) await b.page.getByLabel('SQL query').press('ArrowRight');
    await b.page.getByRole('button', { name: 'Columns of firearms' }).click();
    await b.page
      .getByTestId('sql-schema')
      .getByRole('button', { name: 'calibre', exact: true })
      .click();
    expect(await editorText()).toBe('SELECT calibre FROM firearms');
  });

  it("shows a statement's own result after a query (DESCRIBE), and sorts it", async () => {
    await run('SELECT 1 AS only_one');
    await expect.poll(() => b.page.getByTestId('sql-result').innerText()).toContain('only_one');
    await run('DESCRIBE operations');
    const result = b.page.getByTestId('sql-result');
    await expect.poll(() => result.innerText()).toContain('column_name');
    await expect.poll(() => result.innerText()).toContain('start_date');
    expect(await result.innerText()).not.toContain('only_one');
    await b.page.getByRole('button', { name: 'Sort by column_name' }).click();
    const first = result.locator('tbody tr.vtable__row').first();
    await expect.poll(() => first.locator('td').first().innerText()).toBe('ammunition_rounds');
  });

  it('sorts a result in DuckDB by a clicked column', async () => {
    await run('SELECT range AS i, range % 7 AS r FROM range(5000)');
    await expect.poll(() => b.page.getByTestId('sql-status').innerText()).toMatch(/^5,000 rows/);
    await b.page.getByRole('button', { name: 'Sort by i' }).click();
    const first = b.page.getByTestId('sql-result').locator('tbody tr.vtable__row').first();
    await expect.poll(() => first.locator('td').first().innerText()).toBe('4,999');
    expect(b.consoleErrors).toEqual([]);
    expect(trap.hits).toEqual([]);
  });
});
