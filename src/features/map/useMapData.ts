/**
 * What the route map draws, from the view state: the basemap's countries, the flows (with those
 * briefing-safe counts hide left out, and the rest and the unplaced summed apart), hotspots,
 * the countries' figures and the playback periods, each under the map's own filters.
 */
import { useEffect, useMemo, useState } from 'react';
import { usePlaceLevel } from '../../components/PlaceLevelSelect';
import { useAtlas } from '../../context/AtlasContext';
import { useQuery, useTableQuery } from '../../db/useQuery';
import {
  flowsQuery,
  hotspotsQuery,
  mapCountriesQuery,
  periodEnd,
  periodsQuery,
  placeCodesQuery,
  type FlowRow,
  type MapCountryRow,
} from '../../sql/routes';
import { useViewState } from '../../state/store';
import { loadTopology, toCountries, type Countries } from './basemap';
import { isHidden, protectList, useSafeK } from '../../disclosure/safeCounts';

/** The map's clients: its own cross-filters (a flow, countries) are left out of its queries. */
export const MAP_FLOWS = 'map.routes';
export const MAP_COUNTRIES = 'map.countries';
export const OWN = [MAP_FLOWS, MAP_COUNTRIES];

/** The map's data under the current state (see the module comment). */
export function useMapData() {
  const { coordinator, store, model } = useAtlas();
  const state = useViewState(store);
  const { lang } = state;
  const ml = state.mapLayers;
  const level = usePlaceLevel();
  const window = ml.position ? { from: ml.position, to: periodEnd(ml.position, ml.period) } : null;

  // Basemap shapes joined to ISO3 codes (fetched once, same origin).
  const codes = useQuery<{ iso3: string; numeric: string }>(
    coordinator,
    placeCodesQuery(),
    'map.codes',
  );
  const [countries, setCountries] = useState<Countries>();
  const [basemapError, setBasemapError] = useState<string>();
  useEffect(() => {
    if (!codes.rows) return;
    const byNumeric = new Map(codes.rows.map((r) => [r.numeric, r.iso3]));
    let alive = true;
    loadTopology().then(
      (topo) => alive && setCountries(toCountries(topo, byNumeric)),
      (e: Error) => alive && setBasemapError(e.message),
    );
    return () => {
      alive = false;
    };
  }, [codes.rows]);

  const flows = useQuery<FlowRow>(
    coordinator,
    flowsQuery(model, state, OWN, {
      mode: ml.mode,
      weight: ml.weight,
      top: ml.top,
      lang,
      window,
      level,
    }),
    'map.flows',
  );
  const hot = useTableQuery(
    coordinator,
    ml.hotspots ? hotspotsQuery(model, state, OWN, window) : null,
    'map.hotspots',
  );
  const places = useQuery<MapCountryRow>(
    coordinator,
    mapCountriesQuery(model, state, OWN, lang, window),
    'map.countries',
  );
  const periods = useQuery<{ period: string }>(
    coordinator,
    periodsQuery(model, state, OWN, ml.period),
    'map.periods',
  );

  // Briefing-safe counts: flows whose firearms or seizures the protection hides are not drawn
  // (an arc's width would give the number away); what is not drawn is then not written either.
  const k = useSafeK();
  const { drawn, hiddenFlows } = useMemo(() => {
    const all = (flows.rows ?? []).filter((f) => f.drawn === 1);
    if (k === null) return { drawn: all, hiddenFlows: 0 };
    const other = flows.rows?.find((f) => f.drawn === 0);
    const byFirearms = protectList([...all.map((f) => f.firearms), other?.firearms ?? 0], k);
    const bySeizures = protectList([...all.map((f) => f.seizures), other?.seizures ?? 0], k);
    const kept = all.filter((_, i) => !isHidden(byFirearms[i]) && !isHidden(bySeizures[i]));
    return { drawn: kept, hiddenFlows: all.length - kept.length };
  }, [flows.rows, k]);
  const rest = flows.rows?.find((f) => f.drawn === 0);
  const unplaced = flows.rows?.find((f) => f.drawn === -1);
  const total =
    drawn.reduce((a, f) => a + (ml.weight === 'firearms' ? f.firearms : f.seizures), 0) +
    (rest ? (ml.weight === 'firearms' ? rest.firearms : rest.seizures) : 0);

  return {
    level,
    window,
    countries,
    basemapError,
    flows,
    hot,
    places,
    periods,
    k,
    drawn,
    hiddenFlows,
    rest,
    unplaced,
    total,
    codes,
  };
}
