/**
 * `npm run anonymise -- <input> <output-dir> [--salt s] [--k 5] [--grid-km 10]
 *   [--date-precision day|month|quarter|year] [--quasi a,b] [--keep a,b] [--no-import]`
 *
 * Turns raw case records (CSV/TSV, XLSX or Parquet; one header row) into records safe to share
 * (`src/import/anonymise.ts`): columns that look like names, case numbers, addresses, phone
 * numbers, e-mails or free text are dropped, serial numbers replaced by a keyed hash, coordinates
 * snapped to a grid, dates coarsened, k-anonymity enforced. CSV and Parquet are streamed (two
 * passes; the rows never sit in memory together); a workbook is read whole.
 *
 * The output folder gets `anonymised.csv`, `anonymisation-report.json` and `.md`, and (unless
 * `--no-import`) the dataset the importer makes of `anonymised.csv`, ready to serve. It is written
 * beside the target and renamed into place at the end: a failure leaves no partial output.
 * The salt comes from `--salt`, or the `ATLAS_ANON_SALT` environment variable, or is asked for;
 * it is never written anywhere. The same input and salt give the same bytes.
 */
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { once } from 'node:events';
import { basename, dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import { parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import {
  ANON_DATE_PRECISIONS,
  Anonymiser,
  planColumns,
  reportMarkdown,
  type AnonDatePrecision,
} from '../src/import/anonymise';
import { readFile, sniffFormat } from '../src/import/read';
import { planImport, readFiles } from '../src/import/run';
import type { Cell } from '../src/import/types';
import { nodeGazetteer, writeImportedDataset } from './lib/importNode';

/** Rows per batch handed to the anonymiser and the writer. */
const BATCH = 5_000;
/** Rows the column plan looks at. */
const SAMPLE = 2_000;

/** Streams the rows of a file (header first) to `onRows`, batch by batch. */
type RowSource = (onRows: (rows: Cell[][]) => void | Promise<unknown>) => Promise<void>;

/** The rows of a CSV/TSV file, streamed (UTF-8, or Windows-1252 when it is not valid UTF-8). */
function csvSource(path: string): RowSource {
  const head = readFileSync(path).subarray(0, 1 << 20);
  let encoding: 'utf-8' | 'latin1' = 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, head.length - 4));
  } catch {
    encoding = 'latin1';
  }
  return (onRows) =>
    new Promise((resolvePromise, reject) => {
      let batch: Cell[][] = [];
      Papa.parse(createReadStream(path, { encoding }), {
        skipEmptyLines: 'greedy',
        step: (r: Papa.ParseStepResult<string[]>, parser: Papa.Parser) => {
          const broken = r.errors.find((e) => e.type === 'Quotes');
          if (broken) {
            parser.abort();
            reject(
              new Error(
                `${basename(path)}: ${broken.message.toLowerCase()} (row ${broken.row ?? '?'}); the file is malformed`,
              ),
            );
            return;
          }
          batch.push(r.data.map((v, i) => (i === 0 ? v.replace(/^\uFEFF/, '') : v)));
          if (batch.length >= BATCH) {
            let wait: void | Promise<unknown>;
            try {
              wait = onRows(batch);
            } catch (e) {
              parser.abort();
              reject(e as Error);
              return;
            }
            batch = [];
            // The writer is behind: hold the reader until it drains.
            if (wait) {
              parser.pause();
              wait.then(() => parser.resume(), reject);
            }
          }
        },
        complete: () => {
          try {
            const wait = batch.length ? onRows(batch) : undefined;
            Promise.resolve(wait).then(() => resolvePromise(), reject);
          } catch (e) {
            reject(e as Error);
          }
        },
        error: (e: Error) => reject(e),
      });
    });
}

/** The rows of a Parquet file, row group by row group. */
function parquetSource(path: string): RowSource {
  return async (onRows) => {
    const bytes = readFileSync(path);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const metadata = await parquetMetadataAsync(file);
    const columns = parquetSchema(metadata).children.map((c) => c.element.name);
    await onRows([columns]);
    let start = 0;
    const batches: Cell[][][] = [];
    for (const group of metadata.row_groups) {
      const end = start + Number(group.num_rows);
      await parquetRead({
        file,
        metadata,
        compressors,
        rowStart: start,
        rowEnd: end,
        onComplete: (rows: unknown[][]) =>
          void batches.push(
            rows.map((r) =>
              r.map((v): Cell =>
                v === null || v === undefined
                  ? null
                  : typeof v === 'bigint'
                    ? Number(v)
                    : v instanceof Date
                      ? v.toISOString().slice(0, 10)
                      : typeof v === 'number' || typeof v === 'boolean'
                        ? v
                        : String(v),
              ),
            ),
          ),
      });
      for (const b of batches.splice(0)) await onRows(b);
      start = end;
    }
  };
}

/** A workbook's first sheet with rows (read whole: XLSX cannot be streamed cheaply). */
async function xlsxSource(path: string): Promise<RowSource> {
  const sheets = await readFile(basename(path), new Uint8Array(readFileSync(path)));
  const sheet = sheets.find((s) => s.rows.length > 1);
  if (!sheet) throw new Error(`${basename(path)} has no sheet with rows`);
  const rows = sheet.rows.filter((r) => r.some((c) => c !== null && c !== ''));
  return async (onRows) => {
    for (let i = 0; i < rows.length; i += BATCH) await onRows(rows.slice(i, i + BATCH));
  };
}

