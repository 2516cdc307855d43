/**
 * deck.gl layers of the route map, built from query results. Flows become flat arcs (tilted into
 * the map plane) whose width is proportional to the chosen weight and whose colour runs from
 * source to destination; hotspots are hexagons weighted by firearms, or points when zoomed in.
 * Data is handed to deck.gl as typed arrays built once per query result.
 */
import { HexagonLayer } from '@deck.gl/aggregation-layers';
import type { Layer } from '@deck.gl/core';
import { ArcLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Table } from 'apache-arrow';
import type { FlowRow, MapCountryRow } from '../../sql/routes';
import type { MapLayers } from '../../model/viewState';
import type { ThemeTokens } from '../../theme/tokens';

/** An RGBA colour. */
export type Rgba = [number, number, number, number];

/** Parses `#rrggbb` into RGBA. */
export function hexToRgba(hex: string, alpha = 255): Rgba {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, alpha];
}

/** Region colours for "colour by region" (categorical, colour-blind safe). */
const REGION_ORDER = [
  'central_america_mexico',
  'caribbean',
  'south_america',
  'west_africa',
  'central_africa',
  'north_america',
  'europe',
  'north_africa_middle_east',
  'other',
];

/** The colour of a region in a theme. */
export function regionColour(region: string, tokens: ThemeTokens): string {
  const i = Math.max(0, REGION_ORDER.indexOf(region));
  return tokens.series[i % tokens.series.length]!;
}

/** Arc width in pixels for a weight, given the largest weight drawn. */
export function arcWidth(value: number, max: number, projector: boolean): number {
  const top = projector ? 22 : 16;
  return Math.max(projector ? 2 : 1.2, (top * value) / Math.max(1, max));
}

/** Binary attributes of the arcs for the drawn flows (typed arrays, one entry per flow). */
export interface ArcData {
  length: number;
  attributes: {
    getSourcePosition: { value: Float32Array; size: 2 };
    getTargetPosition: { value: Float32Array; size: 2 };
    getSourceColor: { value: Uint8Array; size: 4; normalized: true };
    getTargetColor: { value: Uint8Array; size: 4; normalized: true };
    getWidth: { value: Float32Array; size: 1 };
  };
}

/**
 * Builds arc attributes from the drawn flows. Widths are scaled to `scaleMax` when given (in
 * playback, the largest flow of every period, so a width means the same from step to step), else
 * to the largest flow drawn.
 */
export function arcData(
  flows: readonly FlowRow[],
  options: Pick<MapLayers, 'weight' | 'color'>,
  tokens: ThemeTokens,
  projector: boolean,
  selected: string | null,
  scaleMax?: number,
): ArcData {
  const n = flows.length;
  const src = new Float32Array(n * 2);
  const dst = new Float32Array(n * 2);
  const sc = new Uint8Array(n * 4);
  const tc = new Uint8Array(n * 4);
  const width = new Float32Array(n);
  const value = (f: FlowRow) => (options.weight === 'firearms' ? f.firearms : f.seizures);
  const max = Math.max(1, scaleMax ?? 0, ...flows.map(value));
  flows.forEach((f, i) => {
    src.set([f.srcLon, f.srcLat], i * 2);
    dst.set([f.dstLon, f.dstLat], i * 2);
    const dim = selected !== null && selected !== `${f.src}>${f.dst}`;
    const alpha = dim ? 70 : 235;
    const a = options.color === 'direction' ? tokens.series[1]! : regionColour(f.srcRegion, tokens);
    const b = options.color === 'direction' ? tokens.series[0]! : regionColour(f.dstRegion, tokens);
    sc.set(hexToRgba(a, alpha), i * 4);
    tc.set(hexToRgba(b, alpha), i * 4);
    width[i] = arcWidth(value(f), max, projector);
  });
  return {
    length: n,
    attributes: {
      getSourcePosition: { value: src, size: 2 },
      getTargetPosition: { value: dst, size: 2 },
      getSourceColor: { value: sc, size: 4, normalized: true },
      getTargetColor: { value: tc, size: 4, normalized: true },
      getWidth: { value: width, size: 1 },
    },
  };
}

