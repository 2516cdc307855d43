/**
 * What applying a recipe gives: facts, trace requests, and the checks shown before the user
 * commits.
 */
import { type Layout, type SkipReason } from '../layout';
import type { Basis, TraceOutcome } from '../../domain/vocabulary';
import type { PlaceSuggestion } from '../places';
import type { Role } from '../../model/importRoles';
import { type DateOrder, type DatePrecision } from '../text';
import type { Cell } from '../types';
import { type ArmCategory, type FirearmType } from '../vocabulary';

/** How precisely a fact is dated: a parsed precision, or `unknown` (kept, drawn on no timeline). */
export type FactPrecision = DatePrecision | 'unknown';

/** One number the dataset will hold. */
export interface Fact {
  /** Facts of one group become one seizure row. */
  group: string;
  /** ISO date of the period's first day; '' when the row could not be dated. */
  date: string;
  precision: FactPrecision;
  /** ISO3; null when not even the country could be told (kept, placed nowhere). */
  country: string | null;
  admin1: string | null;
  district: string | null;
  lat: number | null;
  lon: number | null;
  origin: string | null;
  originAdmin1: string | null;
  destination: string | null;
  destinationAdmin1: string | null;
  transit: string[];
  /** A place as written that did not resolve (the row is kept at the level above it). */
  placeOriginal: string | null;
  /** What brought the arms to the record (seizure, surrender, theft…), from an occurrence column. */
  basis: Basis;
  basisOriginal: string | null;
  measure: 'seizures' | 'firearms';
  value: number;
  type: FirearmType | null;
  category: ArmCategory;
  typeOriginal: string | null;
  calibre: string | null;
  calibreOriginal: string | null;
  make: string | null;
  model: string | null;
  file: string;
  sheet: string | null;
  line: number;
  /** The source row's cells (row-based shapes), for the dataset's `source_rows` table. */
  source: Cell[] | null;
  /** A trace request about this fact's firearm (a register of trace requests), else null. */
  trace: TraceRequest | null;
  /**
   * False for the facts of a breakdown that counts the same firearms as another part of the file
   * (a sectioned table's type counts beside its source-state counts): they make firearm rows but
   * add nothing to the seizures' firearm totals.
   */
  inTotal: boolean;
}

/** A trace request as a register gives it: who asked whom, when, and what came of it. */
export interface TraceRequest {
  requesting: string | null;
  requested: string | null;
  /** ISO dates; null when not given or unreadable. */
  sent: string | null;
  answered: string | null;
  outcome: TraceOutcome;
  outcomeOriginal: string | null;
}

/** Where a row is, for lists. */
export interface RowRef {
  file: string;
  sheet: string | null;
  line: number;
}

/** A name that did not resolve, with how many rows use it and what it may be. */
export interface Unresolved {
  text: string;
  rows: number;
  suggestions: PlaceSuggestion[];
  /** The role of the column(s) it is in. */
  role: Role;
}

/** A total the file states, against the sum of what is imported. */
export interface TotalCheck {
  label: string;
  where: RowRef;
  expected: number;
  actual: number;
}

/** The checks shown before the user commits. */
export interface Checks {
  /** Data rows read (after header, title, blank and footnote rows). */
  rowsRead: number;
  skipped: { reason: SkipReason; count: number; examples: RowRef[] }[];
  totals: TotalCheck[];
  coverage: {
    precision: DatePrecision | null;
    from: string | null;
    to: string | null;
    periods: number;
    gaps: string[];
  };
  trailingZeros: { series: string; periods: string[] }[];
  places: Unresolved[];
  types: Unresolved[];
  calibres: Unresolved[];
  /**
   * What the numbers add up to: seizures, firearms (firearm categories only), `items` (every
   * counted thing, firearms and other items such as parts, ammunition or explosives) and the
   * items of each category that is not a firearm.
   */
  sums: {
    seizures: number;
    firearms: number;
    items: number;
    byCategory: Partial<Record<ArmCategory, number>>;
    facts: number;
  };
  /** Data rows kept with no usable date (precision `unknown`): counted and listed, not dropped. */
  undated: { count: number; examples: RowRef[] };
  /** Data rows kept above the place they name (country level, or unknown): counted and listed. */
  unplaced: { count: number; examples: RowRef[]; unknownCountry: number };
  /** How `a/b/yyyy` dates were read, and why. */
  dateOrder: { order: DateOrder; decided: 'recipe' | 'values' | 'language' } | null;
  /** Occurrence types as written → the basis each was read as, with their rows. */
  bases: { text: string; basis: Basis; rows: number }[];
  notices: string[];
}

/** What applying a recipe gives. */
export interface Transformed {
  facts: Fact[];
  checks: Checks;
  /** Header texts of the row-based source tables, per file/sheet. */
  headers: Map<string, string[]>;
  layouts: Layout[];
}
