/** Pure parts of the console: where DuckDB places an error, and the stored history. */
import { describe, expect, it } from 'vitest';
import { errorPosition, toReadableError } from '../../src/db/errors';
import { HISTORY_SIZE, addToHistory, loadHistory } from '../../src/features/sql-console/sqlHistory';

describe('errorPosition', () => {
  it('finds the spot DuckDB marks with a caret, on any line', () => {
    const sql = 'SELECT seizure_id,\n  nope_column\nFROM seizures';
    const message =
      'Binder Error: Referenced column "nope_column" not found in FROM clause!\n\nLINE 2:   nope_column\n          ^';
    const at = errorPosition(message, sql)!;
    expect(sql.slice(at.from, at.to)).toBe('nope_column');
  });

  it('reads a context cut to a window around the error', () => {
    const sql = `SELECT ${'a, '.repeat(60)}bad_name FROM t`;
    const i = sql.indexOf('bad_name');
    const context = `...${sql.slice(i - 20, i + 20)}...`;
    const message = `Binder Error: x\n\nLINE 1: ${context}\n${' '.repeat('LINE 1: '.length + 23)}^`;
    const at = errorPosition(message, sql)!;
    expect(sql.slice(at.from, at.to)).toBe('bad_name');
  });

  it('returns null when the message has no position', () => {
    expect(errorPosition('Out of Memory Error: failed', 'SELECT 1')).toBeNull();
  });

  it('names sandbox refusals as such', () => {
    expect(
      toReadableError(
        new Error(
          'Permission Error: Cannot access file "http://x/y.csv" - file system operations are disabled by configuration',
        ),
      ).kind,
    ).toBe('sandbox');
    expect(
      toReadableError(
        new Error(
          'Invalid Input Error: Cannot change configuration option "threads" - the configuration has been locked',
        ),
      ).kind,
    ).toBe('sandbox');
    expect(
      toReadableError(
        new Error(
          'Invalid Input Error: Cannot execute statement of type "DELETE" on database "atlas" which is attached in read-only mode!',
        ),
      ).kind,
    ).toBe('permission');
  });
});

describe('the console history', () => {
  const memory = () => {
    const m = new Map<string, string>();
    return {
      getItem: (k: string) => m.get(k) ?? null,
      setItem: (k: string, v: string) => void m.set(k, v),
    };
  };

  it('keeps the newest queries first, once each, at most HISTORY_SIZE', () => {
    const s = memory();
    let h = loadHistory(s);
    for (let i = 0; i < HISTORY_SIZE + 5; i++) h = addToHistory(h, `SELECT ${i}`, s);
    h = addToHistory(h, 'SELECT 10', s);
    expect(h).toHaveLength(HISTORY_SIZE);
    expect(h[0]!.sql).toBe('SELECT 10');
    expect(h.filter((e) => e.sql === 'SELECT 10')).toHaveLength(1);
    expect(loadHistory(s)).toEqual(h);
  });

  it('ignores a damaged or foreign stored value', () => {
    const s = memory();
    s.setItem('atlas.sqlHistory', '{"version":1,"entries":[{"sql":1}]}');
    expect(loadHistory(s)).toEqual([]);
    s.setItem('atlas.sqlHistory', 'not json');
    expect(loadHistory(s)).toEqual([]);
  });
});
