/**
 * Describing firearms and their trace requests: year, markings, condition, iARMS check, and for
 * traced arms the requested country, outcome, response time, diversion point and time-to-crime.
 */
import type { DiversionPoint, MarkingStatus, TraceOutcome } from '../../src/domain/vocabulary';
import { ARSENALS, type ArsenalKey, type ModelSpec } from './arsenal';
import { DAY_MS } from './calendar';
import { EU_MAKERS } from './regions';
import { WeightedTable, type Rng, type Weighted } from './rng';
import type { SeizureFacts } from './seizure';

const modelTables = new Map<ArsenalKey, WeightedTable<ModelSpec>>();
/** The weighted model table of an arsenal (built once). */
export function modelTableFor(key: ArsenalKey): WeightedTable<ModelSpec> {
  let t = modelTables.get(key);
  if (!t)
    modelTables.set(key, (t = new WeightedTable(ARSENALS[key].map((m) => [m, m.weight] as const))));
  return t;
}

/** Probability that a seized, traceable firearm gets an international trace request, by region. */
export const TRACE_RATE: Record<string, number> = {
  central_america_mexico: 0.47,
  caribbean: 0.5,
  south_america: 0.28,
  west_africa: 0.1,
  central_africa: 0.07,
};

export interface FirearmFacts {
  year: number | null;
  marking: MarkingStatus;
  condition: string;
  iarms: string;
  traceable: boolean;
}

/** Decides the attributes of one seized firearm. */
export function describeFirearm(
  model: ModelSpec,
  s: SeizureFacts,
  rng: Rng,
  regionOf: (iso3: string) => string,
): FirearmFacts {
  const seizedYear = new Date(s.day * DAY_MS).getUTCFullYear();
  const [y0, y1raw] = model.years;
  const y1 = Math.min(y1raw, seizedYear);
  const lo = Math.min(y0, y1);
  // Civilian-market arms skew recent (max of two uniforms); stockpiles do not.
  const u =
    s.arsenal === 'us_civilian' || s.arsenal === 'turkish_civilian'
      ? Math.max(rng.next(), rng.next())
      : rng.next();
  const year = model.make === null || rng.chance(0.08) ? null : lo + Math.floor(u * (y1 - lo + 1));
  let condition: string = model.condition ?? 'original';
  if (condition === 'original') {
    if (rng.chance(0.012)) condition = 'converted';
    else if (rng.chance(0.005)) condition = 'reactivated';
  }
  const marking: MarkingStatus =
    condition === 'craft'
      ? 'unmarked'
      : rng.weighted([
          ['intact', 0.76],
          ['altered', 0.07],
          ['obliterated', s.justification === 'illicit_trafficking' ? 0.22 : 0.14],
        ]);
  const americas = !regionOf(s.country).includes('africa');
  const iarms =
    marking === 'unmarked' || marking === 'obliterated' || !rng.chance(americas ? 0.55 : 0.35)
      ? 'not_checked'
      : rng.weighted([
          ['no_record', 0.86],
          ['stolen', 0.06],
          ['lost', 0.03],
          ['trafficked', 0.03],
          ['smuggled', 0.02],
        ]);
  const traceable = model.make !== null && (marking !== 'obliterated' || rng.chance(0.15));
  return { year, marking, condition, iarms, traceable };
}

export interface TraceFacts {
  requested: string;
  sent: number;
  answered: number | null;
  outcome: TraceOutcome;
  lastImport: string | null;
  diversion: DiversionPoint | null;
  ttc: number | null;
}

/** Response profile of a requested country: outcome shares and median response in days. */
function responseProfile(requested: string): {
  traced: number;
  notTraceable: number;
  refused: number;
  medianDays: number;
  gsd: number;
} {
  if (requested === 'USA')
    return { traced: 0.78, notTraceable: 0.14, refused: 0, medianDays: 9, gsd: 2.4 };
  if (EU_MAKERS.has(requested))
    return { traced: 0.62, notTraceable: 0.18, refused: 0.04, medianDays: 45, gsd: 2.1 };
  if (requested === 'TUR')
    return { traced: 0.45, notTraceable: 0.2, refused: 0.12, medianDays: 75, gsd: 2 };
  if (requested === 'RUS' || requested === 'CHN')
    return { traced: 0.12, notTraceable: 0.2, refused: 0.38, medianDays: 150, gsd: 1.9 };
  if (requested === 'BRA' || requested === 'ARG' || requested === 'ISR')
    return { traced: 0.55, notTraceable: 0.2, refused: 0.05, medianDays: 60, gsd: 2 };
  return { traced: 0.4, notTraceable: 0.3, refused: 0.1, medianDays: 100, gsd: 2 };
}

