/**
 * The SQL console runs what the user typed, as typed: the one place where SQL comes from a person
 * rather than a builder. It runs in the console's own sandboxed engine (src/db/consoleSession.ts),
 * never in the views' one, and nothing typed there is ever spliced into another query.
 */

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
