/**
 * What the route map draws, from the view state: the basemap's countries, the flows (with those
 * briefing-safe counts hide left out, and the rest and the unplaced summed apart), hotspots,
 * the countries' figures and the playback periods, each under the map's own filters.
 *
 * During playback the flows, hotspots and countries of every period are queried once (a
 * timeline, keyed on the filters, not on the position): a step picks the period's rows out of
 * memory and redraws a few dozen arcs, with no query.
 */
import { useEffect, useMemo, useState } from 'react';
import { usePlaceLevel } from '../../components/PlaceLevelSelect';
import { useAtlas } from '../../context/AtlasContext';
import { useQuery, useTableQuery } from '../../db/useQuery';
import {
  flowsQuery,
  hotspotsQuery,
  mapCountriesQuery,
  mapCountriesTimelineQuery,
  periodEnd,
  periodOrdinal,
  periodsQuery,
  placeCodesQuery,
  type FlowRow,
  type MapCountryPeriodRow,
  type MapCountryRow,
} from '../../sql/routes';
import type { QueryState } from '../../db/useQuery';
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
  // Playback: the period on screen, as the ordinal the timeline's rows carry.
  const timeline = ml.position ? ml.period : undefined;
  const ordinal = ml.position ? periodOrdinal(ml.position) : null;

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

  const allFlows = useQuery<FlowRow>(
    coordinator,
    flowsQuery(model, state, OWN, {
      mode: ml.mode,
      weight: ml.weight,
      top: ml.top,
      lang,
      window: null,
      level,
      timeline,
    }),
    'map.flows',
  );
  const hot = useTableQuery(
    coordinator,
    ml.hotspots ? hotspotsQuery(model, state, OWN, null, timeline) : null,
    'map.hotspots',
  );
  const allPlaces = useQuery<MapCountryRow>(
    coordinator,
    mapCountriesQuery(model, state, OWN, lang, null),
    'map.countries',
  );
  const placeTimeline = useQuery<MapCountryPeriodRow>(
    coordinator,
    timeline ? mapCountriesTimelineQuery(model, state, OWN, timeline) : null,
    'map.countries.timeline',
  );
  // The period on screen, out of the timelines in memory (all time when not playing).
  const flows = useMemo<QueryState<FlowRow>>(
    () =>
      ordinal === null
        ? allFlows
        : { ...allFlows, rows: allFlows.rows?.filter((f) => f.period === ordinal) },
    [allFlows, ordinal],
  );
  const places = useMemo<QueryState<MapCountryRow>>(() => {
    if (ordinal === null) return allPlaces;
    const loading = allPlaces.loading || placeTimeline.loading;
    const error = allPlaces.error ?? placeTimeline.error;
    if (!allPlaces.rows || !placeTimeline.rows) return { rows: undefined, loading, error };
    const inPeriod = new Map(
      placeTimeline.rows.filter((r) => r.period === ordinal).map((r) => [r.iso3, r]),
    );
    const rows = allPlaces.rows
      .map((p) => ({
        ...p,
        seizures: inPeriod.get(p.iso3)?.seizures ?? 0,
        firearms: inPeriod.get(p.iso3)?.firearms ?? 0,
      }))
      .sort((a, b) => b.firearms - a.firearms || (a.iso3 < b.iso3 ? -1 : 1));
    return { rows, loading, error };
  }, [allPlaces, placeTimeline, ordinal]);
  const periods = useQuery<{ period: string }>(
    coordinator,
    periodsQuery(model, state, OWN, ml.period),
    'map.periods',
  );

  // Briefing-safe counts: flows whose firearms or seizures the protection hides are not drawn
  // (an arc's width would give the number away); what is not drawn is then not written either.
  const k = useSafeK();
  const { drawn, hiddenFlows } = useMemo(() => protectFlows(flows.rows ?? [], k), [flows.rows, k]);
  // In playback, widths are scaled to the largest flow drawn in any period (each period
  // protected on its own, as its window would be), so a width means the same at every step.
  const playing = ordinal !== null;
  const scaleMax = useMemo(() => {
    if (!playing) return undefined;
    const byPeriod = new Map<number, FlowRow[]>();
    for (const f of allFlows.rows ?? []) {
      // Rows without a period are the previous result (all time) while the timeline loads.
      if (f.period === null) continue;
      const list = byPeriod.get(f.period) ?? [];
      list.push(f);
      byPeriod.set(f.period, list);
    }
    let max = 0;
    for (const list of byPeriod.values())
      for (const f of protectFlows(list, k).drawn)
        max = Math.max(max, ml.weight === 'firearms' ? f.firearms : f.seizures);
    return max;
  }, [allFlows.rows, playing, k, ml.weight]);
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
    scaleMax,
    ordinal,
    hiddenFlows,
    rest,
    unplaced,
    total,
    codes,
  };
}

/**
 * The flows drawn under briefing-safe counts `k` (null: all of them): those whose firearms or
 * seizures the protection hides are left out, with how many were.
 */
function protectFlows(
  rows: readonly FlowRow[],
  k: number | null,
): { drawn: FlowRow[]; hiddenFlows: number } {
  const all = rows.filter((f) => f.drawn === 1);
  if (k === null) return { drawn: all, hiddenFlows: 0 };
  const other = rows.find((f) => f.drawn === 0);
  const byFirearms = protectList([...all.map((f) => f.firearms), other?.firearms ?? 0], k);
  const bySeizures = protectList([...all.map((f) => f.seizures), other?.seizures ?? 0], k);
  const kept = all.filter((_, i) => !isHidden(byFirearms[i]) && !isHidden(bySeizures[i]));
  return { drawn: kept, hiddenFlows: all.length - kept.length };
}
