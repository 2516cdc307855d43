/** Puts the generator together: geography → simulation → files. */
import { CORRIDORS, LOCAL_SEIZURE_WEIGHTS } from './corridors';
import { buildHubs, buildPlaces, loadAdmin1, type Place } from './geography';
import { OPERATIONS } from './operations';
import { simulate } from './simulate';
import { openDatasetWriter, type DatasetWriter, type Manifest } from './write';

/** Size of the default dataset, in seizure events. */
export const DEFAULT_SEIZURES = 50_000;
/** Seed of the default dataset. */
export const DEFAULT_SEED = 20151;

/** Options of one generation run. */
export interface GenerateOptions {
  seizures: number;
  seed: number;
  outDir: string;
  name: string;
}

/** Generates a dataset into `outDir` and returns its manifest. */
export async function generateDataset(opts: GenerateOptions): Promise<Manifest> {
  const places = buildPlaces();
  const iso2 = new Map(places.map((p) => [p.iso3, p.iso2]));
  const seizing = new Set(LOCAL_SEIZURE_WEIGHTS.map(([c]) => c));
  for (const c of CORRIDORS) {
    for (const iso3 of [c.origin, ...c.transit, c.destination]) {
      if (places.find((p) => p.iso3 === iso3)?.disrupt) seizing.add(iso3);
    }
  }
  const hubs = buildHubs(new Map([...seizing].sort().map((c) => [c, iso2.get(c)!])));

  const writer = await openDatasetWriter(opts.outDir);
  writePlaces(writer, places);
  for (const o of OPERATIONS) {
    writer.append('operations', [
      o.operation_id,
      o.name,
      o.is_synthetic,
      o.start_date,
      o.end_date,
      o.region,
      o.countries,
      o.officers,
      o.hotspots,
      o.arrests,
      o.firearms_seized,
      o.ammunition_rounds,
      o.drugs_tonnes,
      o.drugs_value_usd,
      o.precursors_tonnes,
      o.other_results,
      o.linked_crimes,
      o.source,
    ]);
  }
  simulate(
    { seed: opts.seed, seizures: opts.seizures, places, hubs },
    {
      seizure: (row) => writer.append('seizures', row),
      firearm: (row) => writer.append('firearms', row),
      trace: (row) => writer.append('traces', row),
    },
  );
  const title =
    opts.name === 'default'
      ? 'Synthetic DISRUPT regions, 2015–2025'
      : `Synthetic benchmark, ${opts.seizures.toLocaleString('en')} seizures`;
  return writer.finish({ name: opts.name, title, seed: opts.seed });
}

/** Writes the `places` table and the bundled gazetteer's `subdivisions` into a dataset. */
export function writePlaces(writer: DatasetWriter, places: readonly Place[]): void {
  for (const p of places) {
    writer.append('places', [
      p.iso3,
      p.iso2,
      p.numeric || null,
      p.name_en,
      p.name_es,
      p.name_fr,
      p.name_pt,
      p.un_region,
      p.un_subregion,
      p.atlas_region,
      p.disrupt,
      p.lat,
      p.lon,
    ]);
  }
  for (const a of loadAdmin1()) {
    writer.append('subdivisions', [
      a.code,
      a.iso3,
      a.name_en,
      a.name_es,
      a.name_fr,
      a.name_pt,
      a.lat,
      a.lon,
    ]);
  }
}
