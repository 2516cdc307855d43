/**
 * The route map: the bundled basemap, flows of firearms aggregated in DuckDB (legs or whole
 * routes) as arcs, seizure hotspots, time playback, and beside it ranked lists of the top flows
 * and countries (an accessible alternative to the canvas). Clicking an arc or a list row selects
 * that flow; clicking a country selects it; both filter every other view.
 */
import { MAP_COUNTRIES, MAP_FLOWS, OWN, useMapData } from './useMapData';
import { NotDrawnNote } from '../../components/NotDrawnNote';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PlaceLevelSelect } from '../../components/PlaceLevelSelect';
import { useAtlas } from '../../context/AtlasContext';
import { useFilterSummary } from '../../context/useFilterSummary';
import { RankedBars } from '../../components/RankedBars';
import { useQuery } from '../../db/useQuery';
import { formatNumber, formatPercent } from '../../i18n';
import {
  flowTypesQuery,
  type FlowRow,
  type FlowTypeRow,
  type MapCountryRow,
} from '../../sql/routes';
import { useViewState } from '../../state/store';
import { crossFilterOf, togglePoint, withCrossFilter, type MapLayers } from '../../model/viewState';
import { THEME_TOKENS } from '../../theme/tokens';
import { arcData, arcPoint, buildLayers, declutter, hotspotData, labelSize } from './layers';
import { MapControls } from './MapControls';
import { MapLegend } from './MapLegend';
import { PlaybackControls, periodLabel } from './PlaybackControls';
import { useMapLibre } from './useMapLibre';
import { protectList, safeText } from '../../disclosure/safeCounts';

/** Cross-filters the map owns: a flow, and countries. */

/**
 * Countries to label at a zoom level: the ends of the leading flows first, then seizing countries
 * by firearms, fewer when zoomed out so names do not pile up.
 */
export function labelPlaces(
  places: readonly MapCountryRow[],
  flows: readonly FlowRow[],
  zoom: number,
): MapCountryRow[] {
  const limit = zoom < 2 ? 14 : zoom < 3 ? 26 : zoom < 4.5 ? 45 : Infinity;
  const ends = new Set(flows.slice(0, 8).flatMap((f) => [f.src, f.dst]));
  const ranked = [
    ...places.filter((p) => ends.has(p.iso3)),
    ...places.filter((p) => !ends.has(p.iso3) && p.firearms > 0),
  ];
  return ranked.slice(0, limit);
}

