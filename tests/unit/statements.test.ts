/** Splitting scripts into statements: comments, strings, identifiers and dollar quotes. */
import { describe, expect, it } from 'vitest';
import { splitStatements, statementAt } from '../../src/sql/statements';

const texts = (sql: string) => splitStatements(sql).map((s) => s.text);

describe('splitStatements', () => {
  it('splits on semicolons outside strings, identifiers, comments and dollar quotes', () => {
    expect(texts('SELECT 1; SELECT 2;')).toEqual(['SELECT 1', 'SELECT 2']);
    expect(texts('SELECT \'a;b\'; SELECT "x;y" FROM t')).toEqual([
      "SELECT 'a;b'",
      'SELECT "x;y" FROM t',
    ]);
    expect(texts("SELECT 'it''s; fine'")).toEqual(["SELECT 'it''s; fine'"]);
    expect(texts("SELECT E'a\\';b'; SELECT 2")).toEqual(["SELECT E'a\\';b'", 'SELECT 2']);
    expect(texts('SELECT $$a;b$$; SELECT $q$ ; $q$')).toEqual([
      'SELECT $$a;b$$',
      'SELECT $q$ ; $q$',
    ]);
    // Comments are skipped (a trailing one is not part of the statement's text).
    expect(texts('-- c; d\nSELECT 1 /* x; /* nested; */ y */ + 1; ;; -- only a comment')).toEqual([
      'SELECT 1 /* x; /* nested; */ y */ + 1',
    ]);
    expect(texts('')).toEqual([]);
    expect(texts("SELECT 'unterminated; still one")).toEqual(["SELECT 'unterminated; still one"]);
  });

  it('gives the leading keywords and the offsets of each statement', () => {
    const [a, b] = splitStatements('  force  install httpfs;\n-- x\nselect 1');
    expect(a).toMatchObject({ start: 2, end: 23, keywords: ['FORCE', 'INSTALL', 'HTTPFS'] });
    expect(b).toMatchObject({ text: 'select 1', keywords: ['SELECT'] });
    expect(splitStatements("ATTACH 'x' AS y")[0]!.keywords).toEqual(['ATTACH']);
  });
});

describe('statementAt', () => {
  const script = 'SELECT 1;\nSELECT 2;\n\nSELECT 3';
  it('finds the statement under the cursor, or the one just before it', () => {
    expect(statementAt(script, 0)?.text).toBe('SELECT 1');
    expect(statementAt(script, 12)?.text).toBe('SELECT 2');
    expect(statementAt(script, 20)?.text).toBe('SELECT 2'); // on the blank line after it
    expect(statementAt(script, script.length)?.text).toBe('SELECT 3');
    expect(statementAt('', 0)).toBeUndefined();
  });
});
