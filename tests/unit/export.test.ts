/**
 * Exports read back: CSV (formula-like cells escaped, quoting, UTF-8), Excel and Parquet files
 * written by the app's writers are read again by other programs — native DuckDB for CSV and
 * Parquet, read-excel-file for XLSX — and must give back the rows that went in.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { readSheet } from 'read-excel-file/node';
import { afterAll, describe, expect, it } from 'vitest';
import {
  XLSX_MAX_ROWS,
  csvField,
  exportFileName,
  type ExportColumn,
  type ExportFormat,
} from '../../src/export/exportFormats';
import { ExportCancelled, inBatches, runExport } from '../../src/export/runExport';

const dir = mkdtempSync(join(tmpdir(), 'atlas-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOSTILE = [
  "=cmd|' /C calc'!A0",
  '+1+1',
  '-2+3',
  '@SUM(A1:A2)',
  '\t=1',
  '<script>alert(1)</script>',
  "'; DROP TABLE seizures; --",
  'Comma, "quote" and\nnew line',
  'Côte d’Ivoire · São Tomé',
];

const rows = HOSTILE.map((text, i) => ({
  id: i + 1,
  text,
  share: i / 4,
  negative: i === 0 ? 0 : -i,
  flag: i % 2 === 0,
  missing: i % 3 === 0 ? null : `v${i}`,
}));
const columns: ExportColumn[] = [
  { name: 'id', kind: 'number' },
  { name: 'text', kind: 'text' },
  { name: 'share', kind: 'number' },
  { name: 'negative', kind: 'number' },
  { name: 'flag', kind: 'boolean' },
  { name: 'missing', kind: 'text' },
];
const sidecar = {
  app: 'Firearms Flow Atlas' as const,
  sidecarVersion: 1 as const,
  dataset: { name: 'default', title: 'Test' },
  view: 'records',
  what: 'Seizure records',
  exportedAt: '2026-12-01T00:00:00.000Z',
  link: 'http://127.0.0.1/#/records?v=2&c=MEX',
  filters: 'Country: Mexico',
  source: 'synthetic',
};

async function write(format: ExportFormat, batch = 4): Promise<string> {
  const { data, sidecar: side } = await runExport({
    format,
    columns,
    batches: inBatches(rows, batch),
    sidecar,
  });
  expect(side).toMatchObject({ rows: rows.length, format, columns: columns.map((c) => c.name) });
  const path = join(dir, `out.${format}`);
  writeFileSync(path, new Uint8Array(await data.arrayBuffer()));
  return path;
}

async function native<T>(sql: string): Promise<T[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJS() as T[];
  } finally {
    conn.closeSync();
  }
}

describe('CSV', () => {
  it('escapes formula-like text and quotes what needs quoting', () => {
    expect(csvField("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('+1')).toBe("'+1");
    expect(csvField(-3)).toBe('-3'); // a negative number stays a number
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField(null)).toBe('');
    expect(csvField(['ARG', 'BRA'])).toBe('"[""ARG"",""BRA""]"');
  });

  it('reads back in DuckDB as the same rows, every hostile cell as text', async () => {
    const path = await write('csv');
    const back = await native<Record<string, unknown>>(
      `SELECT * FROM read_csv('${path}', header = true, all_varchar = true) ORDER BY id::INTEGER`,
    );
    expect(back).toHaveLength(rows.length);
    back.forEach((r, i) => {
      const text = rows[i]!.text;
      expect(r.text).toBe(/^[=+\-@\t\r|%]/.test(text) ? `'${text}` : text);
      expect(Number(r.negative)).toBe(rows[i]!.negative);
      expect(r.missing ?? null).toBe(rows[i]!.missing);
    });
  });
});

describe('Parquet', () => {
  it('reads back in DuckDB as the same rows and types, across row groups', async () => {
    const path = await write('parquet', 3);
    const back = await native<Record<string, unknown>>(
      `SELECT * FROM read_parquet('${path}') ORDER BY id`,
    );
    expect(back).toEqual(rows);
    const meta = await native<{ key: string; value: string }>(
      `SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata('${path}')`,
    );
    expect(JSON.parse(meta.find((m) => m.key === 'atlas.export')!.value)).toMatchObject({
      filters: 'Country: Mexico',
    });
    const groups = await native<{ n: number }>(
      `SELECT count(DISTINCT row_group_id)::INTEGER AS n FROM parquet_metadata('${path}')`,
    );
    expect(groups[0]!.n).toBe(3);
  });
});

describe('Excel', () => {
  it('reads back as the same cells, text never a formula, with an About sheet', async () => {
    const path = await write('xlsx');
    const sheet = await readSheet(path, 'Data');
    expect(sheet[0]).toEqual(columns.map((c) => c.name));
    sheet.slice(1).forEach((r, i) => {
      expect(r[0]).toBe(rows[i]!.id);
      // A string cell, never a formula (read-excel-file trims leading white space).
      expect(r[1]).toBe(rows[i]!.text.trim());
      expect(r[4]).toBe(rows[i]!.flag);
    });
    const about = await readSheet(path, 'About this export');
    expect(about.find((r) => r[0] === 'filters')?.[1]).toBe('Country: Mexico');
  });

  it('refuses more rows than a sheet holds, with the limit in words', async () => {
    const many = async function* () {
      yield Array.from({ length: XLSX_MAX_ROWS + 1 }, (_, i) => ({ id: i }));
    };
    await expect(runExport({ format: 'xlsx', batches: many(), sidecar })).rejects.toThrow(
      /at most 1,048,575 rows/,
    );
  });
});

describe('running an export', () => {
  it('stops between batches when cancelled', async () => {
    const controller = new AbortController();
    let sent = 0;
    const endless = async function* () {
      for (;;) {
        sent++;
        if (sent === 3) controller.abort();
        yield [{ id: sent }];
      }
    };
    await expect(
      runExport({ format: 'csv', batches: endless(), sidecar, signal: controller.signal }),
    ).rejects.toBeInstanceOf(ExportCancelled);
    expect(sent).toBe(3);
  });

  it('names files after dataset, view and date', () => {
    expect(
      exportFileName('default', 'records Seizure records', new Date('2026-12-01T10:00:00Z'), 'csv'),
    ).toBe('default_records-seizure-records_2026-12-01.csv');
    expect(exportFileName('s1000000', 'Côte d’Ivoire / routes', new Date(0), 'xlsx')).toBe(
      's1000000_cote-d-ivoire-routes_1970-01-01.xlsx',
    );
  });
});
