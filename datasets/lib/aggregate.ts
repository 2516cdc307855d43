/**
 * An aggregate-only dataset, made by code, of the shape real exports have (a UNODC-style table of
 * counts per country × year × firearm type; a police sheet of monthly counts per state): no
 * individual seizures, firearms or trace requests, only rows that each stand for many.
 *
 * - Mexico: **monthly** rows per state (Chihuahua, Jalisco, Tamaulipas; place precision admin-1),
 *   each a suspected flow from a US source state (Texas, Arizona, California) to that state,
 *   with per-type firearm counts;
 * - the United States: monthly Georgia → New York rows (a state → state flow in one country);
 * - Colombia, Guatemala and Nigeria: **yearly** rows (date precision `year`, dated 1 January of the
 *   year) at the country, with per-type firearm counts and no route.
 *
 * Seizure rows carry `seizures_n` (seizures the row stands for), firearm rows `firearms_n`
 * (firearms of that type); there are no trace requests and no operations. The catalogue says so,
 * and the app must draw exactly these sums, build the cubes itself, never put a yearly value in
 * January, and say which views it cannot draw. Deterministic: no randomness.
 */
import type { Catalogue } from '../../src/model/catalogue';
import { writePlaces } from './dataset';
import { buildPlaces, loadAdmin1 } from './geography';
import {
  aggregateSeizureRow,
  FIREARMS,
  SEIZURES,
  SUBDIVISIONS,
  PLACES,
  OPERATIONS_TABLE,
  TRACES,
  type TableSpec,
} from '../../src/model/schema';
import { openDatasetWriter, type Manifest } from './write';

/** The aggregate dataset's catalogue. */
export const AGGREGATE_CATALOGUE: Catalogue = {
  version: 1,
  grains: { seizure: { weight: 'seizures_n' }, firearm: { weight: 'firearms_n' }, trace: null },
  fields: ['country', 'region', 'origin', 'destination', 'firearmType'],
  labels: { country: 'Reporting place' },
  vocabulary: { firearmType: ['pistol', 'rifle', 'shotgun'] },
  measures: ['seizures', 'firearms'],
  operations: false,
  precision: { time: ['month', 'year'], place: ['admin1', 'country'] },
};

const withWeight = (t: TableSpec, column: string): TableSpec => ({
  ...t,
  columns: [...t.columns, { name: column, type: 'INTEGER', nullable: false }],
});

/** Tables of the aggregate dataset: the product's schema, with a weight on seizures and firearms. */
export const AGGREGATE_TABLES: readonly TableSpec[] = [
  PLACES,
  SUBDIVISIONS,
  OPERATIONS_TABLE,
  withWeight(SEIZURES, 'seizures_n'),
  withWeight(FIREARMS, 'firearms_n'),
  TRACES,
];

const YEARS = [2019, 2020, 2021, 2022, 2023];
const TYPES = ['pistol', 'rifle', 'shotgun'] as const;
const MX_STATES = ['MX-CHH', 'MX-JAL', 'MX-TAM'];
const YEARLY = ['COL', 'GTM', 'NGA'];
const US_SOURCES = ['US-TX', 'US-AZ', 'US-CA'];

/** One aggregate row before it is written: where, when, how many. */
export interface AggregateRow {
  date: string;
  precision: 'month' | 'year';
  country: string;
  admin1: string | null;
  origin: string | null;
  originAdmin1: string | null;
  destination: string | null;
  destinationAdmin1: string | null;
  seizures: number;
  firearms: Record<(typeof TYPES)[number], number>;
}

/** The rows of the aggregate dataset (exported so tests can total them independently). */
export function aggregateRows(): AggregateRow[] {
  const rows: AggregateRow[] = [];
  let k = 0;
  for (const y of YEARS) {
    for (let m = 1; m <= 12; m++) {
      for (const st of MX_STATES) {
        k++;
        rows.push({
          date: `${y}-${String(m).padStart(2, '0')}-01`,
          precision: 'month',
          country: 'MEX',
          admin1: st,
          origin: 'USA',
          originAdmin1: US_SOURCES[k % US_SOURCES.length]!,
          destination: 'MEX',
          destinationAdmin1: st,
          seizures: 3 + (k % 5),
          firearms: { pistol: 5 + (k % 7), rifle: 2 + (k % 3), shotgun: k % 2 },
        });
      }
    }
    // State → state within one country (the "iron pipeline"): Georgia → New York, monthly.
    for (let m = 1; m <= 12; m++) {
      k++;
      rows.push({
        date: `${y}-${String(m).padStart(2, '0')}-01`,
        precision: 'month',
        country: 'USA',
        admin1: 'US-NY',
        origin: 'USA',
        originAdmin1: 'US-GA',
        destination: 'USA',
        destinationAdmin1: 'US-NY',
        seizures: 1 + (k % 3),
        firearms: { pistol: 4 + (k % 5), rifle: 1, shotgun: 0 },
      });
    }
    for (const c of YEARLY) {
      k++;
      // Yearly totals far above any month: drawn by month they would be a January spike.
      rows.push({
        date: `${y}-01-01`,
        precision: 'year',
        country: c,
        admin1: null,
        origin: null,
        originAdmin1: null,
        destination: null,
        destinationAdmin1: null,
        seizures: 120 + (k % 11) * 10,
        firearms: { pistol: 300 + k * 3, rifle: 90 + (k % 13), shotgun: 150 + (k % 17) },
      });
    }
  }
  return rows;
}

/** Writes the aggregate dataset into `outDir` and returns its manifest. */
export async function generateAggregateDataset(outDir: string, name: string): Promise<Manifest> {
  const places = buildPlaces();
  const point = new Map(places.map((p) => [p.iso3, [p.lat, p.lon] as const]));
  const admin1 = new Map(loadAdmin1().map((a) => [a.code, a]));
  const writer = await openDatasetWriter(outDir, AGGREGATE_TABLES);
  writePlaces(writer, places);
  let firearmId = 0;
  aggregateRows().forEach((r, i) => {
    const id = i + 1;
    const sub = r.admin1 ? admin1.get(r.admin1) : undefined;
    const [lat, lon] =
      sub && sub.lat !== null && sub.lon !== null ? [sub.lat, sub.lon] : point.get(r.country)!;
    const total = TYPES.reduce((a, t) => a + r.firearms[t], 0);
    writer.append('seizures', [
      ...aggregateSeizureRow({
        id,
        date: r.date,
        precision: r.precision,
        country: r.country,
        admin1: r.admin1,
        lat,
        lon,
        origin: r.origin,
        transit: [],
        destination: r.destination,
        originAdmin1: r.originAdmin1,
        destinationAdmin1: r.destinationAdmin1,
        firearms: total,
        reliability: 'official_statistics',
      }),
      r.seizures,
    ]);
    for (const t of TYPES) {
      if (r.firearms[t] === 0) continue;
      writer.append('firearms', [
        ++firearmId,
        id,
        t,
        null,
        '',
        '',
        null,
        null,
        'unknown',
        'unknown',
        'unknown',
        null,
        null,
        r.firearms[t],
      ]);
    }
  });
  return writer.finish({
    name,
    title: 'Aggregate counts: Mexico by state and month, three countries by year (test data)',
    seed: 0,
    catalogue: AGGREGATE_CATALOGUE,
    cubes: false,
  });
}
