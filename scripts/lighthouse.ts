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
  /** The elements that moved most (Lighthouse's layout-shifts audit), for a non-zero CLS. */
  shifted: string[];
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
    const shifts = lhr.audits['layout-shifts']?.details as
      { items?: { score?: number; node?: { selector?: string; snippet?: string } }[] } | undefined;
    return {
      shifted: (shifts?.items ?? [])
        .slice(0, 5)
        .map((i) => `${i.node?.selector ?? '?'} (${(i.score ?? 0).toFixed(3)})`),
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
/** The two kinds of host a first visit meets: ours (precompressed) and any plain static host. */
const SERVERS = { bundled: true, plain: false } as const;
type ServerKind = keyof typeof SERVERS;
const servers = (process.env.SERVERS ?? 'bundled,plain').split(',') as ServerKind[];
const presetsWanted = (process.env.PRESETS ?? 'desktop,mobile').split(',') as (
  'desktop' | 'mobile'
)[];
const results: Record<string, Figures & { runs: Figures[] }> = {};
for (const kind of servers) {
  const server = await serveStatic('dist', 0, '127.0.0.1', { compress: SERVERS[kind] });
  try {
    for (const preset of presetsWanted) {
      const runs: Figures[] = [];
      for (let i = 0; i < RUNS; i++) {
        const f = await run(`${server.url}#/overview`, preset);
        console.log(
          `  ${kind} server, ${preset} run ${i + 1}/${RUNS}: score ${f.score}, LCP ${f.lcpMs} ms, CLS ${f.cls}`,
        );
        runs.push(f);
      }
      results[`${kind} ${preset}`] = { ...median(runs), runs };
    }
  } finally {
    await server.close();
  }
}
const PRESET_LABEL = { desktop: 'desktop', mobile: 'mobile (slow 4G, 4× CPU)' };
const SERVER_LABEL = { bundled: 'bundled server', plain: 'plain static server' };
const columns = Object.keys(results);
const label = (key: string) => {
  const [kind, preset] = key.split(' ') as [ServerKind, 'desktop' | 'mobile'];
  return `${SERVER_LABEL[kind]}, ${PRESET_LABEL[preset]}`;
};
const row = (name: string, f: (x: Figures) => string | number) =>
  `| ${name} | ${columns.map((c) => f(results[c]!)).join(' | ')} |`;
const md = [
  `| Lighthouse ${lighthouseVersion()} (median of ${RUNS} runs) | ${columns.map(label).join(' | ')} |`,
  `| --- | ${columns.map(() => '---:').join(' | ')} |`,
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
for (const c of columns) {
  console.log(`LCP element (${label(c)}): ${results[c]!.lcpElement}`);
  const shifted = results[c]!.runs.flatMap((r) => r.shifted);
  if (shifted.length) console.log(`Moved (${label(c)}): ${shifted.join(', ')}`);
}

function lighthouseVersion(): string {
  return '13.5';
}
