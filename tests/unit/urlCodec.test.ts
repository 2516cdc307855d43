/** The URL codec: round trips, short links, and no exception on any input. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { URL_VERSION, hashToState, stateToHash } from '../../src/state/urlCodec';
import { DEFAULT_STATE, LANGUAGES, THEMES, VIEWS, type ViewState } from '../../src/state/viewState';

const stateArb: fc.Arbitrary<ViewState> = fc.record({
  dataset: fc.stringMatching(/^[a-z0-9_-]{1,20}$/),
  view: fc.constantFrom(...VIEWS),
  theme: fc.constantFrom(...THEMES),
  lang: fc.constantFrom(...LANGUAGES),
});

describe('URL codec', () => {
  it('round-trips every valid state', () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const parsed = hashToState(stateToHash(s));
        expect(parsed.state).toEqual(s);
        expect(parsed.dropped).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves defaults out', () => {
    expect(stateToHash(DEFAULT_STATE)).toBe(`#/overview?v=${URL_VERSION}`);
    expect(stateToHash({ ...DEFAULT_STATE, view: 'map', theme: 'dark' })).toBe(
      `#/map?v=${URL_VERSION}&theme=dark`,
    );
  });

  it('never throws and always returns a valid state, whatever the input', () => {
    const valid = (s: ViewState) =>
      VIEWS.includes(s.view) &&
      THEMES.includes(s.theme) &&
      LANGUAGES.includes(s.lang) &&
      /^[a-z0-9_-]{1,64}$/.test(s.dataset);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.webUrl().map((u) => u.slice(u.indexOf('/'))),
          fc
            .tuple(fc.constantFrom('#/', '#/map?', '#/records?v=1&'), fc.string())
            .map(([a, b]) => a + b),
        ),
        (input) => {
          const { state } = hashToState(input);
          expect(valid(state)).toBe(true);
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it('drops invalid parts, keeps the valid ones, and says what it dropped', () => {
    const { state, dropped } = hashToState('#/map?v=1&theme=purple&lang=xx&ds=../../etc&zzz=1');
    expect(state).toEqual({ ...DEFAULT_STATE, view: 'map' });
    expect(dropped).toEqual(['theme=purple', 'lang=xx', 'ds=../../etc', 'zzz']);
    expect(hashToState('#/nowhere?theme=dark').state).toEqual({ ...DEFAULT_STATE, theme: 'dark' });
    expect(hashToState('#/nowhere').dropped).toEqual(['view "nowhere"']);
  });

  it('refuses absurdly long links without scanning them', () => {
    const { state, dropped } = hashToState(`#/map?theme=dark&x=${'a'.repeat(100_000)}`);
    expect(state).toEqual(DEFAULT_STATE);
    expect(dropped[0]).toMatch(/too long/);
  });
});
