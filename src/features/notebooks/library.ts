/**
 * Where notebooks come from: the shipped ones (`notebooks/*.md`, bundled with the app, one file
 * per language: `name.md` in English, `name.es.md` …), the reader's own (saved in this browser's
 * IndexedDB, never sent anywhere), and one carried in a link.
 */
import { createStore, del, get, set, values } from 'idb-keyval';

const FILES = import.meta.glob('../../../notebooks/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** A shipped notebook in one language. */
export interface ShippedNotebook {
  /** `shipped:<file name>`, its address in a link. */
  id: string;
  /** The notebook it is a translation of (`trigger-ix`). */
  base: string;
  lang: string;
  text: string;
}

/** The shipped notebooks' order in lists (others follow by name). */
const ORDER = ['trigger-ix', 'corridors', 'traces-sdg', 'checking-an-import'];
const rank = (base: string) => {
  const i = ORDER.indexOf(base);
  return i < 0 ? ORDER.length : i;
};

/** Every shipped notebook file, in list order, English first. */
export const SHIPPED: readonly ShippedNotebook[] = Object.entries(FILES)
  .map(([path, text]) => {
    const file = path.split('/').pop()!;
    const m = /^(.+?)(?:\.([a-z]{2}))?\.md$/.exec(file)!;
    return { id: `shipped:${file}`, base: m[1]!, lang: m[2] ?? 'en', text };
  })
  .filter((n) => n.base !== 'README')
  .sort(
    (a, b) =>
      rank(a.base) - rank(b.base) ||
      a.base.localeCompare(b.base) ||
      (a.lang === 'en' ? -1 : b.lang === 'en' ? 1 : a.lang.localeCompare(b.lang)),
  );

/** The shipped notebooks to list in `lang`: each in that language when translated, else English. */
export function shippedIn(lang: string): ShippedNotebook[] {
  const bases = [...new Set(SHIPPED.map((n) => n.base))];
  return bases.map(
    (b) =>
      SHIPPED.find((n) => n.base === b && n.lang === lang) ??
      SHIPPED.find((n) => n.base === b && n.lang === 'en')!,
  );
}

/** A notebook saved in this browser. */
export interface LocalNotebook {
  /** `local:<id>`. */
  id: string;
  title: string;
  text: string;
  savedAt: string;
}

const store = createStore('atlas-notebooks', 'notebooks');

/** The reader's notebooks, most recently saved first. */
export async function localNotebooks(): Promise<LocalNotebook[]> {
  const all = (await values<LocalNotebook>(store)).filter(
    (n) => typeof n?.id === 'string' && typeof n.text === 'string',
  );
  return all.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/** One saved notebook, or undefined. */
export function localNotebook(id: string): Promise<LocalNotebook | undefined> {
  return get<LocalNotebook>(id, store);
}

/** Saves a notebook (a new one when `id` is absent); resolves with what was saved. */
export async function saveLocalNotebook(
  title: string,
  text: string,
  id?: string,
): Promise<LocalNotebook> {
  const saved: LocalNotebook = {
    id: id ?? `local:${crypto.randomUUID().slice(0, 13)}`,
    title,
    text,
    savedAt: new Date().toISOString(),
  };
  await set(saved.id, saved, store);
  return saved;
}

/** Deletes a saved notebook. */
export function deleteLocalNotebook(id: string): Promise<void> {
  return del(id, store);
}

/** What a new notebook starts with. */
export const NEW_NOTEBOOK = `---
title: A new notebook
needs:
  grains: [seizure]
params:
  - name: country
    label: Country (ISO3 code)
    kind: country
    default: MEX
---

# A new notebook

Write prose in Markdown. A SQL cell is a fenced block named after its result; a chart cell draws a
named result. \`{{country}}\` is bound as a parameter, never spliced into the SQL.

\`\`\`sql by_year
SELECT year(seizure_date) AS year, sum(firearms_count) AS firearms
FROM seizures
WHERE country_iso3 = {{country}} AND date_precision <> 'unknown'
GROUP BY ALL
ORDER BY year
\`\`\`

\`\`\`chart line by_year x=year y=firearms
\`\`\`
`;
