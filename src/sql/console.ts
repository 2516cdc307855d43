/**
 * The SQL console runs what the user typed, as typed: the one place where SQL comes from a person
 * rather than a builder. It runs in the console's own sandboxed engine (src/db/consoleSession.ts),
 * never in the views' one, and nothing typed there is ever spliced into another query.
 */
import { refusalOf, splitStatements, type RefusalReason } from './statements';
import type { SqlQuery } from './types';

/** The query the console starts with. */
export const CONSOLE_EXAMPLE = `-- Firearms per type and DISRUPT region
SELECT p.atlas_region, f.firearm_type, count(*) AS firearms
FROM firearms f
JOIN seizures s USING (seizure_id)
JOIN places p ON p.iso3 = s.country_iso3
GROUP BY ALL
ORDER BY firearms DESC
LIMIT 20;`;

/** The tables a user can query, for the console's help line. */
export const CONSOLE_TABLES = ['seizures', 'firearms', 'traces', 'operations', 'places'] as const;

/** Why a statement is refused before it runs, in words. */
export const REFUSAL_TEXT: Readonly<Record<RefusalReason, string>> = {
  extension:
    'extensions cannot be installed or loaded: this app never reads from or sends to other hosts',
  files:
    'the console cannot read or write files: this app never reads from or sends to other hosts (use Export to save a result)',
  attach:
    "only the app's own dataset is attached: this app never reads from or sends to other hosts (ATTACH ':memory:' works)",
};

/** Statements whose result is a relation (kept in a temp table and windowed by the console). */
export const QUERY_KEYWORDS: ReadonlySet<string> = new Set([
  'SELECT',
  'WITH',
  'FROM',
  'VALUES',
  'TABLE',
  'PIVOT',
  'UNPIVOT',
]);

/** Rows of a bound query's result returned at most (a notebook cell's table and chart). */
export const BOUND_ROWS = 5_000;

/**
 * A notebook cell's query, checked like the console's scripts and capped: exactly one query
 * statement (`SELECT`, `WITH`, `FROM`, …; anything the sandbox refuses is refused with its
 * reason), read as a subquery with at most `maxRows + 1` rows (one more tells there were more).
 * Its `?` parameters are bound by whoever runs it.
 */
export function cellQuery(
  text: string,
  maxRows: number,
  prelude: SqlQuery | null = null,
): { sql: string; limit: number } | { refused: string; kind: 'sandbox' | 'syntax' } {
  const statements = splitStatements(text);
  if (statements.length !== 1)
    return {
      kind: 'syntax',
      refused: statements.length
        ? `One query per cell, found ${statements.length} statements`
        : 'The cell holds no query',
    };
  const [statement] = statements as [(typeof statements)[number]];
  const reason = refusalOf(statement);
  if (reason)
    return { kind: 'sandbox', refused: `${statement.keywords.join(' ')}: ${REFUSAL_TEXT[reason]}` };
  if (!QUERY_KEYWORDS.has(statement.keywords[0] ?? ''))
    return {
      kind: 'syntax',
      refused: `A cell holds one query (SELECT, WITH or FROM …), not ${statement.keywords.join(' ') || 'this statement'}`,
    };
  const limit = Math.max(1, Math.floor(maxRows));
  // With a prelude (`filteredTablesCtes`), its expressions come first and its parameters too.
  const head = prelude ? `WITH ${prelude.sql}\n` : '';
  return { sql: `${head}SELECT * FROM (\n${statement.text}\n) AS cell LIMIT ${limit + 1}`, limit };
}
