/**
 * `npm run serve`: serves an existing `dist/` (after `npm run build`). PORT and HOST apply.
 *
 *   npm run serve -- --engine native   the views' queries run on native DuckDB in this process
 *                                      (scripts/lib/nativeEngine.ts), for datasets too large
 *                                      for a browser tab; the page downloads no dataset file.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { NativeEngine } from './lib/nativeEngine';
import { serveStatic } from './server';

const { values } = parseArgs({ options: { engine: { type: 'string', default: 'wasm' } } });
if (values.engine !== 'wasm' && values.engine !== 'native') {
  console.error(
    `Unknown engine "${values.engine}": use --engine wasm (default) or --engine native.`,
  );
  process.exit(1);
}
if (!existsSync('dist/index.html')) {
  console.error('No build found: run "npm run build" first.');
  process.exit(1);
}
const native = values.engine === 'native' ? new NativeEngine('dist/data') : undefined;
const { url } = await serveStatic(
  'dist',
  Number(process.env.PORT ?? 4173),
  process.env.HOST ?? '127.0.0.1',
  { native },
);
console.log(
  `Serving dist/ at ${url}${native ? ' (queries run on native DuckDB in this process)' : ''}`,
);
