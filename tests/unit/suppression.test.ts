/**
 * Safe counts (src/disclosure/suppression.ts): primary and secondary suppression of small
 * counts. Hand-made cases with known answers, then ~200 seeded random problems (one-way, two-way,
 * flow networks) judged by an independent checker written here: it rebuilds, from the published
 * view alone (shown values, "< k" marks, "hidden" marks, the equations), the viewer's LP with
 * yalps and asserts every suppressed cell can still move by at least 1 — except cells that the
 * table gives away whatever is hidden, which protect() must report, and which the checker
 * confirms by hiding every non-zero cell itself.
 */
import { describe, expect, it } from 'vitest';
import {
  network,
  oneWay,
  twoWay,
  type CellStatus,
  type FlowLink,
  type Problem,
} from '../../src/disclosure/problems';
import { exposure, protect, protectWithReport } from '../../src/disclosure/suppression';
import { viewerRanges } from '../helpers/disclosure';

// ---------------------------------------------------------------------------------------------
// The independent checker: the viewer's knowledge as an LP, with every cell a variable.

/** Suppressed cells whose feasible range is narrower than 1. */
function narrowCells(problem: Problem, status: readonly CellStatus[], k: number): number[] {
  return [...viewerRanges(problem, status, k)]
    .filter(([, r]) => r.max - r.min < 1 - 1e-6)
    .map(([j]) => j);
}

/** The most that can be hidden: every non-zero cell ("< k" when small, hidden otherwise). */
const hideEverything = (problem: Problem, k: number): CellStatus[] =>
  problem.values.map((v) => (v === 0 ? 'shown' : v < k ? 'primary' : 'secondary'));

/** Only the primary suppression ("< k" marks), no secondary. */
const primaryOnly = (problem: Problem, k: number): CellStatus[] =>
  problem.values.map((v) => (v > 0 && v < k ? 'primary' : 'shown'));

/**
 * Everything a published view must satisfy: small counts marked "< k", nothing else below k
 * shown except zeros, hidden cells not small, and every suppressed cell protected — or, when the
 * table gives it away even with everything hidden, reported as exposed.
 */
function expectSafe(problem: Problem, k: number): { status: CellStatus[]; inherent: number } {
  const report = protectWithReport(problem, k);
  const { status } = report;
  expect(status).toHaveLength(problem.values.length);
  problem.values.forEach((v, j) => {
    if (v > 0 && v < k) expect(status[j], `cell ${j} = ${v} must be "< ${k}"`).toBe('primary');
    else expect(status[j], `cell ${j} = ${v} cannot be "< ${k}"`).not.toBe('primary');
    if (v === 0) expect(status[j], `zero cell ${j} stays shown`).toBe('shown');
    if (status[j] === 'shown') expect(v === 0 || v >= k, `shown cell ${j} = ${v}`).toBe(true);
  });
  const narrow = narrowCells(problem, status, k);
  if (narrow.length > 0) {
    // Allowed only if no suppression at all could protect them; protect() must say so.
    const worst = narrowCells(problem, hideEverything(problem, k), k);
    for (const j of narrow) expect(worst, `cell ${j} is pinned but protectable`).toContain(j);
  }
  expect(report.exposed).toEqual(narrow);
  return { status, inherent: narrow.length };
}

// ---------------------------------------------------------------------------------------------
// Random problems.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (rand: Rand, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
/** Many small counts: ~15% zeros, ~40% in 1…k−1, the rest up to ~60. */
const count = (rand: Rand, k: number): number => {
  const u = rand();
  if (u < 0.15) return 0;
  if (u < 0.55) return int(rand, 1, Math.max(1, k - 1));
  return int(rand, k, k + 55);
};

