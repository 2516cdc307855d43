/**
 * The recipe: how a file's layout maps onto the product's model, as a small versioned JSON
 * document (validated with zod) so next year's file imports the same way. It names columns by
 * their header text, not their position, and keeps the user's fixes of place and vocabulary
 * names. `detect.ts` proposes one; the user overrides any part; `transform.ts` applies it.
 */
import { z } from 'zod';
import { FIREARM_TYPES } from '../domain/vocabulary';
import { ROLES } from '../model/importRoles';

/** Layouts the importer reads. */
export const SHAPES = ['events', 'long', 'wide', 'matrix', 'sectioned'] as const;
/** A layout. */
export type Shape = (typeof SHAPES)[number];

/** What an aggregate's numbers count. */
export const COUNTED = ['firearms', 'seizures'] as const;

const code = z.string().regex(/^[A-Z]{3}$|^[A-Z]{2}-[A-Z0-9]{1,3}$/);
const header = z.string().max(200);

/** Schema of a recipe (version 1). */
export const RecipeSchema = z.object({
  recipe: z.literal('firearms-flow-atlas/import'),
  version: z.literal(1),
  /** A name people recognise ("ATF Mexico source states"). */
  title: z.string().max(120).default(''),
  shape: z.enum(SHAPES),
  /** Sheets to read, by name (workbooks); empty: every sheet. */
  sheets: z.array(z.string().max(200)).max(500).default([]),
  /** 1-based header line; null: detected in each sheet. */
  headerLine: z.number().int().positive().max(10_000).nullable().default(null),
  /** Column header → role; columns not listed are kept as written, with no role. */
  columns: z.record(header, z.enum(ROLES)).default({}),
  /** Events: what one row is (a trace request: one firearm traced for the requesting country). */
  grain: z.enum(['seizure', 'firearm', 'trace']).default('seizure'),
  /** Aggregates: what the numbers count, unless an indicator says otherwise. */
  counts: z.enum(COUNTED).default('firearms'),
  /** Long tables: the indicators to import, and what each counts; empty: all, as `counts`. */
  indicators: z.record(z.string().max(300), z.enum(COUNTED)).default({}),
  /** Wide tables: the header of each count column, what it stands for, and the total column. */
  wide: z
    .object({
      kind: z.enum(['firearmType', 'month']),
      columns: z.array(header).max(400),
      total: header.nullable(),
    })
    .nullable()
    .default(null),
  /** Matrices: whether row labels are origins (sources) or destinations (recoveries). */
  matrix: z
    .object({
      /**
       * What the row labels are: origins (sources) or destinations (recoveries) of an origin ×
       * destination matrix, or firearm types of a type × place matrix (columns: where recovered).
       */
      rows: z.enum(['origin', 'destination', 'firearmType']),
      /** Transpose the sheets whose labels run the other way (detected; listed here when fixed). */
      transposed: z.array(z.string().max(400)).default([]),
    })
    .nullable()
    .default(null),
  /** Sectioned tables: for each section to import, the role of its `label` column. */
  sections: z.record(z.string().max(300), z.enum(ROLES)).default({}),
  /** Where the year comes from when no column holds it. */
  year: z
    .object({
      from: z.enum(['column', 'fileName', 'title', 'fixed']),
      value: z.number().int().nullable(),
    })
    .default({ from: 'column', value: null }),
  /**
   * How `a/b/yyyy` dates are read: day first, month first, or decided from the file (a first part
   * over 12 means day first; else a second part over 12 means month first; else the file's
   * language).
   */
  dateOrder: z.enum(['auto', 'dmy', 'mdy']).default('auto'),
  /** The country rows are in when no column says (a national register), and a route's default end. */
  country: code.nullable().default(null),
  /** The user's fixes: text as written → code (places), product type, product calibre. */
  fixes: z
    .object({
      places: z.record(z.string().max(300), code.or(z.literal(''))).default({}),
      types: z.record(z.string().max(300), z.enum([...FIREARM_TYPES, ''])).default({}),
      calibres: z.record(z.string().max(300), z.string().max(40)).default({}),
    })
    .default({ places: {}, types: {}, calibres: {} }),
  /** Leave out the trailing all-zero periods flagged as probably not yet reported. */
  excludeTrailingZeros: z.boolean().default(false),
  /** Header texts of the layout this recipe was made on (to offer it when the file returns). */
  signature: z.array(header).max(400).default([]),
});

/** A validated recipe. */
export type Recipe = z.infer<typeof RecipeSchema>;
/** A recipe before defaults are filled in. */
export type RecipeInput = z.input<typeof RecipeSchema>;

/** Parses a recipe document (e.g. an imported `.json`), with a message naming the first problem. */
export function parseRecipe(json: unknown): Recipe {
  const parsed = RecipeSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `This is not an import recipe this app reads: "${issue?.path.join('.') ?? ''}" ${issue?.message ?? ''}`,
    );
  }
  return parsed.data;
}

/** A complete recipe from a partial one. */
export function makeRecipe(input: Omit<RecipeInput, 'recipe' | 'version'>): Recipe {
  return RecipeSchema.parse({ recipe: 'firearms-flow-atlas/import', version: 1, ...input });
}

/** How well a recipe's layout matches a file's headers, 0–1 (share of its headers present). */
export function signatureMatch(recipe: Recipe, headers: readonly string[]): number {
  if (recipe.signature.length === 0) return 0;
  const have = new Set(headers.map((h) => h.trim().toLowerCase()));
  const hits = recipe.signature.filter((h) => have.has(h.trim().toLowerCase())).length;
  return hits / recipe.signature.length;
}
