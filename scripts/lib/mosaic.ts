/**
 * Bundles the benchmark's Mosaic harness (`mosaicHarness.ts`) into one script the benchmark
 * evaluates in the page (DevTools evaluation, so the page's CSP does not apply to it and the
 * app's build never contains Mosaic). Mosaic's DuckDB-WASM import is replaced by an empty module:
 * the harness hands it the app's own instance, so Mosaic never loads one (its default would
 * fetch DuckDB from a CDN).
 */
import { build, type Plugin } from 'esbuild';

const noDuckDB: Plugin = {
  name: 'no-duckdb-wasm',
  setup(b) {
    b.onResolve({ filter: /^@duckdb\/duckdb-wasm$/ }, () => ({
      path: 'duckdb',
      namespace: 'stub',
    }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/** The harness as a script that defines `window.__mosaicHarness` when evaluated. */
export async function mosaicHarnessScript(): Promise<string> {
  const out = await build({
    entryPoints: ['scripts/lib/mosaicHarness.ts'],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__mosaicBundle',
    platform: 'browser',
    target: 'es2022',
    plugins: [noDuckDB],
    logLevel: 'warning',
  });
  return `(() => { ${out.outputFiles[0]!.text}; window.__mosaicHarness = __mosaicBundle; })()`;
}
