/**
 * A chart as a disclosure problem: its cells (the counts and their totals) and the sums between
 * them, built by `oneWay` (bar charts, series), `twoWay` (tables with margins) and `network`
 * (Sankey flows); and the small-count rule every view applies (`isSmallCount`). The solver that
 * decides what to publish is `suppression.ts`.
 */

/** How a cell is published: its value, "< k" (primary) or hidden (secondary). */
export type CellStatus = 'shown' | 'primary' | 'secondary';

/** One equation of a problem: `values[total] = Σ values[parts]`. */
export interface SumConstraint {
  readonly total: number;
  readonly parts: readonly number[];
}

/** Cells (non-negative integer counts, totals included) and the equations that link them. */
export interface Problem {
  readonly values: readonly number[];
  readonly sums: readonly SumConstraint[];
}

/** The threshold used when none is given: counts 1–4 are shown as "< 5". */
export const DEFAULT_K = 5;

/** A one-way problem (bar chart, time series): `cells[i]` is category i, `total` their sum. */
export interface OneWayProblem {
  readonly problem: Problem;
  readonly cells: readonly number[];
  readonly total: number;
}

/** A two-way table with margins: indices of the inner cells, the margins and the grand total. */
export interface TwoWayProblem {
  readonly problem: Problem;
  /** `cells[r][c]`: the cell of row r, column c. */
  readonly cells: readonly (readonly number[])[];
  readonly rowTotals: readonly number[];
  readonly columnTotals: readonly number[];
  readonly grandTotal: number;
}

/** A flow link of a Sankey chart. */
export interface FlowLink {
  readonly source: string;
  readonly target: string;
  readonly value: number;
}

/** A flow network: `links[i]` is the cell of link i, `nodes` the cell of each node's value. */
export interface NetworkProblem {
  readonly problem: Problem;
  readonly links: readonly number[];
  readonly nodes: ReadonlyMap<string, number>;
}

/** The viewer's feasible interval for a suppressed cell (`max` may be `Infinity`). */
export interface Exposure {
  readonly index: number;
  readonly min: number;
  readonly max: number;
}

/** The outcome of {@link protectWithReport}. */
export interface Protection {
  readonly status: CellStatus[];
  /**
   * Suppressed cells that no suppression pattern can protect, because the table gives them away
   * even with every non-zero cell hidden (e.g. four 1s whose total, "< 5", must then be 4; or any
   * "< 2" cell, which can only be 1). Empty in the usual case; the app should then not publish
   * the chart as is.
   */
  readonly exposed: number[];
  /** The number of LPs solved (a measure of the work done). */
  readonly lpCount: number;
}

export const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
export const sumOf = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/**
 * A one-way chart (categories or periods) and their total: the values, then one total cell.
 * Use it for bar charts and time series.
 */
export function oneWay(values: readonly number[]): OneWayProblem {
  const cells = range(values.length);
  return {
    problem: {
      values: [...values, sumOf(values)],
      sums: [{ total: values.length, parts: cells }],
    },
    cells,
    total: values.length,
  };
}

/**
 * A two-way table: the inner cells row by row, then the row totals, the column totals and the
 * grand total, with one equation per row, one per column, and the grand total as the sum of the
 * row totals and as the sum of the column totals.
 */
export function twoWay(matrix: readonly (readonly number[])[]): TwoWayProblem {
  const rows = matrix.length;
  const cols = matrix[0]?.length ?? 0;
  if (matrix.some((row) => row.length !== cols)) {
    throw new RangeError('twoWay: every row must have the same number of columns');
  }
  const cells = matrix.map((_, r) => range(cols).map((c) => r * cols + c));
  const rowTotals = range(rows).map((r) => rows * cols + r);
  const columnTotals = range(cols).map((c) => rows * cols + rows + c);
  const grandTotal = rows * cols + rows + cols;
  const colValue = (c: number): number => sumOf(matrix.map((row) => row[c] ?? 0));
  const values = [
    ...matrix.flat(),
    ...matrix.map((row) => sumOf(row)),
    ...range(cols).map(colValue),
    sumOf(matrix.map((row) => sumOf(row))),
  ];
  const sums: SumConstraint[] = [
    ...range(rows).map((r) => ({ total: rowTotals[r] ?? 0, parts: cells[r] ?? [] })),
    ...range(cols).map((c) => ({
      total: columnTotals[c] ?? 0,
      parts: cells.map((row) => row[c] ?? 0),
    })),
    { total: grandTotal, parts: rowTotals },
    { total: grandTotal, parts: columnTotals },
  ];
  return { problem: { values, sums }, cells, rowTotals, columnTotals, grandTotal };
}

/**
 * A flow network (Sankey chart): one cell per link, then one per node (in order of first
 * appearance) holding the node's value. A node with inflow and outflow (a transit) gets
 * node = Σ in and node = Σ out; a source node = Σ out; a sink node = Σ in. Throws when a transit
 * node's inflow and outflow differ (the chart would not be a conserved flow).
 */
export function network(links: readonly FlowLink[]): NetworkProblem {
  const ids: string[] = [];
  const ins = new Map<string, number[]>();
  const outs = new Map<string, number[]>();
  const touch = (id: string): void => {
    if (!ins.has(id)) {
      ids.push(id);
      ins.set(id, []);
      outs.set(id, []);
    }
  };
  links.forEach((link, i) => {
    touch(link.source);
    touch(link.target);
    outs.get(link.source)?.push(i);
    ins.get(link.target)?.push(i);
  });
  const values = links.map((l) => l.value);
  const nodes = new Map<string, number>();
  const sums: SumConstraint[] = [];
  for (const id of ids) {
    const index = values.length;
    const inflow = ins.get(id) ?? [];
    const outflow = outs.get(id) ?? [];
    const inSum = sumOf(inflow.map((i) => values[i] ?? 0));
    const outSum = sumOf(outflow.map((i) => values[i] ?? 0));
    if (inflow.length > 0 && outflow.length > 0 && inSum !== outSum) {
      throw new RangeError(`network: node ${id} has inflow ${inSum} but outflow ${outSum}`);
    }
    values.push(inflow.length > 0 ? inSum : outSum);
    nodes.set(id, index);
    if (inflow.length > 0) sums.push({ total: index, parts: inflow });
    if (outflow.length > 0) sums.push({ total: index, parts: outflow });
  }
  return { problem: { values, sums }, links: range(links.length), nodes };
}
/**
 * The small-count rule, the one definition the whole app applies: a count is small when it is
 * positive and under the threshold `k` (none is when no threshold is in force; 0 never is).
 */
export function isSmallCount(v: number, k: number | null): boolean {
  return k !== null && v > 0 && v < k;
}
