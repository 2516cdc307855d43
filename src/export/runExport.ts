/**
 * Runs one export: rows stream in by batches (from DuckDB, or rows already on screen), go to the
 * format's writer as they come, and progress is reported; an abort signal stops it between
 * batches. Resolves with the file and its sidecar.
 */
import type { Table } from 'apache-arrow';
import { tableToRows } from '../db/engine';
import {
  columnKind,
  createExportWriter,
  type ExportColumn,
  type ExportFormat,
  type ExportSidecar,
} from './exportFormats';

/** What to export and how. */
export interface ExportJob {
  format: ExportFormat;
  batches: AsyncIterable<readonly Record<string, unknown>[]>;
  /** Known columns (else taken from the first batch). */
  columns?: readonly ExportColumn[];
  sidecar: Omit<ExportSidecar, 'rows' | 'columns' | 'format'>;
  signal?: AbortSignal;
  onProgress?: (rows: number) => void;
}

/** Thrown when an export was cancelled. */
export class ExportCancelled extends Error {
  constructor() {
    super('The export was cancelled');
    this.name = 'ExportCancelled';
  }
}

/** Writes the export; rejects with `ExportCancelled` when its signal aborts. */
export async function runExport(job: ExportJob): Promise<{ data: Blob; sidecar: ExportSidecar }> {
  let columns = job.columns;
  let writer: Awaited<ReturnType<typeof createExportWriter>> | undefined;
  let rows = 0;
  const sidecarFor = (cols: readonly ExportColumn[]): Omit<ExportSidecar, 'rows'> => ({
    ...job.sidecar,
    format: job.format,
    columns: cols.map((c) => c.name),
  });
  const iterator = job.batches[Symbol.asyncIterator]();
  try {
    for (;;) {
      if (job.signal?.aborted) throw new ExportCancelled();
      const next = await iterator.next();
      if (next.done) break;
      if (job.signal?.aborted) throw new ExportCancelled();
      const batch = next.value;
      if (!columns) {
        const names = batch[0] ? Object.keys(batch[0]) : [];
        columns = names.map((name) => ({ name, kind: columnKind(batch.map((r) => r[name])) }));
      }
      writer ??= await createExportWriter(job.format, columns, sidecarFor(columns));
      await writer.add(batch);
      rows += batch.length;
      job.onProgress?.(rows);
      // Let the page breathe between batches (progress, the Cancel button).
      await new Promise((r) => setTimeout(r, 0));
    }
  } finally {
    if (job.signal?.aborted) await iterator.return?.();
  }
  columns ??= [];
  writer ??= await createExportWriter(job.format, columns, sidecarFor(columns));
  const data = await writer.finish();
  return { data, sidecar: { ...sidecarFor(columns), rows } };
}

/** Rows already in memory, as batches. */
export async function* inBatches(
  rows: readonly Record<string, unknown>[],
  size = 50_000,
): AsyncGenerator<readonly Record<string, unknown>[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
  if (rows.length === 0) yield [];
}

/** Arrow tables streamed from DuckDB, as batches of rows. */
export async function* rowBatches(
  tables: AsyncIterable<Table>,
): AsyncGenerator<readonly Record<string, unknown>[]> {
  for await (const t of tables) yield tableToRows<Record<string, unknown>>(t);
}