// Web Mercator "common" space as deck.gl uses it (512 units around, y northwards).
const TILE = 512;
const toWorld = (lon: number, lat: number): [number, number] => [
  ((lon + 180) / 360) * TILE,
  (TILE / (2 * Math.PI)) * (Math.PI + Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))),
];
const toLngLat = (x: number, y: number): [number, number] => [
  (x / TILE) * 360 - 180,
  ((2 * Math.atan(Math.exp((y * 2 * Math.PI) / TILE - Math.PI)) - Math.PI / 2) * 180) / Math.PI,
];

/** Height of the arcs (share of their length), as drawn by the ArcLayer. */
export const ARC_HEIGHT = 0.35;

/**
 * A point of a flat (tilt 90°) arc at `ratio` along it, as deck.gl's ArcLayer draws it: the chord
 * in Web Mercator, pushed sideways (to the left of source → target) by the arc's paraboloid height.
 */
export function arcPoint(
  src: readonly [number, number],
  dst: readonly [number, number],
  ratio: number,
): [number, number] {
  const [sx, sy] = toWorld(src[0], src[1]);
  const [tx, ty] = toWorld(dst[0], dst[1]);
  const d = Math.hypot(tx - sx, ty - sy);
  if (d === 0) return [src[0], src[1]];
  const z = Math.sqrt(ratio * (1 - ratio)) * d * ARC_HEIGHT;
  const [ux, uy] = [(tx - sx) / d, (ty - sy) / d];
  return toLngLat(sx + (tx - sx) * ratio - uy * z, sy + (ty - sy) * ratio + ux * z);
}

/** An arrowhead near the end of a flow: where it sits and where it points (degrees, counter-clockwise from east on screen). */
export interface Arrowhead {
  position: [number, number];
  angle: number;
  size: number;
  color: Rgba;
}

/**
 * Arrowheads for the drawn flows: direction read from the shape, so it holds in grayscale and in
 * the projector theme, not only from the colour gradient. Each sits at 90% of its arc, along the
 * arc's tangent there, sized with the arc's width.
 */
export function arrowheads(arcs: ArcData): Arrowhead[] {
  const {
    getSourcePosition: s,
    getTargetPosition: t,
    getWidth: w,
    getTargetColor: c,
  } = arcs.attributes;
  const out: Arrowhead[] = [];
  for (let i = 0; i < arcs.length; i++) {
    const src: [number, number] = [s.value[i * 2]!, s.value[i * 2 + 1]!];
    const dst: [number, number] = [t.value[i * 2]!, t.value[i * 2 + 1]!];
    if (src[0] === dst[0] && src[1] === dst[1]) continue;
    const a = toWorld(...arcPoint(src, dst, 0.86));
    const b = toWorld(...arcPoint(src, dst, 0.92));
    out.push({
      position: arcPoint(src, dst, 0.92),
      angle: (Math.atan2(b[1] - a[1], b[0] - a[0]) * 180) / Math.PI,
      size: 9 + 1.1 * w.value[i]!,
      color: [c.value[i * 4]!, c.value[i * 4 + 1]!, c.value[i * 4 + 2]!, 255],
    });
  }
  return out;
}

/** A label's place on screen, in pixels. */
export interface LabelBox {
  x: number;
  y: number;
}

/**
 * Keeps the labels that do not collide, in the order given (most important first): each label's
 * box is estimated from its text length and font size, and a label overlapping one already kept
 * is left out (e.g. Jamaica beside Haiti and the Dominican Republic).
 */
export function declutter<T extends { name: string }>(
  labels: readonly T[],
  project: (label: T) => LabelBox | null,
  fontPx: number,
  gap = 4,
): T[] {
  const kept: { x0: number; x1: number; y0: number; y1: number }[] = [];
  const out: T[] = [];
  for (const label of labels) {
    const p = project(label);
    if (!p) continue;
    const half = (label.name.length * fontPx * 0.58) / 2 + gap;
    const box = {
      x0: p.x - half,
      x1: p.x + half,
      y0: p.y - fontPx * 0.65 - gap,
      y1: p.y + fontPx * 0.65 + gap,
    };
    if (kept.some((k) => box.x0 < k.x1 && box.x1 > k.x0 && box.y0 < k.y1 && box.y1 > k.y0))
      continue;
    kept.push(box);
    out.push(label);
  }
  return out;
}

