/**
 * Briefing-safe counts in the views: which threshold is in force, the protection of each kind of
 * chart (a list or series with its total, a table with its margins, a flow network), and how a
 * protected value is written. A count under k is written "< k" (primary suppression); a count
 * hidden so that no "< k" can be worked out from the totals is written "•" (secondary).
 */
import { useAtlas } from '../context/AtlasContext';
import { formatNumber } from '../i18n';
import { useViewSelect } from '../state/store';
import { safeThreshold } from '../model/viewState';
import { isSmallCount, network, twoWay, type CellStatus, type FlowLink } from './problems';
import { protectWithReport } from './suppression';

export { isSmallCount };

export type { CellStatus } from './problems';

/** The mark of a count hidden by secondary suppression. */
export const HIDDEN_MARK = '•';

/** The threshold in force in the current view state, or null when counts are shown as they are. */
export function useSafeK(): number | null {
  const { store } = useAtlas();
  return useViewSelect(store, safeThreshold);
}

/** True when a status hides the value. */
export const isHidden = (s: CellStatus | undefined): boolean =>
  s === 'primary' || s === 'secondary';

/** A count as the briefing shows it: the number, "< k", or the hidden mark. */
export function safeText(
  value: number,
  status: CellStatus | undefined,
  k: number | null,
  lang: string,
  format: (v: number) => string = (v) => formatNumber(v, lang),
): string {
  if (status === 'primary' && k !== null) return `< ${formatNumber(k, lang)}`;
  if (status === 'secondary') return HIDDEN_MARK;
  return format(value);
}

/** One count on its own under the small-count rule: the number, or "< k". */
export function safeCount(value: number, k: number | null, lang: string): string {
  return safeText(value, isSmallCount(value, k) ? 'primary' : 'shown', k, lang);
}

/**
 * Protects a list or series whose total is known (shown, or derivable from the key figures):
 * counts under k are primary; then, while some hidden count could be narrowed to a single value
 * from the total and the shown counts, the smallest shown non-zero count is hidden too. Exact for
 * one equation: cell i lies in [max(lo_i, S − Σ hi_j), min(hi_i, S − Σ lo_j)], with S the total
 * minus the shown counts, lo/hi = 1/k−1 for "< k" and k/∞ for hidden ones. No LP needed.
 */
export function protectList(values: readonly number[], k: number | null): CellStatus[] {
  const status: CellStatus[] = values.map((v) =>
    k !== null && k > 1 && isSmallCount(v, k) ? 'primary' : 'shown',
  );
  if (k === null || k <= 1 || !status.includes('primary')) return status;
  const lo = (i: number) => (status[i] === 'primary' ? 1 : k);
  const hi = (i: number) => (status[i] === 'primary' ? k - 1 : Infinity);
  const pinned = (): boolean => {
    const hidden = status.flatMap((s, i) => (isHidden(s) ? [i] : []));
    const S = hidden.reduce((a, i) => a + values[i]!, 0);
    const sumLo = hidden.reduce((a, i) => a + lo(i), 0);
    const sumHi = hidden.reduce((a, i) => a + hi(i), 0);
    return hidden.some((i) => {
      const min = Math.max(lo(i), S - (sumHi - hi(i)));
      const max = Math.min(hi(i), S - (sumLo - lo(i)));
      return max - min < 1;
    });
  };
  while (pinned()) {
    let best = -1;
    values.forEach((v, i) => {
      if (status[i] === 'shown' && v > 0 && (best < 0 || v < values[best]!)) best = i;
    });
    if (best < 0) break; // everything non-zero is hidden already
    status[best] = 'secondary';
  }
  return status;
}

/** A protected two-way table: statuses of its cells, row and column totals and grand total. */
export interface ProtectedTable {
  cells: CellStatus[][];
  rows: CellStatus[];
  columns: CellStatus[];
  grand: CellStatus;
  /** True when some count cannot be protected at all: the table should not be shown. */
  exposed: boolean;
}

/** Protects a table with its margins (row, column and grand totals). */
export function protectTable(
  matrix: readonly (readonly number[])[],
  k: number | null,
): ProtectedTable {
  const shown = (): ProtectedTable => ({
    cells: matrix.map((r) => r.map(() => 'shown')),
    rows: matrix.map(() => 'shown'),
    columns: (matrix[0] ?? []).map(() => 'shown'),
    grand: 'shown',
    exposed: false,
  });
  if (k === null || k <= 1 || matrix.length === 0) return shown();
  const t = twoWay(matrix);
  const r = protectWithReport(t.problem, k);
  return {
    cells: t.cells.map((row) => row.map((i) => r.status[i]!)),
    rows: t.rowTotals.map((i) => r.status[i]!),
    columns: t.columnTotals.map((i) => r.status[i]!),
    grand: r.status[t.grandTotal]!,
    exposed: r.exposed.length > 0,
  };
}

/** A protected flow network: statuses of its links and of each node's value. */
export interface ProtectedFlows {
  links: CellStatus[];
  nodes: Map<string, CellStatus>;
  exposed: boolean;
}

