/**
 * The importer end to end, the same in the browser's worker and in the CLI: read files into
 * sheets, propose a recipe (or take the user's), apply it, and build the tables. Callers bring
 * the gazetteer and write the tables where they live (a DuckDB file in Node, DuckDB-WASM and the
 * browser's storage in the app).
 */
import { propose, type Proposal } from './detect';
import { PlaceResolver, type Gazetteer } from './places';
import { sectionByHeadings } from './layout';
import { checkSize, readFile, type ReadOptions } from './read';
import type { Recipe } from './recipe';
import { buildTables, type ImportedTables } from './tables';
import { applyRecipe, type Transformed } from './transform';
import type { Sheet } from './types';

/** One file given to the importer. */
export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

/** Reads every file into sheets, refusing over-large files first; errors name the file. */
export async function readFiles(
  files: readonly ImportFile[],
  options: ReadOptions = {},
): Promise<Sheet[]> {
  const sheets: Sheet[] = [];
  for (const f of files) {
    checkSize(f.name, f.bytes.length);
    sheets.push(...(await readFile(f.name, f.bytes, options)).map(sectionByHeadings));
  }
  return sheets;
}

/** Everything an import shows before the user commits, and what it would write. */
export interface ImportPlan {
  recipe: Recipe;
  proposal: Proposal | null;
  transformed: Transformed;
  tables: ImportedTables;
}

/**
 * True when the recipe's rows are events, so seizures are not weighted: every seizure row of an
 * event list stands for one seizure (a row of its own, or the rows one seizure id groups), unless
 * a column says how many seizures a row stands for.
 */
export function eventRows(recipe: Recipe): boolean {
  return recipe.shape === 'events' && !Object.values(recipe.columns).includes('seizureCount');
}

/** Proposes (when no recipe is given) and applies a recipe, and builds the tables. */
export function planImport(
  sheets: readonly Sheet[],
  gazetteer: Gazetteer | PlaceResolver,
  recipe?: Recipe,
): ImportPlan {
  if (sheets.length === 0) throw new Error('No sheet to import');
  const resolver = gazetteer instanceof PlaceResolver ? gazetteer : new PlaceResolver(gazetteer);
  const proposal = recipe ? null : propose(sheets, resolver);
  const chosen = recipe ?? proposal!.recipe;
  const transformed = applyRecipe(sheets, chosen, resolver);
  const rowBased = chosen.shape !== 'matrix';
  const tables = buildTables(transformed.facts, {
    eventRows: eventRows(chosen),
    headers: rowBased ? transformed.layouts[0]?.headers : undefined,
  });
  return { recipe: chosen, proposal, transformed, tables };
}
