/**
 * Checks a state's filter values against what the loaded dataset holds, after boot: filters on
 * fields the dataset's catalogue lacks, and unknown country codes, operations, makes or calibres,
 * are dropped and reported.
 */
import { EVENTS_CATALOGUE, hasField, vocabularyOf, type Catalogue } from './catalogue';
import { FIELDS, FIELD_IDS, type FieldId } from './fields';
import type { CrossFilter, ViewState } from './viewState';

/** Known values per kind of field. */
export interface DataDomain {
  /** Known place codes: countries (ISO3) and subdivisions (ISO 3166-2). */
  iso3: ReadonlySet<string>;
  operation: ReadonlySet<string>;
  make: ReadonlySet<string>;
  calibre: ReadonlySet<string>;
}

function known(
  domain: DataDomain,
  field: FieldId,
  catalogue: Catalogue = EVENTS_CATALOGUE,
): ReadonlySet<string> | null {
  const vocab = vocabularyOf(catalogue, field);
  if (vocab) return new Set(vocab);
  if (field === 'operation') return domain.operation;
  if (field === 'make') return domain.make;
  if (field === 'calibre') return domain.calibre;
  return FIELDS[field].values.kind === 'place' ? domain.iso3 : null;
}

/** True when a state names values that only the dataset can confirm, or fields it lacks. */
export function needsDomainCheck(
  state: ViewState,
  catalogue: Catalogue = EVENTS_CATALOGUE,
): boolean {
  if (FIELD_IDS.some((f) => !hasField(catalogue, f) && state.filters[f].length > 0)) return true;
  const outsideVocabulary = (f: FieldId, values: readonly string[]) => {
    const vocab = vocabularyOf(catalogue, f);
    return vocab !== null && values.some((v) => !vocab.includes(v));
  };
  if (FIELD_IDS.some((f) => outsideVocabulary(f, state.filters[f]))) return true;
  if (state.crossFilters.some((c) => c.kind === 'point' && outsideVocabulary(c.field, c.values)))
    return true;
  const checked = (f: FieldId) =>
    f === 'operation' || f === 'make' || f === 'calibre' || FIELDS[f].values.kind === 'place';
  return (
    FIELD_IDS.some((f) => checked(f) && state.filters[f].length > 0) ||
    state.crossFilters.some(
      (c) => c.kind === 'route' || c.kind === 'leg' || (c.kind === 'point' && checked(c.field)),
    )
  );
}

/** The state with unknown values removed, and a description of each removed value. */
export function restrictToDomain(
  state: ViewState,
  domain: DataDomain,
  catalogue: Catalogue = EVENTS_CATALOGUE,
): { state: ViewState; dropped: string[] } {
  const dropped: string[] = [];
  const filters = { ...state.filters };
  for (const f of FIELD_IDS) {
    if (!hasField(catalogue, f)) {
      // A filter on a field this dataset does not have would match nothing: drop it, say so.
      for (const v of state.filters[f]) dropped.push(`${FIELDS[f].url}=${v}`);
      filters[f] = [];
      continue;
    }
    const set = known(domain, f, catalogue);
    if (!set) continue;
    const keep = state.filters[f].filter((v) => set.has(v));
    for (const v of state.filters[f]) if (!set.has(v)) dropped.push(`${FIELDS[f].url}=${v}`);
    filters[f] = keep;
  }
  const crossFilters = state.crossFilters.filter((c: CrossFilter) => {
    if (c.kind === 'route' || c.kind === 'leg') {
      const ok = domain.iso3.has(c.origin) && domain.iso3.has(c.destination);
      if (!ok) dropped.push(`x=${c.source}`);
      return ok;
    }
    if (c.kind === 'point') {
      if (!hasField(catalogue, c.field)) {
        dropped.push(`x=${c.source}`);
        return false;
      }
      const set = known(domain, c.field, catalogue);
      const ok = !set || c.values.every((v) => set.has(v));
      if (!ok) dropped.push(`x=${c.source}`);
      return ok;
    }
    return true;
  });
  return dropped.length
    ? { state: { ...state, filters, crossFilters }, dropped }
    : { state, dropped };
}
