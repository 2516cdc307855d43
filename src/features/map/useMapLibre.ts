/**
 * Creates the MapLibre map with the bundled basemap and a deck.gl overlay on it, keeps its camera
 * in step with the view state (controlled), and follows the theme. The camera reports back on
 * `moveend` (continuous: replaces the history entry).
 */
import { MapboxOverlay } from '@deck.gl/mapbox';
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import type { MapViewport } from '../../model/viewState';
import type { ThemeTokens } from '../../theme/tokens';
import { basemapStyle, mapColours, type Countries } from './basemap';

setWorkerUrl(maplibreWorkerUrl);

/** The live map and its overlay, once created. */
export interface MapHandle {
  map: MapLibreMap;
  overlay: MapboxOverlay;
}

/** Options of the hook. */
export interface UseMapLibreOptions {
  countries: Countries | undefined;
  viewport: MapViewport;
  tokens: ThemeTokens;
  projector: boolean;
  onViewport: (v: MapViewport) => void;
  onCountryClick: (iso3: string) => void;
}

const close = (a: number, b: number, eps: number) => Math.abs(a - b) < eps;

/** Mounts the map into the returned ref's element. */
export function useMapLibre(o: UseMapLibreOptions) {
  const container = useRef<HTMLDivElement>(null);
  const [handle, setHandle] = useState<MapHandle | null>(null);
  const [zoom, setZoom] = useState(o.viewport.zoom);
  const callbacks = useRef(o);
  useEffect(() => {
    callbacks.current = o;
  });

  // Create once the basemap is loaded.
  const { countries } = o;
  useEffect(() => {
    if (!container.current || !countries) return;
    const { viewport, tokens, projector } = callbacks.current;
    const map = new MapLibreMap({
      container: container.current,
      style: basemapStyle(countries, tokens, projector),
      center: [viewport.lon, viewport.lat],
      zoom: viewport.zoom,
      attributionControl: false,
      renderWorldCopies: false,
      dragRotate: false,
      pitchWithRotate: false,
      maxZoom: 9,
      minZoom: 0.5,
      // Kept so that image export can read the basemap (deck.gl keeps its own by default).
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    map.touchZoomRotate.disableRotation();
    const overlay = new MapboxOverlay({ interleaved: false, layers: [] });
    map.addControl(overlay);
    map.on('moveend', () => {
      const c = map.getCenter();
      const v = {
        lon: Number(c.lng.toFixed(3)),
        lat: Number(c.lat.toFixed(3)),
        zoom: Number(map.getZoom().toFixed(2)),
      };
      setZoom(v.zoom);
      const cur = callbacks.current.viewport;
      if (
        !close(v.lon, cur.lon, 1e-3) ||
        !close(v.lat, cur.lat, 1e-3) ||
        !close(v.zoom, cur.zoom, 1e-2)
      )
        callbacks.current.onViewport(v);
    });
    map.on('click', 'land', (e) => {
      // Clicks on arcs are handled by deck.gl; a click on land toggles the country.
      if (overlay.pickObject({ x: e.point.x, y: e.point.y, radius: 4 })) return;
      const iso3 = e.features?.[0]?.properties?.iso3 as string | undefined;
      if (iso3) callbacks.current.onCountryClick(iso3);
    });
    map.on('mouseenter', 'land', () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', 'land', () => (map.getCanvas().style.cursor = ''));
    map.once('load', () => setHandle({ map, overlay }));
    return () => {
      setHandle(null);
      map.remove();
    };
  }, [countries]);

  // Controlled camera: follow the state when it changes from outside (a link, back/forward).
  const { lon, lat, zoom: z } = o.viewport;
  useEffect(() => {
    if (!handle) return;
    const c = handle.map.getCenter();
    if (
      !close(c.lng, lon, 1e-3) ||
      !close(c.lat, lat, 1e-3) ||
      !close(handle.map.getZoom(), z, 1e-2)
    ) {
      handle.map.jumpTo({ center: [lon, lat], zoom: z });
    }
  }, [handle, lon, lat, z]);

  // Theme: repaint the three basemap layers.
  const { tokens, projector } = o;
  useEffect(() => {
    if (!handle) return;
    const c = mapColours(tokens, projector);
    handle.map.setPaintProperty('water', 'background-color', c.water);
    handle.map.setPaintProperty('land', 'fill-color', [
      'case',
      ['boolean', ['feature-state', 'active'], false],
      c.landActive,
      c.land,
    ]);
    handle.map.setPaintProperty('borders', 'line-color', c.border);
    handle.map.setPaintProperty('borders', 'line-width', c.borderWidth);
  }, [handle, tokens, projector]);

  return { container, handle, zoom };
}
