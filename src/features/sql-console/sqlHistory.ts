/**
 * The console's history: the last queries run, kept in the browser's local storage across
 * reloads (never sent anywhere). Stored as a versioned, validated document, so a damaged or
 * foreign value is ignored rather than trusted.
 */
import { z } from 'zod';

const KEY = 'atlas.sqlHistory';
/** How many queries are kept. */
export const HISTORY_SIZE = 50;

const HistorySchema = z.object({
  version: z.literal(1),
  entries: z
    .array(z.object({ sql: z.string().max(100_000), at: z.string().max(40) }))
    .max(HISTORY_SIZE),
});

/** One query run, and when (ISO timestamp). */
export type HistoryEntry = z.infer<typeof HistorySchema>['entries'][number];

/** The stored history, newest first; empty when there is none or it cannot be read. */
export function loadHistory(storage: Pick<Storage, 'getItem'> = localStorage): HistoryEntry[] {
  try {
    const parsed = HistorySchema.safeParse(JSON.parse(storage.getItem(KEY) ?? 'null'));
    return parsed.success ? parsed.data.entries : [];
  } catch {
    return [];
  }
}

/** Adds a query at the top (a repeat moves up), keeps the newest `HISTORY_SIZE`, and stores it. */
export function addToHistory(
  entries: readonly HistoryEntry[],
  sql: string,
  storage: Pick<Storage, 'setItem'> = localStorage,
  now = new Date(),
): HistoryEntry[] {
  const text = sql.trim();
  if (!text) return [...entries];
  const next = [
    { sql: text, at: now.toISOString() },
    ...entries.filter((e) => e.sql !== text),
  ].slice(0, HISTORY_SIZE);
  try {
    storage.setItem(KEY, JSON.stringify({ version: 1, entries: next }));
  } catch {
    // Storage full or disabled: the history lives for this visit only.
  }
  return next;
}
