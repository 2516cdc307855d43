/**
 * Bad input never breaks the app: a tampered link opens with a notice and its valid parts, a
 * missing or damaged dataset gets a clear full-page message.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { launchBrowser, waitForShell, type RecordedBrowser } from '../helpers/browser';

const baseUrl = inject('baseUrl');
let b: RecordedBrowser | undefined;
afterEach(async () => {
  await b?.close();
  b = undefined;
});

describe('bad input', () => {
  it('opens a link with garbage parts, applies the valid ones and says what it ignored', async () => {
    b = await launchBrowser(baseUrl);
    await b.page.goto(
      `${baseUrl}#/records?v=2&th=dark&l=klingon&%3Cscript%3E=1&zz=%27%3B--&c=MEX,ZZZ`,
    );
    await waitForShell(b.page);
    const notice = await b.page
      .getByRole('status')
      .filter({ hasText: 'not understood' })
      .innerText();
    expect(notice).toContain('l=klingon');
    expect(notice).toContain('c=ZZZ'); // a well-formed but unknown country code
    expect(notice).toContain('<script>');
    expect(await b.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await b.page.locator('[aria-current="page"]').innerText()).toBe('Records');
    expect(b.page.url()).toMatch(/#\/records\?v=2&c=MEX&th=dark$/); // the address is cleaned
    expect(await b.page.evaluate(() => document.querySelectorAll('script:not([src])').length)).toBe(
      0,
    );
    expect(b.consoleErrors).toEqual([]);
  });

  it('explains a missing dataset on a full page and offers a retry', async () => {
    b = await launchBrowser(baseUrl);
    await b.page.goto(`${baseUrl}#/overview?v=2&ds=does-not-exist`);
    const alert = b.page.getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    const text = await alert.innerText();
    expect(text).toContain('The atlas could not start');
    expect(text).toContain('does-not-exist');
    expect(text).toMatch(/npm run datasets/);
    await expect(b.page.getByRole('button', { name: 'Try again' }).isVisible()).resolves.toBe(true);
  });

  it('explains a damaged manifest', async () => {
    b = await launchBrowser(baseUrl);
    await b.context.route('**/data/default/manifest.json', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: '{"manifestVersion":1,"name":"default","duckdb":{"file":"../../x.duckdb"}}',
      }),
    );
    await b.page.goto(baseUrl);
    const alert = b.page.getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.innerText()).toMatch(
      /damaged or not in the expected format[\s\S]*malformed/,
    );
  });

  it('explains a dataset written by an older generator', async () => {
    b = await launchBrowser(baseUrl);
    await b.context.route('**/data/default/manifest.json', async (route) => {
      const res = await route.fetch();
      const manifest = (await res.json()) as Record<string, unknown>;
      await route.fulfill({ response: res, json: { ...manifest, generatorVersion: 1 } });
    });
    await b.page.goto(baseUrl);
    const alert = b.page.getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.innerText()).toMatch(/generator version 1[\s\S]*npm run datasets/);
  });
});