async function sourceOf(path: string): Promise<RowSource> {
  const head = readFileSync(path).subarray(0, 8);
  const format = sniffFormat(basename(path), new Uint8Array(head.length ? head : []));
  if (format === 'csv') return csvSource(path);
  if (format === 'parquet') return parquetSource(path);
  if (format === 'xlsx') return xlsxSource(path);
  throw new Error(`${basename(path)} is ${format}: the anonymiser reads CSV, XLSX or Parquet`);
}

async function askSalt(): Promise<string> {
  if (!process.stdin.isTTY) throw new Error('give the salt with --salt or ATLAS_ANON_SALT');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const salt = await rl.question('Salt for serial-number hashes (not stored): ');
  rl.close();
  return salt;
}

/** Runs the anonymiser; returns the report's summary line. */
export async function anonymiseFile(
  input: string,
  outDir: string,
  options: {
    salt: string;
    k?: number;
    gridKm?: number;
    datePrecision?: AnonDatePrecision;
    quasi?: string[];
    keep?: string[];
    importDataset?: boolean;
  },
): Promise<string> {
  const out = resolve(outDir);
  if (existsSync(out) && readdirSync(out).length > 0)
    throw new Error(`${out} exists and is not empty: give a new folder`);
  const source = await sourceOf(input);
  const partial = join(dirname(out), `.${basename(out)}.partial-${process.pid}`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  try {
    // Pass 1: the header, a sample for the column plan, then every row counted.
    let header: string[] | null = null;
    const sample: Cell[][] = [];
    let anonymiser: Anonymiser | null = null;
    const pending: Cell[][] = [];
    let width = 0;
    const start = () => {
      const plan = planColumns(header!, sample, options);
      anonymiser = new Anonymiser(plan, options);
      for (const r of pending) anonymiser.count(r);
      pending.length = 0;
    };
    await source((rows) => {
      for (const row of rows) {
        if (!header) {
          header = row.map((c, i) => String(c ?? '').trim() || `column_${i + 1}`);
          width = header.length;
          continue;
        }
        if (row.length > width + 1 && row.slice(width).some((c) => c !== null && c !== ''))
          throw new Error(
            `${basename(input)}: a row has ${row.length} fields where the header has ${width}; the file is malformed`,
          );
        if (!anonymiser) {
          if (sample.length < SAMPLE) sample.push(row);
          pending.push(row);
          if (sample.length >= SAMPLE) start();
        } else anonymiser.count(row);
      }
    });
    if (!header) throw new Error(`${basename(input)} has no rows`);
    if (!anonymiser) start();
    const a = anonymiser!;
    // Pass 2: every row transformed and written, in the file's order.
    const csvPath = join(partial, 'anonymised.csv');
    const csv = createWriteStream(csvPath);
    csv.write(`${Papa.unparse([a.header()], { newline: '\n' })}\n`);
    let first = true;
    await source((rows) => {
      const body = first ? rows.slice(1) : rows;
      first = false;
      if (!body.length) return;
      const text = Papa.unparse(
        body.map((r) => a.transform(r)),
        { newline: '\n' },
      );
      return csv.write(`${text}\n`) ? undefined : once(csv, 'drain');
    });
    csv.end();
    await once(csv, 'finish');
    const report = a.report();
    writeFileSync(
      join(partial, 'anonymisation-report.json'),
      `${JSON.stringify({ input: basename(input), ...report }, null, 2)}\n`,
    );
    writeFileSync(
      join(partial, 'anonymisation-report.md'),
      reportMarkdown(report, basename(input)),
    );
    if (options.importDataset !== false) {
      const sheets = await readFiles([
        { name: 'anonymised.csv', bytes: new Uint8Array(readFileSync(csvPath)) },
      ]);
      const plan = planImport(sheets, nodeGazetteer());
      await writeImportedDataset(plan, partial, {
        name: basename(out)
          .toLowerCase()
          .replace(/[^a-z0-9_-]+/g, '-')
          .slice(0, 64),
        title: `Anonymised: ${basename(input)}`.slice(0, 200),
      });
    }
    rmSync(out, { recursive: true, force: true });
    renameSync(partial, out);
    return `${report.rows} records anonymised (k = ${report.k}, ${report.suppressed} suppressed, ${report.columns.filter((c) => c.action === 'drop').length} columns dropped, ${report.hashedSerials} serials hashed) → ${out}`;
  } catch (e) {
    rmSync(partial, { recursive: true, force: true });
    throw e;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      salt: { type: 'string' },
      k: { type: 'string' },
      'grid-km': { type: 'string' },
      'date-precision': { type: 'string' },
      quasi: { type: 'string' },
      keep: { type: 'string' },
      'no-import': { type: 'boolean', default: false },
    },
  });
  const [input, output] = positionals;
  try {
    if (!input || !output)
      throw new Error('usage: npm run anonymise -- <input> <output-dir> [--salt s] [--k 5] …');
    const precision = values['date-precision'] ?? 'month';
    if (!(ANON_DATE_PRECISIONS as readonly string[]).includes(precision))
      throw new Error(`--date-precision is one of ${ANON_DATE_PRECISIONS.join(', ')}`);
    const salt = values.salt ?? process.env.ATLAS_ANON_SALT ?? (await askSalt());
    const t0 = performance.now();
    const line = await anonymiseFile(input, output, {
      salt,
      k: values.k ? Number(values.k) : undefined,
      gridKm: values['grid-km'] ? Number(values['grid-km']) : undefined,
      datePrecision: precision as AnonDatePrecision,
      quasi: values.quasi?.split(','),
      keep: values.keep?.split(','),
      importDataset: !values['no-import'],
    });
    console.log(`${line} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } catch (e) {
    console.error(`anonymise: ${(e as Error).message}`);
    process.exit(1);
  }
}
