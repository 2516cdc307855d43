/**
 * The basemap that ships with the app: Natural Earth 1:50m country shapes (package
 * `world-atlas`), served from our origin as a static asset and turned into GeoJSON here. No tile
 * server, glyphs or sprites: the style has only this source. Rings that cross the antimeridian are
 * unwrapped (otherwise MapLibre smears lines across the map) and Antarctica is dropped.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { StyleSpecification } from 'maplibre-gl';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesUrl from 'world-atlas/countries-50m.json?url';
import type { ThemeTokens } from '../../theme/tokens';

/** Properties of a basemap country: Natural Earth's numeric id and the ISO3 code when known. */
export interface CountryProps {
  numeric: string;
  iso3: string | null;
}

/** Basemap features. */
export type Countries = FeatureCollection<Polygon | MultiPolygon, CountryProps>;

const ANTARCTICA = '010';

/**
 * Shifts a ring's longitudes so consecutive points never jump more than 180°: a ring crossing the
 * antimeridian continues past ±180 instead of wrapping around the world.
 */
export function unwrapRing(ring: readonly Position[]): Position[] {
  const out: Position[] = [];
  let offset = 0;
  let prev: number | undefined;
  for (const [lon, lat] of ring) {
    if (prev !== undefined) {
      const d = lon! + offset - prev;
      if (d > 180) offset -= 360;
      else if (d < -180) offset += 360;
    }
    const x = lon! + offset;
    out.push([x, lat!]);
    prev = x;
  }
  return out;
}

/** Converts the world-atlas topology to GeoJSON with unwrapped rings and ISO3 codes. */
export function toCountries(
  topology: Topology<{ countries: GeometryCollection }>,
  iso3ByNumeric: ReadonlyMap<string, string>,
): Countries {
  const fc = feature(topology, topology.objects.countries) as FeatureCollection<
    Polygon | MultiPolygon
  >;
  const features: Feature<Polygon | MultiPolygon, CountryProps>[] = [];
  for (const f of fc.features) {
    const numeric = String(f.id ?? '');
    if (numeric === ANTARCTICA || !f.geometry) continue;
    const geometry: Polygon | MultiPolygon =
      f.geometry.type === 'Polygon'
        ? { type: 'Polygon', coordinates: f.geometry.coordinates.map(unwrapRing) }
        : {
            type: 'MultiPolygon',
            coordinates: f.geometry.coordinates.map((p) => p.map(unwrapRing)),
          };
    features.push({
      type: 'Feature',
      id: Number(numeric) || undefined,
      properties: { numeric, iso3: iso3ByNumeric.get(numeric) ?? null },
      geometry,
    });
  }
  return { type: 'FeatureCollection', features };
}

let topologyPromise: Promise<Topology<{ countries: GeometryCollection }>> | undefined;

/** Fetches the bundled topology once (same origin). */
export function loadTopology(): Promise<Topology<{ countries: GeometryCollection }>> {
  topologyPromise ??= fetch(countriesUrl).then((r) => {
    if (!r.ok) throw new Error(`Could not load the basemap (${r.status})`);
    return r.json() as Promise<Topology<{ countries: GeometryCollection }>>;
  });
  return topologyPromise;
}

/** Colours of the map, derived from the theme tokens. */
export function mapColours(tokens: ThemeTokens, projector: boolean) {
  return {
    water: tokens.mapWater,
    land: tokens.mapLand,
    landActive: tokens.mapLandActive,
    border: tokens.mapBorder,
    borderWidth: projector ? 1.2 : 0.6,
  };
}

/** A MapLibre style whose only source is the bundled countries GeoJSON. */
export function basemapStyle(
  countries: Countries,
  tokens: ThemeTokens,
  projector: boolean,
): StyleSpecification {
  const c = mapColours(tokens, projector);
  return {
    version: 8,
    sources: { countries: { type: 'geojson', data: countries, promoteId: 'numeric' } },
    layers: [
      { id: 'water', type: 'background', paint: { 'background-color': c.water } },
      {
        id: 'land',
        type: 'fill',
        source: 'countries',
        paint: {
          'fill-color': [
            'case',
            ['boolean', ['feature-state', 'active'], false],
            c.landActive,
            c.land,
          ],
          'fill-antialias': true,
        },
      },
      {
        id: 'borders',
        type: 'line',
        source: 'countries',
        paint: { 'line-color': c.border, 'line-width': c.borderWidth },
      },
    ],
  };
}
