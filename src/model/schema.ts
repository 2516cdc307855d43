/**
 * The dataset schema: every table and column the generator writes, with its DuckDB type and a
 * one-line meaning. `datasets/README.md` documents the same columns for people; a unit test keeps
 * the two in step.
 */

/** A column of a dataset table. */
export interface ColumnSpec {
  name: string;
  type: string;
  nullable: boolean;
}

/** A dataset table: its name, columns and the column rows are sorted by on disk. */
export interface TableSpec {
  name: 'seizures' | 'firearms' | 'traces' | 'operations' | 'places' | 'subdivisions';
  columns: readonly ColumnSpec[];
}

const col = (name: string, type: string, nullable = false): ColumnSpec => ({
  name,
  type,
  nullable,
});

export const SEIZURES: TableSpec = {
  name: 'seizures',
  columns: [
    col('seizure_id', 'INTEGER'),
    col('seizure_date', 'DATE'),
    col('date_precision', 'VARCHAR'),
    col('country_iso3', 'VARCHAR'),
    col('admin1', 'VARCHAR', true),
    col('lat', 'DOUBLE'),
    col('lon', 'DOUBLE'),
    col('location_precision', 'VARCHAR'),
    col('place_type', 'VARCHAR'),
    col('agency', 'VARCHAR'),
    col('operation_id', 'INTEGER', true),
    col('basis', 'VARCHAR'),
    col('legal_justification', 'VARCHAR'),
    col('criminal_context', 'VARCHAR'),
    col('crime_drugs', 'BOOLEAN'),
    col('crime_corruption', 'BOOLEAN'),
    col('crime_human_trafficking', 'BOOLEAN'),
    col('crime_environmental_crime', 'BOOLEAN'),
    col('crime_terrorism', 'BOOLEAN'),
    col('crime_fraud', 'BOOLEAN'),
    col('firearms_count', 'INTEGER'),
    col('parts_count', 'INTEGER'),
    col('ammunition_rounds', 'INTEGER'),
    col('arrests', 'INTEGER'),
    col('transport_mode', 'VARCHAR'),
    col('concealment', 'VARCHAR'),
    col('origin_iso3', 'VARCHAR', true),
    col('transit_iso3', 'VARCHAR[]'),
    col('destination_iso3', 'VARCHAR', true),
    col('source_reliability', 'VARCHAR'),
    col('origin_admin1', 'VARCHAR', true),
    col('destination_admin1', 'VARCHAR', true),
  ],
};

export const FIREARMS: TableSpec = {
  name: 'firearms',
  columns: [
    col('firearm_id', 'INTEGER'),
    col('seizure_id', 'INTEGER'),
    col('firearm_type', 'VARCHAR'),
    col('make', 'VARCHAR', true),
    col('model', 'VARCHAR'),
    col('calibre', 'VARCHAR'),
    col('country_of_manufacture', 'VARCHAR', true),
    col('year_of_manufacture', 'SMALLINT', true),
    col('marking_status', 'VARCHAR'),
    col('condition', 'VARCHAR'),
    col('iarms_status', 'VARCHAR'),
    col('serial_hash', 'VARCHAR', true),
    col('trace_id', 'INTEGER', true),
  ],
};

export const TRACES: TableSpec = {
  name: 'traces',
  columns: [
    col('trace_id', 'INTEGER'),
    col('firearm_id', 'INTEGER'),
    col('seizure_id', 'INTEGER'),
    col('requesting_iso3', 'VARCHAR'),
    col('requested_iso3', 'VARCHAR'),
    col('sent_date', 'DATE'),
    col('answered_date', 'DATE', true),
    col('outcome', 'VARCHAR'),
    col('last_legal_import_iso3', 'VARCHAR', true),
    col('diversion_point', 'VARCHAR', true),
    col('time_to_crime_days', 'INTEGER', true),
  ],
};

