/**
 * A notebook as one static HTML page (a report): its prose, each cell's SQL and bound values, and
 * its charts drawn as inline SVG and tables as HTML. The page loads nothing: no script, font,
 * style sheet or image from anywhere (`npm run notebooks -- --html`).
 */
import type { StageLinkRow } from '../../sql/sankey';
import type { Notebook, NotebookBlock } from './format';
import type { CellOutcome, CellRows } from './run';

const esc = (v: unknown) =>
  String(v ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

/** Columns whose numbers are names, not amounts (a year, an id, a code): never grouped. */
export const isNameColumn = (column: string | undefined): boolean =>
  column !== undefined && /(^|_)(year|id|code|iso\w*)s?$/i.test(column);

/**
 * A cell value as text: numbers grouped (but years and ids as they are), dates as ISO days, null
 * as an empty cell.
 */
export function cellText(v: unknown, column?: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' && isNameColumn(column)) return String(v);
  if (typeof v === 'number')
    return Number.isInteger(v)
      ? v.toLocaleString('en-US')
      : v.toLocaleString('en-US', { maximumFractionDigits: 2 });
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** The columns a chart draws: `y` (comma-separated) or the first numeric column but `x`. */
export function chartColumns(
  options: Readonly<Record<string, string>>,
  result: Pick<CellRows, 'columns' | 'rows'>,
): { x: string; ys: string[] } {
  const x = options.x && result.columns.includes(options.x) ? options.x : result.columns[0]!;
  const asked = (options.y ?? '').split(',').filter((c) => result.columns.includes(c));
  const numeric = result.columns.filter(
    (c) => c !== x && result.rows.some((r) => typeof r[c] === 'number'),
  );
  return { x, ys: asked.length ? asked : numeric.slice(0, 1) };
}

/**
 * A result as Sankey links: its own `fromStage`, `fromCode`, `toStage`, `toCode`, `value` columns
 * (several stages), or two columns `from` → `to` (default: the first two) weighted by `value`
 * (default: the first numeric column); the stages are named after the columns.
 */
export function sankeyRows(
  options: Readonly<Record<string, string>>,
  result: Pick<CellRows, 'columns' | 'rows'>,
): StageLinkRow[] {
  const has = (c: string) => result.columns.includes(c);
  if (['fromStage', 'fromCode', 'toStage', 'toCode', 'value'].every(has))
    return result.rows.map((r) => ({
      fromStage: String(r.fromStage),
      fromCode: String(r.fromCode ?? ''),
      toStage: String(r.toStage),
      toCode: String(r.toCode ?? ''),
      value: Number(r.value ?? 0),
    }));
  const from = options.from && has(options.from) ? options.from : result.columns[0]!;
  const to = options.to && has(options.to) ? options.to : result.columns[1]!;
  const value =
    options.value && has(options.value)
      ? options.value
      : (result.columns.find(
          (c) => c !== from && c !== to && result.rows.some((r) => typeof r[c] === 'number'),
        ) ?? '');
  return result.rows.map((r) => ({
    fromStage: from,
    fromCode: cellText(r[from], from),
    toStage: to,
    toCode: cellText(r[to], to),
    value: Number(r[value] ?? 0),
  }));
}

const PALETTE = ['#1f6fb2', '#d95f02', '#2a9d8f', '#7b3294', '#b8860b'];
const W = 720;
const H = 300;
const M = { top: 16, right: 16, bottom: 48, left: 64 };

function ticks(max: number): number[] {
  if (max <= 0) return [0];
  const step = 10 ** Math.floor(Math.log10(max / 4));
  const nice = [1, 2, 5, 10].map((k) => k * step).find((s) => max / s <= 5) ?? step * 10;
  const out: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += nice) out.push(v);
  return out;
}

/** A line or bar chart of a result as SVG text. */
export function chartSvg(
  kind: 'line' | 'bar',
  options: Readonly<Record<string, string>>,
  result: Pick<CellRows, 'columns' | 'rows'>,
): string {
  const { x, ys } = chartColumns(options, result);
  const rows = result.rows;
  const values = rows.flatMap((r) => ys.map((y) => Number(r[y] ?? 0)));
  const max = Math.max(0, ...values.filter(Number.isFinite));
  const iw = W - M.left - M.right;
  const ih = H - M.top - M.bottom;
  const ty = (v: number) => M.top + ih - (max > 0 ? (v / max) * ih : 0);
  const band = rows.length ? iw / rows.length : iw;
  const cx = (i: number) => M.left + band * (i + 0.5);
  const parts: string[] = [];
  for (const t of ticks(max)) {
    parts.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${ty(t)}" y2="${ty(t)}" stroke="#ddd"/>`,
      `<text x="${M.left - 6}" y="${ty(t) + 4}" text-anchor="end" font-size="11">${esc(cellText(t))}</text>`,
    );
  }
  const every = Math.max(1, Math.ceil(rows.length / 12));
  rows.forEach((r, i) => {
    if (i % every === 0)
      parts.push(
        `<text x="${cx(i)}" y="${H - M.bottom + 16}" text-anchor="middle" font-size="11">${esc(cellText(r[x], x).slice(0, 18))}</text>`,
      );
  });
  ys.forEach((y, k) => {
    const colour = PALETTE[k % PALETTE.length]!;
    if (kind === 'bar') {
      const w = (band * 0.8) / ys.length;
      rows.forEach((r, i) => {
        const v = Number(r[y] ?? 0);
        parts.push(
          `<rect x="${cx(i) - band * 0.4 + k * w}" y="${ty(v)}" width="${w}" height="${M.top + ih - ty(v)}" fill="${colour}"><title>${esc(cellText(r[x], x))}: ${esc(cellText(v))}</title></rect>`,
        );
      });
    } else {
      const pts = rows.map((r, i) => `${cx(i)},${ty(Number(r[y] ?? 0))}`).join(' ');
      parts.push(`<polyline points="${pts}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    }
  });
  const legend = ys
    .map(
      (y, k) =>
        `<text x="${M.left + k * 160}" y="${H - 8}" font-size="12" fill="${PALETTE[k % PALETTE.length]}">■ ${esc(y)}</text>`,
    )
    .join('');
  const title = options.title ?? `${ys.join(', ')} by ${x}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}">${parts.join('')}${legend}</svg>`;
}

/** A result as an HTML table (at most `limit` rows). */
export function tableHtml(result: Pick<CellRows, 'columns' | 'rows'>, limit = 200): string {
  const head = result.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('');
  const body = result.rows
    .slice(0, limit)
    .map(
      (r) =>
        `<tr>${result.columns.map((c) => `<td${typeof r[c] === 'number' ? ' class="n"' : ''}>${esc(cellText(r[c], c))}</td>`).join('')}</tr>`,
    )
    .join('');
  const more =
    result.rows.length > limit
      ? `<p class="note">First ${limit} of ${result.rows.length} rows.</p>`
      : '';
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${more}`;
}

function blockHtml(block: NotebookBlock, outcomes: ReadonlyMap<string, CellOutcome>): string {
  if (block.kind === 'prose') return block.html;
  if (block.kind === 'sql') {
    const o = outcomes.get(block.name);
    const status =
      !o || o.status === 'error'
        ? `<p class="error">${esc(o ? o.message : 'Not run')}</p>`
        : `<p class="note">${o.rows.length}${o.truncated ? '+' : ''} rows, ${Math.round(o.ms)} ms</p>`;
    return `<details><summary>SQL: ${esc(block.name)}</summary><pre><code>${esc(block.sql)}</code></pre></details>${status}`;
  }
  const o = outcomes.get(block.source);
  if (!o || o.status !== 'ok') return '';
  const title = block.options.title ? `<h4>${esc(block.options.title)}</h4>` : '';
  if (block.chart === 'sankey') {
    // The report lists a Sankey's links (the app draws them).
    const links = sankeyRows(block.options, o).map((l) => ({
      from: `${l.fromCode} (${l.fromStage})`,
      to: `${l.toCode} (${l.toStage})`,
      value: l.value,
    }));
    return `<figure>${title}${tableHtml({ columns: ['from', 'to', 'value'], rows: links })}</figure>`;
  }
  return `<figure>${title}${block.chart === 'table' ? tableHtml(o) : chartSvg(block.chart, block.options, o)}</figure>`;
}

/** A whole notebook, run with `values`, as one self-contained HTML page. */
export function notebookHtml(
  notebook: Notebook,
  outcomes: ReadonlyMap<string, CellOutcome>,
  values: Readonly<Record<string, unknown>>,
  dataset: string,
): string {
  const params = Object.entries(values)
    .map(([k, v]) => `<li><code>${esc(k)}</code> = ${esc(v)}</li>`)
    .join('');
  return `<!doctype html>
<html lang="${esc(notebook.meta.lang ?? 'en')}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(notebook.meta.title)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse;margin:.5rem 0;font-size:14px}th,td{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}pre{background:#f4f4f4;padding:.75rem;overflow:auto}
.note{color:#555;font-size:14px}.error{color:#a00000}figure{margin:1rem 0}svg{max-width:100%;height:auto}
</style>
</head>
<body>
<header><p class="note">Firearms Flow Atlas notebook · dataset: ${esc(dataset)} · parameters:</p><ul>${params}</ul></header>
${notebook.blocks.map((b) => blockHtml(b, outcomes)).join('\n')}
</body>
</html>
`;
}
