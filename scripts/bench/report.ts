/**
 * The benchmark's report: the bundle's sizes, the targets with their figures, and the Markdown
 * tables (bench-results/bench.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { DefaultStart, SizeResult } from './measure';
import { median, p95, round } from './measure';
import { INTERACTIONS } from './scenario';

export function bundleSizes() {
  // The build's own files, not their precompressed copies.
  const files = readdirSync('dist/assets').filter((f) => !/\.(br|gz)$/.test(f));
  const gz = (pred: (f: string) => boolean) =>
    files
      .filter(pred)
      .reduce((a, f) => a + gzipSync(readFileSync(join('dist/assets', f)), { level: 9 }).length, 0);
  return {
    appJsGzipKb: round(
      gz((f) => f.endsWith('.js') && !f.includes('duckdb') && !f.includes('maplibre-gl-worker')) /
        1024,
    ),
    duckdbWorkerGzipKb: round(gz((f) => f.endsWith('.js') && f.includes('duckdb')) / 1024),
    maplibreWorkerGzipKb: round(gz((f) => f.includes('maplibre-gl-worker')) / 1024),
    wasmGzipKb: round(gz((f) => f.endsWith('.wasm')) / 1024),
  };
}

/** Lighthouse's last figures (`npm run lighthouse`), when there are any. */
function lighthouseFigures(): Record<string, { score: number; cls: number }> | null {
  try {
    const json = JSON.parse(readFileSync(join('bench-results', 'lighthouse.json'), 'utf8')) as {
      results: Record<string, { score: number; cls: number }>;
    };
    return json.results;
  } catch {
    return null;
  }
}

/**
 * The speed issue's targets, each with its figure at every size measured, met or not: drawn
 * updates of the cube-held Overview selections, every interaction, a playback step, the main
 * thread, the heavy link, opening views, the cold start, and Lighthouse's last run.
 */
export function targets(results: SizeResult[], start: DefaultStart): string[] {
  const lines = ['| target | figure | met |', '| --- | --- | :---: |'];
  const mark = (ok: boolean) => (ok ? 'yes' : '**no**');
  const big = (n: number) => n >= 10_000_000;
  for (const r of results) {
    const size = r.seizures.toLocaleString('en');
    const drawn = r.mosaic.flatMap((seq) => seq.steps.map((st) => st.oursMs));
    if (drawn.length) {
      const [m, p] = [round(median(drawn)), round(p95(drawn))];
      lines.push(
        `| drawn update, cube-held Overview selections, median / p95 ≤ 50 / 100 ms at ${size} | ${m} / ${p} ms | ${mark(m <= 50 && p <= 100)} |`,
      );
    }
    const worst = [...r.interactions].sort((a, b) => b.p95Ms - a.p95Ms)[0]!;
    const over = r.interactions.filter((x) => x.p95Ms > 250).length;
    lines.push(
      `| every interaction p95 ≤ 250 ms at ${size} | worst: ${worst.view} · ${worst.kind} ${worst.p95Ms} ms; ${over} of ${r.interactions.length} over | ${big(r.seizures) ? '(1M target)' : mark(over === 0)} |`,
    );
    const playback = r.interactions.find((x) => x.kind === 'playback step');
    if (playback)
      lines.push(
        `| map playback step ≤ 50 ms at ${size} | ${playback.medianMs} ms settled, ${playback.drawnMedianMs} ms drawn | ${big(r.seizures) ? '(1M target)' : mark(playback.drawnMedianMs <= 50)} |`,
      );
    lines.push(
      `| longest main-thread task per interaction p95 ≤ 50 ms at ${size} | ${r.mainThread.longestP95Ms} ms (median ${r.mainThread.longestMedianMs}); blocking p95 ${r.mainThread.blockingP95Ms} ms | ${big(r.seizures) ? '(1M target)' : mark(r.mainThread.longestP95Ms <= 50)} |`,
    );
    const linkBound = big(r.seizures) ? 15_000 : 3_000;
    lines.push(
      `| heavy shared link ≤ ${linkBound / 1000} s at ${size} | ${r.linkRestoreMs} ms | ${mark(r.linkRestoreMs <= linkBound)} |`,
    );
    const slowest = Object.entries(r.viewsDrawn).sort((a, b) => b[1] - a[1])[0]!;
    lines.push(
      `| open any view ≤ 5 s (drawn) at ${size} | slowest: ${slowest[0]} ${slowest[1]} ms | ${mark(slowest[1] <= 5000)} |`,
    );
  }
  lines.push(
    `| cold start, default dataset, ≤ 1.5 s beyond DuckDB's start | ${start.beyondDuckdbMs} ms beyond; DuckDB's start ${start.duckdbStartMs} ms; first view painted and engine asked for at ${start.scriptMs} ms; total ${start.totalMs} ms | ${mark(start.beyondDuckdbMs <= 1500)} |`,
  );
  const lh = lighthouseFigures();
  for (const [server, bound] of [
    ['plain', 0.95],
    ['bundled', 0.98],
  ] as const) {
    const f = lh?.[`${server} desktop`];
    lines.push(
      f
        ? `| Lighthouse desktop ≥ ${bound}, ${server} server (last \`npm run lighthouse\`) | ${f.score.toFixed(2)}, CLS ${f.cls.toFixed(3)} | ${mark(f.score >= bound && f.cls < 0.05)} |`
        : `| Lighthouse desktop ≥ ${bound}, ${server} server | not measured: run \`npm run lighthouse\` | — |`,
    );
  }
  return lines;
}