export const OPERATIONS_TABLE: TableSpec = {
  name: 'operations',
  columns: [
    col('operation_id', 'INTEGER'),
    col('name', 'VARCHAR'),
    col('is_synthetic', 'BOOLEAN'),
    col('start_date', 'DATE'),
    col('end_date', 'DATE'),
    col('region', 'VARCHAR'),
    col('countries', 'VARCHAR[]'),
    col('officers', 'INTEGER', true),
    col('hotspots', 'INTEGER', true),
    col('arrests', 'INTEGER', true),
    col('firearms_seized', 'INTEGER', true),
    col('ammunition_rounds', 'INTEGER', true),
    col('drugs_tonnes', 'DOUBLE', true),
    col('drugs_value_usd', 'BIGINT', true),
    col('precursors_tonnes', 'DOUBLE', true),
    col('other_results', 'VARCHAR'),
    col('linked_crimes', 'VARCHAR[]'),
    col('source', 'VARCHAR'),
  ],
};

export const PLACES: TableSpec = {
  name: 'places',
  columns: [
    col('iso3', 'VARCHAR'),
    col('iso2', 'VARCHAR'),
    col('iso_numeric', 'VARCHAR', true),
    col('name_en', 'VARCHAR'),
    col('name_es', 'VARCHAR'),
    col('name_fr', 'VARCHAR'),
    col('name_pt', 'VARCHAR'),
    col('un_region', 'VARCHAR'),
    col('un_subregion', 'VARCHAR'),
    col('atlas_region', 'VARCHAR'),
    col('disrupt', 'BOOLEAN'),
    col('lat', 'DOUBLE'),
    col('lon', 'DOUBLE'),
  ],
};

export const SUBDIVISIONS: TableSpec = {
  name: 'subdivisions',
  columns: [
    col('code', 'VARCHAR'),
    col('iso3', 'VARCHAR'),
    col('name_en', 'VARCHAR'),
    col('name_es', 'VARCHAR'),
    col('name_fr', 'VARCHAR'),
    col('name_pt', 'VARCHAR'),
    col('lat', 'DOUBLE', true),
    col('lon', 'DOUBLE', true),
  ],
};

/** All tables in the order they are written. */
export const TABLES: readonly TableSpec[] = [
  PLACES,
  SUBDIVISIONS,
  OPERATIONS_TABLE,
  SEIZURES,
  FIREARMS,
  TRACES,
];

/** `CREATE TABLE` statement for a table spec. */
export function createTableSql(t: TableSpec): string {
  const cols = t.columns.map((c) => `"${c.name}" ${c.type}${c.nullable ? '' : ' NOT NULL'}`);
  return `CREATE TABLE ${t.name} (${cols.join(', ')})`;
}

/** What an aggregate record knows of a seizure row: where, when, which route, how many firearms. */
export interface AggregateSeizure {
  id: number;
  /** ISO date; null for an imported record that could not be dated. */
  date: string | null;
  precision: string;
  /** ISO3; null for an imported record that could not be placed in any country. */
  country: string | null;
  admin1: string | null;
  lat: number | null;
  lon: number | null;
  origin: string | null;
  transit: readonly string[];
  destination: string | null;
  originAdmin1: string | null;
  destinationAdmin1: string | null;
  firearms: number;
  /** The `source_reliability` value the writer records. */
  reliability: string;
}

/**
 * The `SEIZURES` columns, in order, of an aggregate record: what it knows, and "unknown", false or
 * 0 for everything an aggregate does not say (agency, transport, linked crimes, rounds…). The
 * aggregate fixture and the importer write their seizure rows through it.
 */
export function aggregateSeizureRow(r: AggregateSeizure): unknown[] {
  return [
    r.id,
    r.date,
    r.precision,
    r.country,
    r.admin1,
    r.lat,
    r.lon,
    r.admin1 ? 'admin1' : 'country',
    'unknown', // place_type
    'unknown', // agency
    null, // operation_id
    'seized',
    'unknown', // legal_justification
    'unknown', // criminal_context
    false,
    false,
    false,
    false,
    false,
    false,
    r.firearms,
    0, // parts
    0, // rounds
    0, // arrests
    'unknown', // transport_mode
    'unknown', // concealment
    r.origin,
    r.transit,
    r.destination,
    r.reliability,
    r.originAdmin1,
    r.destinationAdmin1,
  ];
}
