/**
 * `npm run import -- <files…> --out <dir> [--recipe r.json] [--name n] [--title t]
 *  [--encoding utf-8|windows-1252] [--delimiter ';'] [--sheets a,b] [--save-recipe r.json]`
 *
 * Imports files into a dataset folder with the browser's own importer (`src/import/`): without
 * `--recipe` it detects the layout as the browser does. It prints the checks (rows read and
 * skipped, totals, coverage, trailing zeros, names it could not resolve) and writes the folder;
 * under a `data/` folder (e.g. `public/data/<name>`) it also updates `data/index.json`, so
 * `npm start` serves the dataset and the switcher lists it.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseRecipe } from '../src/import/recipe';
import { planImport, readFiles } from '../src/import/run';
import { describeChecks } from '../src/import/report';
import type { EncodingChoice } from '../src/import/text';
import { ImportError } from '../src/import/types';
import { writeDatasetIndex } from './lib/datasetIndex';
import { nodeGazetteer, writeImportedDataset } from './lib/importNode';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string' },
    recipe: { type: 'string' },
    name: { type: 'string' },
    title: { type: 'string' },
    encoding: { type: 'string' },
    delimiter: { type: 'string' },
    sheets: { type: 'string' },
    'save-recipe': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(`import: ${message}`);
  process.exit(1);
}

if (positionals.length === 0) fail('give one or more files to import');
if (!values.out && !values['dry-run']) fail('--out <dir> is required (or --dry-run)');

const started = performance.now();
try {
  const files = positionals.map((p) => ({
    name: basename(p),
    bytes: new Uint8Array(readFileSync(p)),
  }));
  const sheets = await readFiles(files, {
    encoding: (values.encoding as EncodingChoice | undefined) ?? 'auto',
    delimiter: values.delimiter,
  });
  let recipe = values.recipe
    ? parseRecipe(JSON.parse(readFileSync(values.recipe, 'utf8')))
    : undefined;
  if (recipe && values.sheets) recipe = { ...recipe, sheets: values.sheets.split(',') };
  const plan = planImport(sheets, nodeGazetteer(), recipe);
  if (plan.proposal) console.log(`Detected: ${plan.proposal.reason}`);
  console.log(describeChecks(plan.transformed.checks).join('\n'));
  if (values['save-recipe']) {
    writeFileSync(values['save-recipe'], `${JSON.stringify(plan.recipe, null, 2)}\n`);
    console.log(`Recipe saved to ${values['save-recipe']}`);
  }
  if (values.out) {
    const out = resolve(values.out);
    const name =
      values.name ??
      basename(out)
        .toLowerCase()
        .replace(/[^a-z0-9_-]+/g, '-')
        .slice(0, 64);
    const title =
      values.title ??
      (plan.recipe.title || `Imported: ${files.map((f) => f.name).join(', ')}`.slice(0, 200));
    const manifest = await writeImportedDataset(plan, out, { name, title });
    if (basename(dirname(out)) === 'data') writeDatasetIndex(dirname(out));
    console.log(
      `Wrote ${out}: ${manifest.rows.seizures} seizure rows, ${manifest.rows.firearms} firearm rows, ${(statSync(join(out, manifest.duckdb.file)).size / 1e6).toFixed(1)} MB (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
} catch (e) {
  fail(e instanceof ImportError ? e.message : (e as Error).message);
}
