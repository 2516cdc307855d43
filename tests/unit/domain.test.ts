/** Filter values the dataset does not hold are dropped after boot, with a notice. */
import { describe, expect, it } from 'vitest';
import { restrictToDomain, type DataDomain } from '../../src/model/dataDomain';
import { DEFAULT_STATE, EMPTY_FILTERS, type ViewState } from '../../src/model/viewState';

const domain: DataDomain = {
  iso3: new Set(['MEX', 'USA', 'GTM']),
  operation: new Set(['1', '3']),
  make: new Set(['Glock']),
  calibre: new Set(['9×19mm']),
};

describe('restrictToDomain', () => {
  it('keeps known values and reports unknown ones', () => {
    const s: ViewState = {
      ...DEFAULT_STATE,
      filters: {
        ...EMPTY_FILTERS,
        country: ['MEX', 'ZZZ'],
        origin: ['QQQ'],
        operation: ['3', '42'],
        make: ['Glock', 'Acme'],
        firearmType: ['pistol'],
      },
      crossFilters: [
        { source: 'overview.routes', kind: 'route', origin: 'USA', destination: 'XXX' },
        { source: 'overview.countries', kind: 'point', field: 'country', values: ['GTM'] },
        { source: 'overview.monthly', kind: 'interval', from: '2020-01-01', to: '2020-12-31' },
      ],
    };
    const { state, dropped } = restrictToDomain(s, domain);
    expect(state.filters).toEqual({
      ...EMPTY_FILTERS,
      country: ['MEX'],
      origin: [],
      operation: ['3'],
      make: ['Glock'],
      firearmType: ['pistol'],
    });
    expect(state.crossFilters.map((c) => c.source)).toEqual([
      'overview.countries',
      'overview.monthly',
    ]);
    expect(dropped).toEqual(['c=ZZZ', 'o=QQQ', 'mk=Acme', 'op=42', 'x=overview.routes']);
  });

  it('returns the same state object when everything is known', () => {
    const s = { ...DEFAULT_STATE, filters: { ...EMPTY_FILTERS, country: ['MEX'] } };
    expect(restrictToDomain(s, domain).state).toBe(s);
  });
});