function randomNetwork(rand: Rand, k: number): FlowLink[] {
  const origins = Array.from({ length: int(rand, 1, 5) }, (_, i) => `O${i}`);
  const transits = Array.from({ length: int(rand, 0, 4) }, (_, i) => `T${i}`);
  const dests = Array.from({ length: int(rand, 1, 5) }, (_, i) => `D${i}`);
  const links: FlowLink[] = [];
  const inflow = new Map<string, number>();
  for (const o of origins) {
    for (const t of transits) {
      if (rand() < 0.5) {
        const value = count(rand, k) || 1;
        links.push({ source: o, target: t, value });
        inflow.set(t, (inflow.get(t) ?? 0) + value);
      }
    }
    for (const d of dests) {
      if (rand() < 0.4) links.push({ source: o, target: d, value: count(rand, k) || 1 });
    }
  }
  for (const t of transits) {
    let left = inflow.get(t) ?? 0;
    const outs = dests.filter(() => rand() < 0.6);
    if (left === 0) continue;
    if (outs.length === 0) outs.push(dests[0] ?? 'D0');
    outs.forEach((d, i) => {
      const value = i === outs.length - 1 ? left : int(rand, 1, left - (outs.length - 1 - i));
      if (value <= 0) return;
      links.push({ source: t, target: d, value });
      left -= value;
    });
  }
  return links;
}

// ---------------------------------------------------------------------------------------------

