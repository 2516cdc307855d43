/**
 * Statistical disclosure control for "briefing-safe" counts: every count below a threshold k is
 * shown as "< k" (primary suppression), and further cells are hidden (secondary suppression) so
 * that no hidden count can be worked out exactly from what is published — the cells shown and the
 * totals of the chart (the frequency rule of statistical offices, cf. the R package sdcTable).
 *
 * A chart becomes a {@link Problem}: cells (the counts *and* their totals) and linear equations
 * between them ("this total is the sum of those parts"). The builders {@link oneWay} (bar charts,
 * time series), {@link twoWay} (tables with margins) and {@link network} (Sankey flows) make one.
 *
 * What the viewer is assumed to know: shown cells exactly; a "< k" cell lies in [1, k − 1] (zeros
 * are shown, they reveal nobody); a cell marked hidden lies in [k, ∞) (it is displayed
 * differently, so the viewer knows it is not small); all equations hold; all cells are ≥ 0. A
 * suppressed cell is protected when, under those constraints, the range of values it can take
 * (LP minimum to LP maximum, the linear relaxation) is at least 1 wide.
 *
 * Pure and synchronous; LPs are solved with yalps.
 */
import { solve, type Constraint, type Model, type OptimizationDirection } from 'yalps';
import type { CellStatus, Exposure, Problem, Protection } from '././problems';
import { DEFAULT_K, isSmallCount, range, sumOf } from '././problems';

// ---------------------------------------------------------------------------------------------
// The viewer's LP.

/** Status codes of the internal arrays. */
const SHOWN = 0;
const PRIMARY = 1;
const SECONDARY = 2;
type Code = typeof SHOWN | typeof PRIMARY | typeof SECONDARY;

/** Widths below 1 − EPS count as "less than 1" (LP arithmetic is floating point). */
const EPS = 1e-6;
/** Constraint keys besides the equations (0…R−1) and the upper bounds (R + cell). */
const OBJECTIVE = -1;
const CAP = -2;
/** Fix candidates tried per unprotected cell. */
const MAX_TRIALS = 8;
/** Greedy rounds before the last resort (each round hides at least one cell). */
export const MAX_ROUNDS = 150;

/** Tuning of {@link protectWithReport}. */
export interface ProtectOptions {
  /** Greedy rounds before the last resort; {@link MAX_ROUNDS} by default. */
  readonly maxRounds?: number;
}

/** An equation as a row: Σ coefs[i] · x[cells[i]] = 0. */
interface Row {
  readonly cells: readonly number[];
  readonly coefs: readonly number[];
}

interface Context {
  readonly values: readonly number[];
  /** The threshold as an integer: "< k" means at most kk − 1, hidden means at least kk. */
  readonly kk: number;
  readonly rows: readonly Row[];
  /** The rows each cell appears in. */
  readonly rowsOf: readonly (readonly number[])[];
  /** An upper bound on any cell's true value (to keep the shared-point LPs bounded). */
  readonly cap: number;
  lpCount: number;
}

const valueAt = (ctx: Context, j: number): number => ctx.values[j] ?? 0;

function validate(problem: Problem): void {
  const n = problem.values.length;
  problem.values.forEach((v, i) => {
    if (!Number.isSafeInteger(v) || v < 0) {
      throw new RangeError(`suppression: values[${i}] = ${v} is not a non-negative integer`);
    }
  });
  const inRange = (i: number): boolean => Number.isInteger(i) && i >= 0 && i < n;
  problem.sums.forEach((s, si) => {
    if (!inRange(s.total) || !s.parts.every(inRange)) {
      throw new RangeError(`suppression: sums[${si}] refers to a cell that does not exist`);
    }
    const parts = sumOf(s.parts.map((p) => problem.values[p] ?? 0));
    if (problem.values[s.total] !== parts) {
      throw new RangeError(
        `suppression: sums[${si}]: values[${s.total}] = ${problem.values[s.total]} but its parts add up to ${parts}`,
      );
    }
  });
}

