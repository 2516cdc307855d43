/**
 * The importer in Node: the bundled gazetteer as the resolver reads it, and an import plan written
 * as a dataset folder (manifest, DuckDB file with cubes, Parquet) through the generator's writer,
 * so `npm start` serves it and the dataset switcher lists it.
 */
import { buildPlaces, loadAdmin1 } from '../../datasets/lib/geography';
import { writePlaces } from '../../datasets/lib/dataset';
import { openDatasetWriter, type Manifest } from '../../datasets/lib/write';
import type { Gazetteer } from '../../src/import/places';
import type { ImportPlan } from '../../src/import/run';
import { IMPORT_TABLES, type ColumnTable } from '../../src/import/tables';

let cached: Gazetteer | undefined;

/** The gazetteer of the bundled datasets (world-countries names, the admin-1 gazetteer). */
export function nodeGazetteer(): Gazetteer {
  cached ??= {
    countries: buildPlaces().map((p) => ({
      iso3: p.iso3,
      iso2: p.iso2,
      names: [p.name_en, p.name_es, p.name_fr, p.name_pt],
      lat: p.lat,
      lon: p.lon,
    })),
    subdivisions: loadAdmin1().map((a) => ({
      code: a.code,
      iso3: a.iso3,
      names: [a.name_en, a.name_es, a.name_fr, a.name_pt],
      lat: a.lat,
      lon: a.lon,
    })),
  };
  return cached;
}

/** Writes an import plan's tables into `outDir` as a dataset named `name`. */
export async function writeImportedDataset(
  plan: ImportPlan,
  outDir: string,
  meta: { name: string; title: string },
): Promise<Manifest> {
  const { tables } = plan;
  const specs = [...IMPORT_TABLES, ...(tables.sourceRows ? [tables.sourceRows.spec] : [])];
  const writer = await openDatasetWriter(outDir, specs);
  writePlaces(writer, buildPlaces());
  const append = (t: ColumnTable) => {
    const row = new Array<unknown>(t.columns.length);
    for (let i = 0; i < t.length; i++) {
      for (let j = 0; j < t.columns.length; j++) row[j] = t.columns[j]![i];
      writer.append(t.spec.name, row);
    }
  };
  append(tables.seizures);
  append(tables.firearms);
  append(tables.traces);
  if (tables.sourceRows) append(tables.sourceRows);
  return writer.finish({
    name: meta.name,
    title: meta.title,
    seed: 0,
    catalogue: tables.catalogue,
    synthetic: false,
  });
}
