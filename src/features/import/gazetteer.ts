/** The gazetteer the importer resolves places with, read from the dataset on screen. */
import type { Coordinator } from '../../db/coordinator';
import type { Gazetteer } from '../../import/places';

interface CountryRow {
  iso3: string;
  iso2: string;
  name_en: string;
  name_es: string;
  name_fr: string;
  name_pt: string;
  lat: number;
  lon: number;
}
interface SubdivisionRow extends Omit<CountryRow, 'iso2' | 'lat' | 'lon'> {
  code: string;
  lat: number | null;
  lon: number | null;
}

/** Reads `places` and `subdivisions` (every dataset carries both) as the resolver's gazetteer. */
export async function readGazetteer(coordinator: Coordinator): Promise<Gazetteer> {
  const countries = await coordinator.rows<CountryRow>({
    sql: 'SELECT iso3, iso2, name_en, name_es, name_fr, name_pt, lat, lon FROM places',
    params: [],
  });
  const subdivisions = await coordinator.rows<SubdivisionRow>({
    sql: 'SELECT code, iso3, name_en, name_es, name_fr, name_pt, lat, lon FROM subdivisions',
    params: [],
  });
  return {
    countries: countries.map((c) => ({
      iso3: c.iso3,
      iso2: c.iso2,
      names: [c.name_en, c.name_es, c.name_fr, c.name_pt],
      lat: c.lat,
      lon: c.lon,
    })),
    subdivisions: subdivisions.map((s) => ({
      code: s.code,
      iso3: s.iso3,
      names: [s.name_en, s.name_es, s.name_fr, s.name_pt],
      lat: s.lat,
      lon: s.lon,
    })),
  };
}
