/**
 * SQL fragments as values (src/sql/fragment.ts): composing fragments composes their text and
 * their parameters in the text's order; values are only ever bound, never spliced; table
 * expressions stay structure that a shared selection is put in front of.
 */
import { describe, expect, it } from 'vitest';
import { EMPTY, ident, join, list, prependCte, raw, sql, withCtes } from '../../src/sql/fragment';

describe('the sql tag', () => {
  it('binds values as parameters and composes fragments in text order', () => {
    const where = sql`s.country_iso3 IN (${list(['MEX', 'GTM'])}) AND s.arrests > ${2}`;
    const q = sql`SELECT count(*) FROM seizures s WHERE ${where} AND s.seizure_date >= ${'2024-01-01'}`;
    expect(q.sql).toBe(
      'SELECT count(*) FROM seizures s WHERE s.country_iso3 IN (?, ?) AND s.arrests > ? AND s.seizure_date >= ?',
    );
    expect(q.params).toEqual(['MEX', 'GTM', 2, '2024-01-01']);
  });

  it('never splices a value, however it looks', () => {
    const hostile = "x'); DROP TABLE seizures; --";
    const q = sql`SELECT * FROM seizures WHERE make = ${hostile}`;
    expect(q.sql).toBe('SELECT * FROM seizures WHERE make = ?');
    expect(q.params).toEqual([hostile]);
    // Identifiers are quoted, raw text is the code's own.
    expect(sql`SELECT ${ident('a"b')} FROM ${raw('t')}`.sql).toBe('SELECT "a""b" FROM t');
    expect(sql`SELECT ${null}, ${true}`.params).toEqual([null, true]);
  });

  it('joins fragments, skipping empty ones, and takes plain text', () => {
    const parts = [sql`a = ${1}`, EMPTY, sql`b = ${2}`];
    expect(join(parts, ' AND ')).toEqual({ sql: 'a = ? AND b = ?', params: [1, 2] });
    expect(sql('SELECT 1')).toEqual({ sql: 'SELECT 1', params: [] });
  });
});

describe('table expressions', () => {
  it('are kept as structure, and a new first one merges with them', () => {
    const q = withCtes(
      [
        { name: 'a', query: sql`SELECT * FROM t WHERE x > ${1}` },
        { name: 'b', query: sql`SELECT * FROM a WHERE y < ${2}` },
      ],
      sql`SELECT count(*) FROM b WHERE z = ${3}`,
    );
    expect(q.params).toEqual([1, 2, 3]);
    const sel = prependCte({ name: 'sel', query: sql`SELECT * FROM s WHERE c = ${'MEX'}` }, q);
    expect(sel.sql).toBe(
      'WITH sel AS (SELECT * FROM s WHERE c = ?),\na AS (SELECT * FROM t WHERE x > ?),\nb AS (SELECT * FROM a WHERE y < ?)\nSELECT count(*) FROM b WHERE z = ?',
    );
    expect(sel.params).toEqual(['MEX', 1, 2, 3]);
    // A query without any: the new one is its only table expression.
    const plain = prependCte({ name: 'sel', query: sql`SELECT ${1}` }, sql`SELECT * FROM sel`);
    expect(plain).toMatchObject({ sql: 'WITH sel AS (SELECT ?)\nSELECT * FROM sel', params: [1] });
  });
});
