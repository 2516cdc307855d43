/**
 * Imported datasets live in the browser's own storage (IndexedDB), never on a server: the
 * manifest and the tables (Arrow IPC) an import built, and the recipes people saved. A dataset whose
 * name starts with `local-` is read from here instead of from `data/`. Storage is asked to be
 * persistent, so the browser does not evict it under pressure.
 */
import { createStore, del, get, set, values } from 'idb-keyval';
import { nameFrom } from '../model/fileNames';
import { ManifestSchema, type DatasetManifest } from './manifest';
import { parseRecipe, type Recipe } from '../import/recipe';
import type { StoredTable } from './storedTables';

const meta = createStore('atlas-local-datasets', 'meta');
const files = createStore('atlas-local-files', 'files');
const recipes = createStore('atlas-recipes', 'recipes');

/** Names of datasets kept in this browser. */
export const LOCAL_PREFIX = 'local-';

/** True for the name of a dataset kept in this browser. */
export function isLocalDataset(name: string): boolean {
  return name.startsWith(LOCAL_PREFIX);
}

/** A dataset kept in this browser, as lists show it. */
export interface LocalDataset {
  name: string;
  title: string;
  createdAt: string;
  bytes: number;
  manifest: DatasetManifest;
  recipe: Recipe | null;
}

/** A fresh dataset name from a title: `local-<slug>-<4 hex>`. */
export function localName(title: string): string {
  const slug = nameFrom(title, 'import', { ascii: true, max: 40 });
  const tag = Math.floor(Math.random() * 0xffff)
    .toString(16)
    .padStart(4, '0');
  return `${LOCAL_PREFIX}${slug}-${tag}`;
}

/** Saves a built dataset: its manifest and its tables. */
export async function saveLocalDataset(
  manifest: DatasetManifest,
  tables: StoredTable[],
  recipe: Recipe | null,
): Promise<LocalDataset> {
  const entry: LocalDataset = {
    name: manifest.name,
    title: manifest.title,
    createdAt: new Date().toISOString(),
    bytes: tables.reduce((a, t) => a + t.ipc.length, 0),
    manifest,
    recipe,
  };
  await set(manifest.name, tables, files);
  await set(manifest.name, entry, meta);
  void navigator.storage?.persist?.().catch(() => false);
  return entry;
}

/** Every dataset kept in this browser, newest first; entries that fail validation are skipped. */
export async function listLocalDatasets(): Promise<LocalDataset[]> {
  try {
    const all = (await values(meta)) as LocalDataset[];
    return all
      .filter(
        (d) => d && typeof d.name === 'string' && ManifestSchema.safeParse(d.manifest).success,
      )
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  } catch {
    return [];
  }
}

/** A kept dataset's manifest and tables, or null when this browser does not hold it. */
export async function readLocalDataset(
  name: string,
): Promise<{ manifest: DatasetManifest; tables: StoredTable[] } | null> {
  const entry = (await get(name, meta)) as LocalDataset | undefined;
  const tables = (await get(name, files)) as StoredTable[] | undefined;
  if (!entry || !Array.isArray(tables)) return null;
  const manifest = ManifestSchema.parse(entry.manifest);
  if (!tables.every((t) => t && typeof t.name === 'string' && t.ipc instanceof Uint8Array)) {
    throw new Error('its stored tables are damaged');
  }
  return { manifest, tables };
}

/** Removes a kept dataset. */
export async function removeLocalDataset(name: string): Promise<void> {
  await del(name, files);
  await del(name, meta);
}

/** Saves a recipe under its title (a known layout is offered when its file comes back). */
export async function saveRecipe(recipe: Recipe): Promise<void> {
  await set(recipe.title || 'untitled', recipe, recipes);
}

/** Every saved recipe that still validates. */
export async function listRecipes(): Promise<Recipe[]> {
  try {
    const out: Recipe[] = [];
    for (const r of await values(recipes)) {
      try {
        out.push(parseRecipe(r));
      } catch {
        // A recipe saved by another version: skipped.
      }
    }
    return out;
  } catch {
    return [];
  }
}
