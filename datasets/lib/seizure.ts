/**
 * Describing one seizure: where on the route it happened, the place, agency, location, legal
 * basis, linked crimes, transport, counts and the suspected route.
 */
import { LINKED_CRIMES } from '../../src/domain/vocabulary';
import type {
  Agency,
  Concealment,
  CriminalContext,
  LinkedCrime,
  PlaceType,
  TransportMode,
} from '../../src/domain/vocabulary';
import { LOCAL_ARSENALS, type ArsenalKey } from './arsenal';
import {
  LOCAL_SEIZURE_WEIGHTS,
  LOCAL_SOURCES,
  type Corridor,
  type CorridorMode,
} from './corridors';
import { DAY_MS } from './calendar';
import { distanceKm, round, sharedBorder, type Hub, type Place } from './geography';
import { OPERATIONS } from './operations';
import type { Plan } from './plan';
import { AMAZON, ARMED_GROUP_AREAS, FRANCOPHONE, MILITARY_HEAVY, SAHEL } from './regions';
import type { Rng, Weighted } from './rng';

export interface SeizureFacts {
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

export function seizureRow(id: number, s: SeizureFacts): unknown[] {
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
    s.origin === 'USA' ? usSourceState(id) : null,
    // Seized where it was headed: the seizing subdivision is the destination's.
    s.destination !== null && s.destination === s.country ? s.admin1 : null,
  ];
}

/**
 * Source states of US-origin firearms, after the shares ATF's Mexico trace reports describe
 * (Texas, Arizona and California first), as ISO 3166-2 codes with weights out of 100.
 */
const US_SOURCE_STATES: readonly (readonly [string, number])[] = [
  ['US-TX', 34],
  ['US-AZ', 16],
  ['US-CA', 14],
  ['US-FL', 8],
  ['US-GA', 6],
  ['US-NM', 5],
  ['US-IL', 5],
  ['US-NV', 4],
  ['US-CO', 4],
  ['US-OK', 4],
];

/**
 * The source state of a US-origin seizure, drawn from `US_SOURCE_STATES` by a hash of its id
 * (not by the generator's random stream, so adding it moved no other value of the dataset).
 */
export function usSourceState(id: number): string {
  let x = Math.imul(id, 2654435761) >>> 0;
  x = (x ^ (x >>> 16)) % 100;
  for (const [code, w] of US_SOURCE_STATES) {
    if (x < w) return code;
    x -= w;
  }
  return US_SOURCE_STATES[0]![0];
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
export interface Context {
  distanceCache: Map<string, number[]>;
  places: ReadonlyMap<string, Place>;
  hubs: ReadonlyMap<string, readonly Hub[]>;
  regionOf: (iso3: string) => string;
}

export function describeSeizure(
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

  const { lat, lon, admin1, locationPrecision } = locate(ctx, rng, country, placeType, neighbour);

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

  const { firearms, rounds, arrests, parts } = countSeized(rng, plan, corridor, basis, transport);

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

/** Where a seizure is placed: a hub chosen by place type, jittered, coarsened to a ~10 km grid. */
function locate(
  ctx: Context,
  rng: Rng,
  country: string,
  placeType: PlaceType,
  neighbour: string | null,
): Pick<SeizureFacts, 'lat' | 'lon' | 'admin1' | 'locationPrecision'> {
  const place = ctx.places.get(country)!;
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

  return { lat, lon, admin1, locationPrecision };
}

/** Firearms, rounds, arrests and parts of a seizure; operation blocks come with fixed totals. */
function countSeized(
  rng: Rng,
  plan: Plan,
  corridor: Corridor | null,
  basis: SeizureFacts['basis'],
  transport: TransportMode,
): Pick<SeizureFacts, 'firearms' | 'rounds' | 'arrests' | 'parts'> {
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

  return { firearms, rounds, arrests, parts };
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
