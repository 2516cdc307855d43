/** Driving the SQL console in end-to-end tests. */
import type { Page } from 'playwright-core';

/**
 * Types `sql` into the console, presses Run and waits until the run has ended; returns the error
 * shown, or 'NO ERROR'.
 */
export async function runInConsole(page: Page, sql: string): Promise<string> {
  await page.getByLabel('SQL query').fill(sql);
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
