/**
 * The simulation: plans every seizure (when, where, on which corridor), sorts the plans by date,
 * then describes each seizure, its firearms and their trace requests, streaming rows to a sink.
 * Every random draw comes from seeded streams, so the same seed gives the same rows.
 */
import { createHash } from 'node:crypto';
import { LINKED_CRIMES } from '../../src/domain/vocabulary';
import type {
  Agency,
  CriminalContext,
  DiversionPoint,
  LinkedCrime,
  MarkingStatus,
  PlaceType,
  TraceOutcome,
  TransportMode,
  Concealment,
} from '../../src/domain/vocabulary';
import { ARSENALS, LOCAL_ARSENALS, type ArsenalKey, type ModelSpec } from './arsenal';
import {
  CORRIDORS,
  LOCAL_SEIZURE_WEIGHTS,
  LOCAL_SOURCES,
  LOCAL_TRENDS,
  SEASONALITY,
  covidFactor,
  type Corridor,
  type CorridorMode,
} from './corridors';
import { distanceKm, round, sharedBorder, type Hub, type Place } from './geography';
import { OPERATIONS, type OperationSpec } from './operations';
import { Rng, WeightedTable, type Weighted } from './rng';

/** First and last day of the dataset. */
export const START_YEAR = 2015;
export const END_YEAR = 2025;
const MONTHS = (END_YEAR - START_YEAR + 1) * 12;
const DAY_MS = 86_400_000;
const EPOCH_START = Date.UTC(START_YEAR, 0, 1) / DAY_MS;
const EPOCH_END = Date.UTC(END_YEAR, 11, 31) / DAY_MS;

/** Share of seizures that belong to trafficking corridors (the rest are local possession cases). */
const CORRIDOR_SHARE = 0.3;

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

/** Days since 1970-01-01 → ISO date string. */
export function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function isoToDay(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
}

function monthStartDay(monthIndex: number): number {
  return Date.UTC(START_YEAR + Math.floor(monthIndex / 12), monthIndex % 12, 1) / DAY_MS;
}

function daysInMonth(monthIndex: number): number {
  return monthStartDay(monthIndex + 1) - monthStartDay(monthIndex);
}

const FRANCOPHONE = new Set([
  'SEN',
  'MLI',
  'BFA',
  'NER',
  'CIV',
  'TCD',
  'CMR',
  'CAF',
  'COG',
  'GAB',
  'BEN',
  'TGO',
  'GIN',
  'MRT',
  'COD',
  'HTI',
]);
const SAHEL = new Set(['MLI', 'BFA', 'NER', 'TCD', 'MRT']);
const ARMED_GROUP_AREAS = new Set(['MLI', 'BFA', 'NER', 'TCD', 'NGA', 'CMR', 'CAF', 'COD']);
const AMAZON = new Set(['BRA', 'PER', 'COL', 'VEN', 'GUY', 'SUR', 'ECU', 'BOL']);
const MILITARY_HEAVY = new Set(['MEX', 'COL', 'MLI', 'BFA', 'NER', 'TCD', 'CAF', 'COD']);
const EU_MAKERS = new Set(['AUT', 'CZE', 'ITA', 'BEL', 'DEU', 'SRB', 'SVK', 'ROU', 'BGR']);

