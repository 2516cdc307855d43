/**
 * The SQL console runs what the user typed, as typed: the one place where SQL comes from a person
 * rather than a builder. Nothing typed here is ever spliced into another query; the dataset is
 * attached read-only, so the worst a statement can do is fail with a message.
 */
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

/** Wraps user SQL as a query with no parameters (trailing semicolons are harmless to DuckDB). */
export function consoleQuery(text: string): SqlQuery {
  return { sql: text, params: [] };
}

/** The tables a user can query, for the console's help line. */
export const CONSOLE_TABLES = ['seizures', 'firearms', 'traces', 'operations', 'places'] as const;
