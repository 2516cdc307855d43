/** Pure helpers of the filter bar: labels of fields, values and chips. */
import type { TFunction } from 'i18next';
import { formatDate } from '../i18n';
import { fieldSpec, type FieldId } from '../model/fields';
import type { CrossFilter, ViewState } from '../model/viewState';

/** Display names of places (by code), operations (by id), and the dataset's own field labels. */
export interface Names {
  iso3: ReadonlyMap<string, string>;
  operation: ReadonlyMap<string, string>;
  /** Labels the dataset's catalogue gives some fields (else the product's). */
  fields?: ReadonlyMap<FieldId, string>;
}

/** The label of a field: the dataset's own when its catalogue has one, else the product's. */
export function fieldLabel(field: FieldId, names: Names, t: TFunction): string {
  return names.fields?.get(field) ?? t(`filters.fields.${field}`);
}

/** The label of one value of a field. */
export function valueLabel(field: FieldId, value: string, names: Names, t: TFunction): string {
  const spec = fieldSpec(field);
  if (spec.vocab) return t(`vocab.${spec.vocab}.${value}`, { defaultValue: value });
  if (field === 'operation') return names.operation.get(value) ?? value;
  if (spec.values.kind === 'place') return names.iso3.get(value) ?? value;
  return value;
}

/** One removable chip of the filter bar. */
export interface Chip {
  id: string;
  /** Text of the chip. */
  text: string;
  /** True for selections made inside a view (cross-filters). */
  cross: boolean;
  /** The state without this chip. */
  remove: (s: ViewState) => ViewState;
}

const listText = (values: readonly string[], label: (v: string) => string) =>
  values.length <= 3
    ? values.map(label).join(', ')
    : `${values.slice(0, 2).map(label).join(', ')} +${values.length - 2}`;

/** Chips for every active filter, time bound and cross-filter of a state. */
export function chipsOf(
  state: ViewState,
  names: Names,
  t: TFunction,
  fields: readonly FieldId[],
): Chip[] {
  const chips: Chip[] = [];
  const lang = state.lang;
  const day = (d: string) => formatDate(d, lang);
  if (state.time.from || state.time.to) {
    chips.push({
      id: 'time',
      text: `${t('filters.dates')}: ${t('filters.interval', {
        from: state.time.from ? day(state.time.from) : t('filters.openEnded'),
        to: state.time.to ? day(state.time.to) : t('filters.openEnded'),
      })}`,
      cross: false,
      remove: (s) => ({ ...s, time: { from: null, to: null } }),
    });
  }
  for (const f of fields) {
    const values = state.filters[f];
    if (values.length === 0) continue;
    chips.push({
      id: `f-${f}`,
      text: t('filters.anyOf', {
        field: fieldLabel(f, names, t),
        values: listText(values, (v) => valueLabel(f, v, names, t)),
      }),
      cross: false,
      remove: (s) => ({ ...s, filters: { ...s.filters, [f]: [] } }),
    });
  }
  for (const c of state.crossFilters) {
    chips.push({
      id: `x-${c.source}`,
      text: `${t('filters.selectedIn', { view: t(`filters.clients.${c.source}`, { defaultValue: c.source }) })}: ${crossFilterText(c, names, t, lang)}`,
      cross: true,
      remove: (s) => ({ ...s, crossFilters: s.crossFilters.filter((x) => x.source !== c.source) }),
    });
  }
  return chips;
}

/** Words for a cross-filter. */
export function crossFilterText(c: CrossFilter, names: Names, t: TFunction, lang: string): string {
  switch (c.kind) {
    case 'point':
      return t('filters.anyOf', {
        field: fieldLabel(c.field, names, t),
        values: listText(c.values, (v) => valueLabel(c.field, v, names, t)),
      });
    case 'interval':
      return t('filters.interval', { from: formatDate(c.from, lang), to: formatDate(c.to, lang) });
    case 'route':
    case 'leg':
      return t(c.kind === 'route' ? 'filters.route' : 'filters.leg', {
        origin: names.iso3.get(c.origin) ?? c.origin,
        destination: names.iso3.get(c.destination) ?? c.destination,
      });
  }
}
