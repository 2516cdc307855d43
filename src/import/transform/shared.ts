/**
 * What the parts of a run share: where a row is, what it skipped or kept, the names met and how
 * they resolved.
 */
import { type SkipReason } from '../layout';
import type { Basis } from '../../domain/vocabulary';
import type { ResolvedPlace } from '../places';
import { type DateOrder } from '../text';
import type { Sheet } from '../types';
import { type ArmCategory, type FirearmType } from '../vocabulary';
import type { RowRef } from './types';

export const sheetKey = (s: Sheet) => `${s.file}${s.sheet ? ` › ${s.sheet}` : ''}`;

export class Skips {
  private readonly by = new Map<SkipReason, { count: number; examples: RowRef[] }>();
  add(reason: SkipReason, ref: RowRef, n = 1) {
    let e = this.by.get(reason);
    if (!e) this.by.set(reason, (e = { count: 0, examples: [] }));
    e.count += n;
    if (e.examples.length < 10) e.examples.push(ref);
  }
  list() {
    return [...this.by].map(([reason, e]) => ({ reason, ...e }));
  }
}

/** Rows kept with a warning (undated, unplaced), with up to ten examples. */
export class Kept {
  count = 0;
  readonly examples: RowRef[] = [];
  add(ref: RowRef) {
    this.count++;
    if (this.examples.length < 10) this.examples.push(ref);
  }
}

/** Counts of each distinct text of a role, for resolution. */
export class Names {
  readonly counts = new Map<string, number>();
  add(text: string) {
    if (text) this.counts.set(text, (this.counts.get(text) ?? 0) + 1);
  }
}

export type PlaceRole =
  | 'country'
  | 'admin1'
  | 'district'
  | 'origin'
  | 'destination'
  | 'transit'
  | 'requesting'
  | 'requested';
export const PLACE_ROLES: readonly PlaceRole[] = [
  'country',
  'admin1',
  'district',
  'origin',
  'destination',
  'transit',
  'requesting',
  'requested',
];

/** The resolved names of a run. */
export interface Lexicon {
  places: Map<PlaceRole, Map<string, ResolvedPlace | null>>;
  types: Map<string, { type: FirearmType; category: ArmCategory } | null | 'excluded'>;
  calibres: Map<string, string | null>;
  /** The country rows are placed in when their own place does not resolve (recipe or column). */
  fallbackCountry: string | null;
  /** The country the recipe names (a national register), first choice for rows that name none. */
  recipeCountry: string | null;
  /** The subdivision the file is about, when its title or name says (a sheet of precincts). */
  fallbackAdmin1: string | null;
  /** Occurrence types met so far → their basis. */
  bases: Map<string, Basis>;
  dateOrder: DateOrder;
}
