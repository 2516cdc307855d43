/**
 * The SQL sandbox, adversarially: with the browser's own interception turned off (only the app's
 * defences stand in the way), a corpus of hostile statements runs in the console while a second
 * local server on another port listens. It must receive zero requests; every statement must end
 * in a clear message; and the app must keep working. Also: a runaway query is cancelled by the
 * button and by its time budget, and the views keep updating while it runs.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, waitForIdle, waitForShell, type RecordedBrowser } from '../helpers/browser';
import { runInConsole as run } from '../helpers/console';
import { hostileStatements } from '../helpers/hostileSql';
import { startTrapServer, type TrapServer } from '../helpers/trapServer';

const baseUrl = inject('baseUrl');
let b: RecordedBrowser;
let trap: TrapServer;

/** A cross join that runs for minutes. */
const RUNAWAY = 'SELECT sum(a.range * b.range) FROM range(300000) a, range(300000) b';

beforeAll(async () => {
  trap = await startTrapServer();
  // The trap answers when asked directly: zero hits later means the app stopped every request.
  await fetch(`${trap.origin}/control`);
  expect(trap.hits.length).toBe(1);
  trap.hits.length = 0;
  b = await launchBrowser(baseUrl, { blockOffOrigin: false });
  await b.page.goto(`${baseUrl}#/sql`);
  await waitForShell(b.page);
});

afterAll(async () => {
  await b?.close();
  await trap?.close();
});

const runInConsole = (sql: string) => run(b.page, sql);

describe('the SQL sandbox', () => {
  it('refuses every hostile statement with a plain message, and the trap hears nothing', async () => {
    const outcomes: { sql: string; message: string }[] = [];
    for (const sql of hostileStatements(trap.origin)) {
      outcomes.push({ sql, message: await runInConsole(sql) });
    }
    expect(trap.hits).toEqual([]);
    for (const o of outcomes) {
      // A clear refusal naming the promise, or (read_json/read_parquet, not built in) a plain
      // "does not exist"; never a success.
      expect(o.message, o.sql).toMatch(
        /never reads from or sends to other hosts|does not exist|not in the catalog/,
      );
    }
    const sandboxMessages = outcomes.filter((o) => /other hosts/.test(o.message)).length;
    expect(sandboxMessages).toBeGreaterThanOrEqual(outcomes.length - 2);
    // Ordinary SQL still works afterwards, in memory too.
    await runInConsole("ATTACH ':memory:' AS scratch; CREATE TABLE scratch.t AS SELECT 42 AS x");
    expect(await runInConsole('SELECT x FROM scratch.t')).toBe('NO ERROR');
    await expect.poll(() => b.page.getByTestId('sql-result').innerText()).toContain('42');
    expect(trap.hits).toEqual([]);
  });

  it('a worker cannot reach another host even outside DuckDB (the page policy is inherited)', async () => {
    const result = await b.page.evaluate(async (target) => {
      const source = `fetch(${JSON.stringify(target)}).then(() => postMessage('reached'), () => postMessage('blocked'))`;
      const w = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
      return new Promise<string>((resolve) => (w.onmessage = (e) => resolve(String(e.data))));
    }, `${trap.origin}/from-blob-worker`);
    expect(result).toBe('blocked');
    expect(trap.hits).toEqual([]);
  });

  it('cancels a runaway query with the button, and the views keep updating meanwhile', async () => {
    const seizures = () => b.page.locator('[data-figure="seizures"] .figure__value').innerText();
    const before = await seizures();
    await b.page.getByLabel('SQL query').fill(RUNAWAY);
    await b.page.getByRole('button', { name: 'Run' }).click();
    await b.page.getByTestId('sql-cancel').waitFor();
    // While it runs, a filter change updates the header figures on the views' own engine.
    await b.page.getByLabel('From', { exact: true }).fill('2021-01-01');
    await expect.poll(seizures, { timeout: 30_000 }).not.toBe(before);
    await waitForIdle(b.page, 30_000);
    expect(await b.page.getByTestId('sql-cancel').count()).toBe(1); // still running
    const t0 = Date.now();
    await b.page.getByTestId('sql-cancel').click();
    await b.page.getByTestId('sql-error').waitFor({ timeout: 10_000 });
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(await b.page.getByTestId('sql-error').innerText()).toMatch(/cancelled/);
    expect(await runInConsole('SELECT 1 AS one')).toBe('NO ERROR');
  });

  it('cancels the query when the user leaves the console', async () => {
    await b.page.getByLabel('SQL query').fill(RUNAWAY);
    await b.page.getByRole('button', { name: 'Run' }).click();
    await b.page.getByTestId('sql-cancel').waitFor();
    await b.page.getByRole('link', { name: 'Overview' }).click();
    await b.page.getByTestId('latest-surges').waitFor({ timeout: 30_000 });
    await b.page.getByRole('link', { name: 'SQL' }).click();
    // The console is free again at once: a new query runs and answers.
    expect(await runInConsole('SELECT 3 AS three')).toBe('NO ERROR');
  });

  it('stops a query that would exhaust memory with a message; the app keeps working', async () => {
    const message = await runInConsole(
      "SELECT length(string_agg(repeat('x', 1000), '')) FROM range(5000000)",
    );
    expect(message).toMatch(/ran out of memory[\s\S]*Out of Memory Error/);
    expect(await runInConsole('SELECT 4 AS four')).toBe('NO ERROR');
    expect(await b.page.locator('[data-figure="seizures"] .figure__value').innerText()).not.toBe(
      '0',
    );
  });

  it('stops a runaway query at its time budget with a message', async () => {
    await b.page.getByLabel('Time budget').selectOption('5');
    const message = await runInConsole(RUNAWAY);
    expect(message).toMatch(/time budget of 5 s/);
    expect(await runInConsole('SELECT 2 AS two')).toBe('NO ERROR');
    expect(trap.hits).toEqual([]);
  });
});