const DIVERSION: Record<ArsenalKey, Weighted<DiversionPoint>> = {
  us_civilian: [
    ['domestic_retail', 0.82],
    ['import', 0.03],
    ['export', 0.02],
    ['unknown', 0.13],
  ],
  europe_legal: [
    ['export', 0.55],
    ['import', 0.2],
    ['domestic_retail', 0.1],
    ['unknown', 0.15],
  ],
  turkish_civilian: [
    ['export', 0.7],
    ['domestic_retail', 0.15],
    ['unknown', 0.15],
  ],
  latam_domestic: [
    ['domestic_retail', 0.5],
    ['state_stockpile', 0.2],
    ['export', 0.15],
    ['unknown', 0.15],
  ],
  latam_stockpile: [
    ['state_stockpile', 0.75],
    ['export', 0.1],
    ['unknown', 0.15],
  ],
  sahel_stockpile: [
    ['state_stockpile', 0.75],
    ['export', 0.1],
    ['unknown', 0.15],
  ],
  central_africa_mix: [
    ['state_stockpile', 0.45],
    ['export', 0.25],
    ['unknown', 0.3],
  ],
  west_africa_civilian: [
    ['export', 0.4],
    ['state_stockpile', 0.3],
    ['unknown', 0.3],
  ],
  craft_africa: [['unknown', 1]],
};

/** Decides the trace request of a firearm, or null when it would be sent after the cutoff. */
export function describeTrace(
  model: ModelSpec,
  marking: MarkingStatus,
  s: SeizureFacts,
  rng: Rng,
  cutoff: number,
): TraceFacts | null {
  const maker = model.country!;
  // US civilian-market guns are traced through the US (last retail sale); others to the maker.
  const requested = s.arsenal === 'us_civilian' ? 'USA' : maker;
  const lastImport =
    s.arsenal === 'us_civilian'
      ? maker === 'USA'
        ? null
        : 'USA'
      : s.routeOrigin && s.routeOrigin !== maker && s.routeOrigin !== s.country
        ? s.routeOrigin
        : null;
  const sent = s.day + Math.max(1, Math.round(rng.logNormal(requested === 'USA' ? 7 : 25, 2.5)));
  if (sent > cutoff) return null;
  const p = responseProfile(requested);
  const tracedShare = marking === 'obliterated' ? p.traced * 0.5 : p.traced;
  const draw = rng.next();
  let outcome: TraceOutcome =
    draw < tracedShare
      ? 'traced'
      : draw < tracedShare + p.notTraceable + (p.traced - tracedShare)
        ? 'not_traceable'
        : draw < tracedShare + p.notTraceable + (p.traced - tracedShare) + p.refused
          ? 'refused'
          : 'pending';
  let answered: number | null =
    outcome === 'pending'
      ? null
      : sent + Math.max(1, Math.round(rng.logNormal(p.medianDays, p.gsd)));
  if (answered !== null && answered > cutoff) {
    answered = null;
    outcome = 'pending';
  }
  const diversion = outcome === 'traced' ? rng.weighted(DIVERSION[s.arsenal]) : null;
  let ttc: number | null = null;
  if (diversion === 'domestic_retail' || diversion === 'import') {
    const seizedYear = new Date(s.day * DAY_MS).getUTCFullYear();
    const maxDays = Math.max(30, (seizedYear - model.years[0] + 1) * 365);
    const short = s.arsenal === 'us_civilian' ? 0.4 : 0.2;
    const median = rng.chance(short) ? 300 : s.arsenal === 'us_civilian' ? 2900 : 2200;
    ttc = Math.min(maxDays, Math.max(1, Math.round(rng.logNormal(median, 2))));
  }
  return { requested, sent, answered, outcome, lastImport, diversion, ttc };
}