/** The Map view. */
export function MapView() {
  const { coordinator, store, manifest, model } = useAtlas();
  const state = useViewState(store);
  const { lang } = state;
  const { t } = useTranslation();
  const tokens = THEME_TOKENS[state.theme];
  const projector = state.theme === 'projector';
  const ml = state.mapLayers;
  const {
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
  } = useMapData();

  const flowClause = crossFilterOf(state, MAP_FLOWS);
  const selectedFlow =
    flowClause && (flowClause.kind === 'leg' || flowClause.kind === 'route')
      ? `${flowClause.origin}>${flowClause.destination}`
      : null;
  const countryClause = crossFilterOf(state, MAP_COUNTRIES);
  const selectedCountries = useMemo(
    () => (countryClause?.kind === 'point' ? countryClause.values : []),
    [countryClause],
  );

  const setLayers = useCallback(
    (update: Partial<MapLayers>, mode: 'push' | 'replace') =>
      store.set((s) => ({ ...s, mapLayers: { ...s.mapLayers, ...update } }), mode),
    [store],
  );
  const toggleFlow = useCallback(
    (f: Pick<FlowRow, 'src' | 'dst'>) => {
      const same = selectedFlow === `${f.src}>${f.dst}`;
      const kind = ml.mode === 'legs' ? 'leg' : 'route';
      store.set(
        (s) =>
          withCrossFilter(
            s,
            MAP_FLOWS,
            same ? null : { source: MAP_FLOWS, kind, origin: f.src, destination: f.dst },
          ),
        'push',
      );
    },
    [store, selectedFlow, ml.mode],
  );
  const toggleCountry = useCallback(
    (iso3: string) => store.set((s) => togglePoint(s, MAP_COUNTRIES, 'country', iso3), 'push'),
    [store],
  );

  const { container, handle, zoom } = useMapLibre({
    countries,
    viewport: state.map,
    tokens,
    projector,
    onViewport: (map) => store.set((s) => ({ ...s, map }), 'replace'),
    onCountryClick: toggleCountry,
  });

  // Selected and filtered countries are highlighted on the basemap.
  const activeCountries = useMemo(
    () => new Set([...selectedCountries, ...state.filters.country]),
    [selectedCountries, state.filters.country],
  );
  useEffect(() => {
    if (!handle || !countries) return;
    for (const f of countries.features) {
      handle.map.setFeatureState(
        { source: 'countries', id: f.properties.numeric },
        { active: f.properties.iso3 !== null && activeCountries.has(f.properties.iso3) },
      );
    }
  }, [handle, countries, activeCountries]);

  const [hover, setHover] = useState<{ index: number; x: number; y: number } | null>(null);
  const hovered = hover ? drawn[hover.index] : undefined;
  const types = useQuery<FlowTypeRow>(
    coordinator,
    hovered
      ? flowTypesQuery(
          model,
          state,
          OWN,
          { mode: ml.mode, window, level },
          hovered.src,
          hovered.dst,
        )
      : null,
    'map.tooltip',
  );

  const { weight, color } = ml;
  const arcs = useMemo(
    () => arcData(drawn, { weight, color }, tokens, projector, selectedFlow, scaleMax),
    [drawn, weight, color, tokens, projector, selectedFlow, scaleMax],
  );
  const hotData = useMemo(
    () => (hot.table ? hotspotData(hot.table, k ?? 0, ordinal) : null),
    [hot.table, k, ordinal],
  );
  // Labels that would overlap one already placed are left out (recomputed as the camera moves).
  const labels = useMemo(() => {
    const ranked = labelPlaces(places.rows ?? [], drawn, zoom);
    const map = handle?.map;
    if (!map) return ranked;
    return declutter(
      ranked,
      (d) => {
        const p = map.project([d.lon, d.lat]);
        return Number.isFinite(p.x) && Number.isFinite(p.y) ? p : null;
      },
      labelSize(projector),
    );
    // The camera (state.map) moves the labels on screen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [places.rows, drawn, zoom, handle, projector, state.map.lon, state.map.lat]);

  // On a projector or in Present mode, the five leading flows carry their value on the arc.
  const arcValues = useMemo(
    () =>
      projector || state.present
        ? drawn.slice(0, 5).map((f) => ({
            position: arcPoint([f.srcLon, f.srcLat], [f.dstLon, f.dstLat], 0.5),
            text: formatNumber(ml.weight === 'firearms' ? f.firearms : f.seizures, lang),
          }))
        : [],
    [drawn, projector, state.present, ml.weight, lang],
  );

  useEffect(() => {
    if (!handle) return;
    handle.overlay.setProps({
      layers: buildLayers(
        {
          tokens,
          projector,
          zoom,
          onHoverFlow: (index, x, y) => setHover(index === null ? null : { index, x, y }),
          onClickFlow: (index) => {
            const f = drawn[index];
            if (f) toggleFlow(f);
          },
          arcValues,
        },
        arcs,
        hotData,
        labels,
        ml.hotspots,
      ),
    });
  }, [
    handle,
    arcs,
    hotData,
    labels,
    ml.hotspots,
    tokens,
    projector,
    zoom,
    drawn,
    toggleFlow,
    arcValues,
  ]);

  // Tell tests and the benchmark when a complete update is on screen.
  const settled = !!handle && !flows.loading && !places.loading && !(ml.hotspots && hot.loading);
  useEffect(() => {
    if (!settled) return;
    const frame = requestAnimationFrame(() => performance.mark('atlas:map-drawn'));
    return () => cancelAnimationFrame(frame);
  }, [settled, arcs, hotData]);

  const [playing, setPlaying] = useState(false);
  const filterSummary = useFilterSummary();
  const loading = flows.loading || places.loading || (ml.hotspots && hot.loading);
  const empty = !loading && drawn.length === 0 && (hotData?.length ?? 0) === 0;
  const error = flows.error ?? places.error ?? hot.error ?? codes.error;
  const value = (f: FlowRow) => (ml.weight === 'firearms' ? f.firearms : f.seizures);
  const dateText = ml.position
    ? periodLabel(ml.position, ml.period, lang)
    : t('map.allTime', {
        from: manifest.dateRange.from.slice(0, 4),
        to: manifest.dateRange.to.slice(0, 4),
      });

  return (
    <div className="view view--map">
      <section
        className="panel panel--wide map-panel"
        aria-labelledby="map-title"
        aria-busy={loading}
        data-panel="map"
        data-state={error ? 'error' : loading ? 'loading' : empty ? 'empty' : 'ready'}
      >
        <header className="panel__header">
          <h2 className="panel__title" id="map-title">
            {t('map.title')}
          </h2>
          <p className="panel__units">
            {t(ml.mode === 'legs' ? 'map.unitsLegs' : 'map.unitsRoutes', {
              weight: t(`map.weight.${ml.weight}`).toLowerCase(),
            })}
          </p>
          {loading && (
            <span className="panel__status" role="status">
              {t('state.updating')}
            </span>
          )}
        </header>
        <div className="map-controls-row">
          <MapControls layers={ml} onChange={setLayers} />
          <PlaceLevelSelect />
        </div>
        {unplaced && unplaced.seizures > 0 && (
          <p className="muted" data-testid="map-unplaced">
            {t('map.unplaced', {
              count: unplaced.seizures,
              formatted: formatNumber(unplaced.seizures, lang),
            })}
          </p>
        )}
        <div className="map-frame">
          <div
            ref={container}
            className="map-canvas"
            data-testid="map"
            data-arcs={JSON.stringify(
              drawn.map((f) => [f.src, f.dst, f.srcLon, f.srcLat, f.dstLon, f.dstLat]),
            )}
            role="img"
            aria-label={t('map.canvasLabel', { count: drawn.length })}
          />
          <div className="map-date" data-testid="map-date" aria-live="polite">
            {dateText}
          </div>
          {hovered && hover && (
            <div
              className="map-tooltip"
              style={{ left: hover.x + 14, top: hover.y + 14 }}
              role="tooltip"
              data-testid="map-tooltip"
            >
              <strong>
                {hovered.srcName} → {hovered.dstName}
              </strong>
              <div>
                {t('map.tooltip.firearms', {
                  count: hovered.firearms,
                  n: formatNumber(hovered.firearms, lang),
                })}{' '}
                ·{' '}
                {t('map.tooltip.seizures', {
                  count: hovered.seizures,
                  n: formatNumber(hovered.seizures, lang),
                })}
              </div>
              <div>
                {t('map.tooltip.share', {
                  share: formatPercent(total > 0 ? value(hovered) / total : 0, lang, 1),
                  weight: t(`map.weight.${ml.weight}`).toLowerCase(),
                })}
              </div>
              <div>
                {t('map.tooltip.seen', { first: hovered.firstSeen, last: hovered.lastSeen })}
              </div>
              {types.rows && types.rows.length > 0 && (
                <div>
                  {t('map.tooltip.types', {
                    types: ((rows) => {
                      const status = protectList(
                        rows.map((r) => r.firearms),
                        k,
                      );
                      return rows
                        .map(
                          (r, i) =>
                            `${t(`vocab.firearm_type.${r.firearm_type}`)} (${safeText(r.firearms, status[i], k, lang)})`,
                        )
                        .join(', ');
                    })(types.rows),
                  })}
                </div>
              )}
            </div>
          )}
          {(empty || error || basemapError) && (
            <div className="map-message" role="status">
              {error ? t(`errors.${error.kind}`) : basemapError ? basemapError : t('map.empty')}
              {!error && !basemapError && filterSummary && (
                <p>{t('filters.emptyRelax', { filters: filterSummary })}</p>
              )}
            </div>
          )}
          <MapLegend
            drawn={drawn}
            scaleMax={scaleMax}
            rest={rest}
            restHidden={k !== null && hiddenFlows > 0}
            layers={ml}
            tokens={tokens}
            projector={projector}
            lang={lang}
            hotspotMax={ml.hotspots && hotData ? hotData.maxFirearms : null}
          />
        </div>
        <PlaybackControls
          periods={(periods.rows ?? []).map((p) => p.period)}
          layers={ml}
          playing={playing}
          lang={lang}
          onPlaying={setPlaying}
          onChange={setLayers}
        />
        <NotDrawnNote kind="unplaced" client={MAP_FLOWS} />
        <NotDrawnNote kind="undated" client={MAP_FLOWS} />
        <p className="panel__caption">
          {t('map.caption', { title: manifest.title })}{' '}
          {filterSummary
            ? t('filters.captionActive', { filters: filterSummary })
            : t('filters.captionNone')}
        </p>
      </section>
      <section className="panel" aria-labelledby="map-flows-title" data-panel="map-flows">
        <h2 className="panel__title" id="map-flows-title">
          {t(ml.mode === 'legs' ? 'map.topLegs' : 'map.topRoutes')}
        </h2>
        <RankedBars
          items={drawn.slice(0, 10).map((f) => ({
            key: `${f.src}>${f.dst}`,
            label: `${f.srcName} → ${f.dstName}`,
            value: value(f),
          }))}
          labelHeader={`${t('overview.origin')} → ${t('overview.destination')}`}
          valueHeader={t(`map.weight.${ml.weight}`)}
          lang={lang}
          caption={t('map.topLegs')}
          selected={selectedFlow ? [selectedFlow] : []}
          onToggle={(key) => {
            const [src = '', dst = ''] = key.split('>');
            toggleFlow({ src, dst });
          }}
        />
      </section>
      <section className="panel" aria-labelledby="map-countries-title" data-panel="map-countries">
        <h2 className="panel__title" id="map-countries-title">
          {t('map.topCountries')}
        </h2>
        <RankedBars
          items={(places.rows ?? [])
            .filter((p) => p.firearms > 0)
            .slice(0, 10)
            .map((p) => ({ key: p.iso3, label: p.name, value: p.firearms }))}
          labelHeader={t('overview.country')}
          valueHeader={t('figures.firearms')}
          lang={lang}
          caption={t('map.topCountries')}
          selected={selectedCountries}
          onToggle={toggleCountry}
        />
      </section>
    </div>
  );
}

export default MapView;