describe('builders', () => {
  it('oneWay appends the total', () => {
    const { problem, cells, total } = oneWay([3, 0, 9]);
    expect(problem.values).toEqual([3, 0, 9, 12]);
    expect(problem.sums).toEqual([{ total: 3, parts: [0, 1, 2] }]);
    expect(cells).toEqual([0, 1, 2]);
    expect(total).toBe(3);
  });

  it('twoWay adds row totals, column totals and the grand total', () => {
    const t = twoWay([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t.problem.values).toEqual([1, 2, 3, 4, 5, 6, 6, 15, 5, 7, 9, 21]);
    expect(t.cells).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(t.rowTotals).toEqual([6, 7]);
    expect(t.columnTotals).toEqual([8, 9, 10]);
    expect(t.grandTotal).toBe(11);
    expect(t.problem.sums).toHaveLength(2 + 3 + 2);
    for (const s of t.problem.sums) {
      const parts = s.parts.reduce((a, p) => a + (t.problem.values[p] ?? 0), 0);
      expect(t.problem.values[s.total]).toBe(parts);
    }
    expect(() => twoWay([[1, 2], [3]])).toThrow(RangeError);
  });

  it('network: a node per place, a sum per side, transit in = node = out', () => {
    const n = network([
      { source: 'A', target: 'T', value: 3 },
      { source: 'B', target: 'T', value: 10 },
      { source: 'T', target: 'C', value: 7 },
      { source: 'T', target: 'D', value: 6 },
    ]);
    expect(n.links).toEqual([0, 1, 2, 3]);
    expect([...n.nodes]).toEqual([
      ['A', 4],
      ['T', 5],
      ['B', 6],
      ['C', 7],
      ['D', 8],
    ]);
    expect(n.problem.values).toEqual([3, 10, 7, 6, 3, 13, 10, 7, 6]);
    expect(n.problem.sums).toEqual([
      { total: 4, parts: [0] },
      { total: 5, parts: [0, 1] },
      { total: 5, parts: [2, 3] },
      { total: 6, parts: [1] },
      { total: 7, parts: [2] },
      { total: 8, parts: [3] },
    ]);
    expect(() =>
      network([
        { source: 'A', target: 'T', value: 3 },
        { source: 'T', target: 'C', value: 4 },
      ]),
    ).toThrow(/inflow 3 but outflow 4/);
  });

  it('rejects problems whose equations do not hold or whose values are not counts', () => {
    expect(() => protect({ values: [1, 2, 4], sums: [{ total: 2, parts: [0, 1] }] })).toThrow(
      RangeError,
    );
    expect(() => protect({ values: [-1, 1, 0], sums: [] })).toThrow(RangeError);
    expect(() => protect({ values: [1.5], sums: [] })).toThrow(RangeError);
    expect(() => protect({ values: [1], sums: [{ total: 0, parts: [3] }] })).toThrow(RangeError);
  });
});

describe('the checker has teeth', () => {
  it('sees that a lone "< 5" in a bar chart is the total minus the rest', () => {
    const { problem } = oneWay([2, 10, 7, 30]);
    expect(narrowCells(problem, primaryOnly(problem, 5), 5)).toEqual([0]);
    const r = viewerRanges(problem, primaryOnly(problem, 5), 5).get(0);
    expect(r).toEqual({ min: 2, max: 2 });
  });
});

describe('protect: hand cases', () => {
  it('one small cell in a bar chart: exactly one more cell hidden, the smallest', () => {
    const { problem } = oneWay([2, 10, 7, 30]);
    const status = protect(problem, 5);
    expect(status).toEqual(['primary', 'shown', 'secondary', 'shown', 'shown']);
    expect(status.filter((s) => s !== 'shown')).toHaveLength(2);
    expectSafe(problem, 5);
  });

  it('two "< 5" that sum to a known 2 are both 1: one more cell hidden', () => {
    const { problem } = oneWay([1, 1, 10, 20]);
    // With the primaries alone, the total says they add up to 2, so both are exactly 1.
    expect(narrowCells(problem, primaryOnly(problem, 5), 5)).toEqual([0, 1]);
    const status = protect(problem, 5);
    expect(status).toEqual(['primary', 'primary', 'secondary', 'shown', 'shown']);
    expectSafe(problem, 5);
  });

  it('two 2×2 blocks joined by one bridge cell: the bridge is caught', () => {
    // Rows 0–1 × columns 0–1 and rows 2–3 × columns 2–3 are blocks of small counts, and cell
    // (0, 2) joins them. Every row and column has ≥ 2 small cells, so the naive rule is content,
    // but block A's margins give a00 + a01, and row 0 then gives the bridge away.
    const m = [
      [2, 2, 3, 20, 30],
      [2, 2, 20, 20, 30],
      [20, 20, 2, 2, 30],
      [20, 20, 2, 2, 30],
      [30, 30, 30, 30, 30],
    ];
    const t = twoWay(m);
    const bridge = t.cells[0]?.[2] ?? -1;
    const naive = primaryOnly(t.problem, 5);
    expect(naive.filter((s) => s === 'primary')).toHaveLength(9);
    expect(narrowCells(t.problem, naive, 5)).toEqual([bridge]);
    const status = protect(t.problem, 5);
    expect(status.filter((s) => s === 'secondary').length).toBeGreaterThan(0);
    expectSafe(t.problem, 5);
  });

  it('a single small cell in a table: a rectangle of four', () => {
    const m = [
      [30, 40, 50, 60],
      [35, 3, 45, 55],
      [31, 41, 51, 61],
    ];
    const t = twoWay(m);
    const status = protect(t.problem, 5);
    expect(status.filter((s) => s !== 'shown')).toHaveLength(4);
    expectSafe(t.problem, 5);
  });

  it('a flow network with a transit node', () => {
    const n = network([
      { source: 'A', target: 'T', value: 3 },
      { source: 'B', target: 'T', value: 10 },
      { source: 'T', target: 'C', value: 7 },
      { source: 'T', target: 'D', value: 6 },
    ]);
    // Link A→T (3) and node A (3) are small; A = A→T does not give them away, but T's inflow
    // (13 − 10) does.
    expect(narrowCells(n.problem, primaryOnly(n.problem, 5), 5)).toEqual([0, 4]);
    const status = protect(n.problem, 5);
    expect(status[n.links[0] ?? -1]).toBe('primary');
    expect(status[n.nodes.get('A') ?? -1]).toBe('primary');
    expect(status.filter((s) => s === 'secondary')).toHaveLength(2);
    expectSafe(n.problem, 5);
  });

  it('the last resort (no greedy rounds left) hides the linked cells and is still safe', () => {
    const t = twoWay([
      [2, 2, 3, 20, 30],
      [2, 2, 20, 20, 30],
      [20, 20, 2, 2, 30],
      [20, 20, 2, 2, 30],
      [30, 30, 30, 30, 30],
    ]);
    const report = protectWithReport(t.problem, 5, { maxRounds: 0 });
    expect(narrowCells(t.problem, report.status, 5)).toEqual([]);
    expect(report.exposed).toEqual([]);
    // Everything non-zero linked to the bridge: the whole table.
    expect(report.status.every((s) => s !== 'shown')).toBe(true);
  });

  it('k = 1 and k = 0 suppress nothing', () => {
    const t = twoWay([
      [1, 0, 2],
      [3, 1, 1],
    ]);
    for (const k of [0, 1]) {
      const report = protectWithReport(t.problem, k);
      expect(report.status.every((s) => s === 'shown')).toBe(true);
      expect(report.exposed).toEqual([]);
      expect(report.lpCount).toBe(0);
    }
  });

  it('an all-zero table shows everything', () => {
    const t = twoWay([
      [0, 0],
      [0, 0],
    ]);
    expect(protect(t.problem).every((s) => s === 'shown')).toBe(true);
    expect(protect(oneWay([]).problem).every((s) => s === 'shown')).toBe(true);
  });

  it('a single cell whose total is below k: both "< 5", nothing more to hide', () => {
    const { problem } = oneWay([3]);
    expect(protect(problem, 5)).toEqual(['primary', 'primary']);
    expectSafe(problem, 5);
    expect(exposure(problem, ['primary', 'primary'], 5)).toEqual([
      { index: 0, min: 1, max: 4 },
      { index: 1, min: 1, max: 4 },
    ]);
  });

  it('a total below k with small parts: zeros are not needed, the total is "< k"', () => {
    const { problem } = oneWay([2, 0, 1, 0]);
    const status = protect(problem, 5);
    expect(status).toEqual(['primary', 'shown', 'primary', 'shown', 'primary']);
    expectSafe(problem, 5);
  });

  it('what the table gives away whatever is hidden is reported, not chased', () => {
    // Four "< 5" and a "< 5" total: each is at least 1, so the total is 4 and each is 1.
    const { problem } = oneWay([1, 1, 1, 1]);
    const report = protectWithReport(problem, 5);
    expect(report.status).toEqual(['primary', 'primary', 'primary', 'primary', 'primary']);
    expect(report.exposed).toEqual([0, 1, 2, 3, 4]);
    expectSafe(problem, 5);

    // The same row inside a table: its cells are lost, the rest is protected as usual, and no
    // cell is hidden in their columns to protect what cannot be protected.
    const t = twoWay([
      [1, 1, 1, 1],
      [30, 40, 50, 60],
      [31, 41, 51, 61],
    ]);
    const inTable = protectWithReport(t.problem, 5);
    expect(inTable.exposed).toEqual([...(t.cells[0] ?? []), t.rowTotals[0]]);
    expect(inTable.status.filter((s) => s === 'secondary')).toEqual([]);
    expectSafe(t.problem, 5);

    // "< 2" can only mean 1.
    expect(protectWithReport(oneWay([1, 9, 9]).problem, 2).exposed).toEqual([0]);
  });

  it('exposure() gives the viewer interval, Infinity for a hidden cell with no upper bound', () => {
    const { problem } = oneWay([2, 10, 7, 30]);
    const status = protect(problem, 5);
    // x0 + x2 = 9 with x0 in [1, 4] and x2 ≥ 5.
    expect(exposure(problem, status, 5)).toEqual([
      { index: 0, min: 1, max: 4 },
      { index: 2, min: 5, max: 8 },
    ]);
    const open = oneWay([2, 10]).problem;
    expect(exposure(open, ['primary', 'secondary', 'secondary'], 5)).toEqual([
      { index: 0, min: 1, max: 4 },
      { index: 1, min: 5, max: Infinity },
      { index: 2, min: 6, max: Infinity },
    ]);
    expect(() => exposure(problem, ['secondary', 'shown', 'shown', 'shown', 'shown'], 5)).toThrow(
      RangeError,
    );
  });
});

describe('protect: random problems against the independent checker', () => {
  it('~200 seeded problems: one-way, two-way up to 12×10, flow networks', () => {
    const rand = mulberry32(20240601);
    const ks = [3, 4, 5, 5, 5, 10];
    const problems: { kind: string; problem: Problem; k: number }[] = [];
    for (let i = 0; i < 70; i++) {
      const k = ks[int(rand, 0, ks.length - 1)] ?? 5;
      const values = Array.from({ length: int(rand, 1, 15) }, () => count(rand, k));
      problems.push({ kind: 'one-way', problem: oneWay(values).problem, k });
    }
    for (let i = 0; i < 80; i++) {
      const k = ks[int(rand, 0, ks.length - 1)] ?? 5;
      const rows = int(rand, 1, 12);
      const cols = int(rand, 1, 10);
      const m = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () => count(rand, k)),
      );
      problems.push({ kind: 'two-way', problem: twoWay(m).problem, k });
    }
    for (let i = 0; i < 50; i++) {
      const k = ks[int(rand, 0, ks.length - 1)] ?? 5;
      problems.push({ kind: 'network', problem: network(randomNetwork(rand, k)).problem, k });
    }

    let naiveCaught = 0;
    let withPrimaries = 0;
    let inherent = 0;
    let suppressed = 0;
    let secondary = 0;
    let protectMs = 0;
    const started = performance.now();
    for (const { kind, problem, k } of problems) {
      const t0 = performance.now();
      protect(problem, k);
      protectMs += performance.now() - t0;
      const { status, inherent: lost } = expectSafe(problem, k);
      if (lost > 0) inherent++;
      suppressed += status.filter((s) => s !== 'shown').length;
      secondary += status.filter((s) => s === 'secondary').length;
      const naive = primaryOnly(problem, k);
      if (naive.some((s) => s === 'primary')) {
        withPrimaries++;
        if (narrowCells(problem, naive, k).length > 0) naiveCaught++;
      }
      // exposure() agrees with the checker on the published view.
      const ranges = viewerRanges(problem, status, k);
      for (const e of exposure(problem, status, k)) {
        const r = ranges.get(e.index);
        expect(r, `${kind}: cell ${e.index}`).toBeDefined();
        expect(Math.abs(e.min - (r?.min ?? NaN))).toBeLessThan(1e-6);
        if (e.max === Infinity) expect(r?.max).toBe(Infinity);
        else expect(Math.abs(e.max - (r?.max ?? NaN))).toBeLessThan(1e-6);
      }
    }
    const totalMs = performance.now() - started;
    console.log(
      `suppression random suite: ${problems.length} problems, protect() ${protectMs.toFixed(0)} ms ` +
        `(whole test with checker ${totalMs.toFixed(0)} ms); ${suppressed} cells suppressed, ` +
        `${secondary} secondary; primary-only pattern unsafe in ${naiveCaught}/${withPrimaries}; ` +
        `${inherent} problems give cells away whatever is hidden`,
    );
    // The suite must exercise secondary suppression, not only trivially safe patterns.
    expect(naiveCaught).toBeGreaterThan(withPrimaries / 2);
    expect(inherent).toBeLessThan(problems.length / 4);
  });
});

