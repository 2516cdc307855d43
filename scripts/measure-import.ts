/**
 * `npm run measure:import`: import time and peak tab memory for a 1M-row CSV and a ~50 MB XLSX
 * in headless Chromium (file picker → checks on screen → "Import and open" → the new dataset's
 * shell settled), and the CLI's time for the same files. The files are generated here
 * (deterministic, synthetic: an event register with names in four languages and varied
 * spellings). Peak memory is the largest sum of the resident memory of Chromium's renderer
 * processes (the tab and its workers) sampled every 200 ms. Figures go to
 * test-results/import.json. IMPORT_ROWS and XLSX_ROWS change the sizes.
 */
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import writeXlsxFile from 'write-excel-file/universal';
import { launchBrowser, waitForIdle, waitForShell } from '../tests/helpers/browser';
import { serveStatic } from './server';

const ROWS = Number(process.env.IMPORT_ROWS ?? 1_000_000);
const XLSX_ROWS = Number(process.env.XLSX_ROWS ?? 1_000_000);
const ONLY = process.env.MEASURE ?? 'csv,xlsx';
const DIR = '.cache/import-bench';
mkdirSync(DIR, { recursive: true });

const COUNTRIES = [
  'México',
  'Guatemala',
  'Honduras',
  'El Salvador',
  'Colombia',
  'Ecuador',
  'Perú',
  'Brasil',
  'Nigeria',
  "Côte d'Ivoire",
  'Ghana',
  'Cameroun',
];
const STATES: Record<string, string[]> = {
  México: ['Jalisco', 'Chihuahua', 'Tamaulipas', 'Sonora', 'Guerrero'],
  Colombia: ['Antioquia', 'Valle del Cauca', 'Bogotá D.C.', 'Nariño'],
  Ecuador: ['Guayas', 'Pichincha', 'El Oro', 'Esmeraldas'],
  Brasil: ['São Paulo', 'Rio de Janeiro', 'Bahia', 'Paraná'],
};
const TYPES = [
  'Pistola',
  'pistolas',
  'Revólver',
  'Fusil',
  'Escopeta',
  'carabina',
  'Pistolet',
  'rifle',
  'subametralladora',
  'Hechiza',
];
const CALIBRES = [
  '9MM',
  '9 mm',
  '9x19',
  '.38 SPL',
  '12GA',
  'calibre 12',
  '7,62 x 39',
  '.380 ACP',
  '.22 LR',
  '5.56 NATO',
];
const MAKES = ['Glock', 'Taurus', 'Smith & Wesson', 'Beretta', 'Bersa', 'CZ', 'Colt', 'Ruger'];

/** One generated row (deterministic in i). */
function row(i: number): (string | number)[] {
  const h = (k: number) => Math.abs(Math.imul(i + 1, 2654435761) ^ Math.imul(k + 7, 40503)) >>> 0;
  const country = COUNTRIES[h(1) % COUNTRIES.length]!;
  const states = STATES[country];
  const d = new Date(Date.UTC(2015, 0, 1) + (h(2) % 3650) * 86_400_000).toISOString().slice(0, 10);
  return [
    d,
    country,
    states ? states[h(3) % states.length]! : '',
    TYPES[h(4) % TYPES.length]!,
    CALIBRES[h(5) % CALIBRES.length]!,
    MAKES[h(6) % MAKES.length]!,
    1 + (h(7) % 4),
    `Caso ${i + 1}; nota, con coma`,
    // A serial number as registers publish it (hashed): unique text, as real sheets hold.
    ((h(8) ^ Math.imul(i, 40503)) >>> 0).toString(16).toUpperCase().padStart(8, '0'),
  ];
}
const HEADER = [
  'Fecha',
  'País',
  'Estado',
  'Tipo de arma',
  'Calibre',
  'Marca',
  'Cantidad',
  'Observaciones',
  'Serie',
];
const expectedFirearms = (n: number) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += row(i)[6] as number;
  return s;
};

async function ensureFiles() {
  const csv = join(DIR, `register-v3-${ROWS}.csv`);
  if (!existsSync(csv)) {
    const q = (v: string | number) =>
      typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v);
    const lines = [HEADER.join(',')];
    for (let i = 0; i < ROWS; i++) lines.push(row(i).map(q).join(','));
    writeFileSync(csv, `${lines.join('\n')}\n`);
  }
  const xlsx = join(DIR, `register-v3-${XLSX_ROWS}.xlsx`);
  if (!existsSync(xlsx)) {
    const cell = (v: string | number) =>
      typeof v === 'number' ? { value: v, type: Number } : { value: v, type: String };
    const data = [HEADER.map(cell)];
    for (let i = 0; i < XLSX_ROWS; i++) data.push(row(i).map(cell));
    const write = writeXlsxFile as unknown as (s: unknown) => { toBlob(): Promise<Blob> };
    const blob = await write([{ data, sheet: 'Registro' }]).toBlob();
    writeFileSync(xlsx, new Uint8Array(await blob.arrayBuffer()));
  }
  return { csv, xlsx };
}

