/**
 * `npm run datasets` — generates the synthetic default dataset (or a scaled one for benchmarks).
 *
 *   tsx datasets/generate.ts [--seizures 50000] [--seed 20151] [--out public/data/default]
 *
 * Same seed and size → the same bytes in every file but `atlas.duckdb` (DuckDB lays out its own
 * file; see datasets/README.md, which also gives the schema).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateDataset, DEFAULT_SEED, DEFAULT_SEIZURES } from './lib/dataset';

const { values } = parseArgs({
  options: {
    seizures: { type: 'string', default: String(DEFAULT_SEIZURES) },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    out: { type: 'string' },
    name: { type: 'string' },
  },
});

const seizures = Number(values.seizures);
const seed = Number(values.seed);
if (!Number.isInteger(seizures) || seizures < 100)
  throw new Error('--seizures must be an integer ≥ 100');
if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
const name = values.name ?? (seizures === DEFAULT_SEIZURES ? 'default' : `s${seizures}`);
const out = values.out ?? (name === 'default' ? 'public/data/default' : `.cache/datasets/${name}`);

const t0 = performance.now();
const manifest = await generateDataset({ seizures, seed, outDir: out, name });
const secs = ((performance.now() - t0) / 1000).toFixed(1);
console.log(`Wrote ${out} in ${secs} s:`);
for (const [table, n] of Object.entries(manifest.rows))
  console.log(`  ${table.padEnd(11)} ${n.toLocaleString('en')}`);
console.log(
  `  atlas.duckdb ${(statSync(join(out, manifest.duckdb.file)).size / 1e6).toFixed(1)} MB`,
);