describe('protect: speed', () => {
  // Timed, not asserted. "Many small": ~40% of the cells are 1–4 (most rows and columns protect
  // each other); "some small": ~12%, so most small cells need partners found by the greedy.
  const densities = [
    { name: 'many small', small: 0.4 },
    { name: 'some small', small: 0.12 },
  ];
  for (const { name, small } of densities) {
    it(`a 20×15 table, ${name}`, () => {
      const rand = mulberry32(7);
      const cell = (): number => {
        const u = rand();
        if (u < 0.1) return 0;
        return u < 0.1 + small ? int(rand, 1, 4) : int(rand, 5, 60);
      };
      const m = Array.from({ length: 20 }, () => Array.from({ length: 15 }, cell));
      const t = twoWay(m);
      const t0 = performance.now();
      const report = protectWithReport(t.problem, 5);
      const ms = performance.now() - t0;
      const primary = report.status.filter((s) => s === 'primary').length;
      const secondary = report.status.filter((s) => s === 'secondary').length;
      console.log(
        `suppression 20×15 (${name}): ${t.problem.values.length} cells, ${primary} primary, ` +
          `${secondary} secondary, ${report.exposed.length} exposed, ${report.lpCount} LPs, ` +
          `${ms.toFixed(0)} ms`,
      );
      expectSafe(t.problem, 5);
    });
  }
});
