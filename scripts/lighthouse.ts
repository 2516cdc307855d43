/**
 * `npm run lighthouse` (not part of `npm test`): builds the app, serves `dist/` with the bundled
 * server (precompressed files, cache headers) and runs Lighthouse's performance category on the
 * default dataset with the desktop preset and the mobile preset (simulated slow 4G and a 4× slower
 * CPU), three runs each; writes the median run's figures to bench-results/lighthouse.json and
 * bench-results/lighthouse.md, and prints the table.
 *
 * Lighthouse drives Debian's Chromium (CHROMIUM_PATH) headless; its own network requests are all
 * to the local server.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { build } from 'vite';
import { ensureDefaultDataset } from './ensure-dataset';
import { serveStatic } from './server';

const RUNS = Number(process.env.RUNS ?? 3);
const OUT = 'bench-results';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The figures kept from one Lighthouse run. */
interface Figures {
  score: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  speedIndexMs: number;
  transferKb: number;
  lcpElement: string;
}

async function run(url: string, preset: 'desktop' | 'mobile'): Promise<Figures> {
  const profile = mkdtempSync(join(tmpdir(), 'atlas-lh-'));
  const chrome = await launch({
    chromePath: CHROMIUM,
    userDataDir: profile,
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const result = await lighthouse(
      url,
      { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] },
      preset === 'desktop' ? desktopConfig : undefined,
    );
    if (!result) throw new Error('Lighthouse returned no result');
    const lhr = result.lhr;
    const audit = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
    const lcp = lhr.audits['largest-contentful-paint-element']?.details as
      { items?: { items?: { node?: { snippet?: string } }[] }[] } | undefined;
    return {
      score: lhr.categories.performance?.score ?? 0,
      fcpMs: Math.round(audit('first-contentful-paint')),
      lcpMs: Math.round(audit('largest-contentful-paint')),
      tbtMs: Math.round(audit('total-blocking-time')),
      cls: Number(audit('cumulative-layout-shift').toFixed(3)),
      speedIndexMs: Math.round(audit('speed-index')),
      transferKb: Math.round(audit('total-byte-weight') / 1024),
      lcpElement:
        lcp?.items?.[0]?.items?.[0]?.node?.snippet ?? JSON.stringify(lcp ?? null).slice(0, 400),
    };
  } finally {
    chrome.kill();
    rmSync(profile, { recursive: true, force: true });
  }
}

const median = (xs: Figures[]): Figures =>
  [...xs].sort((a, b) => a.score - b.score || b.lcpMs - a.lcpMs)[xs.length >> 1]!;

// --- main
await ensureDefaultDataset();
if (!process.env.NO_BUILD) {
  console.log('Building the app…');
  await build({ logLevel: 'warn' });
}
const server = await serveStatic('dist');
const results: Record<string, Figures & { runs: Figures[] }> = {};
try {
  for (const preset of (process.env.PRESETS ?? 'desktop,mobile').split(',') as (
    'desktop' | 'mobile'
  )[]) {
    const runs: Figures[] = [];
    for (let i = 0; i < RUNS; i++) {
      const f = await run(`${server.url}#/overview`, preset);
      console.log(
        `  ${preset} run ${i + 1}/${RUNS}: score ${f.score}, LCP ${f.lcpMs} ms, CLS ${f.cls}`,
      );
      runs.push(f);
    }
    results[preset] = { ...median(runs), runs };
  }
} finally {
  await server.close();
}
const PRESET_LABEL = { desktop: 'desktop preset', mobile: 'mobile preset (slow 4G, 4× CPU)' };
const presets = Object.keys(results) as (keyof typeof PRESET_LABEL)[];
const row = (label: string, f: (x: Figures) => string | number) =>
  `| ${label} | ${presets.map((p) => f(results[p]!)).join(' | ')} |`;
const md = [
  `| Lighthouse ${lighthouseVersion()} (median of ${RUNS} runs) | ${presets.map((p) => PRESET_LABEL[p]).join(' | ')} |`,
  `| --- | ${presets.map(() => '---:').join(' | ')} |`,
  row('performance score', (x) => x.score.toFixed(2)),
  row('first contentful paint', (x) => `${x.fcpMs} ms`),
  row('largest contentful paint', (x) => `${x.lcpMs} ms`),
  row('total blocking time', (x) => `${x.tbtMs} ms`),
  row('cumulative layout shift', (x) => x.cls.toFixed(3)),
  row('speed index', (x) => `${x.speedIndexMs} ms`),
  row('transferred', (x) => `${(x.transferKb / 1024).toFixed(1)} MB`),
  '',
].join('\n');
mkdirSync(OUT, { recursive: true });
writeFileSync(
  join(OUT, 'lighthouse.json'),
  `${JSON.stringify({ date: new Date().toISOString(), runs: RUNS, results }, null, 2)}\n`,
);
writeFileSync(join(OUT, 'lighthouse.md'), md);
console.log(`\n${md}`);
for (const p of presets) console.log(`LCP element (${p}): ${results[p]!.lcpElement}`);

function lighthouseVersion(): string {
  return '13.5';
}