function contextOf(problem: Problem, k: number): Context {
  if (Number.isNaN(k)) throw new RangeError('suppression: k is not a number');
  validate(problem);
  const n = problem.values.length;
  const rows: Row[] = [];
  const rowsOf: number[][] = range(n).map(() => []);
  for (const s of problem.sums) {
    const coef = new Map<number, number>([[s.total, 1]]);
    for (const p of s.parts) coef.set(p, (coef.get(p) ?? 0) - 1);
    const cells = [...coef.keys()].filter((j) => coef.get(j) !== 0);
    if (cells.length === 0) continue;
    const r = rows.length;
    rows.push({ cells, coefs: cells.map((j) => coef.get(j) ?? 0) });
    for (const j of cells) rowsOf[j]?.push(r);
  }
  return {
    values: problem.values,
    kk: Math.max(0, Math.ceil(k)),
    rows,
    rowsOf,
    cap: sumOf([...problem.values]) + Math.max(1, Math.ceil(k)),
    lpCount: 0,
  };
}

const codeOf = (s: CellStatus): Code =>
  s === 'primary' ? PRIMARY : s === 'secondary' ? SECONDARY : SHOWN;
const statusOf = (c: number | undefined): CellStatus =>
  c === PRIMARY ? 'primary' : c === SECONDARY ? 'secondary' : 'shown';

/** The connected groups of suppressed cells: cells linked through a shared equation. */
function components(
  ctx: Context,
  st: Uint8Array,
): { rootOf: Int32Array; members: Map<number, number[]> } {
  const n = st.length;
  const parent = Int32Array.from(range(n));
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r] ?? r;
    let y = x;
    while (parent[y] !== r) {
      const next = parent[y] ?? r;
      parent[y] = r;
      y = next;
    }
    return r;
  };
  for (const row of ctx.rows) {
    let first = -1;
    for (const j of row.cells) {
      if (st[j] === SHOWN) continue;
      if (first < 0) first = j;
      else parent[find(j)] = find(first);
    }
  }
  const rootOf = new Int32Array(n).fill(-1);
  const members = new Map<number, number[]>();
  for (let j = 0; j < n; j++) {
    if (st[j] === SHOWN) continue;
    const r = find(j);
    rootOf[j] = r;
    const list = members.get(r);
    if (list) list.push(j);
    else members.set(r, [j]);
  }
  return { rootOf, members };
}

/**
 * The viewer's LP for one component, in shifted variables y = x − lower bound (yalps variables
 * are ≥ 0): the equations touching the component, with shown cells moved to the right-hand side,
 * and y ≤ k − 2 for each "< k" cell.
 */
interface Lp {
  readonly cells: readonly number[];
  readonly lower: readonly number[];
  readonly secondary: readonly boolean[];
  readonly constraints: [number, Constraint][];
  readonly coefs: readonly [number, number][][];
}

function buildLp(ctx: Context, st: Uint8Array, cells: readonly number[]): Lp {
  const R = ctx.rows.length;
  const position = new Map(cells.map((j, i) => [j, i]));
  const lower = cells.map((j) => (st[j] === PRIMARY ? 1 : ctx.kk));
  const coefs: [number, number][][] = cells.map(() => []);
  const constraints: [number, Constraint][] = [];
  const rowIds = [...new Set(cells.flatMap((j) => ctx.rowsOf[j] ?? []))].sort((a, b) => a - b);
  for (const r of rowIds) {
    const row = ctx.rows[r];
    if (!row) continue;
    let rhs = 0;
    row.cells.forEach((j, i) => {
      const c = row.coefs[i] ?? 0;
      const p = position.get(j);
      if (p === undefined) {
        rhs -= c * valueAt(ctx, j);
      } else {
        rhs -= c * (lower[p] ?? 0);
        coefs[p]?.push([r, c]);
      }
    });
    constraints.push([r, { equal: rhs }]);
  }
  cells.forEach((j, p) => {
    if (st[j] === PRIMARY) {
      constraints.push([R + j, { max: ctx.kk - 2 }]);
      coefs[p]?.push([R + j, 1]);
    }
  });
  return { cells, lower, secondary: cells.map((j) => st[j] === SECONDARY), constraints, coefs };
}