/** Font size of the map's labels in pixels. */
export const labelSize = (projector: boolean): number => (projector ? 17 : 12);

/** Hotspot columns as typed arrays. */
export interface HotspotData {
  length: number;
  lon: Float64Array;
  lat: Float64Array;
  firearms: Float64Array;
  index: Uint32Array;
  maxFirearms: number;
}

/**
 * Reads the hotspot table's columns without copying row objects. With `minFirearms` (briefing-safe
 * counts), places with fewer firearms are left out; with `period` (playback), the rows of other
 * periods are.
 */
export function hotspotData(
  table: Table,
  minFirearms = 0,
  period: number | null = null,
): HotspotData {
  const { lon, lat, firearms, periods: all } = columnsOf(table);
  // A timeline's table holds every period: keep the one on screen (none of a table that has no
  // periods, the previous result on screen while the timeline loads).
  const periods = period === null ? null : (all ?? new Float64Array(0));
  let max = 0;
  const keep: number[] = [];
  for (let i = 0; i < firearms.length; i++) {
    const v = firearms[i]!;
    if (v >= minFirearms && (!periods || periods[i] === period)) {
      keep.push(i);
      max = Math.max(max, v);
    }
  }
  return {
    length: keep.length,
    lon,
    lat,
    firearms,
    index: Uint32Array.from(keep),
    maxFirearms: max,
  };
}

interface HotspotColumns {
  lon: Float64Array;
  lat: Float64Array;
  firearms: Float64Array;
  periods: Float64Array | null;
}

/** A hotspot table's columns, read once per table (a playback step reuses them). */
const columnCache = new WeakMap<Table, HotspotColumns>();
function columnsOf(table: Table): HotspotColumns {
  let cols = columnCache.get(table);
  if (!cols) {
    const col = (name: string) =>
      Float64Array.from(table.getChild(name)?.toArray() as ArrayLike<number>);
    const hasPeriods = table.schema.fields.some((f) => f.name === 'period');
    cols = {
      lon: col('lon'),
      lat: col('lat'),
      firearms: col('firearms'),
      periods: hasPeriods ? col('period') : null,
    };
    columnCache.set(table, cols);
  }
  return cols;
}

/** Options shared by the layer builders. */
export interface LayerContext {
  tokens: ThemeTokens;
  projector: boolean;
  zoom: number;
  onHoverFlow: (index: number | null, x: number, y: number) => void;
  onClickFlow: (index: number) => void;
  /** Values written on the leading arcs (on a projector, in Present mode). */
  arcValues?: readonly { position: [number, number]; text: string }[];
}

/** Arrowheads are worked out once per set of arcs (not again when only the camera moves). */
const arrowCache = new WeakMap<ArcData, Arrowhead[]>();
function arrowsOf(arcs: ArcData): Arrowhead[] {
  let arrows = arrowCache.get(arcs);
  if (!arrows) arrowCache.set(arcs, (arrows = arrowheads(arcs)));
  return arrows;
}

/** Zoom from which hotspots are drawn as points rather than hexagons. */
export const POINTS_FROM_ZOOM = 5.5;

