/**
 * The anonymiser on raw records with planted personal data (`tests/helpers/anonFixture.ts`): no
 * planted name, case number, phone number, address, e-mail, note, serial or exact coordinate
 * survives in any output byte (the CSV, the reports, the dataset's tables read back through
 * DuckDB, and the raw bytes of every file); k-anonymity holds; the same input and salt give the
 * same bytes (CSV or Parquet in); a malformed input gives a clear error and no output at all.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymiseFile } from '../../scripts/anonymise';
import { Anonymiser, dateLabel, planColumns, serialHash } from '../../src/import/anonymise';
import { ANON_HEADER, anonRow, writeAnonFixture } from '../helpers/anonFixture';
import { openTestDb } from '../helpers/wasmDb';

const ROWS = 3000;
const SALT = 'correct horse battery staple';
let dir: string;
let input: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'anon-'));
  input = join(dir, 'raw.csv');
  await writeAnonFixture(input, ROWS);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every planted value of the fixture that must not survive. */
function planted(): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < ROWS; i++) {
    const r = anonRow(i);
    for (const col of [
      'case_number',
      'suspect_name',
      'phone',
      'address',
      'email',
      'notes',
      'serial_number',
      'latitude',
      'longitude',
    ])
      out.add(r[ANON_HEADER.indexOf(col)]!);
  }
  return out;
}

/** Fragments no output field may contain (parts of names, case numbers, phones, addresses…). */
const LEAKS =
  /CR-20\d\d-|González|Rodríguez|Hernández|Pérez|Ramírez|Torres|Flores|Vargas|\+52 55|Calle \d+|@example\.org|Detenido|^SN7|\.\d{6}$/;

/** Fields that are a planted value or hold part of one (none expected). */
function checkFields(fields: Iterable<string>, secrets: Set<string>) {
  const found: string[] = [];
  for (const f of fields) if (secrets.has(f) || LEAKS.test(f)) found.push(f);
  expect(found.slice(0, 5)).toEqual([]);
}

