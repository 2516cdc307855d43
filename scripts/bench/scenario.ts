/**
 * The benchmark's fixed script: the interactions on each view, the Mosaic comparison's sequences
 * of selections, and the heavy shared link.
 */
import type { MosaicStep } from '../lib/mosaicHarness';

/** The fixed interaction script: a view and the filter part of its address. */
export const INTERACTIONS: { view: string; kind: string; params: string }[] = [
  { view: 'overview', kind: 'filter: region', params: '&r=central_america_mexico' },
  {
    view: 'overview',
    kind: 'filter: + firearm type',
    params: '&r=central_america_mexico&ft=pistol',
  },
  {
    view: 'overview',
    kind: 'filter: time range',
    params: '&t=2019-01-01,2022-12-31&r=central_america_mexico&ft=pistol',
  },
  {
    view: 'overview',
    kind: 'cross-filter: country',
    params: '&t=2019-01-01,2022-12-31&x=overview.countries~p~country~MEX',
  },
  { view: 'overview', kind: 'cross-filter: route', params: '&x=overview.routes~r~USA~MEX' },
  {
    view: 'overview',
    kind: 'cross-filter: period',
    params: '&x=overview.monthly~i~2021-01-01~2021-12-31',
  },
  { view: 'overview', kind: 'clear all', params: '' },
  { view: 'map', kind: 'filter: origin', params: '&o=USA' },
  { view: 'map', kind: 'cross-filter: leg', params: '&o=USA&x=map.routes~l~MEX~GTM' },
  { view: 'map', kind: 'filter: transit', params: '&tr=MEX' },
  { view: 'map', kind: 'playback: start', params: '&mp=2023-03-01' },
  // The next period: a step within a playback (the timeline is in memory and on the GPU).
  { view: 'map', kind: 'playback step', params: '&mp=2023-04-01' },
  { view: 'trends', kind: 'filter: region', params: '&r=west_africa' },
  { view: 'trends', kind: 'filter: linked crime', params: '&r=west_africa&lc=terrorism' },
  {
    view: 'trends',
    kind: 'cross-filter: period',
    params: '&r=west_africa&x=trends.series~i~2020-01-01~2022-12-31',
  },
  { view: 'flows', kind: 'filter: destination', params: '&d=BRA' },
  { view: 'flows', kind: 'cross-filter: node', params: '&x=flows.sankey~p~origin~TUR' },
  { view: 'patterns', kind: 'filter: agency', params: '&ag=customs' },
  { view: 'patterns', kind: 'filter: calibre', params: '&ag=customs&cal=9%C3%9719mm' },
  {
    view: 'patterns',
    kind: 'cross-filter: bar',
    params: '&x=patterns.firearmType~p~firearmType~shotgun',
  },
  { view: 'traces', kind: 'filter: country', params: '&c=MEX,GTM,HND' },
  {
    view: 'traces',
    kind: 'cross-filter: outcome',
    params: '&x=traces.outcomes~p~traceOutcome~pending',
  },
];

/** The last day of month `ym` (YYYY-MM). */
export function monthEnd(ym: string): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
/** `n` months after `ym`, as YYYY-MM. */
export function addMonths(ym: string, n: number): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}
export const brush = (from: string, months: number): MosaicStep => ({
  source: 'monthly',
  from: `${from}-01`,
  to: monthEnd(addMonths(from, months - 1)),
});

/**
 * The Overview's selections, run by the app and by Mosaic: brushing the monthly chart ten times,
 * then the source alternating between the monthly chart, the countries and the routes (each
 * panel's last selection stays, as in a crossfilter).
 */
export const SEQUENCES: { name: string; steps: MosaicStep[] }[] = [
  {
    name: 'brush one view',
    steps: Array.from({ length: 10 }, (_, i) => brush(addMonths('2016-01', 3 * i), 24)),
  },
  {
    name: 'alternating sources',
    steps: [
      brush('2019-01', 24),
      { source: 'countries', country: 'MEX' },
      { source: 'routes', origin: 'USA', destination: 'MEX' },
      brush('2020-01', 24),
      { source: 'countries', country: 'GTM' },
      { source: 'routes', origin: 'USA', destination: 'GTM' },
      brush('2017-01', 24),
      { source: 'countries', country: 'BRA' },
      { source: 'routes', origin: 'PRY', destination: 'BRA' },
      brush('2021-01', 24),
      { source: 'countries', country: 'COL' },
      { source: 'routes', origin: 'VEN', destination: 'COL' },
    ],
  },
];

/** A step's label in the tables. */
export function stepLabel(st: MosaicStep): string {
  if (st.source === 'monthly') return `period ${st.from.slice(0, 7)}…${st.to.slice(0, 7)}`;
  if (st.source === 'countries') return `country ${st.country}`;
  return `route ${st.origin}→${st.destination}`;
}

/** The app's cross-filter for a step (the `x=` part of its address). */
export function crossFilterParam(st: MosaicStep): string {
  if (st.source === 'monthly') return `overview.monthly~i~${st.from}~${st.to}`;
  if (st.source === 'countries') return `overview.countries~p~country~${st.country}`;
  return `overview.routes~r~${st.origin}~${st.destination}`;
}

/** The heavy shared link. */
export const HEAVY =
  '&t=2016-01-01,2024-12-31&r=central_america_mexico,caribbean,south_america&o=USA,PRY,VEN&ft=pistol,rifle,revolver' +
  '&pt=land_border,road_checkpoint,urban,seaport&ag=police,customs,border_guard&tm=road_vehicle,none,maritime_container' +
  '&lc=drugs&x=overview.monthly~i~2019-01-01~2023-06-30&x=overview.countries~p~country~MEX,GTM,HND,BRA,COL&th=dark';
