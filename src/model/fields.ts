/**
 * The filterable fields: one registry that the view state, the URL codec, the SQL builder and the
 * filter bar all read, so a field is added in one place. Each field says how its values are
 * validated and which table column it tests; SQL never receives a name that is not listed here.
 */
import {
  AGENCIES,
  ATLAS_REGIONS,
  BASIS,
  DATE_PRECISION,
  LOCATION_PRECISION,
  CONCEALMENT,
  CONDITION,
  MARKING_STATUS,
  FIREARM_TYPES,
  LINKED_CRIMES,
  PLACE_TYPES,
  TRACE_OUTCOMES,
  TRANSPORT_MODES,
} from '../domain/vocabulary';

/** Which row a field's column lives on. */
export type FieldGrain = 'seizure' | 'firearm' | 'trace';

/** How a field's values are checked before they enter the state. */
export type FieldValues =
  | { kind: 'place' }
  | { kind: 'vocabulary'; values: readonly string[] }
  | { kind: 'integer' }
  | { kind: 'text' };

/** A filterable field. */
export interface FieldSpec {
  /** Key in the URL (short). */
  url: string;
  grain: FieldGrain;
  /** How the value is tested, see `src/sql/where.ts`. */
  test:
    | { kind: 'in'; column: string }
    | { kind: 'place'; country: string; admin1: string }
    | { kind: 'list_any'; column: string }
    | { kind: 'region' }
    | { kind: 'flags'; prefix: string };
  values: FieldValues;
  /** Shown in the filter bar's first row (the others behind "More filters"). */
  primary?: true;
  /** The route cube (`src/sql/cube.ts`) holds its column, at country level. */
  cube?: true;
  /** The i18n namespace (`vocab.<ns>.<value>`) of a field whose values are codes. */
  vocab?: string;
}

/** Every filterable field, keyed by its id in the view state. */
export const FIELDS = {
  country: {
    url: 'c',
    grain: 'seizure',
    test: { kind: 'place', country: 'country_iso3', admin1: 'admin1' },
    values: { kind: 'place' },
    primary: true,
    cube: true,
  },
  region: {
    url: 'r',
    grain: 'seizure',
    test: { kind: 'region' },
    values: { kind: 'vocabulary', values: ATLAS_REGIONS },
    primary: true,
    vocab: 'atlas_region',
    cube: true,
  },
  origin: {
    url: 'o',
    grain: 'seizure',
    test: { kind: 'place', country: 'origin_iso3', admin1: 'origin_admin1' },
    values: { kind: 'place' },
    primary: true,
    cube: true,
  },
  transit: {
    url: 'tr',
    grain: 'seizure',
    test: { kind: 'list_any', column: 'transit_iso3' },
    values: { kind: 'place' },
    cube: true,
  },
  destination: {
    url: 'd',
    grain: 'seizure',
    test: { kind: 'place', country: 'destination_iso3', admin1: 'destination_admin1' },
    values: { kind: 'place' },
    primary: true,
    cube: true,
  },
  firearmType: {
    url: 'ft',
    grain: 'firearm',
    test: { kind: 'in', column: 'firearm_type' },
    values: { kind: 'vocabulary', values: FIREARM_TYPES },
    primary: true,
    vocab: 'firearm_type',
  },
  calibre: {
    url: 'cal',
    grain: 'firearm',
    test: { kind: 'in', column: 'calibre' },
    values: { kind: 'text' },
  },
  make: {
    url: 'mk',
    grain: 'firearm',
    test: { kind: 'in', column: 'make' },
    values: { kind: 'text' },
  },
  operation: {
    url: 'op',
    grain: 'seizure',
    test: { kind: 'in', column: 'operation_id' },
    values: { kind: 'integer' },
    primary: true,
  },
  basis: {
    url: 'bs',
    grain: 'seizure',
    test: { kind: 'in', column: 'basis' },
    values: { kind: 'vocabulary', values: BASIS },
    vocab: 'basis',
  },
  // How precisely records are dated and placed: `unknown` finds the records an import kept
  // undated or placed in no country, which time views and the map cannot draw.
  datePrecision: {
    url: 'dp',
    grain: 'seizure',
    test: { kind: 'in', column: 'date_precision' },
    values: { kind: 'vocabulary', values: DATE_PRECISION },
    vocab: 'date_precision',
  },
  placePrecision: {
    url: 'lp',
    grain: 'seizure',
    test: { kind: 'in', column: 'location_precision' },
    values: { kind: 'vocabulary', values: LOCATION_PRECISION },
    vocab: 'location_precision',
  },
  placeType: {
    url: 'pt',
    grain: 'seizure',
    test: { kind: 'in', column: 'place_type' },
    values: { kind: 'vocabulary', values: PLACE_TYPES },
    vocab: 'place_type',
  },
  agency: {
    url: 'ag',
    grain: 'seizure',
    test: { kind: 'in', column: 'agency' },
    values: { kind: 'vocabulary', values: AGENCIES },
    vocab: 'agency',
  },
  transport: {
    url: 'tm',
    grain: 'seizure',
    test: { kind: 'in', column: 'transport_mode' },
    values: { kind: 'vocabulary', values: TRANSPORT_MODES },
    vocab: 'transport_mode',
  },
  crime: {
    url: 'lc',
    grain: 'seizure',
    test: { kind: 'flags', prefix: 'crime_' },
    values: { kind: 'vocabulary', values: LINKED_CRIMES },
    vocab: 'crime',
  },
  marking: {
    url: 'mrk',
    grain: 'firearm',
    test: { kind: 'in', column: 'marking_status' },
    values: { kind: 'vocabulary', values: MARKING_STATUS },
    vocab: 'marking_status',
  },
  condition: {
    url: 'cnd',
    grain: 'firearm',
    test: { kind: 'in', column: 'condition' },
    values: { kind: 'vocabulary', values: CONDITION },
    vocab: 'condition',
  },
  concealment: {
    url: 'cc',
    grain: 'seizure',
    test: { kind: 'in', column: 'concealment' },
    values: { kind: 'vocabulary', values: CONCEALMENT },
    vocab: 'concealment',
  },
  traceOutcome: {
    url: 'to',
    grain: 'trace',
    test: { kind: 'in', column: 'outcome' },
    values: { kind: 'vocabulary', values: TRACE_OUTCOMES },
    vocab: 'trace_outcome',
  },
} as const satisfies Record<string, FieldSpec>;

