/** The bundled basemap: no ring jumps across the antimeridian, Antarctica dropped, ISO3 attached. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { toCountries, unwrapRing } from '../../src/features/map/basemap';

const require = createRequire(import.meta.url);

describe('basemap', () => {
  it('unwraps a ring that crosses the antimeridian', () => {
    expect(
      unwrapRing([
        [179, 0],
        [-179, 1],
        [-178, 0],
        [179, 0],
      ]),
    ).toEqual([
      [179, 0],
      [181, 1],
      [182, 0],
      [179, 0],
    ]);
    expect(
      unwrapRing([
        [10, 0],
        [11, 1],
      ]),
    ).toEqual([
      [10, 0],
      [11, 1],
    ]);
  });

  it('turns Natural Earth shapes into GeoJSON with no smeared lines', () => {
    const topo = JSON.parse(
      readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'),
    ) as Topology<{ countries: GeometryCollection }>;
    const countries = toCountries(
      topo,
      new Map([
        ['643', 'RUS'],
        ['242', 'FJI'],
        ['484', 'MEX'],
      ]),
    );
    expect(countries.features.some((f) => f.properties.numeric === '010')).toBe(false); // Antarctica
    let jumps = 0;
    for (const f of countries.features) {
      const polys =
        f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const ring of polys.flat()) {
        for (let i = 1; i < ring.length; i++)
          if (Math.abs(ring[i]![0]! - ring[i - 1]![0]!) > 180) jumps++;
      }
    }
    expect(jumps).toBe(0);
    const iso = new Map(countries.features.map((f) => [f.properties.numeric, f.properties.iso3]));
    expect(iso.get('643')).toBe('RUS');
    expect(iso.get('484')).toBe('MEX');
    expect(countries.features.length).toBeGreaterThan(200);
  });
});
