/**
 * The simulation: plans every seizure (when, where, on which corridor), sorts the plans by date,
 * then describes each seizure, its firearms and their trace requests, streaming rows to a sink.
 * Every random draw comes from seeded streams, so the same seed gives the same rows.
 */
import { createHash } from 'node:crypto';
import { EPOCH_END } from './calendar';
import { CORRIDORS } from './corridors';
import type { ModelSpec } from './arsenal';
import { describeFirearm, describeTrace, modelTableFor, TRACE_RATE } from './firearm';
import type { Hub, Place } from './geography';
import { planSeizures } from './plan';
import { Rng } from './rng';
import { describeSeizure, seizureRow, type Context } from './seizure';

export { START_YEAR, END_YEAR, dayToIso } from './calendar';

/** Receives generated rows, in table column order (see `schema.ts`); DATE values are day numbers. */
export interface RowSink {
  seizure(row: unknown[]): void;
  firearm(row: unknown[]): void;
  trace(row: unknown[]): void;
}

/** Inputs of a simulation run. */
export interface SimulationInput {
  seed: number;
  seizures: number;
  places: readonly Place[];
  hubs: ReadonlyMap<string, readonly Hub[]>;
}

/** Counts of what was written. */
export interface SimulationSummary {
  seizures: number;
  firearms: number;
  traces: number;
}

/** Runs the whole simulation, streaming rows to the sink. */
export function simulate(input: SimulationInput, sink: RowSink): SimulationSummary {
  const placeByIso3 = new Map(input.places.map((p) => [p.iso3, p]));
  const regionOf = (iso3: string) => placeByIso3.get(iso3)?.atlas_region ?? 'other';
  const plans = planSeizures(input, regionOf);
  const ctx: Context = {
    distanceCache: new Map(),
    places: placeByIso3,
    hubs: input.hubs,
    regionOf,
  };
  const rng = new Rng(input.seed, 2);
  const frng = new Rng(input.seed, 3);
  const trng = new Rng(input.seed, 4);
  const salt = createHash('sha256').update(`atlas-salt-${input.seed}`).digest('hex');
  const cutoff = EPOCH_END;

  let firearmId = 0;
  let traceId = 0;
  for (let i = 0; i < plans.length; i++) {
    const plan = plans[i]!;
    const seizureId = i + 1;
    const corridor = plan.corridor >= 0 ? CORRIDORS[plan.corridor]! : null;
    const s = describeSeizure(plan, corridor, rng, ctx);
    const row = seizureRow(seizureId, s);
    sink.seizure(row);

    // Firearms: a consignment often repeats the same model.
    const modelTable = modelTableFor(s.arsenal);
    let model: ModelSpec | undefined;
    for (let k = 0; k < s.firearms; k++) {
      if (!model || !frng.chance(0.6)) model = modelTable.draw(frng);
      const id = ++firearmId;
      const f = describeFirearm(model, s, frng, regionOf);
      let traceRef: number | null = null;
      if (f.traceable && frng.chance(TRACE_RATE[regionOf(s.country)] ?? 0.1)) {
        const t = describeTrace(model, f.marking, s, trng, cutoff);
        if (t) {
          traceRef = ++traceId;
          sink.trace([
            traceRef,
            id,
            seizureId,
            s.country,
            t.requested,
            t.sent,
            t.answered,
            t.outcome,
            t.lastImport,
            t.diversion,
            t.ttc,
          ]);
        }
      }
      const serial =
        f.marking === 'obliterated' || f.marking === 'unmarked'
          ? null
          : createHash('sha256').update(`${salt}:${id}:${frng.next()}`).digest('hex').slice(0, 16);
      sink.firearm([
        id,
        seizureId,
        model.type,
        model.make,
        model.model,
        model.calibre,
        model.country,
        f.year,
        f.marking,
        f.condition,
        f.iarms,
        serial,
        traceRef,
      ]);
    }
  }
  return { seizures: plans.length, firearms: firearmId, traces: traceId };
}
