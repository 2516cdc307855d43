/** Driving the SQL console in end-to-end tests. */
import type { Page } from 'playwright-core';

/**
 * Types `sql` into the console, presses Run and waits until the run has ended; returns the error
 * shown, or 'NO ERROR'.
 */
export async function runInConsole(page: Page, sql: string): Promise<string> {
  // The editor may still be taking the text it reopens with when the view has just opened (a
  // loaded machine): fill until it holds exactly the query.
  const editor = page.getByLabel('SQL query');
  for (let i = 0; i < 5; i++) {
    await editor.fill(sql);
    if ((await editor.textContent()) === sql) break;
    await page.waitForTimeout(200);
  }
  await page.getByRole('button', { name: 'Run' }).click();
  await page.waitForFunction(
    () =>
      !document.querySelector('[data-testid="sql-cancel"]') &&
      (document.querySelector('[data-testid="sql-error"]') ||
        document.querySelector('[data-testid="sql-status"]')),
    null,
    { timeout: 60_000 },
  );
  const error = page.getByTestId('sql-error');
  return (await error.count()) > 0 ? error.innerText() : 'NO ERROR';
}
