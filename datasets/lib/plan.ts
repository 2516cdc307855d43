/**
 * Planning: how many seizures each corridor and country gets in each month (trend × season ×
 * pandemic dip), the operation blocks, and a date-sorted list of plans.
 */
import {
  CORRIDORS,
  LOCAL_SEIZURE_WEIGHTS,
  LOCAL_TRENDS,
  SEASONALITY,
  covidFactor,
} from './corridors';
import {
  DAY_MS,
  EPOCH_END,
  EPOCH_START,
  MONTHS,
  START_YEAR,
  daysInMonth,
  isoToDay,
  monthStartDay,
} from './calendar';
import { OPERATIONS, type OperationSpec } from './operations';
import { Rng, WeightedTable, type Weighted } from './rng';
import { SAHEL } from './regions';

/** Share of seizures that belong to trafficking corridors (the rest are local possession cases). */
const CORRIDOR_SHARE = 0.3;

/** One planned seizure: when, and which stream (corridor or local country) it comes from. */
export interface Plan {
  day: number;
  corridor: number; // index into CORRIDORS, or -1 for a local seizure
  country: number; // index into LOCAL_SEIZURE_WEIGHTS for local seizures
  operation: number; // operation_id or 0
  fixed?: { firearms: number; arrests: number; rounds: number };
}

const yearTrend = (trend: readonly number[], monthIndex: number) =>
  trend[Math.floor(monthIndex / 12)] ?? 1;

/** Splits `total` into `n` non-negative integers proportional to random log-normal weights. */
function allocate(rng: Rng, total: number, n: number, gsd: number): number[] {
  const w = Array.from({ length: n }, () => rng.logNormal(1, gsd));
  const sum = w.reduce((a, b) => a + b, 0);
  const raw = w.map((x) => (x / sum) * total);
  const out = raw.map(Math.floor);
  let rest = total - out.reduce((a, b) => a + b, 0);
  // Largest remainders first; ties by index for determinism.
  const order = raw
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k = (k + 1) % n, rest--) out[order[k]![1]]! += 1;
  return out;
}

/** Builds and date-sorts the seizure plans. */
export function planSeizures(
  input: { seed: number; seizures: number },
  regionOf: (iso3: string) => string,
): Plan[] {
  const rng = new Rng(input.seed, 1);
  const cells: [Plan, number][] = [];
  const realOps = OPERATIONS.filter((o) => !o.is_synthetic);
  const fixedEvents = realOps.reduce((a, o) => a + o.events, 0);
  const n = Math.max(0, input.seizures - fixedEvents);

  // Corridor cells: one per corridor and month.
  CORRIDORS.forEach((c, ci) => {
    for (let mi = 0; mi < MONTHS; mi++) {
      const w =
        c.weight * yearTrend(c.trend, mi) * SEASONALITY[c.season][mi % 12]! * covidFactor(mi);
      cells.push([{ day: mi, corridor: ci, country: -1, operation: 0 }, w]);
    }
  });
  const corridorTotal = cells.reduce((a, [, w]) => a + w, 0);
  // Local cells, scaled so that corridors make up CORRIDOR_SHARE of all planned seizures.
  const localCells: [Plan, number][] = [];
  LOCAL_SEIZURE_WEIGHTS.forEach(([iso3, weight], ki) => {
    const region = regionOf(iso3);
    const season =
      region === 'west_africa' || region === 'central_africa'
        ? SAHEL.has(iso3)
          ? 'sahel'
          : 'coastal_africa'
        : 'americas';
    for (let mi = 0; mi < MONTHS; mi++) {
      const w =
        weight *
        yearTrend(LOCAL_TRENDS[region] ?? [], mi) *
        SEASONALITY[season][mi % 12]! *
        covidFactor(mi);
      localCells.push([{ day: mi, corridor: -1, country: ki, operation: 0 }, w]);
    }
  });
  const localTotal = localCells.reduce((a, [, w]) => a + w, 0);
  const localScale = ((1 - CORRIDOR_SHARE) / CORRIDOR_SHARE) * (corridorTotal / localTotal);
  for (const [p, w] of localCells) cells.push([p, w * localScale]);

  // Synthetic operations: extra local seizures in their countries during their window.
  const opCells: [Plan, number][] = [];
  for (const op of OPERATIONS.filter((o) => o.surge)) {
    const start = isoToDay(op.start_date);
    const days = isoToDay(op.end_date) - start + 1;
    for (const iso3 of op.countries) {
      const ki = LOCAL_SEIZURE_WEIGHTS.findIndex(([c]) => c === iso3);
      if (ki < 0) continue;
      const mi =
        (new Date(start * DAY_MS).getUTCFullYear() - START_YEAR) * 12 +
        new Date(start * DAY_MS).getUTCMonth();
      const perDay = (localCells[ki * MONTHS + mi]![1] * localScale) / daysInMonth(mi);
      opCells.push([
        { day: start, corridor: -1, country: ki, operation: op.operation_id },
        perDay * days * (op.surge! - 1),
      ]);
    }
  }
  const table = new WeightedTable<Plan>([...cells, ...opCells]);

  const plans: Plan[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const cell = table.draw(rng);
    let day: number;
    if (cell.operation) {
      const op = OPERATIONS.find((o) => o.operation_id === cell.operation)!;
      day = cell.day + rng.int(0, isoToDay(op.end_date) - cell.day);
    } else {
      day = monthStartDay(cell.day) + rng.int(0, daysInMonth(cell.day) - 1);
    }
    plans[i] = { day, corridor: cell.corridor, country: cell.country, operation: cell.operation };
  }

  // Real operations: a fixed block of events whose totals match the published figures.
  for (const op of realOps) plans.push(...operationPlans(op, rng));

  // Counting sort by day keeps generation O(n) at 10M rows.
  const span = EPOCH_END - EPOCH_START + 1;
  const counts = new Uint32Array(span + 1);
  for (const p of plans) counts[p.day - EPOCH_START + 1]! += 1;
  for (let d = 1; d <= span; d++) counts[d]! += counts[d - 1]!;
  const sorted: Plan[] = new Array(plans.length);
  for (const p of plans) sorted[counts[p.day - EPOCH_START]!++] = p;
  return sorted;
}

function operationPlans(op: OperationSpec, rng: Rng): Plan[] {
  const start = isoToDay(op.start_date);
  const days = isoToDay(op.end_date) - start;
  const firearms = allocate(rng, op.firearms_seized ?? op.events * 2, op.events, 2.2);
  const arrests = allocate(rng, op.arrests ?? op.events, op.events, 1.8);
  const rounds = allocate(rng, op.ammunition_rounds ?? op.events * 40, op.events, 3);
  const countryWeights: Weighted<number> = op.countries.map((iso3) => {
    const ki = LOCAL_SEIZURE_WEIGHTS.findIndex(([c]) => c === iso3);
    return [ki, ki < 0 ? 0 : LOCAL_SEIZURE_WEIGHTS[ki]![1] + 0.5];
  });
  return Array.from({ length: op.events }, (_, i) => ({
    day: start + rng.int(0, days),
    corridor: -1,
    country: rng.weighted(countryWeights),
    operation: op.operation_id,
    fixed: { firearms: firearms[i]!, arrests: arrests[i]!, rounds: rounds[i]! },
  }));
}
