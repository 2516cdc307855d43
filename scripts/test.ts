/**
 * `npm test`: everything, in order — dataset, lint (no warnings), types, formatting, build, then
 * unit tests (Node, real DuckDB-WASM) and end-to-end tests (headless Chromium) in one Vitest run.
 * Ends with one line `N passed, N failed` (also written to test-results/summary.txt).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { ensureDefaultDataset } from './ensure-dataset';

const bin = (name: string) => `node_modules/.bin/${name}`;
mkdirSync('test-results', { recursive: true });

function finish(passed: number, failed: number, note?: string): never {
  const line = `${passed} passed, ${failed} failed`;
  writeFileSync('test-results/summary.txt', `${line}\n`);
  if (note) console.log(note);
  console.log(line);
  process.exit(failed > 0 ? 1 : 0);
}

function step(label: string, cmd: string, args: string[]) {
  console.log(`\n▶ ${label}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0)
    finish(0, 1, `✗ ${label} failed (exit ${r.status ?? r.signal}); tests were not run.`);
  console.log(`✓ ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

console.log('▶ default dataset');
await ensureDefaultDataset();

// The end-to-end tests' large dataset, made beside the static checks (a second core is idle).
console.log('▶ end-to-end data (in the background)');
const prepared = new Promise<number>((resolve) => {
  const child = spawn(bin('tsx'), ['scripts/prepare-test-data.ts'], { stdio: 'inherit' });
  child.on('exit', (code) => resolve(code ?? 1));
  child.on('error', () => resolve(1));
});
step('lint', bin('eslint'), ['.', '--max-warnings', '0']);
step('types', bin('tsc'), ['--noEmit']);
step('formatting', bin('prettier'), ['--check', '.', '--log-level', 'warn']);
step('build', bin('vite'), ['build', '--logLevel', 'warn']);

const prepStatus = await prepared;
console.log(
  prepStatus === 0
    ? '✓ end-to-end data'
    : '✗ end-to-end data not made in advance (the test makes it when it runs)',
);

console.log('\n▶ unit and end-to-end tests');
const report = 'test-results/vitest.json';
spawnSync(
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
  {
    stdio: 'inherit',
  },
);
let results: {
  numPassedTests: number;
  numFailedTests: number;
  numTotalTests: number;
  success: boolean;
};
try {
  results = JSON.parse(readFileSync(report, 'utf8')) as typeof results;
} catch {
  finish(0, 1, '✗ Vitest wrote no report.');
}
if (results.numTotalTests === 0) finish(0, 1, '✗ No test ran.');
// A suite that fails to load counts as a failure even when no single test failed.
const failed = results.numFailedTests + (results.success || results.numFailedTests > 0 ? 0 : 1);
finish(results.numPassedTests, failed);
