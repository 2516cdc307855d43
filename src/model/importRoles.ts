/**
 * The roles a column of an imported file can play: what it means in the product's model (a date,
 * a place, a firearm's type, a count…). The importer proposes one per column (`src/import/detect.ts`),
 * the recipe records the user's choice (`src/import/recipe.ts`), and the transform reads the
 * columns by role (`src/import/transform.ts`).
 */

/** What a column means, in the order the Import view lists them. */
export const ROLES = [
  'ignore',
  'date',
  'year',
  'month',
  'country',
  'admin1',
  'district',
  'lat',
  'lon',
  'origin',
  'transit',
  'destination',
  'firearmType',
  'calibre',
  'make',
  'model',
  'count',
  'seizureCount',
  'seizureId',
  'indicator',
  'dimension',
  'category',
  'section',
  'label',
  'basis',
  'unit',
  'breakdown',
  'requesting',
  'requested',
  'sentDate',
  'answeredDate',
  'outcome',
] as const;
/** A column role. */
export type Role = (typeof ROLES)[number];
