/**
 * `npm run notebooks`: runs every shipped notebook (`notebooks/*.md`) with its default parameters
 * on the default dataset, with the app's engine (DuckDB-WASM) locked down like the SQL console,
 * and fails on any parser problem, SQL error or empty result.
 *
 *   npm run notebooks                                  # check them all
 *   npm run notebooks -- --html notebooks/corridors.md out.html [name=value …]
 *                                                      # one notebook as a static HTML report
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseNotebook, paramValues } from '../src/features/notebooks/format';
import { notebookHtml } from '../src/features/notebooks/report';
import { runNotebook } from '../src/features/notebooks/run';
import { DEFAULT_DATASET_DIR, ensureDefaultDataset } from './ensure-dataset';
import { checkNotebooks, openNotebookEngine, shippedNotebookFiles } from './lib/notebookNode';

const args = process.argv.slice(2);
await ensureDefaultDataset();

if (args[0] === '--html') {
  const [, input, output, ...pairs] = args;
  if (!input || !output) {
    console.error('Usage: npm run notebooks -- --html <notebook.md> <out.html> [name=value …]');
    process.exit(2);
  }
  const notebook = parseNotebook(readFileSync(input, 'utf8'));
  const given = Object.fromEntries(
    pairs.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]),
  );
  const values = paramValues(notebook.meta.params, given);
  const engine = await openNotebookEngine(DEFAULT_DATASET_DIR);
  const outcomes = await runNotebook(notebook, values, engine.run);
  engine.close();
  writeFileSync(output, notebookHtml(notebook, outcomes, values, 'default'));
  console.log(`Wrote ${output} (${outcomes.size} cells).`);
} else {
  const t0 = performance.now();
  const checks = await checkNotebooks(shippedNotebookFiles(), DEFAULT_DATASET_DIR);
  let failed = 0;
  for (const c of checks) {
    const ok = c.failures.length === 0;
    if (!ok) failed++;
    console.log(
      `${ok ? '✓' : '✗'} ${c.file}: ${c.outcomes.size} cells in ${Math.round(c.ms)} ms${ok ? '' : `\n    ${c.failures.join('\n    ')}`}`,
    );
  }
  console.log(
    `${checks.length - failed} of ${checks.length} notebooks ran clean in ${Math.round(performance.now() - t0)} ms.`,
  );
  if (failed) process.exit(1);
}
