/**
 * Briefing mode, the pure parts: theme contrast (projector at WCAG AAA), decks (file, link,
 * tampering), slides, map label decluttering and arrowheads.
 */
import { describe, expect, it } from 'vitest';
import { contrast } from '../../src/theme/contrast';
import { THEME_TOKENS } from '../../src/theme/tokens';
import {
  DECK_FORMAT,
  decodeDeck,
  deckFileText,
  encodeDeck,
  readDeckFile,
  slideLink,
  slideState,
  type Deck,
} from '../../src/features/briefing/deck';
import { arcPoint, arrowheads, declutter, type ArcData } from '../../src/features/map/layers';
import { hashToState, stateToHash } from '../../src/model/urlCodec';
import {
  HIDDEN_MARK,
  protectList,
  protectSeries,
  protectTable,
  safeExport,
  safeText,
} from '../../src/disclosure/safeCounts';
import { oneWay, type CellStatus } from '../../src/disclosure/problems';
import { buildSankey } from '../../src/components/sankey';
import { safeLayout } from '../../src/components/SankeyChart';
import { viewerRanges } from '../helpers/disclosure';
import { DEFAULT_STATE, safeThreshold, type ViewState } from '../../src/model/viewState';

describe('theme contrast', () => {
  const TEXT = ['text', 'textMuted', 'accent', 'danger', 'warning'] as const;
  const GROUNDS = ['bg', 'surface', 'surfaceAlt'] as const;

  it('the projector theme keeps 7:1 (WCAG AAA) for every text and mark on every ground', () => {
    const t = THEME_TOKENS.projector;
    const pairs: [string, string, number][] = [];
    for (const fg of TEXT) for (const bg of GROUNDS) pairs.push([fg, bg, contrast(t[fg], t[bg])]);
    pairs.push(['accentText', 'accent', contrast(t.accentText, t.accent)]);
    const marks = [
      ...t.series.map((c, i) => [`series.${i}`, c]),
      ...t.ramp.map((c, i) => [`ramp.${i}`, c]),
    ];
    for (const [name, colour] of marks)
      for (const bg of [...GROUNDS, 'mapLand', 'mapWater'] as const)
        pairs.push([name!, bg, contrast(colour!, t[bg])]);
    const low = pairs
      .filter(([, , c]) => c < 7)
      .map(([a, b, c]) => `${a} on ${b}: ${c.toFixed(2)}`);
    expect(low).toEqual([]);
    const min = pairs.reduce((m, p) => (p[2] < m[2] ? p : m));
    console.log(`projector: lowest contrast ${min[2].toFixed(2)}:1 (${min[0]} on ${min[1]})`);
  });

  it('the light and dark themes keep 4.5:1 (AA) for every text', () => {
    for (const theme of ['light', 'dark'] as const) {
      const t = THEME_TOKENS[theme];
      for (const fg of TEXT)
        for (const bg of GROUNDS)
          expect(contrast(t[fg], t[bg]), `${theme} ${fg}/${bg}`).toBeGreaterThanOrEqual(4.5);
      expect(contrast(t.accentText, t.accent)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('computes WCAG ratios', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(() => contrast('red', '#fff')).toThrow(RangeError);
  });
});

const deck: Deck = {
  format: DECK_FORMAT,
  version: 1,
  title: 'Caribbean briefing',
  slides: [
    { title: 'Routes', note: 'Start here', link: '#/map?v=2&r=Caribbean' },
    { title: 'Flows', note: '', link: '#/flows?v=2&t=2020-01-01,2022-12-31' },
    { title: 'Trend', note: 'Say "Q1 2023"', link: '#/trends?v=2&g=quarter' },
  ],
};

describe('decks', () => {
  it('travel in a link and in a file unchanged', () => {
    const data = encodeDeck(deck);
    expect(data).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeDeck(data)).toEqual({ ok: true, deck });
    expect(readDeckFile(deckFileText(deck))).toEqual({ ok: true, deck });
    // And through the view state's URL.
    const state: ViewState = { ...DEFAULT_STATE, present: true, deck: { data, slide: 2 } };
    expect(hashToState(stateToHash(state)).state.deck).toEqual({ data, slide: 2 });
  });

  it('refuse tampered or hostile input with a reason, never throwing', () => {
    const data = encodeDeck(deck);
    expect(decodeDeck(data.slice(0, -6)).ok).toBe(false);
    expect(decodeDeck('AAAA').ok).toBe(false);
    expect(readDeckFile('{').ok).toBe(false);
    expect(readDeckFile(JSON.stringify({ ...deck, format: 'other' }))).toMatchObject({ ok: false });
    const bad = readDeckFile(
      JSON.stringify({ ...deck, slides: [{ title: 'x', note: '', link: 'javascript:alert(1)' }] }),
    );
    expect(bad).toMatchObject({ ok: false, error: expect.stringContaining('slides.0.link') });
    expect(readDeckFile(JSON.stringify({ ...deck, slides: [] })).ok).toBe(false);
    // The link parameter itself only takes base64url.
    const parsed = hashToState('#/map?v=2&pr=1&dk=%3Cscript%3E&sl=1');
    expect(parsed.state.deck).toBeNull();
    expect(parsed.dropped.join(' ')).toContain('dk=');
  });

  it('a slide shows its own view with the presenter’s theme, language and safe counts', () => {
    const data = encodeDeck(deck);
    const presenter = {
      theme: 'projector' as const,
      lang: 'es' as const,
      safe: { mode: 'on' as const, k: 10 },
    };
    const { state, dropped } = slideState(deck, data, 1, presenter);
    expect(dropped).toEqual([]);
    expect(state).toMatchObject({
      view: 'flows',
      time: { from: '2020-01-01', to: '2022-12-31' },
      theme: 'projector',
      lang: 'es',
      present: true,
      deck: { data, slide: 1 },
    });
    expect(safeThreshold(state)).toBe(10);
    // Out-of-range slides are clamped.
    expect(slideState(deck, data, 99, presenter).state.deck?.slide).toBe(2);
    // A saved slide does not carry the presenter's settings.
    const link = slideLink({ ...state, theme: 'dark', lang: 'fr' });
    expect(link).not.toMatch(/th=|l=|pr=|dk=/);
  });

  it('safe counts are on by default in Present mode only', () => {
    expect(safeThreshold(DEFAULT_STATE)).toBeNull();
    expect(safeThreshold({ ...DEFAULT_STATE, present: true })).toBe(5);
    expect(safeThreshold({ present: true, safe: { mode: 'off', k: 5 } })).toBeNull();
    expect(safeThreshold({ present: false, safe: { mode: 'on', k: 7 } })).toBe(7);
    expect(hashToState('#/map?v=2&sf=on&k=1').dropped).toEqual(['k=1']);
  });
});

describe('map labels and arrowheads', () => {
  it('leave out a label that collides with one already placed', () => {
    const at: Record<string, { x: number; y: number }> = {
      DOM: { x: 400, y: 300 },
      JAM: { x: 360, y: 304 },
      HTI: { x: 390, y: 296 },
      COL: { x: 380, y: 420 },
    };
    const labels = ['DOM', 'JAM', 'HTI', 'COL'].map((iso3) => ({
      iso3,
      name: { DOM: 'Dominican Republic', JAM: 'Jamaica', HTI: 'Haiti', COL: 'Colombia' }[iso3]!,
    }));
    const kept = declutter(labels, (l) => at[l.iso3]!, 12);
    expect(kept.map((l) => l.iso3)).toEqual(['DOM', 'COL']);
    // Far apart, all stay; unprojectable ones go.
    expect(declutter(labels, (l) => ({ x: labels.indexOf(l) * 300, y: 0 }), 12)).toHaveLength(4);
    expect(declutter(labels, () => null, 12)).toEqual([]);
  });

  it('put each arrowhead on its arc, near the destination, pointing onwards', () => {
    const src: [number, number] = [-100, 40];
    const dst: [number, number] = [-70, 10];
    expect(arcPoint(src, dst, 0)).toEqual([-100, expect.closeTo(40, 6)]);
    const end = arcPoint(src, dst, 1);
    expect(end[0]).toBeCloseTo(-70, 6);
    expect(end[1]).toBeCloseTo(10, 6);
    const arcs: ArcData = {
      length: 1,
      attributes: {
        getSourcePosition: { value: Float32Array.from(src), size: 2 },
        getTargetPosition: { value: Float32Array.from(dst), size: 2 },
        getSourceColor: { value: new Uint8Array([255, 0, 0, 255]), size: 4, normalized: true },
        getTargetColor: { value: new Uint8Array([0, 0, 255, 255]), size: 4, normalized: true },
        getWidth: { value: Float32Array.from([10]), size: 1 },
      },
    };
    const [a] = arrowheads(arcs);
    // Closer to the destination than to the source.
    const d = (p: readonly number[], q: readonly number[]) =>
      Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!);
    expect(d(a!.position, dst)).toBeLessThan(d(a!.position, src) / 4);
    // Heading south-east-ish (towards the destination), in the target's colour.
    expect(a!.angle).toBeGreaterThan(-135);
    expect(a!.angle).toBeLessThan(45);
    expect(a!.color).toEqual([0, 0, 255, 255]);
  });
});

describe('briefing-safe counts in the views', () => {
  // A seeded generator of small and large counts.
  const rand = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };

  it('protects every list so that no hidden count can be narrowed to one value (checked by LP)', () => {
    const next = rand(7);
    let hiddenSeen = 0;
    for (let n = 0; n < 300; n++) {
      const k = 2 + Math.floor(next() * 9);
      const values = Array.from({ length: 1 + Math.floor(next() * 14) }, () =>
        next() < 0.45 ? Math.floor(next() * k) : Math.floor(next() * 200),
      );
      const status = protectList(values, k);
      values.forEach((v, i) => {
        if (v > 0 && v < k) expect(status[i]).toBe('primary');
        if (status[i] === 'secondary') expect(v).toBeGreaterThanOrEqual(k);
        if (v === 0) expect(status[i]).toBe('shown');
      });
      const { problem } = oneWay(values);
      const full: CellStatus[] = [...status, 'shown']; // the total is published
      const ranges = viewerRanges(problem, full, k);
      hiddenSeen += ranges.size;
      for (const [j, r] of ranges) {
        // Pinned only when nothing more could be hidden (every non-zero count already is).
        if (r.max - r.min < 1 - 1e-6)
          expect(
            values.every((v, i) => v === 0 || status[i] !== 'shown'),
            `cell ${j} of ${values}`,
          ).toBe(true);
      }
    }
    expect(hiddenSeen).toBeGreaterThan(200);
    expect(protectList([1, 50, 60], null)).toEqual(['shown', 'shown', 'shown']);
    // One small count among large ones: exactly one more is hidden, the smallest.
    expect(protectList([3, 50, 60, 40], 5)).toEqual(['primary', 'shown', 'shown', 'secondary']);
  });

  it('protects long series list by list, and tables with their margins', () => {
    const next = rand(11);
    const matrix = Array.from({ length: 120 }, () =>
      Array.from({ length: 6 }, () =>
        next() < 0.3 ? Math.floor(next() * 5) : Math.floor(next() * 90),
      ),
    );
    const status = protectSeries(matrix, 5);
    // Every period and every series, on its own, passes the list check.
    const lists = [
      ...matrix.map((_, r) => matrix[r]!.map((_, c) => [r, c])),
      ...[0, 1, 2, 3, 4, 5].map((c) => matrix.map((_, r) => [r, c])),
    ];
    for (const cells of lists) {
      const values = cells.map(([r, c]) => matrix[r!]![c!]!);
      const st: CellStatus[] = [...cells.map(([r, c]) => status[r!]![c!]!), 'shown'];
      for (const [, range] of viewerRanges(oneWay(values).problem, st, 5))
        if (range.max - range.min < 1 - 1e-6)
          expect(values.every((v, i) => v === 0 || st[i] !== 'shown')).toBe(true);
    }
    const small = [
      [3, 40, 50],
      [60, 70, 80],
    ];
    const table = protectTable(small, 5);
    expect(table.cells[0]![0]).toBe('primary');
    expect(table.cells.flat().filter((s) => s !== 'shown').length).toBeGreaterThanOrEqual(4);
  });

  it('writes "< k" and the hidden mark, and protects exported count columns', async () => {
    expect(safeText(3, 'primary', 5, 'en')).toBe('< 5');
    expect(safeText(30, 'secondary', 5, 'en')).toBe(HIDDEN_MARK);
    expect(safeText(1234, 'shown', 5, 'en')).toBe('1,234');
    async function* batches() {
      yield [
        { iso3: 'JAM', year: 2021, firearms: 3, seizures: 40 },
        { iso3: 'HTI', year: 2021, firearms: 60, seizures: 2 },
        { iso3: 'DOM', year: 2021, firearms: 70, seizures: 50 },
      ];
    }
    const out = safeExport({ batches: batches() }, 5, 'en');
    const rows: Record<string, unknown>[] = [];
    for await (const b of out.batches) rows.push(...b);
    expect(rows.map((r) => r.firearms)).toEqual(['< 5', '•', '70']);
    expect(rows.map((r) => r.seizures)).toEqual(['•', '< 5', '50']);
    // Ids and years are not counts.
    expect(rows.map((r) => r.year)).toEqual([2021, 2021, 2021]);
  });

  it('leaves hidden links out of the Sankey layout and keeps node values protected', () => {
    const data = buildSankey(
      [
        { fromStage: 'origin', fromCode: 'USA', toStage: 'transit', toCode: 'MEX', value: 40 },
        { fromStage: 'transit', fromCode: 'MEX', toStage: 'destination', toCode: 'GTM', value: 40 },
        { fromStage: 'origin', fromCode: 'USA', toStage: 'destination', toCode: 'JAM', value: 3 },
        { fromStage: 'origin', fromCode: 'BRA', toStage: 'destination', toCode: 'PRY', value: 30 },
      ],
      0,
      (_s, c) => c,
      ['origin', 'transit', 'destination'],
    );
    const { layout, nodeStatus, hidden } = safeLayout(data, 5);
    expect(hidden).toBeGreaterThanOrEqual(2); // USA → direct → JAM
    expect(layout.links.every((l) => l.value >= 5)).toBe(true);
    expect(layout.nodes.map((n) => n.code)).not.toContain('JAM');
    expect(nodeStatus).toHaveLength(layout.nodes.length);
    expect(safeLayout(data, null).layout).toBe(data);
  });
});