/** Protects the links of a flow diagram and the node values shown beside them. */
export function protectFlows(links: readonly FlowLink[], k: number | null): ProtectedFlows {
  if (k === null || k <= 1 || links.length === 0)
    return { links: links.map(() => 'shown'), nodes: new Map(), exposed: false };
  const n = network(links);
  const r = protectWithReport(n.problem, k);
  return {
    links: n.links.map((i) => r.status[i]!),
    nodes: new Map([...n.nodes].map(([id, i]) => [id, r.status[i]!])),
    exposed: r.exposed.length > 0,
  };
}

/** Largest table protected with the LP; larger ones row by row and column by column. */
const MAX_LP_CELLS = 600;

/**
 * Protects series over periods (rows: periods, columns: series), whose period totals and series
 * totals are known (a stacked chart shows the first, a legend or the key figures the second).
 * Tables up to 600 cells get the full protection with margins; larger ones are protected list by
 * list (every period and every series on its own) until no list changes — what one equation at a
 * time can reveal, which the rows and columns of a chart are.
 */
export function protectSeries(
  matrix: readonly (readonly number[])[],
  k: number | null,
): CellStatus[][] {
  if (k === null || k <= 1) return matrix.map((r) => r.map(() => 'shown'));
  const cols = matrix[0]?.length ?? 0;
  if (cols === 1)
    return protectList(
      matrix.map((r) => r[0]!),
      k,
    ).map((s) => [s]);
  if (matrix.length * cols <= MAX_LP_CELLS) {
    const p = protectTable(matrix, k);
    if (p.exposed) return matrix.map((r) => r.map((v) => (v > 0 ? 'secondary' : 'shown')));
    return p.cells;
  }
  const status: CellStatus[][] = matrix.map((r) => r.map(() => 'shown'));
  const apply = (cells: [number, number][]) => {
    const values = cells.map(([r, c]) => matrix[r]![c]!);
    const s = protectList(values, k);
    // Keep what is already hidden, and hide what this list adds.
    const merged = cells.map(([r, c], i) => (isHidden(status[r]![c]) ? status[r]![c]! : s[i]!));
    let changed = false;
    cells.forEach(([r, c], i) => {
      if (merged[i] !== status[r]![c]) {
        status[r]![c] = merged[i]!;
        changed = true;
      }
    });
    return changed;
  };
  for (let round = 0; round < 50; round++) {
    let changed = false;
    for (let r = 0; r < matrix.length; r++)
      changed = apply(Array.from({ length: cols }, (_, c) => [r, c])) || changed;
    for (let c = 0; c < cols; c++)
      changed = apply(matrix.map((_, r) => [r, c] as [number, number])) || changed;
    if (!changed) break;
  }
  return status;
}

/** Rows of an export and their columns, as the export menu gets them. */
export interface SafeExportInput {
  batches: AsyncIterable<readonly Record<string, unknown>[]>;
  columns?: readonly { name: string; kind: 'number' | 'boolean' | 'text' }[];
}

/** Most rows a briefing-safe export protects (each count column is one list). */
export const MAX_SAFE_EXPORT_ROWS = 500_000;

/** Column names that hold numbers which are not counts of cases. */
const NOT_COUNTS =
  /(^|_)(id|year|lat|lon|latitude|longitude|iso2|iso3|code|numeric|month|week|quarter|period|share|percent|pct|ratio|rate|days|median|mean|avg|baseline|yoy|change)($|_)/i;

/**
 * An export with briefing-safe counts: every column of non-negative whole numbers that is a
 * count (not an id, a year, a coordinate or a share) is protected as one list whose total is
 * known, and written as text: the number, "< k" or "•". Rows are gathered first (at most
 * `MAX_SAFE_EXPORT_ROWS`), since protection needs the whole column.
 */
export function safeExport<T extends SafeExportInput>(src: T, k: number, lang: string): T {
  async function* protectedBatches(): AsyncGenerator<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = [];
    for await (const batch of src.batches) {
      rows.push(...batch);
      if (rows.length > MAX_SAFE_EXPORT_ROWS)
        throw new Error(
          `more than ${MAX_SAFE_EXPORT_ROWS} rows: narrow the filters for a briefing-safe export`,
        );
    }
    const names = Object.keys(rows[0] ?? {});
    const counts = names.filter(
      (n) =>
        !NOT_COUNTS.test(n) &&
        rows.every((r) => {
          const v = r[n];
          return (
            v === null ||
            v === undefined ||
            (typeof v === 'number' && Number.isInteger(v) && v >= 0)
          );
        }) &&
        rows.some((r) => typeof r[n] === 'number'),
    );
    const out = rows.map((r) => ({ ...r }));
    for (const n of counts) {
      const values = rows.map((r) => (typeof r[n] === 'number' ? (r[n] as number) : 0));
      const status = protectList(values, k);
      out.forEach((r, i) => {
        if (typeof rows[i]![n] === 'number')
          r[n] = safeText(values[i]!, status[i], k, lang, String);
      });
    }
    for (let i = 0; i < out.length; i += 10_000) yield out.slice(i, i + 10_000);
  }
  const columns = src.columns?.map((c) =>
    c.kind === 'number' && !NOT_COUNTS.test(c.name) ? { ...c, kind: 'text' as const } : c,
  );
  return { ...src, batches: protectedBatches(), columns };
}