/** One planned seizure: when, and which stream (corridor or local country) it comes from. */
interface Plan {
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
function planSeizures(input: SimulationInput, regionOf: (iso3: string) => string): Plan[] {
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

const modelTables = new Map<ArsenalKey, WeightedTable<ModelSpec>>();
function modelTableFor(key: ArsenalKey): WeightedTable<ModelSpec> {
  let t = modelTables.get(key);
  if (!t)
    modelTables.set(key, (t = new WeightedTable(ARSENALS[key].map((m) => [m, m.weight] as const))));
  return t;
}

/** Probability that a seized, traceable firearm gets an international trace request, by region. */
const TRACE_RATE: Record<string, number> = {
  central_america_mexico: 0.47,
  caribbean: 0.5,
  south_america: 0.28,
  west_africa: 0.1,
  central_africa: 0.07,
};

interface SeizureFacts {
  day: number;
  datePrecision: 'day' | 'month' | 'year';
  country: string;
  admin1: string | null;
  lat: number;
  lon: number;
  locationPrecision: 'approx_10km' | 'admin1' | 'country';
  placeType: PlaceType;
  agency: Agency;
  operation: number | null;
  basis: 'seized' | 'found' | 'surrendered';
  justification: 'illicit_possession' | 'illicit_trafficking' | 'other';
  context: CriminalContext;
  crimes: Set<LinkedCrime>;
  firearms: number;
  parts: number;
  rounds: number;
  arrests: number;
  transport: TransportMode;
  concealment: Concealment;
  origin: string | null;
  transit: string[];
  destination: string | null;
  reliability: string;
  arsenal: ArsenalKey;
  routeOrigin: string | null;
}

function seizureRow(id: number, s: SeizureFacts): unknown[] {
  return [
    id,
    s.day,
    s.datePrecision,
    s.country,
    s.admin1,
    s.lat,
    s.lon,
    s.locationPrecision,
    s.placeType,
    s.agency,
    s.operation,
    s.basis,
    s.justification,
    s.context,
    ...LINKED_CRIMES.map((c) => s.crimes.has(c)),
    s.firearms,
    s.parts,
    s.rounds,
    s.arrests,
    s.transport,
    s.concealment,
    s.origin,
    s.transit,
    s.destination,
    s.reliability,
  ];
}

const RELIABILITY: Weighted<string> = [
  ['A', 10],
  ['B', 35],
  ['C', 33],
  ['D', 13],
  ['E', 6],
  ['F', 3],
];

/** Look-ups shared by every seizure of a run. */
interface Context {
  distanceCache: Map<string, number[]>;
  places: ReadonlyMap<string, Place>;
  hubs: ReadonlyMap<string, readonly Hub[]>;
  regionOf: (iso3: string) => string;
}

function describeSeizure(
  plan: Plan,
  corridor: Corridor | null,
  rng: Rng,
  ctx: Context,
): SeizureFacts {
  const { places, regionOf } = ctx;
  const isDisrupt = (iso3: string) => places.get(iso3)?.disrupt ?? false;
  const op = plan.operation ? OPERATIONS.find((o) => o.operation_id === plan.operation)! : null;

  // Where and on which leg.
  let country: string;
  let route: string[] = [];
  let mode: CorridorMode | 'local';
  if (corridor) {
    route = [corridor.origin, ...corridor.transit, corridor.destination];
    const candidates: Weighted<string> = route
      .map((iso3, k): [string, number] => [
        iso3,
        k === route.length - 1
          ? 0.62
          : k === 0
            ? 0.06
            : 0.32 / Math.max(1, corridor.transit.length),
      ])
      .filter(([iso3]) => isDisrupt(iso3));
    country = rng.weighted(candidates);
    mode = rng.weighted(corridor.modes);
  } else {
    country = LOCAL_SEIZURE_WEIGHTS[plan.country]![0];
    mode = 'local';
  }
  const region = regionOf(country);
  const position = route.indexOf(country);
  const neighbour =
    position > 0 ? route[position - 1]! : position === 0 ? (route[1] ?? null) : null;

  // Place type, agency, transport and concealment follow the mode.
  const placeType = rng.weighted<PlaceType>(
    mode === 'land'
      ? [
          ['land_border', 0.4],
          ['road_checkpoint', 0.35],
          ['urban', 0.15],
          ['rural', 0.1],
        ]
      : mode === 'sea'
        ? [
            ['seaport', 0.72],
            ['urban', 0.18],
            ['road_checkpoint', 0.1],
          ]
        : mode === 'postal'
          ? [
              ['postal_hub', 0.75],
              ['urban', 0.25],
            ]
          : mode === 'air'
            ? [
                ['airport', 0.82],
                ['urban', 0.18],
              ]
            : [
                ['urban', 0.6],
                ['rural', 0.26],
                ['road_checkpoint', 0.14],
              ],
  );
  const fr = FRANCOPHONE.has(country);
  const mil = MILITARY_HEAVY.has(country) ? 0.2 : 0.04;
  const agency = rng.weighted<Agency>(
    placeType === 'seaport' || placeType === 'airport' || placeType === 'postal_hub'
      ? [
          ['customs', 0.8],
          ['police', 0.2],
        ]
      : placeType === 'land_border'
        ? [
            ['border_guard', 0.45],
            ['customs', 0.25],
            ['military', mil],
            [fr ? 'gendarmerie' : 'police', 0.15],
          ]
        : placeType === 'road_checkpoint'
          ? [
              ['police', fr ? 0.3 : 0.75],
              ['gendarmerie', fr ? 0.5 : 0],
              ['military', mil],
            ]
          : placeType === 'urban'
            ? [
                ['police', 0.9],
                ['gendarmerie', fr ? 0.15 : 0],
                ['military', mil / 2],
              ]
            : [
                ['police', fr ? 0.3 : 0.65],
                ['gendarmerie', fr ? 0.4 : 0],
                ['military', mil * 1.5],
              ],
  );

  // Location: a hub chosen by place type, jittered and coarsened to a ~10 km grid.
  const place = places.get(country)!;
  const hubs = ctx.hubs.get(country) ?? [];
  const hub = pickHub(
    rng,
    hubs,
    placeType,
    neighbour ? hubDistances(ctx, country, neighbour) : undefined,
  );
  let lat: number;
  let lon: number;
  let admin1: string | null = hub?.admin1 ?? null;
  let locationPrecision: SeizureFacts['locationPrecision'] = 'approx_10km';
  const lp = rng.next();
  if (!hub || lp < 0.05) {
    locationPrecision = 'country';
    admin1 = null;
    lat = place.lat;
    lon = place.lon;
  } else if (lp < 0.2 && hub.admin1Lat !== null && hub.admin1Lon !== null) {
    locationPrecision = 'admin1';
    lat = hub.admin1Lat;
    lon = hub.admin1Lon;
  } else {
    const spread = placeType === 'rural' ? 0.25 : placeType === 'urban' ? 0.06 : 0.04;
    lat = hub.lat + rng.normal(0, spread);
    lon = hub.lon + rng.normal(0, spread);
  }
  lat = round(Math.round(lat * 10) / 10, 1);
  lon = round(Math.round(lon * 10) / 10, 1);

  // Basis, legal justification, context.
  const basis =
    op && !op.is_synthetic
      ? 'seized'
      : corridor
        ? rng.weighted<SeizureFacts['basis']>([
            ['seized', 0.97],
            ['found', 0.03],
          ])
        : rng.weighted<SeizureFacts['basis']>([
            ['seized', 0.82],
            ['found', 0.11],
            ['surrendered', 0.07],
          ]);
  const justification: SeizureFacts['justification'] =
    basis !== 'seized'
      ? 'other'
      : corridor
        ? rng.weighted([
            ['illicit_trafficking', 0.48],
            ['illicit_possession', 0.47],
            ['other', 0.05],
          ])
        : rng.weighted([
            ['illicit_possession', 0.88],
            ['illicit_trafficking', 0.05],
            ['other', 0.07],
          ]);
  const americas = !region.includes('africa');
  const context: CriminalContext =
    basis !== 'seized'
      ? 'other'
      : corridor
        ? rng.weighted([
            ['trafficking', 0.45],
            ['drug_trafficking', corridor.drugs * 0.5],
            ['organised_crime', 0.2],
            ['violent_crime', 0.05],
          ])
        : rng.weighted([
            ['violent_crime', 0.3],
            ['drug_trafficking', americas ? 0.25 : 0.1],
            ['organised_crime', 0.18],
            ['trafficking', 0.05],
            ['other', 0.22],
          ]);

  // Linked crimes.
  const crimes = new Set<LinkedCrime>();
  const opBoost = op ? 2 : 1;
  const pDrugs = corridor ? corridor.drugs : americas ? 0.22 : 0.07;
  if (context === 'drug_trafficking' || rng.chance(pDrugs * (op ? 1.5 : 1))) crimes.add('drugs');
  if (rng.chance((corridor ? 0.06 : 0.025) * opBoost)) crimes.add('corruption');
  if (
    rng.chance(
      (route.includes('LBY') || route.includes('SDN') ? 0.08 : corridor ? 0.02 : 0.008) * opBoost,
    )
  )
    crimes.add('human_trafficking');
  const pEnv =
    SAHEL.has(country) || region === 'central_africa' ? 0.07 : AMAZON.has(country) ? 0.04 : 0.005;
  if (rng.chance(pEnv * (op && op.linked_crimes.includes('environmental_crime') ? 3 : 1)))
    crimes.add('environmental_crime');
  const pTerror =
    corridor?.terrorism ??
    (ARMED_GROUP_AREAS.has(country) ? 0.1 : country === 'COL' ? 0.03 : 0.002);
  if (rng.chance(pTerror)) crimes.add('terrorism');
  if (rng.chance(0.02 * opBoost)) crimes.add('fraud');

  // Transport and concealment.
  const sahelBikes = SAHEL.has(country) || region === 'west_africa';
  const transport = rng.weighted<TransportMode>(
    mode === 'land'
      ? [
          ['road_vehicle', 0.7],
          ['motorcycle', sahelBikes ? 0.25 : 0.06],
          ['on_foot', 0.1],
        ]
      : mode === 'sea'
        ? [
            ['maritime_container', region === 'caribbean' ? 0.4 : 0.65],
            ['small_vessel', region === 'caribbean' ? 0.6 : 0.35],
          ]
        : mode === 'postal'
          ? [['postal_courier', 1]]
          : mode === 'air'
            ? [
                ['air_cargo', 0.45],
                ['air_passenger', 0.55],
              ]
            : [
                ['none', 0.55],
                ['road_vehicle', 0.3],
                ['motorcycle', sahelBikes ? 0.12 : 0.05],
                ['on_foot', 0.07],
              ],
  );
  const concealment = rng.weighted<Concealment>(CONCEALMENT_BY_MODE[transport]);

  // Counts.
  let firearms: number;
  let rounds: number;
  let arrests: number;
  let parts = 0;
  if (plan.fixed) {
    firearms = plan.fixed.firearms;
    rounds = plan.fixed.rounds;
    arrests = plan.fixed.arrests;
  } else {
    if (corridor) {
      if (rng.chance(0.08)) firearms = 0;
      else if (transport === 'maritime_container' && rng.chance(0.14))
        firearms = Math.min(600, Math.max(5, Math.round(rng.logNormal(30, 2.6))));
      else if (transport === 'postal_courier') firearms = rng.chance(0.45) ? 0 : rng.int(1, 3);
      else firearms = Math.min(150, Math.max(1, Math.round(rng.logNormal(2.4, 2.5))));
    } else if (basis === 'surrendered') {
      firearms = rng.chance(0.02)
        ? rng.int(20, 150)
        : rng.weighted([
            [1, 0.75],
            [2, 0.15],
            [3, 0.1],
          ]);
    } else if (basis === 'found') {
      firearms = rng.weighted([
        [1, 0.7],
        [2, 0.15],
        [3, 0.1],
        [6, 0.05],
      ]);
    } else {
      firearms = rng.weighted([
        [0, 0.1],
        [1, 0.66],
        [2, 0.12],
        [3, 0.05],
        [4, 0.03],
        [rng.int(5, 30), 0.04],
      ]);
    }
    rounds =
      firearms === 0
        ? Math.min(200_000, Math.round(rng.logNormal(corridor ? 800 : 60, 3.5)))
        : rng.chance(corridor ? 0.75 : 0.55)
          ? Math.round(firearms * rng.logNormal(corridor ? 40 : 12, 2.5))
          : 0;
    if (basis !== 'seized') arrests = 0;
    else if (corridor)
      arrests = rng.weighted([
        [0, 0.15],
        [1, 0.4],
        [rng.int(2, 4), 0.35],
        [rng.int(5, 12), 0.1],
      ]);
    else
      arrests = rng.weighted([
        [0, 0.12],
        [1, 0.7],
        [2, 0.12],
        [rng.int(3, 6), 0.06],
      ]);
  }
  if (
    transport === 'postal_courier' ? rng.chance(0.6) : corridor ? rng.chance(0.1) : rng.chance(0.03)
  ) {
    parts = Math.max(1, Math.round(rng.logNormal(corridor ? 8 : 2, 2.5)));
  }

  // Suspected route.
  let origin: string | null;
  let transit: string[];
  let destination: string | null;
  if (corridor) {
    origin = rng.chance(0.05) ? null : corridor.origin;
    transit = rng.chance(0.15) ? [] : [...corridor.transit];
    destination = rng.chance(0.03) ? null : corridor.destination;
  } else {
    const sources = LOCAL_SOURCES[region] ?? [];
    origin = rng.chance(op ? 0.5 : 0.33)
      ? rng.weighted<string>([...sources, [country, 2.5]])
      : null;
    transit = [];
    destination = country;
  }

  // Dates: most are known to the day.
  let day = plan.day;
  // Operation records are always dated to the day; a few others only to the month or year.
  const dp = plan.operation ? 1 : rng.next();
  const datePrecision = dp < 0.005 ? 'year' : dp < 0.085 ? 'month' : 'day';
  if (datePrecision !== 'day') {
    const d = new Date(day * DAY_MS);
    day = Date.UTC(d.getUTCFullYear(), datePrecision === 'year' ? 0 : d.getUTCMonth(), 1) / DAY_MS;
  }

  const arsenal: ArsenalKey = corridor
    ? rng.weighted(corridor.arsenal)
    : rng.weighted<ArsenalKey>(LOCAL_ARSENALS[region] ?? [['us_civilian', 1]]);

  return {
    day,
    datePrecision,
    country,
    admin1,
    lat,
    lon,
    locationPrecision,
    placeType,
    agency,
    operation: plan.operation || null,
    basis,
    justification,
    context,
    crimes,
    firearms,
    parts,
    rounds,
    arrests,
    transport,
    concealment,
    origin,
    transit,
    destination,
    reliability: rng.weighted(RELIABILITY),
    arsenal,
    routeOrigin: corridor ? corridor.origin : origin,
  };
}

const CONCEALMENT_BY_MODE: Record<TransportMode, Weighted<Concealment>> = {
  road_vehicle: [
    ['vehicle_compartment', 0.6],
    ['none', 0.2],
    ['household_goods', 0.1],
    ['disassembled', 0.1],
  ],
  motorcycle: [
    ['none', 0.5],
    ['on_person', 0.2],
    ['household_goods', 0.2],
    ['disassembled', 0.1],
  ],
  maritime_container: [
    ['cargo_container', 0.6],
    ['household_goods', 0.3],
    ['disassembled', 0.1],
  ],
  small_vessel: [
    ['none', 0.6],
    ['cargo_container', 0.2],
    ['household_goods', 0.2],
  ],
  postal_courier: [
    ['parcel', 0.6],
    ['disassembled', 0.4],
  ],
  air_cargo: [
    ['cargo_container', 0.6],
    ['disassembled', 0.4],
  ],
  air_passenger: [
    ['luggage', 0.8],
    ['on_person', 0.2],
  ],
  on_foot: [
    ['on_person', 0.7],
    ['household_goods', 0.3],
  ],
  none: [
    ['none', 0.7],
    ['on_person', 0.3],
  ],
};

/**
 * Distance in km from each hub of `country` to `neighbour`: to their shared land border when they
 * touch, otherwise to the neighbour's representative point. Cached per pair.
 */
function hubDistances(ctx: Context, country: string, neighbour: string): number[] {
  const key = `${country}>${neighbour}`;
  let d = ctx.distanceCache.get(key);
  if (d) return d;
  const hubs = ctx.hubs.get(country) ?? [];
  const a = ctx.places.get(country)!;
  const b = ctx.places.get(neighbour)!;
  const border = sharedBorder(a.numeric, b.numeric);
  d = hubs.map((h) => {
    if (border.length === 0) return distanceKm(h.lat, h.lon, b.lat, b.lon);
    let best = Infinity;
    for (const [lat, lon] of border) best = Math.min(best, distanceKm(h.lat, h.lon, lat, lon));
    return best;
  });
  ctx.distanceCache.set(key, d);
  return d;
}

/** Chooses a hub for a place type: ports on the coast, borders near the neighbour on the route. */
function pickHub(
  rng: Rng,
  hubs: readonly Hub[],
  placeType: PlaceType,
  neighbourKm: readonly number[] | undefined,
): Hub | undefined {
  if (hubs.length === 0) return undefined;
  let weights: Weighted<Hub>;
  switch (placeType) {
    case 'seaport': {
      const coastal = hubs.filter((h) => h.coastal).slice(0, 6);
      weights = (coastal.length ? coastal : hubs.slice(0, 1)).map((h) => [h, h.population ** 0.7]);
      break;
    }
    case 'airport':
    case 'postal_hub':
      weights = hubs.slice(0, 3).map((h, k) => [h, (h.capital ? 3 : 1) / (k + 1)]);
      break;
    case 'land_border':
    case 'road_checkpoint':
      if (neighbourKm) {
        const power = placeType === 'land_border' ? 2.5 : 1;
        weights = hubs.map((h, k) => [
          h,
          h.population ** 0.3 / Math.max(15, neighbourKm[k]!) ** power,
        ]);
      } else {
        weights = hubs.map((h) => [h, h.population ** 0.5]);
      }
      break;
    case 'rural':
      weights = hubs.slice(Math.min(8, hubs.length - 1)).map((h) => [h, 1]);
      break;
    default:
      weights = hubs.map((h) => [h, h.population ** 0.8]);
  }
  return rng.weighted(weights);
}

interface FirearmFacts {
  year: number | null;
  marking: MarkingStatus;
  condition: string;
  iarms: string;
  traceable: boolean;
}

function describeFirearm(
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

interface TraceFacts {
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

function describeTrace(
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
