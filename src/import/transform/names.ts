/**
 * Names resolved once per distinct text (places in their column's country, types, calibres,
 * occurrence types), the user's fixes first; and which breakdown dimensions are firearm types.
 */
import { type Layout } from '../layout';
import type { Basis } from '../../domain/vocabulary';
import type { PlaceResolver, ResolvedPlace } from '../places';
import type { Role } from '../../model/importRoles';
import type { Recipe } from '../recipe';
import { cellText, isTotalLabel, type DateOrder } from '../text';
import { resolveBasis, resolveCalibre, resolveFirearmType } from '../vocabulary';
import type { Lexicon, Names, PlaceRole } from './shared';
import { PLACE_ROLES } from './shared';

/** The basis of an occurrence type, resolved once per distinct text. */
export function basisOf(lexicon: Lexicon, text: string): Basis {
  let b = lexicon.bases.get(text);
  if (!b) lexicon.bases.set(text, (b = resolveBasis(text) ?? 'other'));
  return b;
}

/** Resolves every distinct name of a run, the user's fixes first. */
export function resolveNames(
  names: Map<Role, Names>,
  recipe: Recipe,
  resolver: PlaceResolver,
  dateOrder: DateOrder = 'dmy',
): Lexicon {
  const places = new Map<PlaceRole, Map<string, ResolvedPlace | null>>();
  // The country of the subdivision column (named, or inferred from its names), read first so the
  // districts below it are read in that country too.
  let columnCountry: string | null = null;
  const fixed = recipe.country ? resolver.fromCode(recipe.country) : null;
  for (const role of PLACE_ROLES) {
    const n = names.get(role);
    if (!n) continue;
    const within = role === 'admin1' || role === 'district' ? (fixed?.iso3 ?? columnCountry) : null;
    const { places: resolved, within: inferred } = resolver.resolveColumn(n.counts.keys(), within);
    if (role === 'admin1' && inferred) columnCountry = inferred;
    for (const text of n.counts.keys()) {
      const fix = recipe.fixes.places[text];
      if (fix !== undefined) resolved.set(text, fix ? resolver.fromCode(fix) : null);
    }
    places.set(role, resolved);
  }
  const types: Lexicon['types'] = new Map();
  for (const role of ['firearmType', 'category'] as const) {
    for (const text of names.get(role)?.counts.keys() ?? []) {
      const fix = recipe.fixes.types[text];
      if (fix !== undefined) types.set(text, fix ? { type: fix, category: 'firearm' } : 'excluded');
      else types.set(text, resolveFirearmType(text));
    }
  }
  const calibres = new Map<string, string | null>();
  for (const text of names.get('calibre')?.counts.keys() ?? []) {
    calibres.set(text, recipe.fixes.calibres[text] ?? resolveCalibre(text));
  }
  return {
    places,
    types,
    calibres,
    fallbackCountry: fixed?.iso3 ?? columnCountry,
    recipeCountry: fixed?.iso3 ?? null,
    fallbackAdmin1: fixed?.level === 'admin1' ? fixed.code : null,
    bases: new Map(),
    dateOrder,
  };
}

/**
 * What each dimension of a long table is: `total`, `type` (its categories are firearm types) or
 * `breakdown` (another split of the same total: sex, marking status, legal context…).
 */
export function classifyDimensions(
  layouts: readonly Layout[],
  recipe: Recipe,
): Map<string, 'total' | 'type' | 'breakdown'> {
  const cats = new Map<string, Set<string>>();
  for (const layout of layouts) {
    const di = layout.headers.findIndex((h) => recipe.columns[h] === 'dimension');
    const ci = layout.headers.findIndex((h) => recipe.columns[h] === 'category');
    if (di < 0 || ci < 0) continue;
    for (const row of layout.body) {
      const d = cellText(row.cells[di]);
      let set = cats.get(d);
      if (!set) cats.set(d, (set = new Set()));
      set.add(cellText(row.cells[ci]));
    }
  }
  const out = new Map<string, 'total' | 'type' | 'breakdown'>();
  if (cats.size < 2) return out;
  for (const [d, set] of cats) {
    const named = [...set].filter((c) => c && !isTotalLabel(c));
    if (isTotalLabel(d) || named.length === 0) out.set(d, 'total');
    else {
      const typed = named.filter(
        (c) => recipe.fixes.types[c] !== undefined || resolveFirearmType(c) !== null,
      ).length;
      out.set(d, typed >= named.length * 0.6 ? 'type' : 'breakdown');
    }
  }
  return out;
}
