/**
 * The notebook format: a Markdown file a reader can read on any code host, with
 *
 * - front matter (YAML between `---` lines): `title`, `summary`, the dataset shape it `needs`
 *   (catalogue grains, fields, measures, operations) and the `params` a reader may change;
 * - SQL cells, fenced and named: ```` ```sql routes ```` … ```` ``` ````, whose `{{name}}`
 *   placeholders are bound as parameters (`bindPlaceholders`), never spliced;
 * - chart cells that draw a named result: ```` ```chart line routes x=month y=firearms ````
 *   (kinds: `line`, `bar`, `sankey`, `table`; options `x`, `y` (one column or several,
 *   comma-separated), `title`, and for a Sankey `from`, `to`, `value`);
 * - prose in between, rendered as Markdown with no raw HTML, no images and no link off the page.
 *
 * Parsing is pure: `parseNotebook(text)` never throws; what it cannot read is in `problems`.
 */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { hasField, hasGrain, hasMeasure, type Catalogue } from '../../model/catalogue';
import { FIELD_IDS, type FieldId } from '../../model/fields';
import { MEASURES, type MeasureId } from '../../model/measures';

/** Chart kinds a chart cell may draw. */
export const CHART_KINDS = ['line', 'bar', 'sankey', 'table'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** Kinds of parameter a reader may set. */
export const PARAM_KINDS = ['text', 'country', 'date', 'number', 'select'] as const;

const name = z.string().regex(/^[A-Za-z_]\w{0,40}$/, 'a name of letters, digits and _');

const ParamSchema = z
  .object({
    name,
    label: z.string().min(1).max(80).optional(),
    kind: z.enum(PARAM_KINDS).default('text'),
    default: z.union([z.string().max(200), z.number()]),
    options: z
      .array(z.union([z.string().max(200), z.number()]))
      .max(200)
      .optional(),
  })
  .strict();

const NeedsSchema = z
  .object({
    grains: z.array(z.enum(['seizure', 'firearm', 'trace'])).optional(),
    fields: z.array(z.enum(FIELD_IDS as [FieldId, ...FieldId[]])).optional(),
    measures: z.array(z.enum(MEASURES as [MeasureId, ...MeasureId[]])).optional(),
    operations: z.boolean().optional(),
  })
  .strict();

const MetaSchema = z
  .object({
    title: z.string().min(1).max(160),
    summary: z.string().max(600).optional(),
    lang: z
      .string()
      .regex(/^[a-z]{2}$/)
      .optional(),
    needs: NeedsSchema.default({}),
    params: z.array(ParamSchema).max(20).default([]),
  })
  .strict();

/** A parameter a reader can change; its value is bound wherever `{{name}}` stands. */
export type NotebookParam = z.infer<typeof ParamSchema>;
/** The dataset shape a notebook needs. */
export type NotebookNeeds = z.infer<typeof NeedsSchema>;
/** A notebook's front matter. */
export type NotebookMeta = z.infer<typeof MetaSchema>;

/** One block of a notebook, in reading order. */
export type NotebookBlock =
  | { kind: 'prose'; html: string }
  | { kind: 'sql'; name: string; sql: string; line: number }
  | {
      kind: 'chart';
      chart: ChartKind;
      source: string;
      options: Readonly<Record<string, string>>;
      line: number;
    };

/** A parsed notebook; `problems` lists what could not be read (the rest is still there). */
export interface Notebook {
  meta: NotebookMeta;
  blocks: NotebookBlock[];
  problems: string[];
}

/** Markdown without raw HTML, images, or links that leave the page (they stay plain text). */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
markdown.disable('image');
markdown.validateLink = (url: string) => /^(#|\.{0,2}\/(?!\/))/.test(url.trim());
// A notebook's headings sit under the page's own title: # becomes <h2>, ## <h3> …
markdown.renderer.rules.heading_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx]!;
  token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 1)}`;
  return self.renderToken(tokens, idx, options);
};
markdown.renderer.rules.heading_close = (tokens, idx, options, _env, self) => {
  const token = tokens[idx]!;
  token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 1)}`;
  return self.renderToken(tokens, idx, options);
};

/** Prose Markdown as HTML: safe to set as inner HTML (no raw HTML, script or remote source). */
export function renderMarkdown(text: string): string {
  return markdown.render(text);
}

