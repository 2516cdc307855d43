/**
 * `npm run screenshots`: serves the build and saves a screenshot of every view in every theme to
 * `test-results/screenshots/`, for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { launchBrowser, waitForShell } from '../tests/helpers/browser';
import { THEMES, VIEWS } from '../src/model/viewState';
import { serveStatic } from './server';

const out = 'test-results/screenshots';
mkdirSync(out, { recursive: true });
const server = await serveStatic('dist');
const b = await launchBrowser(server.url);
try {
  for (const theme of THEMES) {
    for (const view of VIEWS) {
      await b.page.goto(`${server.url}#/${view}?v=2&th=${theme}`);
      await waitForShell(b.page);
      await b.page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, {
        timeout: 60_000,
      });
      // The map draws on WebGL (software in headless Chromium): wait for it, or it shows black.
      if (view === 'map') {
        await b.page.waitForSelector('[data-panel="map"][data-state="ready"]', { timeout: 60_000 });
        await b.page.waitForTimeout(2500);
      } else await b.page.waitForTimeout(300);
      await b.page.screenshot({ path: `${out}/${view}-${theme}.png`, fullPage: true });
      console.log(`${out}/${view}-${theme}.png`);
    }
  }
  if (b.consoleErrors.length) console.log('Console errors:', b.consoleErrors);
} finally {
  await b.close();
  await server.close();
}
