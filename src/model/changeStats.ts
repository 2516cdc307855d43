/**
 * "What changed" between two periods, in numbers a count can carry: for each item (a route, a
 * country, a calibre…) its count in the current and the baseline period, an exact conditional
 * binomial test of the split, a false-discovery-rate correction across the list, and the effect
 * size. Pure: counts in, ranked movers out (the counts come from `src/sql/changes.ts`).
 *
 * The test: given n = current + baseline events of an item, and periods of lengths Lc and Lb, the
 * current count is Binomial(n, Lc / (Lc + Lb)) when the item's rate did not change. The two-sided
 * p-value doubles the smaller tail (capped at 1). Items with fewer than `minCount` events in all,
 * or fewer than `minBaseline` in the baseline, are flagged (a rise from 1 to 6 is not a trend)
 * and not ranked. p-values of the ranked items are adjusted by Benjamini–Hochberg.
 */

/** Natural log of the gamma function (Lanczos, g = 7; |error| < 1e-13 for x > 0). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** The regularised incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x),
  );
  return x < (a + 1) / (a + b + 2)
    ? (front * betaFraction(a, b, x)) / a
    : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(X ≤ k) for X ~ Binomial(n, p). */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  return 1 - incompleteBeta(p, k + 1, n - k);
}

/** Two-sided p-value of `k` successes in `n` trials with probability `p` (doubled smaller tail). */
export function binomialTest(k: number, n: number, p: number): number {
  if (n === 0) return 1;
  const lower = binomialCdf(k, n, p);
  const upper = 1 - binomialCdf(k - 1, n, p);
  return Math.min(1, 2 * Math.min(lower, upper));
}

/** Benjamini–Hochberg adjusted p-values, in the order given. */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(m);
  let min = 1;
  for (let r = m; r >= 1; r--) {
    const { p, i } = order[r - 1]!;
    min = Math.min(min, (p * m) / r);
    adjusted[i] = min;
  }
  return adjusted;
}

/** One item's counts in the two periods. */
export interface ChangeCounts {
  /** What the item is (a dimension, e.g. `route`, and its key, e.g. `USA>MEX`). */
  dimension: string;
  key: string;
  current: number;
  baseline: number;
}

/** The thresholds of the analysis. */
export interface ChangeOptions {
  /** Lengths of the two periods (days, or any unit both share). */
  currentLength: number;
  baselineLength: number;
  /** Fewest events (both periods) for an item to be tested (default 10). */
  minCount?: number;
  /** Fewest baseline events for an item to be ranked (default 5); fewer: flagged. */
  minBaseline?: number;
  /** False-discovery rate at which a change is called significant (default 0.05). */
  fdr?: number;
}

/** An item's change. */
export interface Mover extends ChangeCounts {
  /** Rate ratio current / baseline (per unit of period length); Infinity from a zero baseline. */
  rateRatio: number;
  /** Difference of the counts, scaled to the current period's length. */
  change: number;
  /** Two-sided p-value of the exact conditional test; null when not tested. */
  p: number | null;
  /** Benjamini–Hochberg adjusted p-value among the ranked items; null when not ranked. */
  q: number | null;
  significant: boolean;
  /** Why the item is not ranked: too few events, or too low a baseline. */
  flag: 'few events' | 'low baseline' | null;
}

/**
 * The movers: every item with its test, the ranked ones first (significant first, then by the
 * size of the change, larger rate ratios away from 1 first), the flagged ones after.
 */
export function rankMovers(items: readonly ChangeCounts[], options: ChangeOptions): Mover[] {
  const minCount = options.minCount ?? 10;
  const minBaseline = options.minBaseline ?? 5;
  const fdr = options.fdr ?? 0.05;
  const share = options.currentLength / (options.currentLength + options.baselineLength);
  const scale = options.currentLength / options.baselineLength;
  const movers: Mover[] = items.map((it) => {
    const n = it.current + it.baseline;
    const flag: Mover['flag'] =
      n < minCount ? 'few events' : it.baseline < minBaseline ? 'low baseline' : null;
    return {
      ...it,
      rateRatio: it.baseline > 0 ? it.current / (it.baseline * scale) : Infinity,
      change: it.current - it.baseline * scale,
      p: n < minCount ? null : binomialTest(it.current, n, share),
      q: null,
      significant: false,
      flag,
    };
  });
  const ranked = movers.filter((m) => m.flag === null);
  const q = benjaminiHochberg(ranked.map((m) => m.p!));
  ranked.forEach((m, i) => {
    m.q = q[i]!;
    m.significant = m.q <= fdr;
  });
  const size = (m: Mover) => Math.abs(Math.log(m.rateRatio || 1e-9));
  return [
    ...ranked.sort(
      (a, b) =>
        Number(b.significant) - Number(a.significant) ||
        size(b) - size(a) ||
        Math.abs(b.change) - Math.abs(a.change) ||
        a.key.localeCompare(b.key),
    ),
    ...movers
      .filter((m) => m.flag !== null)
      .sort(
        (a, b) => b.current + b.baseline - (a.current + a.baseline) || a.key.localeCompare(b.key),
      ),
  ];
}