const FRONT = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Reads a notebook; never throws. */
export function parseNotebook(text: string): Notebook {
  const problems: string[] = [];
  const front = FRONT.exec(text);
  let meta: NotebookMeta = { title: 'Untitled notebook', needs: {}, params: [] };
  if (!front) problems.push('No front matter (a block between --- lines with at least a title).');
  else {
    try {
      const got = MetaSchema.safeParse(parseYaml(front[1]!) ?? {});
      if (got.success) meta = got.data;
      else
        problems.push(
          ...got.error.issues.map(
            (i) => `Front matter, ${i.path.join('.') || 'top level'}: ${i.message}`,
          ),
        );
    } catch (e) {
      problems.push(`Front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  const body = front ? text.slice(front[0].length) : text;
  const bodyLine = front ? front[0].split('\n').length - 1 : 0;
  const tokens = markdown.parse(body, {});
  // A leading "# <title>" repeats the front matter's title (kept so the file reads well on a
  // code host): the page shows the title once.
  const [h, inline, close] = tokens;
  if (
    h?.type === 'heading_open' &&
    h.tag === 'h1' &&
    inline?.content.trim() === meta.title.trim() &&
    close?.type === 'heading_close'
  )
    tokens.splice(0, 3);
  const blocks: NotebookBlock[] = [];
  let prose: Token[] = [];
  const flush = () => {
    if (prose.length)
      blocks.push({ kind: 'prose', html: markdown.renderer.render(prose, markdown.options, {}) });
    prose = [];
  };
  const names = new Set<string>();
  for (const token of tokens) {
    const info = token.type === 'fence' && token.level === 0 ? infoWords(token.info) : [];
    const line = bodyLine + (token.map?.[0] ?? 0) + 1;
    if (info[0] === 'sql' && info[1]) {
      flush();
      if (!name.safeParse(info[1]).success) {
        problems.push(`Line ${line}: a cell's name is letters, digits and _ (got "${info[1]}").`);
        continue;
      }
      if (names.has(info[1])) problems.push(`Line ${line}: a second cell named ${info[1]}.`);
      names.add(info[1]);
      blocks.push({ kind: 'sql', name: info[1], sql: token.content.trimEnd(), line });
    } else if (info[0] === 'chart') {
      flush();
      const chart = parseChart(info.slice(1), line);
      if (typeof chart === 'string') problems.push(chart);
      else blocks.push(chart);
    } else prose.push(token);
  }
  flush();
  for (const b of blocks)
    if (b.kind === 'chart' && !names.has(b.source))
      problems.push(`Line ${b.line}: the chart draws ${b.source}, but no SQL cell has that name.`);
  for (const b of blocks)
    if (b.kind === 'sql')
      for (const m of b.sql.matchAll(/\{\{\s*([A-Za-z_]\w*)\s*\}\}/g))
        if (!meta.params.some((p) => p.name === m[1]))
          problems.push(`Line ${b.line}: {{${m[1]}}} is not a parameter of the front matter.`);
  return { meta, blocks, problems: [...new Set(problems)] };
}

/** The words of a fence's info string; `key="a b"` stays one word (without its quotes). */
function infoWords(info: string): string[] {
  return [...info.trim().matchAll(/([a-z]+)="([^"]*)"|\S+/g)].map((m) =>
    m[1] !== undefined ? `${m[1]}=${m[2]}` : m[0],
  );
}

/** A chart cell from its info words (`line routes x=month y=firearms`), or why it is not one. */
function parseChart(words: string[], line: number): NotebookBlock | string {
  const [kind, source, ...rest] = words;
  if (!CHART_KINDS.includes(kind as ChartKind))
    return `Line ${line}: a chart is ${CHART_KINDS.join(', ')} (got "${kind ?? ''}").`;
  if (!source || !name.safeParse(source).success)
    return `Line ${line}: a chart names the SQL cell it draws (\`chart ${kind} <cell>\`).`;
  const options: Record<string, string> = {};
  for (const w of rest) {
    const m = /^([a-z]+)=(.*)$/.exec(w);
    if (!m) return `Line ${line}: chart options are key=value (got "${w}").`;
    options[m[1]!] = m[2]!;
  }
  return { kind: 'chart', chart: kind as ChartKind, source, options, line };
}

/** What the open dataset lacks of what a notebook needs, in words (empty: nothing). */
export function missingNeeds(needs: NotebookNeeds, catalogue: Catalogue): string[] {
  const out: string[] = [];
  for (const g of needs.grains ?? []) if (!hasGrain(catalogue, g)) out.push(`${g} records`);
  for (const f of needs.fields ?? []) if (!hasField(catalogue, f)) out.push(`the field ${f}`);
  for (const m of needs.measures ?? []) if (!hasMeasure(catalogue, m)) out.push(`the measure ${m}`);
  if (needs.operations && !catalogue.operations) out.push('operations');
  return out;
}

/** The values of a notebook's parameters: their defaults, overridden by `given` where valid. */
export function paramValues(
  params: readonly NotebookParam[],
  given: Readonly<Record<string, string>> = {},
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const p of params) {
    const raw = Object.hasOwn(given, p.name) ? given[p.name] : undefined;
    out[p.name] = raw === undefined ? p.default : (coerce(p, raw) ?? p.default);
  }
  return out;
}

/** A reader's text as a value of `p`, or null when it is not one. */
export function coerce(p: NotebookParam, raw: string): string | number | null {
  const text = raw.trim();
  switch (p.kind) {
    case 'number': {
      const n = Number(text);
      return text !== '' && Number.isFinite(n) ? n : null;
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text)) ? text : null;
    case 'country':
      return /^[A-Za-z]{3}$/.test(text) ? text.toUpperCase() : null;
    case 'select':
      return p.options?.map(String).includes(text)
        ? typeof p.default === 'number'
          ? Number(text)
          : text
        : null;
    default:
      return text.length <= 200 ? text : null;
  }
}