type LpOutcome =
  | { readonly kind: 'optimal'; readonly point: Map<number, number> }
  | { readonly kind: 'unbounded' }
  | { readonly kind: 'failed' };

/**
 * Optimises Σ weights · x over the component. `capped` adds Σ hidden ≤ cap, a harmless bound
 * that keeps "maximise everything" finite (it only shrinks the feasible set, so any point found
 * is still a point the viewer cannot exclude).
 */
function runLp(
  ctx: Context,
  lp: Lp,
  direction: OptimizationDirection,
  weights: ReadonlyMap<number, number>,
  capped: boolean,
): LpOutcome {
  const useCap = capped && lp.secondary.some(Boolean);
  const constraints: [number, Constraint][] = useCap
    ? [...lp.constraints, [CAP, { max: ctx.cap }]]
    : lp.constraints;
  const variables = lp.cells.map((j, p): [number, [number, number][]] => {
    const base = lp.coefs[p] ?? [];
    const w = weights.get(j);
    const extra: [number, number][] = [];
    if (w !== undefined) extra.push([OBJECTIVE, w]);
    if (useCap && lp.secondary[p]) extra.push([CAP, 1]);
    return [j, extra.length > 0 ? [...base, ...extra] : base];
  });
  const model: Model<number, number> = {
    direction,
    objective: OBJECTIVE,
    constraints,
    variables,
  };
  ctx.lpCount++;
  const solution = solve(model);
  if (solution.status === 'unbounded') return { kind: 'unbounded' };
  if (solution.status !== 'optimal') return { kind: 'failed' };
  const point = new Map(lp.cells.map((j, p) => [j, lp.lower[p] ?? 0]));
  const position = new Map(lp.cells.map((j, p) => [j, p]));
  for (const [j, y] of solution.variables) {
    point.set(j, y + (lp.lower[position.get(j) ?? 0] ?? 0));
  }
  return { kind: 'optimal', point };
}

/**
 * Which of `targets` (suppressed cells of one component) have a feasible range narrower than 1.
 * Work is shared: every LP solution is a point the viewer cannot exclude, so two first LPs
 * (maximise, then minimise, the sum of the open targets) usually settle most cells at once; only
 * the rest get their own max (and, if needed, min) LP, which is then exact.
 */
function narrowInComponent(ctx: Context, lp: Lp, targets: readonly number[]): number[] {
  const lo = new Map<number, number>();
  const hi = new Map<number, number>();
  for (const j of lp.cells) {
    lo.set(j, valueAt(ctx, j));
    hi.set(j, valueAt(ctx, j));
  }
  const note = (point: ReadonlyMap<number, number>): void => {
    for (const [j, x] of point) {
      if (x < (lo.get(j) ?? x)) lo.set(j, x);
      if (x > (hi.get(j) ?? x)) hi.set(j, x);
    }
  };
  const settled = (j: number): boolean => (hi.get(j) ?? 0) - (lo.get(j) ?? 0) >= 1 - EPS;
  const directions: OptimizationDirection[] = ['maximize', 'minimize'];
  for (const direction of directions) {
    const open = targets.filter((t) => !settled(t));
    if (open.length < 2) break;
    const outcome = runLp(ctx, lp, direction, new Map(open.map((t) => [t, 1])), true);
    if (outcome.kind === 'optimal') note(outcome.point);
  }
  const narrow: number[] = [];
  for (const t of targets) {
    if (settled(t)) continue;
    const up = runLp(ctx, lp, 'maximize', new Map([[t, 1]]), false);
    if (up.kind === 'unbounded') continue;
    if (up.kind === 'failed') {
      narrow.push(t);
      continue;
    }
    note(up.point);
    if (settled(t)) continue;
    const down = runLp(ctx, lp, 'minimize', new Map([[t, 1]]), false);
    if (down.kind === 'optimal') note(down.point);
    if (down.kind !== 'optimal' || !settled(t)) narrow.push(t);
  }
  return narrow;
}

