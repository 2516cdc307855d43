/**
 * The field catalogue of a dataset: which grains it has (and whether their rows are events or
 * aggregates with a weight), which of the product's filter fields and measures it holds, to which
 * precision its dates and places go, and whether it lists operations. It travels in the dataset's
 * manifest (`catalogue`), validated here; a manifest without one is a dataset of the bundled shape
 * (`EVENTS_CATALOGUE`).
 *
 * The product's field registry (`src/model/fields.ts`) says *how* a field is tested, validated
 * and labelled; the catalogue says *which* fields a dataset has. Everything that lists fields —
 * the filter bar, the link check, the views' inputs, the SQL model — derives from it.
 */
import { z } from 'zod';
import { FIELD_IDS, fieldSpec, type FieldGrain, type FieldId } from './fields';
import { MEASURES, type MeasureId } from './measures';
import type { ViewId } from './viewState';

/** Precision of a record's date (`unknown`: an imported record kept undated). */
export const TIME_PRECISIONS = ['day', 'month', 'quarter', 'year', 'unknown'] as const;
/** Precision of a record's place (`unknown`: an imported record kept with no country). */
export const PLACE_PRECISIONS = ['point', 'admin2', 'admin1', 'country', 'unknown'] as const;

const column = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/);
const grain = z.object({
  /** Column with the number of events a row stands for; null: every row is one event. */
  weight: column.nullable(),
});

/** Schema of a dataset's catalogue. */
export const CatalogueSchema = z
  .object({
    version: z.literal(1),
    grains: z.object({
      seizure: grain,
      firearm: grain.nullable(),
      trace: grain.nullable(),
    }),
    fields: z
      .array(z.enum(FIELD_IDS as [FieldId, ...FieldId[]]))
      .min(1)
      .refine((f) => new Set(f).size === f.length, 'a field is listed twice'),
    measures: z.array(z.enum(MEASURES as [MeasureId, ...MeasureId[]])).min(1),
    /**
     * The dataset's own names for some fields (e.g. "Département" for the seizing place), shown in
     * the filter bar and chips instead of the product's.
     */
    labels: z
      .partialRecord(z.enum(FIELD_IDS as [FieldId, ...FieldId[]]), z.string().min(1).max(60))
      .optional(),
    /**
     * The values the dataset uses, for fields with a vocabulary (e.g. only pistol, rifle and
     * shotgun): a link naming another value is told so instead of drawing nothing. Each value must
     * be one of the product's vocabulary for that field.
     */
    vocabulary: z
      .partialRecord(
        z.enum(FIELD_IDS as [FieldId, ...FieldId[]]),
        z.array(z.string()).min(1).max(500),
      )
      .optional(),
    /** The dataset's `operations` table has rows. */
    operations: z.boolean(),
    /** Precisions that occur among its dates and places (the views say when coarse ones do). */
    precision: z.object({
      time: z.array(z.enum(TIME_PRECISIONS)).min(1),
      place: z.array(z.enum(PLACE_PRECISIONS)).min(1),
    }),
  })
  .refine(
    (c) =>
      Object.entries(c.vocabulary ?? {}).every(([f, values]) => {
        const spec = fieldSpec(f as FieldId);
        return (
          spec.values.kind === 'vocabulary' &&
          values.every((v) => (spec.values as { values: readonly string[] }).values.includes(v))
        );
      }),
    {
      message: 'a vocabulary lists a value the product does not know, or a field without one',
      path: ['vocabulary'],
    },
  );

/** A validated catalogue. */
export type Catalogue = z.infer<typeof CatalogueSchema>;

/** The catalogue of the bundled dataset's shape: every grain of events, every field. */
export const EVENTS_CATALOGUE: Catalogue = {
  version: 1,
  grains: { seizure: { weight: null }, firearm: { weight: null }, trace: { weight: null } },
  fields: [...FIELD_IDS],
  measures: [...MEASURES],
  operations: true,
  precision: { time: ['day', 'month', 'year'], place: ['point', 'admin1', 'country'] },
};

/** True when the dataset has rows of `g`. */
export function hasGrain(c: Catalogue, g: FieldGrain): boolean {
  return c.grains[g] !== null;
}

/** True when the dataset holds `field`. */
export function hasField(c: Catalogue, field: FieldId): boolean {
  return c.fields.includes(field);
}

/** The values of `field` the dataset uses, when its catalogue lists them. */
export function vocabularyOf(c: Catalogue, field: FieldId): readonly string[] | null {
  return c.vocabulary?.[field] ?? null;
}

/** True when the dataset can measure `m`. */
export function hasMeasure(c: Catalogue, m: MeasureId): boolean {
  return c.measures.includes(m);
}

/** For each grain, the column with the number of events a row stands for (null: one each). */
export type GrainWeights = Readonly<Record<FieldGrain, string | null>>;

/** The weight columns of the SQL model. */
export function weightsOf(c: Catalogue): GrainWeights {
  return {
    seizure: c.grains.seizure.weight,
    firearm: c.grains.firearm?.weight ?? null,
    trace: c.grains.trace?.weight ?? null,
  };
}

/** Why a view cannot be drawn on a dataset: an i18n key under `views.missing`, or null. */
export type MissingInput = 'traces' | 'operations' | 'routes' | 'firearms' | 'records' | null;

/**
 * What a view needs that the dataset may lack. Traces needs trace requests; Operations needs
 * operations; Flows needs origins and destinations; Patterns needs firearms; Records needs event
 * rows (a table of aggregates is not a list of seizures).
 */
export function missingInput(c: Catalogue, view: ViewId): MissingInput {
  switch (view) {
    case 'traces':
      return hasGrain(c, 'trace') ? null : 'traces';
    case 'operations':
      return c.operations ? null : 'operations';
    case 'flows':
      return hasField(c, 'origin') && hasField(c, 'destination') ? null : 'routes';
    case 'patterns':
      return hasGrain(c, 'firearm') ? null : 'firearms';
    case 'records':
      return c.grains.seizure.weight === null ? null : 'records';
    default:
      return null;
  }
}