/** Peak resident memory (MB) of Chromium renderer processes while `run` runs. */
async function withPeakMemory<T>(run: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = 0;
  const sample = () => {
    try {
      const out = execSync("ps -eo rss,args | grep -- '--type=renderer' | grep -v grep", {
        encoding: 'utf8',
      });
      const kb = out
        .trim()
        .split('\n')
        .reduce((a, l) => a + (Number(l.trim().split(/\s+/)[0]) || 0), 0);
      peak = Math.max(peak, kb / 1024);
    } catch {
      // no renderer yet
    }
  };
  const timer = setInterval(sample, 200);
  try {
    const result = await run();
    sample();
    return { result, peakMb: Math.round(peak) };
  } finally {
    clearInterval(timer);
  }
}

async function browserImport(url: string, file: string) {
  const b = await launchBrowser(url);
  try {
    await b.page.goto(`${url}#/import?v=2`);
    await waitForShell(b.page);
    const { result, peakMb } = await withPeakMemory(async () => {
      const t0 = performance.now();
      await b.page.getByTestId('import-file').setInputFiles(file);
      await b.page.waitForSelector('[data-testid="import-checks"], [data-testid="import-error"]', {
        timeout: 900_000,
      });
      const error = await b.page
        .getByTestId('import-error')
        .textContent({ timeout: 100 })
        .catch(() => null);
      if (error) throw new Error(error);
      const opened = performance.now() - t0;
      const sums = await b.page.getByTestId('import-sums').textContent();
      const title = await b.page.getByTestId('import-title').inputValue();
      const t1 = performance.now();
      await b.page.getByTestId('import-commit').click();
      await b.page.waitForFunction(
        (t) =>
          location.hash.startsWith('#/overview') &&
          document.querySelector('[data-testid="dataset-title"]')?.textContent === t,
        title,
        { timeout: 900_000 },
      );
      await waitForShell(b.page, 900_000);
      await waitForIdle(b.page, 900_000);
      const committed = performance.now() - t1;
      // Where the commit's time goes, from the app's own marks (the last of each name).
      const phases = await b.page.evaluate(() =>
        (
          [
            ['buildInWorker', 'atlas:import-start', 'atlas:import-built'],
            ['checkByOpening', 'atlas:import-built', 'atlas:import-checked'],
            ['saveToIndexedDb', 'atlas:import-checked', 'atlas:import-saved'],
            ['openDataset', 'atlas:import-saved', 'atlas:data-ready'],
            ['firstViewSettled', 'atlas:data-ready', 'atlas:settled'],
          ] as const
        ).map(([name, a, z]) => [
          name,
          Math.round(
            (performance.getEntriesByName(z).at(-1)?.startTime ?? NaN) -
              (performance.getEntriesByName(a).at(-1)?.startTime ?? NaN),
          ),
        ]),
      );
      const firearms = await b.page
        .locator('[data-figure="firearms"] .figure__value')
        .textContent();
      return {
        openMs: Math.round(opened),
        commitMs: Math.round(committed),
        totalMs: Math.round(opened + committed),
        phases,
        sums,
        firearms,
      };
    });
    return { ...result, peakTabMb: peakMb };
  } finally {
    await b.close();
  }
}

function cliImport(file: string) {
  const out = join(DIR, 'out');
  rmSync(out, { recursive: true, force: true });
  const t0 = performance.now();
  const log = execFileSync('npx', ['tsx', 'scripts/import.ts', file, '--out', out], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const ms = Math.round(performance.now() - t0);
  return { cliMs: ms, cliSummary: log.split('\n').find((l) => l.startsWith('Imported:')) ?? '' };
}

const files = await ensureFiles();
const server = await serveStatic('dist');
const results: Record<string, unknown> = {};
try {
  const kinds = (
    [
      ['csv', files.csv],
      ['xlsx', files.xlsx],
    ] as const
  ).filter(([k]) => ONLY.includes(k));
  for (const [kind, file] of kinds) {
    const mb = statSync(file).size / 1e6;
    console.log(`${kind}: ${file} (${mb.toFixed(1)} MB)…`);
    const browser = await browserImport(server.url, file);
    const cli = cliImport(file);
    results[kind] = {
      file,
      mb: Math.round(mb * 10) / 10,
      rows: kind === 'csv' ? ROWS : XLSX_ROWS,
      expectedFirearms: expectedFirearms(kind === 'csv' ? ROWS : XLSX_ROWS),
      ...browser,
      ...cli,
    };
    console.log(results[kind]);
  }
} finally {
  await server.close();
}
mkdirSync('test-results', { recursive: true });
writeFileSync(
  'test-results/import.json',
  `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`,
);
console.log('Figures written to test-results/import.json');