/** Every layer of the map, bottom to top. */
export function buildLayers(
  ctx: LayerContext,
  arcs: ArcData | null,
  hot: HotspotData | null,
  labels: readonly MapCountryRow[],
  showHotspots: boolean,
): Layer[] {
  const layers: Layer[] = [];
  const ramp = ctx.tokens.ramp.map((c) => hexToRgba(c).slice(0, 3) as [number, number, number]);
  if (hot && showHotspots && hot.length > 0) {
    if (ctx.zoom < POINTS_FROM_ZOOM) {
      layers.push(
        new HexagonLayer<number>({
          id: 'hotspots',
          data: hot.index,
          getPosition: (i: number) => [hot.lon[i]!, hot.lat[i]!],
          getColorWeight: (i: number) => hot.firearms[i]!,
          colorAggregation: 'SUM',
          getElevationWeight: (i: number) => hot.firearms[i]!,
          elevationAggregation: 'SUM',
          radius: 60_000,
          coverage: 0.9,
          extruded: false,
          opacity: 0.85,
          colorRange: ramp,
          gpuAggregation: false,
          pickable: false,
        }),
      );
    } else {
      layers.push(
        new ScatterplotLayer<number>({
          id: 'hotspot-points',
          data: hot.index,
          getPosition: (i: number) => [hot.lon[i]!, hot.lat[i]!],
          getRadius: (i: number) =>
            3 + 14 * Math.sqrt(hot.firearms[i]! / Math.max(1, hot.maxFirearms)),
          radiusUnits: 'pixels',
          getFillColor: hexToRgba(ctx.tokens.ramp[ctx.tokens.ramp.length - 1]!, 190),
          stroked: true,
          getLineColor: hexToRgba(ctx.tokens.surface, 200),
          lineWidthMinPixels: 0.5,
        }),
      );
    }
  }
  if (arcs && arcs.length > 0) {
    layers.push(
      new ArcLayer({
        id: 'flows',
        data: arcs,
        greatCircle: false,
        getHeight: ARC_HEIGHT,
        getTilt: 90,
        widthUnits: 'pixels',
        pickable: true,
        autoHighlight: true,
        highlightColor: hexToRgba(ctx.tokens.focus, 255),
        onHover: (info) => ctx.onHoverFlow(info.index >= 0 ? info.index : null, info.x, info.y),
        onClick: (info) => {
          if (info.index >= 0) ctx.onClickFlow(info.index);
        },
      }),
      new TextLayer<Arrowhead>({
        id: 'flow-arrows',
        data: arrowsOf(arcs),
        getPosition: (d) => d.position,
        getText: () => '\u25B6',
        getAngle: (d) => d.angle,
        getSize: (d) => (ctx.projector ? d.size * 1.3 : d.size),
        getColor: (d) => d.color,
        outlineWidth: 2,
        outlineColor: hexToRgba(ctx.tokens.bg, 230),
        fontSettings: { sdf: true },
        fontFamily: 'system-ui, "DejaVu Sans", sans-serif',
        characterSet: ['\u25B6'],
        getTextAnchor: 'middle',
        getAlignmentBaseline: 'center',
      }),
    );
  }
  if (ctx.arcValues && ctx.arcValues.length > 0) {
    layers.push(
      new TextLayer<{ position: [number, number]; text: string }>({
        id: 'flow-values',
        data: ctx.arcValues,
        getPosition: (d) => d.position,
        getText: (d) => d.text,
        getSize: labelSize(ctx.projector) + 1,
        getColor: hexToRgba(ctx.tokens.accent, 255),
        outlineWidth: 4,
        outlineColor: hexToRgba(ctx.tokens.bg, 235),
        fontSettings: { sdf: true },
        fontWeight: 700,
        fontFamily: 'system-ui, "DejaVu Sans", sans-serif',
        characterSet: 'auto',
        getTextAnchor: 'middle',
        getAlignmentBaseline: 'center',
      }),
    );
  }
  if (labels.length > 0) {
    layers.push(
      new TextLayer<MapCountryRow>({
        id: 'labels',
        data: labels,
        getPosition: (d) => [d.lon, d.lat],
        getText: (d) => d.name,
        getSize: labelSize(ctx.projector),
        getColor: hexToRgba(ctx.tokens.text, 235),
        outlineWidth: 3,
        outlineColor: hexToRgba(ctx.tokens.bg, 220),
        fontSettings: { sdf: true },
        fontFamily: 'system-ui, "DejaVu Sans", sans-serif',
        characterSet: 'auto',
        getTextAnchor: 'middle',
        getAlignmentBaseline: 'center',
      }),
    );
  }
  return layers;
}