/** The cells among `targets` (suppressed under `st`) that the viewer can pin to within < 1. */
function unprotected(ctx: Context, st: Uint8Array, targets: readonly number[]): number[] {
  if (targets.length === 0) return [];
  const { rootOf, members } = components(ctx, st);
  const byRoot = new Map<number, number[]>();
  for (const t of targets) {
    const r = rootOf[t] ?? -1;
    const list = byRoot.get(r);
    if (list) list.push(t);
    else byRoot.set(r, [t]);
  }
  const narrow: number[] = [];
  for (const [root, ts] of byRoot) {
    const cells = members.get(root);
    if (!cells) continue;
    narrow.push(...narrowInComponent(ctx, buildLp(ctx, st, cells), ts));
  }
  return narrow.sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------
// Secondary suppression.

/**
 * The LP-free pre-pass: an equation with exactly one suppressed cell gives that cell away, so
 * hide one more of its non-zero cells, until no equation has a lone suppressed cell. Cells known
 * to be exposed anyway (`given`) count as known. The cell picked is the one that creates the
 * fewest new lone cells in its other equations (and closes the most), then the smallest value.
 * Mutates `st`; returns the cells it hid.
 */
function closeLoneCells(ctx: Context, st: Uint8Array, given: ReadonlySet<number>): number[] {
  const hidden = (j: number): boolean => st[j] !== SHOWN && !given.has(j);
  const count = ctx.rows.map((row) => row.cells.filter(hidden).length);
  const stuck = new Set<number>();
  const added: number[] = [];
  for (;;) {
    const r = count.findIndex((c, i) => c === 1 && !stuck.has(i));
    if (r < 0) break;
    const row = ctx.rows[r];
    const candidates = row ? row.cells.filter((j) => st[j] === SHOWN && valueAt(ctx, j) > 0) : [];
    if (candidates.length === 0) {
      // Only zeros and given-away cells around it: no hiding helps here; left to the LP stage.
      stuck.add(r);
      continue;
    }
    const score = (j: number): number =>
      sumOf(
        (ctx.rowsOf[j] ?? [])
          .filter((r2) => r2 !== r)
          .map((r2) => (count[r2] === 0 ? 1 : count[r2] === 1 ? -1 : 0)),
      );
    let best = candidates[0] ?? 0;
    let bestScore = score(best);
    for (const j of candidates.slice(1)) {
      const s = score(j);
      const dv = valueAt(ctx, j) - valueAt(ctx, best);
      if (s < bestScore || (s === bestScore && (dv < 0 || (dv === 0 && j < best)))) {
        best = j;
        bestScore = s;
      }
    }
    st[best] = SECONDARY;
    added.push(best);
    for (const r2 of ctx.rowsOf[best] ?? []) count[r2] = (count[r2] ?? 0) + 1;
  }
  return added;
}

/**
 * The cells to hide so that `target` becomes protected: each shown non-zero cell that can change
 * the target's LP (first those sharing an equation with it, then those next to its component),
 * smallest first, is tried together with the lone-cell pass it triggers; the cheapest set (by
 * total value) that protects the target wins. If none does, the smallest candidate is taken
 * anyway (the next round continues from there). `null` when nothing can be hidden any more: the
 * target's component is then as suppressed as it can be, and its exposure is inherent.
 */
function chooseFix(
  ctx: Context,
  st: Uint8Array,
  given: ReadonlySet<number>,
  target: number,
): number[] | null {
  const { rootOf, members } = components(ctx, st);
  const comp = members.get(rootOf[target] ?? -1) ?? [target];
  const nearRows = new Set(ctx.rowsOf[target] ?? []);
  const rowIds = new Set(comp.flatMap((j) => ctx.rowsOf[j] ?? []));
  const near = new Set<number>();
  const far = new Set<number>();
  for (const r of rowIds) {
    for (const j of ctx.rows[r]?.cells ?? []) {
      if (st[j] !== SHOWN || valueAt(ctx, j) === 0) continue;
      (nearRows.has(r) ? near : far).add(j);
    }
  }
  const byValue = (a: number, b: number): number => valueAt(ctx, a) - valueAt(ctx, b) || a - b;
  const candidates = [
    ...[...near].sort(byValue),
    ...[...far].filter((j) => !near.has(j)).sort(byValue),
  ];
  const first = candidates[0];
  if (first === undefined) return null;
  const withLoneCells = (c: number): { trial: Uint8Array; cells: number[] } => {
    const trial = st.slice();
    trial[c] = SECONDARY;
    return { trial, cells: [c, ...closeLoneCells(ctx, trial, given)] };
  };
  let best: { cells: number[]; cost: number } | null = null;
  let trials = 0;
  for (const c of candidates) {
    if (trials >= MAX_TRIALS) break;
    if (best && valueAt(ctx, c) >= best.cost) continue;
    trials++;
    const { trial, cells } = withLoneCells(c);
    if (unprotected(ctx, trial, [target]).length > 0) continue;
    const cost = sumOf(cells.map((j) => valueAt(ctx, j)));
    if (!best || cost < best.cost || (cost === best.cost && cells.length < best.cells.length)) {
      best = { cells, cost };
    }
  }
  return best ? best.cells : withLoneCells(first).cells;
}

/** Every cell linked to `start` through equations (regardless of status). */
function structuralComponent(ctx: Context, start: number): number[] {
  const seen = new Set<number>([start]);
  const queue = [start];
  for (let q = queue.shift(); q !== undefined; q = queue.shift()) {
    for (const r of ctx.rowsOf[q] ?? []) {
      for (const j of ctx.rows[r]?.cells ?? []) {
        if (!seen.has(j)) {
          seen.add(j);
          queue.push(j);
        }
      }
    }
  }
  return [...seen];
}

/** Rounds LP noise (3.9999999997) to the integer it stands for. */
const snap = (x: number): number => (Math.abs(x - Math.round(x)) < 1e-7 ? Math.round(x) : x);

const isSmall = (v: number, k: number): boolean => isSmallCount(v, k);

/**
 * Chooses what to publish: "< k" for every count 0 < v < k (primary), and hidden for the further
 * cells needed (secondary) so that, with the totals, no suppressed cell can be pinned to a range
 * narrower than 1 — see the module comment for what the viewer is assumed to know.
 *
 * Greedy, as statistical offices do it: (1) find the cells that even hiding every non-zero cell
 * could not protect (reported in `exposed`, never chased); (2) LP-free pass: an equation with a
 * lone suppressed cell gets one more cell hidden; (3) LP check of the suppressed cells not yet
 * known to be protected (protection is kept when more is hidden, so each cell is cleared once);
 * (4) for an unprotected cell, hide the cheapest candidate that protects it; repeat from (3).
 * After `maxRounds` rounds, every non-zero cell linked to an unprotected one is hidden (it
 * terminates anyway: each round hides a cell or gives one up as exposed).
 */
export function protectWithReport(
  problem: Problem,
  k: number = DEFAULT_K,
  options: ProtectOptions = {},
): Protection {
  const maxRounds = options.maxRounds ?? MAX_ROUNDS;
  const ctx = contextOf(problem, k);
  const n = problem.values.length;
  const st = Uint8Array.from(problem.values, (v) => (isSmall(v, k) ? PRIMARY : SHOWN));
  const primaries = range(n).filter((j) => st[j] === PRIMARY);
  const result = (exposed: Iterable<number>): Protection => ({
    status: Array.from(st, statusOf),
    exposed: [...exposed].sort((a, b) => a - b),
    lpCount: ctx.lpCount,
  });
  if (primaries.length === 0) return result([]);

  // (1) Inherent exposure: pinned even with every non-zero cell hidden ("< 2" is always 1).
  const everything = Uint8Array.from(problem.values, (v) =>
    isSmall(v, k) ? PRIMARY : v > 0 ? SECONDARY : SHOWN,
  );
  const given = new Set(ctx.kk <= 2 ? primaries : unprotected(ctx, everything, primaries));

  // (2)–(4)
  closeLoneCells(ctx, st, given);
  const cleared = new Set<number>();
  for (let round = 0; ; round++) {
    const open = range(n).filter((j) => st[j] !== SHOWN && !cleared.has(j) && !given.has(j));
    const narrow = unprotected(ctx, st, open);
    const narrowSet = new Set(narrow);
    for (const j of open) if (!narrowSet.has(j)) cleared.add(j);
    const target = narrow[0];
    if (target === undefined) break;
    if (round >= maxRounds) {
      // Last resort: hide every non-zero cell linked to the offending cells.
      for (const t of narrow) {
        for (const j of structuralComponent(ctx, t)) {
          if (st[j] === SHOWN && valueAt(ctx, j) > 0) st[j] = SECONDARY;
        }
      }
      const rest = range(n).filter((j) => st[j] !== SHOWN && !cleared.has(j) && !given.has(j));
      for (const j of unprotected(ctx, st, rest)) given.add(j);
      break;
    }
    const fix = chooseFix(ctx, st, given, target);
    if (fix === null) given.add(target);
    else for (const j of fix) st[j] = SECONDARY;
  }
  return result(given);
}

/**
 * The publication status of every cell (see {@link protectWithReport}, which also reports the
 * rare cells that the table gives away whatever is hidden).
 */
export function protect(problem: Problem, k: number = DEFAULT_K): CellStatus[] {
  return protectWithReport(problem, k).status;
}

/**
 * The viewer's feasible interval of each suppressed cell under `status` (LP min and max, the
 * linear relaxation), by increasing index. A cell is protected when max − min ≥ 1. Used by the
 * app (to say how much a chart gives away) and by the tests. Throws when `status` contradicts the
 * values (a "< k" cell not in [1, k − 1], a hidden cell below k). An LP the solver cannot finish
 * is reported conservatively as exposed (min = max = the true value).
 */
export function exposure(
  problem: Problem,
  status: readonly CellStatus[],
  k: number = DEFAULT_K,
): Exposure[] {
  const ctx = contextOf(problem, k);
  if (status.length !== problem.values.length) {
    throw new RangeError('exposure: one status per cell is needed');
  }
  const st = Uint8Array.from(status, codeOf);
  status.forEach((s, j) => {
    const v = valueAt(ctx, j);
    if ((s === 'primary' && !(v >= 1 && v < k)) || (s === 'secondary' && v < k)) {
      throw new RangeError(`exposure: cell ${j} (value ${v}) cannot be published as ${s}`);
    }
  });
  const { rootOf, members } = components(ctx, st);
  const lps = new Map<number, Lp>();
  const out: Exposure[] = [];
  for (let j = 0; j < st.length; j++) {
    if (st[j] === SHOWN) continue;
    const root = rootOf[j] ?? -1;
    let lp = lps.get(root);
    if (!lp) {
      lp = buildLp(ctx, st, members.get(root) ?? [j]);
      lps.set(root, lp);
    }
    const v = valueAt(ctx, j);
    const up = runLp(ctx, lp, 'maximize', new Map([[j, 1]]), false);
    const down = runLp(ctx, lp, 'minimize', new Map([[j, 1]]), false);
    if (up.kind === 'failed' || down.kind !== 'optimal') {
      out.push({ index: j, min: v, max: v });
      continue;
    }
    const max = up.kind === 'unbounded' ? Infinity : snap(up.point.get(j) ?? v);
    out.push({ index: j, min: snap(down.point.get(j) ?? v), max });
  }
  return out;
}