/** Id of a filterable field. */
export type FieldId = keyof typeof FIELDS;

/** All field ids, in filter-bar order. */
export const FIELD_IDS = Object.keys(FIELDS) as FieldId[];

/** A country (ISO 3166-1 alpha-3, `MEX`) or a first-level subdivision (ISO 3166-2, `MX-CHH`). */
export function isPlaceCode(v: string): boolean {
  return isCountryCode(v) || isSubdivisionCode(v);
}

/** An ISO 3166-1 alpha-3 code. */
export function isCountryCode(v: string): boolean {
  return /^[A-Z]{3}$/.test(v);
}

/** An ISO 3166-2 subdivision code. */
export function isSubdivisionCode(v: string): boolean {
  return /^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(v);
}

/** The spec of a field, as the general `FieldSpec` (optional parts included). */
export function fieldSpec(field: FieldId): FieldSpec {
  return FIELDS[field];
}

/** Type guard for field ids. */
export function isFieldId(v: unknown): v is FieldId {
  return typeof v === 'string' && Object.hasOwn(FIELDS, v);
}

const MAX_TEXT = 80;

/**
 * Checks one value of a field; returns the normalised value or null when it is not acceptable.
 * Values stay strings (operation ids included) so every field has one shape.
 */
export function normaliseFieldValue(field: FieldId, raw: string): string | null {
  const spec: FieldSpec = FIELDS[field];
  switch (spec.values.kind) {
    case 'place': {
      const v = raw.trim().toUpperCase();
      return isPlaceCode(v) ? v : null;
    }
    case 'vocabulary':
      return spec.values.values.includes(raw) ? raw : null;
    case 'integer':
      return /^[1-9][0-9]{0,8}$/.test(raw) ? raw : null;
    case 'text': {
      // Free text (makes, calibres) is bounded and printable; it is only ever bound as a parameter.
      const v = raw.normalize('NFC');
      return v.length > 0 && v.length <= MAX_TEXT && !/\p{Cc}/u.test(v) ? v : null;
    }
  }
}
