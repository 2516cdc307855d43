import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';

/** A weighted choice: values and their (unnormalised) weights. */
export type Weighted<T> = readonly (readonly [T, number])[];

/**
 * Seeded random source for the dataset generator. One instance per table stream keeps the
 * tables independent: adding a column to `firearms` does not reshuffle `seizures`.
 */
export class Rng {
  private readonly gen;

  /** Creates a generator from an integer seed and a stream number. */
  constructor(seed: number, stream = 0) {
    this.gen = xoroshiro128plus(seed);
    for (let i = 0; i < stream; i++) this.gen.jump();
  }

  /** Uniform in [0, 1). */
  next(): number {
    return uniformFloat64(this.gen);
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Uniform element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Element chosen with probability proportional to its weight. */
  weighted<T>(items: Weighted<T>): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [value, w] of items) {
      r -= w;
      if (r < 0) return value;
    }
    return items[items.length - 1]![0];
  }

  /** Standard normal deviate (Box–Muller). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal deviate given the median and the geometric standard deviation. */
  logNormal(median: number, gsd: number): number {
    return median * Math.exp(this.normal() * Math.log(gsd));
  }

  /** Poisson deviate (Knuth for small means, normal approximation above 50). */
  poisson(mean: number): number {
    if (mean > 50) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }
}

/**
 * A precomputed weighted table for fast repeated draws (binary search over cumulative weights);
 * used in the generator's hot loops where `Rng.weighted` would rescan the list.
 */
export class WeightedTable<T> {
  private readonly values: T[];
  private readonly cumulative: Float64Array;

  /** Builds the table; weights must be non-negative and not all zero. */
  constructor(items: Weighted<T>) {
    this.values = items.map(([v]) => v);
    this.cumulative = new Float64Array(items.length);
    let total = 0;
    items.forEach(([, w], i) => {
      total += w;
      this.cumulative[i] = total;
    });
    if (!(total > 0)) throw new Error('WeightedTable needs a positive total weight');
  }

  /** Draws one value. */
  draw(rng: Rng): T {
    const c = this.cumulative;
    const r = rng.next() * c[c.length - 1]!;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo] as T;
  }
}