describe('the anonymiser', () => {
  it('plans columns by header and content, in several languages', () => {
    const sample = Array.from({ length: 200 }, (_, i) => anonRow(i));
    const plan = planColumns(ANON_HEADER, sample);
    expect(Object.fromEntries(plan.map((p) => [p.column, p.action]))).toEqual({
      case_number: 'drop',
      suspect_name: 'drop',
      phone: 'drop',
      address: 'drop',
      email: 'drop',
      notes: 'drop',
      serial_number: 'hash',
      latitude: 'latitude',
      longitude: 'longitude',
      seizure_date: 'date',
      country: 'place',
      state: 'place',
      firearm_type: 'keep',
      make: 'keep',
      quantity: 'keep',
    });
    // Other languages' headers, and columns told apart by their content alone.
    const other = planColumns(
      [
        'Nombre del detenido',
        'Número de expediente',
        'Téléphone',
        'Dirección',
        'Observaciones',
        'col_a',
        'col_b',
        'Municipio',
        'Fecha',
      ],
      [
        [
          'Ana Torres',
          'EXP-2021-0001',
          '+33 6 12 34 56 78',
          'Calle 1',
          'Texto largo',
          'Pedro Ramírez Flores',
          'La incautación ocurrió en la frontera norte cuando el vehículo fue detenido por agentes',
          'Tijuana',
          '14/03/2021',
        ],
        [
          'Luis Pérez',
          'EXP-2021-0002',
          '+33 6 98 76 54 32',
          'Calle 2',
          'Otro texto',
          'María de la Cruz',
          'Los agentes encontraron dos pistolas escondidas bajo el asiento del conductor del camión',
          'Tecate',
          '15/03/2021',
        ],
      ],
    );
    expect(other.map((p) => `${p.action}:${p.reason}`)).toEqual([
      'drop:person name',
      'drop:case or identity number',
      'drop:phone number',
      'drop:address',
      'drop:free text',
      'drop:person name',
      'drop:free text',
      'place:place: a quasi-identifier',
      'date:date: coarsened',
    ]);
  });

  it('leaves no planted value in any output byte, and k-anonymity holds', async () => {
    const out = join(dir, 'out');
    const line = await anonymiseFile(input, out, { salt: SALT, k: 5 });
    expect(line).toMatch(/3000 records anonymised/);
    const secrets = planted();
    // The CSV and the reports, field by field.
    const csv = readFileSync(join(out, 'anonymised.csv'), 'utf8').trim().split('\n');
    const header = csv[0]!.split(',');
    const rows = csv.slice(1).map((l) => l.split(','));
    expect(rows).toHaveLength(ROWS);
    checkFields(rows.flat(), secrets);
    const report = JSON.parse(readFileSync(join(out, 'anonymisation-report.json'), 'utf8'));
    checkFields(JSON.stringify(report).split(/[",:{}[\]]/), secrets);
    // The dataset's tables, read back through DuckDB.
    const db = await openTestDb(out);
    try {
      for (const table of ['seizures', 'firearms', 'traces', 'source_rows']) {
        const values = await db.rows<Record<string, unknown>>(`SELECT * FROM ${table}`);
        checkFields(
          values.flatMap((r) => Object.values(r).map((v) => String(v ?? ''))),
          secrets,
        );
      }
      const [count] = await db.rows<{ n: number }>('SELECT count(*)::INTEGER AS n FROM seizures');
      expect(count!.n).toBe(ROWS);
    } finally {
      db.close();
    }
    // The raw bytes of every file (compressed or not), for a sample of planted values.
    const sample = [...secrets].filter((_, i) => i % 37 === 0);
    for (const f of readdirSync(out)) {
      const bytes = readFileSync(join(out, f));
      for (const s of sample) expect(bytes.indexOf(Buffer.from(s)), `${s} in ${f}`).toBe(-1);
    }
    // k-anonymity over the quasi-identifiers; suppressed records keep none.
    const qi = ['seizure_date', 'latitude', 'longitude', 'country', 'state'].map((c) =>
      header.indexOf(c),
    );
    const classes = new Map<string, number>();
    for (const r of rows) {
      const key = qi.map((i) => r[i] ?? '').join('|');
      if (qi.every((i) => (r[i] ?? '') === '')) continue;
      classes.set(key, (classes.get(key) ?? 0) + 1);
    }
    expect(Math.min(...classes.values())).toBeGreaterThanOrEqual(5);
    expect(report.smallestClass).toBe(Math.min(...classes.values()));
    expect(rows.filter((r) => qi.every((i) => (r[i] ?? '') === ''))).toHaveLength(
      report.suppressed,
    );
    // Serials are the keyed hash of the original, so the same firearm links across files.
    const h = header.indexOf('serial_number_hash');
    expect(rows[0]![h]).toBe(serialHash(SALT, anonRow(0)[ANON_HEADER.indexOf('serial_number')]!));
  });

  it('gives the same bytes for the same input and salt, from CSV or Parquet', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    const c = join(dir, 'c');
    const p = join(dir, 'p');
    await anonymiseFile(input, a, { salt: SALT, importDataset: false });
    await anonymiseFile(input, b, { salt: SALT, importDataset: false });
    await anonymiseFile(input, c, { salt: `${SALT}!`, importDataset: false });
    const read = (d: string, f = 'anonymised.csv') => readFileSync(join(d, f));
    expect(read(a).equals(read(b))).toBe(true);
    expect(read(a, 'anonymisation-report.json').equals(read(b, 'anonymisation-report.json'))).toBe(
      true,
    );
    expect(read(a).equals(read(c))).toBe(false);
    // The same records as Parquet give the same anonymised bytes.
    const rows = Array.from({ length: ROWS }, (_, i) => anonRow(i));
    const parquet = join(dir, 'raw.parquet');
    writeFileSync(
      parquet,
      Buffer.from(
        parquetWriteBuffer({
          columnData: ANON_HEADER.map((name, j) => ({
            name,
            data: rows.map((r) => r[j]!),
            type: 'STRING',
          })),
        }),
      ),
    );
    await anonymiseFile(parquet, p, { salt: SALT, importDataset: false });
    expect(read(p).equals(read(a))).toBe(true);
  });

  it('refuses a malformed input or a short salt, and leaves nothing behind', async () => {
    const broken = join(dir, 'broken.csv');
    const lines = readFileSync(input, 'utf8').split('\n').slice(0, 50);
    lines[30] = `${lines[30]},extra,fields,here`;
    writeFileSync(broken, lines.join('\n'));
    const out = join(dir, 'never');
    await expect(anonymiseFile(broken, out, { salt: SALT })).rejects.toThrow(
      /row has 18 fields where the header has 15; the file is malformed/,
    );
    const quoted = join(dir, 'quoted.csv');
    writeFileSync(quoted, `${lines.slice(0, 10).join('\n')}\n"unclosed,quote\n${lines[11]}`);
    await expect(anonymiseFile(quoted, out, { salt: SALT })).rejects.toThrow(/malformed/);
    await expect(anonymiseFile(input, out, { salt: 'short' })).rejects.toThrow(/at least 8/);
    await expect(anonymiseFile(join(dir, 'missing.csv'), out, { salt: SALT })).rejects.toThrow();
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('generalises to reach k, and keeps a coarser date precision a record already had', () => {
    const plan = planColumns(['date', 'country'], [['2021-03-14', 'Mexico']]);
    const a = new Anonymiser(plan, { salt: SALT, k: 3, maxSuppressed: 0 });
    const rows = [
      ['2021-03-14', 'Mexico'],
      ['2021-05-02', 'Mexico'],
      ['2021-11-30', 'Mexico'],
      ['2021', 'Mexico'],
    ];
    for (const r of rows) a.count(r);
    // By month, every class is smaller than 3: the year is the first level that holds.
    expect(rows.map((r) => a.transform(r))).toEqual([
      ['2021', 'year', 'Mexico'],
      ['2021', 'year', 'Mexico'],
      ['2021', 'year', 'Mexico'],
      ['2021', 'year', 'Mexico'],
    ]);
    expect(a.report()).toMatchObject({ suppressed: 0, smallestClass: 4 });
    expect(dateLabel('2021-05-17', 'quarter')).toBe('2021-Q2');
    expect(dateLabel('2021-05-17', 'month')).toBe('2021-05');
  });
});
