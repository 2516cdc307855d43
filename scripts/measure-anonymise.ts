/**
 * `npm run measure:anonymise [-- rows]`: the anonymiser's throughput and peak memory on planted
 * raw records (`tests/helpers/anonFixture.ts`, default 1,000,000 rows), streamed (`--no-import`)
 * and with the importer making the dataset folder. Each run is its own process (GNU time gives
 * its peak resident memory). Writes `bench-results/anonymise.json`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { writeAnonFixture } from '../tests/helpers/anonFixture';

const rows = Number(process.argv[2] ?? 1_000_000);
const input = `.cache/anon-${rows}.csv`;
mkdirSync('.cache', { recursive: true });
if (!existsSync(input)) await writeAnonFixture(input, rows);
const inputMB = statSync(input).size / 1e6;

const results: { mode: string; seconds: number; rowsPerSecond: number; peakMB: number }[] = [];
for (const mode of ['stream', 'with-import'] as const) {
  const out = `.cache/anon-out-${mode}`;
  rmSync(out, { recursive: true, force: true });
  const args = ['-f', 'TIME %e %M', process.execPath, '--import', 'tsx', 'scripts/anonymise.ts'];
  args.push(input, out, '--salt', 'a measurement salt');
  if (mode === 'stream') args.push('--no-import');
  const run = spawnSync('/usr/bin/time', args, { encoding: 'utf8' });
  const m = /TIME ([\d.]+) (\d+)/.exec(run.stderr);
  if (run.status !== 0 || !m) throw new Error(`${mode} failed: ${run.stderr}`);
  const seconds = Number(m[1]);
  results.push({
    mode,
    seconds,
    rowsPerSecond: Math.round(rows / seconds),
    peakMB: Math.round(Number(m[2]) / 1024),
  });
  console.log(
    `${mode}: ${run.stdout.trim()} — ${seconds} s, peak ${Math.round(Number(m[2]) / 1024)} MB`,
  );
  rmSync(out, { recursive: true, force: true });
}
mkdirSync('bench-results', { recursive: true });
writeFileSync(
  'bench-results/anonymise.json',
  `${JSON.stringify({ date: new Date().toISOString(), rows, inputMB: Math.round(inputMB), results }, null, 2)}\n`,
);
