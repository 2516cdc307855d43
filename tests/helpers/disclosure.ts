/**
 * The viewer's side of safe counts, for tests: from a published table alone (shown values,
 * "< k" marks, hidden marks and the equations its totals make), the feasible range of every
 * suppressed cell, by LP (yalps). Independent of the app's own protection code.
 */
import { solve, type Constraint, type Model } from 'yalps';
import type { CellStatus, Problem } from '../../src/disclosure/problems';

/** A feasible range. */
export interface Range {
  min: number;
  max: number;
}

/**
 * The feasible range of each suppressed cell given only what is published: shown cells are
 * constants, "< k" cells lie in [1, k − 1], hidden cells in [k, ∞), every equation holds.
 * Deliberately a different formulation from the module's: string keys, unshifted variables with
 * explicit bounds, all equations at once (no components, no shared points), min and max always.
 */
export function viewerRanges(
  problem: Problem,
  status: readonly CellStatus[],
  k: number,
): Map<number, Range> {
  const hidden = (j: number): boolean => status[j] !== 'shown';
  const constraints: Record<string, Constraint> = {};
  const variables: Record<string, Record<string, number>> = {};
  status.forEach((s, j) => {
    if (s === 'shown') return;
    constraints[`b${j}`] = s === 'primary' ? { min: 1, max: k - 1 } : { min: k };
    variables[`x${j}`] = { [`b${j}`]: 1 };
  });
  problem.sums.forEach((sum, i) => {
    const terms: [number, number][] = [
      [sum.total, 1],
      ...sum.parts.map((p): [number, number] => [p, -1]),
    ];
    if (!terms.some(([j]) => hidden(j))) return;
    let rhs = 0;
    for (const [j, c] of terms) {
      if (hidden(j)) {
        const coefs = variables[`x${j}`] ?? {};
        coefs[`sum${i}`] = (coefs[`sum${i}`] ?? 0) + c;
      } else {
        rhs -= c * (problem.values[j] ?? 0);
      }
    }
    constraints[`sum${i}`] = { equal: rhs };
  });
  const optimum = (j: number, direction: 'maximize' | 'minimize'): number => {
    const withObjective: Record<string, Record<string, number>> = {
      ...variables,
      [`x${j}`]: { ...variables[`x${j}`], objective: 1 },
    };
    const model: Model = {
      direction,
      objective: 'objective',
      constraints,
      variables: withObjective,
    };
    const solution = solve(model);
    if (solution.status === 'unbounded') return direction === 'maximize' ? Infinity : -Infinity;
    if (solution.status !== 'optimal') throw new Error(`checker LP ${solution.status}`);
    return solution.result;
  };
  const ranges = new Map<number, Range>();
  status.forEach((s, j) => {
    if (s !== 'shown') ranges.set(j, { min: optimum(j, 'minimize'), max: optimum(j, 'maximize') });
  });
  return ranges;
}