/**
 * Per step: the app's time to the drawn Overview, the app's queries for the same three panels,
 * Mosaic's, and the ratio of Mosaic's to the app's queries (above 1: the app is faster).
 */
export function mosaicTables(results: SizeResult[], runs: number): string[] {
  const lines: string[] = [];
  for (const r of results) {
    for (const seq of r.mosaic) {
      if (!seq.steps.length) continue;
      lines.push(
        '',
        `Mosaic comparison at ${r.seizures.toLocaleString('en')} seizures, ${seq.name} (median of ${runs} runs; both over the same DuckDB-WASM and dataset; "data" is the time until the three other panels' results are in, no drawing):`,
        '',
        '| step | ours, drawn view | ours, data | Mosaic (pre-aggregation on), data | Mosaic ÷ ours (data) |',
        '| --- | ---: | ---: | ---: | ---: |',
      );
      for (const st of seq.steps) {
        lines.push(
          `| ${st.label} | ${st.oursMs} ms | ${st.oursDataMs} ms | ${st.mosaicMs} ms | ${(st.mosaicMs / Math.max(1, st.oursDataMs)).toFixed(2)} |`,
        );
      }
      const col = (k: 'oursMs' | 'oursDataMs' | 'mosaicMs') => seq.steps.map((x) => x[k]);
      const mp = (xs: number[]) => `${round(median(xs))} / ${round(p95(xs))} ms`;
      lines.push(
        `| **median / p95** | ${mp(col('oursMs'))} | ${mp(col('oursDataMs'))} | ${mp(col('mosaicMs'))} | ${(median(col('mosaicMs')) / Math.max(1, median(col('oursDataMs')))).toFixed(2)} / ${(p95(col('mosaicMs')) / Math.max(1, p95(col('oursDataMs')))).toFixed(2)} |`,
      );
    }
  }
  return lines;
}

export function markdown(
  results: SizeResult[],
  bundle: ReturnType<typeof bundleSizes>,
  start: DefaultStart,
  runs: number,
): string {
  const sizes = results.map((r) => r.seizures.toLocaleString('en'));
  const row = (label: string, f: (r: SizeResult) => string | number) =>
    `| ${label} | ${results.map((r) => f(r)).join(' | ')} |`;
  const lines = [
    `| measure (median of ${runs} runs) | ${sizes.map((s) => `${s} seizures`).join(' | ')} |`,
    `| --- | ${results.map(() => '---:').join(' | ')} |`,
    row('cold start → settled Overview', (r) => `${r.coldStartMs} ms`),
    row('… of which DuckDB-WASM start', (r) => `${r.duckdbReadyMs} ms`),
    row('… of which opening the stored cubes (attach → cubes ready)', (r) => `${r.cubeBuildMs} ms`),
    row('heavy shared link → restored view', (r) => `${r.linkRestoreMs} ms`),
    row(
      'interaction, overall median / p95',
      (r) => `${r.overall.medianMs} / ${r.overall.p95Ms} ms`,
    ),
    ...[...new Set(INTERACTIONS.map((x) => x.view))].map((v) =>
      row(
        `interaction on ${v}, median / p95`,
        (r) => `${r.perView[v]!.medianMs} / ${r.perView[v]!.p95Ms} ms`,
      ),
    ),
    row(
      'main thread per interaction: longest task median / p95',
      (r) => `${r.mainThread.longestMedianMs} / ${r.mainThread.longestP95Ms} ms`,
    ),
    ...Object.keys(results[0]?.views ?? {}).map((v) =>
      row(`open ${v}, settled / drawn`, (r) => `${r.views[v]} / ${r.viewsDrawn[v]} ms`),
    ),
    row('query time WASM / native DuckDB (2 threads)', (r) => `${r.wasmOverNative}×`),
    row('peak JS heap (page)', (r) => `${r.peakJsHeapMb} MB`),
    row('DuckDB memory in use', (r) => `${r.duckdbMemoryMb} MB`),
  ];
  lines.push(
    '',
    `Bundle (gzip): app JS ${bundle.appJsGzipKb} KiB, DuckDB worker ${bundle.duckdbWorkerGzipKb} KiB, maplibre worker ${bundle.maplibreWorkerGzipKb} KiB, DuckDB wasm ${bundle.wasmGzipKb} KiB.`,
    '',
    'Every interaction: to the views settled (data committed), median / p95; to them drawn on screen, median / p95; longest main-thread task p95:',
    '',
    `| view | interaction | ${sizes.join(' | ')} |`,
    `| --- | --- | ${results.map(() => '---:').join(' | ')} |`,
    ...INTERACTIONS.map(
      (it, i) =>
        `| ${it.view} | ${it.kind} | ${results.map((r) => `${r.interactions[i]!.medianMs} / ${r.interactions[i]!.p95Ms} ms; drawn ${r.interactions[i]!.drawnMedianMs} / ${r.interactions[i]!.drawnP95Ms} ms (${r.interactions[i]!.longestTaskP95Ms})`).join(' | ')} |`,
    ),
    '',
    'Targets:',
    '',
    ...targets(results, start),
    ...mosaicTables(results, runs),
  );
  return `${lines.join('\n')}\n`;
}
