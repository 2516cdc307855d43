/**
 * `npm test`: everything — the default dataset; lint (no warnings) beside types, then formatting
 * beside the build; then unit tests (Node, real DuckDB-WASM) and end-to-end tests (headless
 * Chromium, two files at a time) in one Vitest run. Prints the ten slowest test files, and ends
 * with one line `N passed, N failed` (also written to test-results/summary.txt).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
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

/** One check before the tests: its label and command. */
type Step = [label: string, cmd: string, args: string[]];

/**
 * Runs checks side by side (the machine has two cores, and each check uses one) and stops the
 * run, naming the first that failed, when any did. Their output is printed as each ends.
 */
async function steps(...list: Step[]): Promise<void> {
  const runs = list.map(([label, cmd, args]) => {
    console.log(`▶ ${label}`);
    const t0 = Date.now();
    return new Promise<{ label: string; code: number | null; output: string; secs: string }>(
      (resolve) => {
        const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (d: Buffer) => (output += d.toString()));
        child.stderr.on('data', (d: Buffer) => (output += d.toString()));
        child.on('error', (e) => resolve({ label, code: 1, output: e.message, secs: '0' }));
        child.on('exit', (code) =>
          resolve({ label, code, output, secs: ((Date.now() - t0) / 1000).toFixed(1) }),
        );
      },
    );
  });
  const results = await Promise.all(runs);
  for (const r of results) {
    if (r.output.trim()) process.stdout.write(r.output.endsWith('\n') ? r.output : `${r.output}\n`);
    console.log(`${r.code === 0 ? '✓' : '✗'} ${r.label} (${r.secs} s)`);
  }
  const failed = results.find((r) => r.code !== 0);
  if (failed) finish(0, 1, `✗ ${failed.label} failed (exit ${failed.code}); tests were not run.`);
}

console.log('▶ default dataset');
await ensureDefaultDataset();

// The end-to-end tests' large dataset, made beside the static checks.
console.log('▶ end-to-end data (in the background)');
const prepared = new Promise<number>((resolve) => {
  const child = spawn(bin('tsx'), ['scripts/prepare-test-data.ts'], { stdio: 'inherit' });
  child.on('exit', (code) => resolve(code ?? 1));
  child.on('error', () => resolve(1));
});
await steps(
  ['lint', bin('eslint'), ['.', '--max-warnings', '0']],
  ['types', bin('tsc'), ['--noEmit']],
);
await steps(
  ['formatting', bin('prettier'), ['--check', '.', '--log-level', 'warn']],
  ['build', bin('vite'), ['build', '--logLevel', 'warn']],
);

const prepStatus = await prepared;
console.log(
  prepStatus === 0
    ? '✓ end-to-end data'
    : '✗ end-to-end data not made in advance (the test makes it when it runs)',
);

// The two projects side by side: the unit tests (one worker, in Node) beside the end-to-end
// tests (two files at a time, each in its own browser), which spend much of their time waiting on
// their pages. The end-to-end output is shown as it comes; the unit tests' when they end.
console.log('\n▶ unit and end-to-end tests');
type Report = {
  numPassedTests: number;
  numFailedTests: number;
  numTotalTests: number;
  success: boolean;
  testResults?: { name: string; startTime: number; endTime: number }[];
};
/** Runs one Vitest project; resolves to its JSON report, or null when it wrote none. */
function project(name: string, extra: string[], inherit: boolean): Promise<Report | null> {
  const report = `test-results/vitest-${name}.json`;
  rmSync(report, { force: true });
  const args = ['run', '--project', name, '--reporter=default', '--reporter=json'];
  args.push(`--outputFile.json=${report}`, ...extra);
  return new Promise((resolve) => {
    const child = spawn(bin('vitest'), args, { stdio: inherit ? 'inherit' : 'pipe' });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', () => {
      if (output) process.stdout.write(`\n── ${name} tests ──\n${output}`);
      try {
        resolve(JSON.parse(readFileSync(report, 'utf8')) as Report);
      } catch {
        resolve(null);
      }
    });
  });
}
const reports = await Promise.all([
  project('e2e', [], true),
  project('unit', ['--maxWorkers=1'], false),
]);
if (reports.some((r) => r === null)) finish(0, 1, '✗ Vitest wrote no report.');
const all = reports as Report[];
if (all.some((r) => r.numTotalTests === 0)) finish(0, 1, '✗ No test ran.');
printSlowest(all.flatMap((r) => r.testResults ?? []));
// A suite that fails to load counts as a failure even when no single test failed.
const failed = all.reduce(
  (n, r) => n + r.numFailedTests + (r.success || r.numFailedTests > 0 ? 0 : 1),
  0,
);
finish(
  all.reduce((n, r) => n + r.numPassedTests, 0),
  failed,
);

/** Prints the ten slowest test files (wall time of each file, setup included). */
function printSlowest(files: { name: string; startTime: number; endTime: number }[]): void {
  const slowest = files
    .map((f) => ({ name: relative(process.cwd(), f.name), s: (f.endTime - f.startTime) / 1000 }))
    .sort((a, b) => b.s - a.s)
    .slice(0, 10);
  if (!slowest.length) return;
  console.log('\nSlowest test files:');
  for (const f of slowest) console.log(`  ${f.s.toFixed(1).padStart(6)} s  ${f.name}`);
}
