/**
 * Applying a recipe: sheets → facts (one number about one place, period, route and firearm
 * kind) and the checks shown before the user commits. Every shape ends as facts:
 *
 * - **events**: a row is a seizure (or a firearm): one seizure fact, and a firearm fact when it
 *   says how many or which firearms;
 * - **long**: a row is a value of an indicator for a place and period, broken down by category;
 *   "Total" rows are checks beside their breakdowns (and the value when there is none);
 * - **wide**: each count column of a row is a fact (per month or per type); the total column is a
 *   check;
 * - **matrix**: each cell is a fact for a pair of places; TOTAL rows and columns are checks;
 * - **sectioned**: each chosen section is read as a long table whose label column has the role
 *   chosen for that section.
 *
 * Names are resolved once per distinct text (places in their column's country; types and
 * calibres), the user's fixes first. Nothing is ever evaluated: a cell is data.
 */
import { readLayout, type BodyRow, type Layout, type SkipReason } from './layout';
import type { Basis, TraceOutcome } from '../domain/vocabulary';
import type { PlaceResolver, PlaceSuggestion, ResolvedPlace } from './places';
import type { Role } from '../model/importRoles';
import type { Recipe } from './recipe';
import {
  cellText,
  isBlank,
  isTotalLabel,
  monthOf,
  nameKey,
  dateOrderOf,
  excelSerialDate,
  guessLanguage,
  languageDateOrder,
  parseDate,
  parseNumber,
  yearIn,
  type DateOrder,
  type DatePrecision,
} from './text';
import type { Cell, Sheet } from './types';
import {
  isFirearmCategory,
  resolveBasis,
  resolveOutcome,
  resolveCalibre,
  resolveFirearmType,
  type ArmCategory,
  type FirearmType,
} from './vocabulary';

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

const sheetKey = (s: Sheet) => `${s.file}${s.sheet ? ` › ${s.sheet}` : ''}`;

class Skips {
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
class Kept {
  count = 0;
  readonly examples: RowRef[] = [];
  add(ref: RowRef) {
    this.count++;
    if (this.examples.length < 10) this.examples.push(ref);
  }
}

/** Counts of each distinct text of a role, for resolution. */
class Names {
  readonly counts = new Map<string, number>();
  add(text: string) {
    if (text) this.counts.set(text, (this.counts.get(text) ?? 0) + 1);
  }
}

type PlaceRole =
  | 'country'
  | 'admin1'
  | 'district'
  | 'origin'
  | 'destination'
  | 'transit'
  | 'requesting'
  | 'requested';
const PLACE_ROLES: readonly PlaceRole[] = [
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
interface Lexicon {
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

/** Applies a recipe to sheets. */
export function applyRecipe(
  sheets: readonly Sheet[],
  recipe: Recipe,
  resolver: PlaceResolver,
): Transformed {
  const chosen = recipe.sheets.length
    ? sheets.filter((s) => s.sheet === null || recipe.sheets.includes(s.sheet))
    : sheets;
  const layouts = chosen.map((s) => readLayout(s, recipe.headerLine));
  const skips = new Skips();
  const notices: string[] = [];
  chosen.forEach((s, i) => {
    for (const k of layouts[i]!.skipped) {
      skips.add(k.reason, { file: s.file, sheet: s.sheet, line: k.index + 1 });
    }
  });

  // Matrices are read as pairs of labels; every other shape row by row.
  if (recipe.shape === 'matrix')
    return applyMatrix(chosen, layouts, recipe, resolver, skips, notices);
  const dateOrder = chooseDateOrder(chosen, layouts, recipe);

  // 0. A long table's dimensions: the one whose categories are firearm types gives the firearms'
  // split; others (sex, marking status, legal context, place of seizure…) are breakdowns of the
  // same total, checked against it, never places, types or firearms added on top.
  const dimensions = recipe.shape === 'long' ? classifyDimensions(layouts, recipe) : new Map();
  const breakdown = (layout: Layout, row: BodyRow) => {
    if (!dimensions.size) return null;
    const j = layout.headers.findIndex((h) => recipe.columns[h] === 'dimension');
    const d = j >= 0 ? cellText(row.cells[j]) : '';
    return dimensions.get(d) === 'breakdown' ? d : null;
  };

  // 1. Collect the distinct names of each role, to resolve them once.
  const names = new Map<Role, Names>();
  const name = (r: Role) => names.get(r) ?? names.set(r, new Names()).get(r)!;
  const rolesOf = (layout: Layout, row: BodyRow | null): Role[] => {
    const roles = layout.headers.map((h) => recipe.columns[h] ?? 'ignore');
    if (recipe.shape === 'sectioned' && row) {
      const si = roles.indexOf('section');
      const li = roles.indexOf('label');
      const role = si >= 0 ? recipe.sections[cellText(row.cells[si])] : undefined;
      if (li >= 0) roles[li] = role ?? 'ignore';
    }
    return roles;
  };
  layouts.forEach((layout) => {
    for (const row of layout.body) {
      const roles = rolesOf(layout, row);
      if (breakdown(layout, row) !== null) continue;
      roles.forEach((role, j) => {
        if (
          PLACE_ROLES.includes(role as PlaceRole) ||
          role === 'firearmType' ||
          role === 'calibre' ||
          role === 'category'
        ) {
          const t = cellText(row.cells[j]);
          if (role === 'transit')
            for (const part of t.split(/[;>|,→]+/)) name(role).add(part.trim());
          else name(role).add(t);
        }
      });
    }
    if (recipe.shape === 'wide' && recipe.wide?.kind === 'firearmType') {
      for (const h of recipe.wide.columns) name('firearmType').add(h);
    }
  });
  const lexicon = resolveNames(names, recipe, resolver, dateOrder.order);
  // A sectioned table whose sections count the same firearms twice (by place, by type).
  const sectionRoles = new Set(Object.values(recipe.sections));
  const hasPlaceSection = [...sectionRoles].some((r) => PLACE_ROLES.includes(r as PlaceRole));
  const sectionColumn = Object.entries(recipe.columns).find(([, r]) => r === 'section')?.[0];
  const sectionChosen = (layout: Layout, row: BodyRow) => {
    const role = sectionColumn
      ? recipe.sections[cellText(row.cells[layout.headers.indexOf(sectionColumn)])]
      : undefined;
    return role !== undefined && role !== 'ignore';
  };
  const sectionListed = (layout: Layout, row: BodyRow) =>
    !!sectionColumn &&
    recipe.sections[cellText(row.cells[layout.headers.indexOf(sectionColumn)])] !== undefined;
  const breakdownOnly = (layout: Layout, row: BodyRow) => {
    if (recipe.shape !== 'sectioned' || !hasPlaceSection || !sectionColumn) return false;
    const role = recipe.sections[cellText(row.cells[layout.headers.indexOf(sectionColumn)])];
    return role === 'firearmType' || role === 'calibre' || role === 'make' || role === 'model';
  };

  // 2. Read each row into facts.
  const facts: Fact[] = [];
  const totals: TotalCheck[] = [];
  const headers = new Map<string, string[]>();
  const longTotals = new Map<
    string,
    { value: number; measure: Fact['measure']; ref: RowRef; base: Fact; label: string }
  >();
  const breakdownSums = new Map<string, Map<string, number>>();
  const seizureGroups = new Set<string>();
  const undated = new Kept();
  const unplaced = new Kept();
  let unknownCountry = 0;
  let rowsRead = 0;

  chosen.forEach((sheet, si) => {
    const layout = layouts[si]!;
    headers.set(sheetKey(sheet), layout.headers);
    const sheetYear =
      recipe.year.from === 'fixed'
        ? recipe.year.value
        : recipe.year.from === 'fileName'
          ? yearIn(sheet.file)
          : recipe.year.from === 'title'
            ? yearIn(`${sheet.sheet ?? ''} ${layout.titles.join(' ')}`)
            : null;
    const wideCols = recipe.wide ? recipe.wide.columns.map((h) => layout.headers.indexOf(h)) : [];
    const wideTotal = recipe.wide?.total ? layout.headers.indexOf(recipe.wide.total) : -1;
    const columnSums = new Map<number, number>();

    for (const row of layout.body) {
      rowsRead++;
      const ref: RowRef = { file: sheet.file, sheet: sheet.sheet, line: row.index + 1 };
      const roles = rolesOf(layout, row);
      const at = (role: Role) => roles.indexOf(role);
      const text = (role: Role) => {
        const j = at(role);
        return j >= 0 ? cellText(row.cells[j]) : '';
      };
      if (recipe.shape === 'sectioned' && !sectionChosen(layout, row)) {
        // A section left out (time to crime, age bands…) is a breakdown of the same firearms.
        skips.add(sectionListed(layout, row) ? 'breakdown' : 'excluded', ref);
        continue;
      }
      // A row of totals (wide tables and event lists end with one): a check on the column sums.
      const labelIdx = roles.findIndex(
        (r) => r !== 'ignore' && r !== 'count' && r !== 'seizureCount',
      );
      if (
        recipe.shape !== 'long' &&
        recipe.shape !== 'sectioned' &&
        row.cells.some((c, j) => j <= Math.max(labelIdx, 0) && isTotalLabel(c))
      ) {
        for (const [j, sum] of columnSums) {
          const expected = parseNumber(row.cells[j]);
          if (expected !== null) {
            totals.push({
              label: `${layout.headers[j]} (total row)`,
              where: ref,
              expected,
              actual: sum,
            });
          }
        }
        skips.add('total', ref);
        continue;
      }
      const base = rowContext(row, roles, lexicon, resolver, sheetYear);
      if (base.unplaced) {
        unplaced.add(ref);
        if (base.fact.country === null) unknownCountry++;
      }
      const inTotal = !breakdownOnly(layout, row);
      // Facts are built with one fixed shape (an object spread per fact was the import's
      // hottest line at a million rows).
      const fact = (over: Partial<Fact> & Pick<Fact, 'group' | 'measure' | 'value'>): Fact =>
        Object.assign(
          copyFact(base.fact, sheet.file, sheet.sheet, row.index + 1, row.cells, inTotal),
          over,
        );

      if (recipe.shape === 'wide' && recipe.wide) {
        let sum = 0;
        let any = false;
        let dated = true;
        wideCols.forEach((j, k) => {
          if (j < 0) return;
          const v = parseNumber(row.cells[j]);
          if (v === null) {
            if (!isBlank(row.cells[j]) && !/^[-–—.…x*]+$|^n\/?a$/i.test(cellText(row.cells[j])))
              skips.add('notNumber', { ...ref });
            return;
          }
          any = true;
          sum += v;
          columnSums.set(j, (columnSums.get(j) ?? 0) + v);
          const h = recipe.wide!.columns[k]!;
          if (recipe.wide!.kind === 'month') {
            const year = base.year ?? sheetYear;
            const m = monthOf(h);
            if (!year || !m) dated = false;
            facts.push(
              fact({
                group: `${base.key}|${year ?? '?'}-${m ?? h}`,
                date: year && m ? `${year}-${String(m).padStart(2, '0')}-01` : '',
                precision: year && m ? 'month' : 'unknown',
                measure: recipe.counts,
                value: v,
              }),
            );
          } else {
            const t = lexicon.types.get(h);
            if (t === 'excluded') return;
            if (!base.fact.date) dated = false;
            facts.push(
              fact({
                group: base.key,
                measure: recipe.counts,
                value: v,
                type: t?.type ?? null,
                category: t?.category ?? 'firearm',
                typeOriginal: h,
              }),
            );
          }
        });
        if (wideTotal >= 0) {
          const expected = parseNumber(row.cells[wideTotal]);
          if (expected !== null) {
            columnSums.set(wideTotal, (columnSums.get(wideTotal) ?? 0) + expected);
            if (expected !== sum)
              totals.push({
                label: `${recipe.wide.total} of this row`,
                where: ref,
                expected,
                actual: sum,
              });
            else
              totals.push({
                label: `${recipe.wide.total} of this row`,
                where: ref,
                expected,
                actual: sum,
              });
          }
        }
        if (!any) skips.add('noValue', ref);
        else if (!dated) undated.add(ref);
        continue;
      }

      if (!base.fact.date) undated.add(ref);

      if (recipe.shape === 'events') {
        const group =
          recipe.grain === 'firearm' && at('seizureId') >= 0
            ? `id|${text('seizureId')}`
            : `row|${sheetKey(sheet)}|${row.index}`;
        const count = at('count') >= 0 ? parseNumber(row.cells[at('count')]) : null;
        if (at('count') >= 0 && count === null && !isBlank(row.cells[at('count')]))
          skips.add('notNumber', ref);
        const seizures = at('seizureCount') >= 0 ? parseNumber(row.cells[at('seizureCount')]) : 1;
        if (recipe.grain === 'trace') {
          // One request about one firearm, of a seizure in the requesting country.
          const day = (c: Cell) => {
            const d =
              typeof c === 'number' && c > 20_000 && c < 60_000
                ? excelSerialDate(c)
                : parseDate(c, lexicon.dateOrder);
            return d?.precision === 'day' ? d.date : null;
          };
          const requested = text('requested');
          const answered = at('answeredDate') >= 0 ? day(row.cells[at('answeredDate')]!) : null;
          const outcomeText = text('outcome');
          const trace: TraceRequest = {
            requesting: base.fact.country,
            requested: requested
              ? (lexicon.places.get('requested')?.get(requested)?.iso3 ?? null)
              : null,
            sent: base.fact.precision === 'day' ? base.fact.date : null,
            answered,
            outcome: resolveOutcome(outcomeText) ?? (answered ? 'traced' : 'pending'),
            outcomeOriginal: outcomeText || null,
          };
          facts.push(fact({ group, measure: 'seizures', value: 1 }));
          facts.push(fact({ group, measure: 'firearms', value: 1, trace }));
        } else if (recipe.grain === 'seizure') {
          facts.push(fact({ group, measure: 'seizures', value: seizures ?? 1 }));
          if (count !== null || base.fact.type !== null)
            facts.push(fact({ group, measure: 'firearms', value: count ?? 1 }));
        } else {
          // A firearm row is one firearm (or `count`); its seizure is the row's own, or the one
          // its seizure id names (counted once).
          if (!seizureGroups.has(group)) {
            seizureGroups.add(group);
            facts.push(fact({ group, measure: 'seizures', value: 1 }));
          }
          facts.push(fact({ group, measure: 'firearms', value: count ?? 1 }));
        }
        columnSums.set(at('count'), (columnSums.get(at('count')) ?? 0) + (count ?? 0));
        continue;
      }

      // long and sectioned: one value per row, maybe a Total beside its breakdowns.
      const vi = at('count') >= 0 ? at('count') : at('seizureCount');
      const raw = vi >= 0 ? row.cells[vi] : null;
      const value = parseNumber(raw);
      if (value === null) {
        skips.add(
          isBlank(raw) || /^[-–—.…x*]+$|^n\/?a$/i.test(cellText(raw)) ? 'noValue' : 'notNumber',
          ref,
        );
        continue;
      }
      // A rate or a share (per 100,000, %) beside the counts is not a count: never added.
      if (
        /rate|tasa|taux|taxa|per 100|por 100|pour 100|%|percent|porcentaje|pourcentage|share|proportion/i.test(
          text('unit'),
        )
      ) {
        skips.add('notCount', ref);
        continue;
      }
      const indicator = text('indicator');
      let measure: Fact['measure'] =
        at('seizureCount') >= 0 && at('count') < 0 ? 'seizures' : recipe.counts;
      if (indicator) {
        const chosenIndicators = Object.keys(recipe.indicators);
        if (chosenIndicators.length && !chosenIndicators.includes(indicator)) {
          skips.add('excluded', ref);
          continue;
        }
        measure = recipe.indicators[indicator] ?? measure;
      }
      const category = text('category');
      const dimension = text('dimension');
      // A row of another split of a total (a value other than Total in a breakdown column).
      const split = roles
        .map((r, j) => (r === 'breakdown' ? j : -1))
        .find((j) => j >= 0 && !isBlank(row.cells[j]) && !isTotalLabel(cellText(row.cells[j])));
      if (split !== undefined) {
        const k = `${base.key}|${base.fact.date}|${indicator}|${measure}`;
        if (!category || isTotalLabel(category)) {
          const sums = breakdownSums.get(k) ?? breakdownSums.set(k, new Map()).get(k)!;
          const label = layout.headers[split]!;
          sums.set(label, (sums.get(label) ?? 0) + value);
        }
        skips.add('breakdown', ref);
        continue;
      }
      // An indicator of items that are not firearms ("Ammunition seized", "Parts seized").
      const item = indicator ? resolveFirearmType(indicator) : null;
      const apart =
        item && !isFirearmCategory(item.category)
          ? { category: item.category, type: base.fact.type ?? item.type, typeOriginal: indicator }
          : {};
      const isTotal =
        (category !== '' && isTotalLabel(category)) ||
        (category === '' && dimension !== '' && isTotalLabel(dimension));
      const key = `${base.key}|${base.fact.date}|${indicator}|${measure}`;
      if (isTotal) {
        longTotals.set(key, {
          value,
          measure,
          ref,
          base: fact({ group: key, measure, value, ...apart }),
          label: [indicator, category || dimension].filter(Boolean).join(' · '),
        });
        skips.add('total', ref);
        continue;
      }
      const dim = breakdown(layout, row);
      if (dim !== null) {
        const sums = breakdownSums.get(key) ?? breakdownSums.set(key, new Map()).get(key)!;
        sums.set(dim, (sums.get(dim) ?? 0) + value);
        skips.add('breakdown', ref);
        continue;
      }
      if (base.excluded) {
        skips.add('excluded', ref);
        continue;
      }
      facts.push(fact({ group: key.replace(/\|[^|]*$/, ''), measure, value, ...apart }));
    }
  });

  // Each breakdown of a Total must add up to it.
  for (const [key, byDim] of breakdownSums) {
    const t = longTotals.get(key);
    if (!t) continue;
    for (const [dim, actual] of byDim)
      totals.push({ label: `${t.label} · ${dim}`, where: t.ref, expected: t.value, actual });
  }

  // Long tables: a Total is the value when its group has no breakdown, else a check.
  if (longTotals.size) {
    const sums = new Map<string, number>();
    for (const f of facts) {
      const k = `${f.group}|${f.measure}`;
      sums.set(k, (sums.get(k) ?? 0) + f.value);
    }
    for (const [key, t] of longTotals) {
      const actual = sums.get(key);
      if (actual === undefined) facts.push({ ...t.base, group: key.replace(/\|[^|]*$/, '') });
      else totals.push({ label: t.label || 'Total', where: t.ref, expected: t.value, actual });
    }
  }

  // Sections that count the same firearms twice (by place, by type) must agree.
  if (facts.some((f) => !f.inTotal)) {
    let byPlace = 0;
    let byKind = 0;
    for (const f of facts) {
      if (f.measure !== 'firearms') continue;
      if (f.inTotal) byPlace += f.value;
      else if (f.typeOriginal) byKind += f.value;
    }
    const first = facts.find((f) => !f.inTotal)!;
    totals.push({
      label: 'Firearms by type against firearms by place (two sections)',
      where: { file: first.file, sheet: first.sheet, line: first.line },
      expected: byPlace,
      actual: byKind,
    });
  }

  const trailing = trailingZeros(facts);
  let kept = facts;
  if (recipe.excludeTrailingZeros && trailing.dropped.size) {
    kept = facts.filter((f) => !trailing.dropped.has(f));
    for (const f of trailing.dropped)
      skips.add('trailingZero', { file: f.file, sheet: f.sheet, line: f.line });
  }
  const checks = checksOf(
    kept,
    rowsRead,
    skips,
    totals,
    trailing.series,
    names,
    lexicon,
    resolver,
    notices,
  );
  checks.undated = { count: undated.count, examples: undated.examples };
  checks.unplaced = { count: unplaced.count, examples: unplaced.examples, unknownCountry };
  checks.dateOrder = dateOrder.used ? { order: dateOrder.order, decided: dateOrder.decided } : null;
  return { facts: kept, checks, headers, layouts };
}

/**
 * How the `a/b/yyyy` dates of the date columns are read: the recipe's choice; else decided from
 * all the column's values (a first part over 12 means day first, a second part over 12 month
 * first); else from the file's language (month first in English, day first otherwise).
 */
function chooseDateOrder(
  sheets: readonly Sheet[],
  layouts: readonly Layout[],
  recipe: Recipe,
): { order: DateOrder; decided: 'recipe' | 'values' | 'language'; used: boolean } {
  const values: Cell[] = [];
  const texts: string[] = [];
  layouts.forEach((l, i) => {
    texts.push(sheets[i]!.file, ...l.headers, ...l.titles);
    const cols = l.headers
      .map((h, j) => (recipe.columns[h] === 'date' ? j : -1))
      .filter((j) => j >= 0);
    for (const row of l.body) {
      for (const j of cols) values.push(row.cells[j] ?? null);
      if (texts.length < 2000)
        for (const c of row.cells) if (typeof c === 'string' && c.length < 60) texts.push(c);
    }
  });
  const used = values.some(
    (v) => typeof v === 'string' && /^\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(v),
  );
  if (recipe.dateOrder !== 'auto') return { order: recipe.dateOrder, decided: 'recipe', used };
  const byValues = dateOrderOf(values);
  if (byValues.decided === 'values') return { order: byValues.order, decided: 'values', used };
  return { order: languageDateOrder(guessLanguage(texts)), decided: 'language', used };
}

type BaseFact = Omit<
  Fact,
  'group' | 'measure' | 'value' | 'file' | 'sheet' | 'line' | 'source' | 'inTotal' | 'trace'
>;

/** A fact from a row's shared part, every property set in one order (one hidden class). */
function copyFact(
  b: BaseFact,
  file: string,
  sheet: string | null,
  line: number,
  source: Cell[] | null,
  inTotal: boolean,
): Fact {
  return {
    group: '',
    date: b.date,
    precision: b.precision,
    country: b.country,
    admin1: b.admin1,
    district: b.district,
    lat: b.lat,
    lon: b.lon,
    origin: b.origin,
    originAdmin1: b.originAdmin1,
    destination: b.destination,
    destinationAdmin1: b.destinationAdmin1,
    transit: b.transit,
    placeOriginal: b.placeOriginal,
    basis: b.basis,
    basisOriginal: b.basisOriginal,
    trace: null,
    measure: 'seizures',
    value: 0,
    type: b.type,
    category: b.category,
    typeOriginal: b.typeOriginal,
    calibre: b.calibre,
    calibreOriginal: b.calibreOriginal,
    make: b.make,
    model: b.model,
    file,
    sheet,
    line,
    source,
    inTotal,
  };
}

/** The basis of an occurrence type, resolved once per distinct text. */
function basisOf(lexicon: Lexicon, text: string): Basis {
  let b = lexicon.bases.get(text);
  if (!b) lexicon.bases.set(text, (b = resolveBasis(text) ?? 'other'));
  return b;
}

/** Resolves every distinct name of a run, the user's fixes first. */
function resolveNames(
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
function classifyDimensions(
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

/** The shared part of a row's facts: when, where, which route, which firearm. */
function rowContext(
  row: BodyRow,
  roles: Role[],
  lexicon: Lexicon,
  resolver: PlaceResolver,
  sheetYear: number | null,
): {
  fact: BaseFact;
  key: string;
  year: number | null;
  excluded: boolean;
  /** The row names a place that did not resolve, or none where others do: kept above it. */
  unplaced: boolean;
} {
  const text = (role: Role) => {
    const j = roles.indexOf(role);
    return j >= 0 ? cellText(row.cells[j]) : '';
  };
  const cell = (role: Role): Cell => {
    const j = roles.indexOf(role);
    return j >= 0 ? (row.cells[j] ?? null) : null;
  };
  const place = (role: PlaceRole) => {
    const t = text(role);
    return t ? (lexicon.places.get(role)?.get(t) ?? null) : null;
  };
  // When
  let date: string | null = null;
  let precision: FactPrecision = 'day';
  let year: number | null = null;
  const dc = roles.includes('date') ? cell('date') : cell('sentDate');
  // A number in a date column is a spreadsheet serial date (a year stays a year).
  const d =
    typeof dc === 'number' && dc > 20_000 && dc < 60_000
      ? excelSerialDate(dc)
      : parseDate(dc, lexicon.dateOrder);
  if (d) ({ date, precision } = d);
  if (!date) {
    const yc = cell('year');
    year =
      typeof yc === 'number'
        ? yc
        : yc
          ? parseDate(yc)?.date
            ? +parseDate(yc)!.date.slice(0, 4)
            : null
          : null;
    year ??= sheetYear;
    const mc = cell('month');
    const month =
      typeof mc === 'number'
        ? mc
        : mc
          ? (monthOf(String(mc)) ?? (parseNumber(mc) as number | null))
          : null;
    const monthDate = mc ? parseDate(mc) : null;
    if (monthDate && monthDate.precision === 'month') ({ date, precision } = monthDate);
    else if (year && month && month >= 1 && month <= 12) {
      date = `${year}-${String(month).padStart(2, '0')}-01`;
      precision = 'month';
    } else if (year) {
      date = `${year}-01-01`;
      precision = 'year';
    }
  }
  // Where
  const countryPlace = place('country') ?? place('requesting');
  const admin1Place = place('admin1');
  const districtText = text('district');
  const districtPlace = place('district');
  const fromRow = countryPlace?.iso3 ?? admin1Place?.iso3 ?? districtPlace?.iso3 ?? null;
  let iso3 = fromRow ?? lexicon.recipeCountry;
  let admin1 =
    (admin1Place?.level === 'admin1' ? admin1Place.code : null) ??
    (countryPlace?.level === 'admin1' ? countryPlace.code : null) ??
    (districtPlace?.level === 'admin1' ? districtPlace.code : null);
  const origin = place('origin');
  const destination = place('destination');
  if (!iso3 && destination) {
    iso3 = destination.iso3;
    admin1 = destination.level === 'admin1' ? destination.code : null;
  }
  if (!iso3 && origin && !roles.includes('destination')) {
    iso3 = origin.iso3;
  }
  // A place as written that did not resolve to its level ("Atlantis", "Mar territorial", a blank
  // state where others have one): the row is kept at the country (or unknown) and says so.
  let placeOriginal: string | null = null;
  let unplaced = false;
  for (const role of ['admin1', 'country', 'destination'] as const) {
    const t = text(role);
    const p = place(role);
    if (t && (!p || (role === 'admin1' && p.level !== 'admin1' && !countryPlace))) {
      placeOriginal = t;
      unplaced = true;
      break;
    }
  }
  if (!fromRow && iso3 && iso3 === lexicon.recipeCountry && !roles.includes('admin1')) {
    // The subdivision the whole file is about (named in its title or name), below which its
    // districts or precincts are kept as an attribute.
    admin1 = lexicon.fallbackAdmin1;
  }
  if (!iso3) {
    iso3 = lexicon.fallbackCountry;
    if (roles.some((r) => r === 'country' || r === 'admin1' || r === 'destination'))
      unplaced = true;
  } else if (!fromRow && roles.some((r) => r === 'country' || r === 'admin1')) {
    unplaced = true;
  } else if (!admin1 && roles.includes('admin1') && !text('admin1')) {
    unplaced = true;
  }
  if (admin1 && iso3 && !admin1.startsWith(resolver.country(iso3)?.iso2 ?? '??')) admin1 = null;
  const point = iso3
    ? resolver.pointOf(
        admin1 ? { level: 'admin1', iso3, code: admin1 } : { level: 'country', iso3 },
      )
    : null;
  const lat = parseNumber(cell('lat'));
  const lon = parseNumber(cell('lon'));
  const transit = text('transit')
    .split(/[;>|,→]+/)
    .map((t) => lexicon.places.get('transit')?.get(t.trim())?.iso3)
    .filter((x): x is string => !!x);
  // What
  const typeText = text('firearmType') || text('category');
  const resolvedType = typeText ? lexicon.types.get(typeText) : null;
  const calibreText = text('calibre');
  const ownPoint = lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  // The occurrence: its own column, else an indicator that names one ("Arms surrendered").
  const indicatorText = text('indicator');
  const basisText =
    text('basis') || (indicatorText && resolveBasis(indicatorText) ? indicatorText : '');
  const fact: BaseFact = {
    date: date ?? '',
    precision: date ? precision : 'unknown',
    country: iso3,
    admin1,
    district: districtText || null,
    lat: ownPoint ? lat : (point?.lat ?? null),
    lon: ownPoint ? lon : (point?.lon ?? null),
    origin: origin?.iso3 ?? null,
    originAdmin1: origin?.level === 'admin1' ? origin.code : null,
    destination: destination?.iso3 ?? (origin ? iso3 : null),
    destinationAdmin1:
      destination?.level === 'admin1'
        ? destination.code
        : destination
          ? null
          : origin
            ? admin1
            : null,
    transit,
    type: resolvedType && resolvedType !== 'excluded' ? resolvedType.type : null,
    category:
      resolvedType && resolvedType !== 'excluded'
        ? resolvedType.category
        : ('firearm' as ArmCategory),
    typeOriginal: typeText || null,
    calibre: calibreText ? (lexicon.calibres.get(calibreText) ?? calibreText) : null,
    calibreOriginal: calibreText || null,
    make: text('make') || null,
    model: text('model') || null,
    placeOriginal,
    basis: basisText ? basisOf(lexicon, basisText) : 'seized',
    basisOriginal: basisText || null,
  };
  const key = [
    fact.basisOriginal,
    placeOriginal,
    iso3,
    admin1,
    fact.district,
    fact.origin,
    fact.originAdmin1,
    fact.destination,
    fact.destinationAdmin1,
    transit.join('>'),
  ].join('|');
  return { fact, key, year, excluded: resolvedType === 'excluded', unplaced };
}

/**
 * The label column of a matrix: the first column whose cells are mostly text (ATF's sheets put a
 * merged caption in column A and the labels in B).
 */
export function matrixLabelColumn(layout: Layout): number {
  const body = layout.body.slice(0, 200);
  if (!body.length) return 0;
  for (let j = 0; j < Math.min(layout.headers.length - 1, 5); j++) {
    const texts = body.filter((r) => !isBlank(r.cells[j]) && parseNumber(r.cells[j]) === null);
    if (texts.length >= body.length * 0.6) return j;
  }
  return 0;
}

/**
 * A matrix: row labels × column labels → one fact per non-empty cell. Rows are origins or
 * destinations of an origin × destination matrix, or firearm types of a type × place matrix
 * (columns: where recovered). TOTAL rows and columns are checks; a label that does not resolve
 * keeps its cells (placed at the country the other labels are in, or unknown, and listed).
 */
function applyMatrix(
  sheets: readonly Sheet[],
  layouts: Layout[],
  recipe: Recipe,
  resolver: PlaceResolver,
  skips: Skips,
  notices: string[],
): Transformed {
  const facts: Fact[] = [];
  const totals: TotalCheck[] = [];
  const byType = recipe.matrix?.rows === 'firearmType';
  const labelCols = layouts.map(matrixLabelColumn);
  // Place labels (both axes, or the columns of a type matrix) are resolved together.
  const labels = new Names();
  const typeLabels = new Names();
  layouts.forEach((l, i) => {
    const lc = labelCols[i]!;
    for (const row of l.body) (byType ? typeLabels : labels).add(cellText(row.cells[lc]));
    for (const h of l.headers.slice(lc + 1)) labels.add(h);
  });
  for (const n of [labels, typeLabels])
    for (const k of [...n.counts.keys()]) if (isTotalLabel(k)) n.counts.delete(k);
  const names = new Map<Role, Names>([['origin', labels]]);
  if (byType) names.set('firearmType', typeLabels);
  const lexicon = resolveNames(names, recipe, resolver);
  const fixed = recipe.country ? resolver.fromCode(recipe.country) : null;
  const within = resolver.resolveColumn(labels.counts.keys(), fixed?.iso3).within;
  const fallback = fixed?.iso3 ?? within;
  lexicon.places.set('destination', lexicon.places.get('origin')!);
  const placeOf = (text: string) => lexicon.places.get('origin')!.get(text) ?? null;
  const codeOf = (text: string) => {
    const p = placeOf(text);
    return p ? (p.level === 'admin1' ? p.code : p.iso3) : null;
  };

  // Which sheets run the other way: their row totals match the others' column totals.
  const margins = layouts.map((l, i) => {
    const lc = labelCols[i]!;
    const rows = new Map<string, number>();
    const cols = new Map<string, number>();
    if (byType) return { rows, cols };
    for (const row of l.body) {
      const rc = codeOf(cellText(row.cells[lc]));
      if (!rc) continue;
      l.headers.forEach((h, j) => {
        const cc = j > lc ? codeOf(h) : null;
        const v = parseNumber(row.cells[j]);
        if (!cc || v === null) return;
        rows.set(rc, (rows.get(rc) ?? 0) + v);
        cols.set(cc, (cols.get(cc) ?? 0) + v);
      });
    }
    return { rows, cols };
  });
  // What the corner cell says the rows are ("Recovery State", "Source"), when it says.
  const cornerSays = (l: Layout, i: number): 'origin' | 'destination' | null => {
    const k = nameKey(l.headers[labelCols[i]!] ?? '');
    if (/recover|destination|destino|recuper/.test(k)) return 'destination';
    if (/source|origin|origen|procedencia/.test(k)) return 'origin';
    return null;
  };
  const flipped = layouts.map((l, i) => {
    const id = sheetKey(sheets[i]!);
    if (recipe.matrix?.transposed.includes(id)) return true;
    const corner = byType ? null : cornerSays(l, i);
    if (corner) return corner !== (recipe.matrix?.rows ?? 'origin');
    const others = margins.filter((_, j) => j !== i);
    if (byType || !others.length) return false;
    const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
    const asIs = mean(others.map((o) => correlation(margins[i]!.rows, o.rows)));
    const swapped = mean(others.map((o) => correlation(margins[i]!.rows, o.cols)));
    return swapped > asIs + 0.1;
  });
  flipped.forEach((f, i) => {
    if (f)
      notices.push(
        `${sheetKey(sheets[i]!)} runs the other way (${cornerSays(layouts[i]!, i) ? `its corner cell says “${layouts[i]!.headers[labelCols[i]!]}”` : 'its rows match the other files’ columns'}): it is read transposed.`,
      );
  });
  const rowRole: 'origin' | 'destination' =
    recipe.matrix?.rows === 'destination' ? 'destination' : 'origin';
  const colRole: 'origin' | 'destination' = byType
    ? 'destination'
    : rowRole === 'origin'
      ? 'destination'
      : 'origin';
  const undated = new Kept();
  const unplaced = new Kept();
  let unknownCountry = 0;
  let rowsRead = 0;
  layouts.forEach((l, i) => {
    const sheet = sheets[i]!;
    const lc = labelCols[i]!;
    const r = flipped[i] ? colRole : rowRole;
    const year =
      recipe.year.from === 'fixed'
        ? recipe.year.value
        : (yearIn(
            recipe.year.from === 'title'
              ? `${sheet.sheet ?? ''} ${l.titles.join(' ')}`
              : sheet.file,
          ) ??
          yearIn(`${sheet.sheet ?? ''} ${l.titles.join(' ')}`) ??
          yearIn(sheet.file));
    const colSums = new Array<number>(l.headers.length).fill(0);
    const totalCols = l.headers.map((h, j) => j > lc && isTotalLabel(h));
    let grand = 0;
    for (const row of l.body) {
      rowsRead++;
      const ref: RowRef = { file: sheet.file, sheet: sheet.sheet, line: row.index + 1 };
      const label = cellText(row.cells[lc]);
      if (isTotalLabel(label)) {
        l.headers.forEach((h, j) => {
          if (j <= lc) return;
          const expected = parseNumber(row.cells[j]);
          if (expected === null) return;
          totals.push({
            label: totalCols[j] ? 'Grand total' : `${h} (TOTAL row)`,
            where: ref,
            expected,
            actual: totalCols[j] ? grand : colSums[j]!,
          });
        });
        skips.add('total', ref);
        continue;
      }
      const type = byType ? lexicon.types.get(label) : null;
      if (type === 'excluded') {
        skips.add('excluded', ref);
        continue;
      }
      const rowPlace = byType ? null : placeOf(label);
      if (!year) undated.add(ref);
      let rowSum = 0;
      let rowUnplaced = false;
      l.headers.forEach((h, j) => {
        if (j <= lc) return;
        const v = parseNumber(row.cells[j]);
        if (totalCols[j]) {
          if (v !== null)
            totals.push({
              label: `${label} (TOTAL column)`,
              where: ref,
              expected: v,
              actual: rowSum,
            });
          return;
        }
        if (v === null) {
          if (!isBlank(row.cells[j]) && !/^[-–—.…x*]+$/.test(cellText(row.cells[j])))
            skips.add('notNumber', ref);
          return;
        }
        const colPlace = placeOf(h);
        rowSum += v;
        colSums[j]! += v;
        grand += v;
        if (v === 0) return;
        const [o, d, oText, dText] =
          byType || r === 'destination'
            ? [
                byType ? null : colPlace,
                byType ? colPlace : rowPlace,
                byType ? '' : h,
                byType ? h : label,
              ]
            : [rowPlace, colPlace, label, h];
        const lost = (!o && !!oText) || !d;
        if (lost) rowUnplaced = true;
        const country = d?.iso3 ?? fallback;
        if (!country) unknownCountry++;
        const point = d
          ? resolver.pointOf(d)
          : country
            ? resolver.pointOf({ level: 'country', iso3: country })
            : null;
        const code = (p: ResolvedPlace | null, text: string) =>
          p ? (p.level === 'admin1' ? p.code : p.iso3) : `?${text}`;
        facts.push({
          group: `${byType ? '' : `${code(o, oText)}>`}${code(d, dText)}|${year ?? '?'}`,
          date: year ? `${year}-01-01` : '',
          precision: year ? 'year' : 'unknown',
          country,
          admin1: d?.level === 'admin1' ? d.code : null,
          district: null,
          lat: point?.lat ?? null,
          lon: point?.lon ?? null,
          origin: byType ? null : (o?.iso3 ?? null),
          originAdmin1: o?.level === 'admin1' ? o.code : null,
          destination: byType ? null : country,
          destinationAdmin1: !byType && d?.level === 'admin1' ? d.code : null,
          transit: [],
          placeOriginal: (!d ? dText : !o && oText ? oText : null) || null,
          basis: 'seized',
          basisOriginal: null,
          trace: null,
          measure: recipe.counts,
          value: v,
          type: type ? type.type : null,
          category: type ? type.category : 'firearm',
          typeOriginal: byType ? label : null,
          calibre: null,
          calibreOriginal: null,
          make: null,
          model: null,
          file: sheet.file,
          sheet: sheet.sheet,
          line: row.index + 1,
          source: null,
          inTotal: true,
        });
      });
      if (rowUnplaced) unplaced.add(ref);
    }
  });
  const checks = checksOf(facts, rowsRead, skips, totals, [], names, lexicon, resolver, notices);
  checks.undated = { count: undated.count, examples: undated.examples };
  checks.unplaced = { count: unplaced.count, examples: unplaced.examples, unknownCountry };
  return { facts, checks, headers: new Map(), layouts };
}

/** Pearson correlation of two keyed series over their common keys (0 when under 3 shared). */
function correlation(a: Map<string, number>, b: Map<string, number>): number {
  const keys = [...a.keys()].filter((k) => b.has(k));
  if (keys.length < 3) return 0;
  const xs = keys.map((k) => a.get(k)!);
  const ys = keys.map((k) => b.get(k)!);
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
  const my = ys.reduce((s, y) => s + y, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxx && syy ? sxy / Math.sqrt(sxx * syy) : 0;
}

/** Series whose last periods are all exactly zero after non-zero ones. */
function trailingZeros(facts: Fact[]): { series: Checks['trailingZeros']; dropped: Set<Fact> } {
  const bySeries = new Map<string, Map<string, { value: number; facts: Fact[] }>>();
  for (const f of facts) {
    if (f.precision !== 'month' && f.precision !== 'quarter') continue;
    const s = `${f.country}${f.admin1 ? ` ${f.admin1}` : ''}${f.district ? ` · ${f.district}` : ''}${f.type ? ` · ${f.type}` : ''}`;
    let periods = bySeries.get(s);
    if (!periods) bySeries.set(s, (periods = new Map()));
    const p = periods.get(f.date) ?? { value: 0, facts: [] };
    p.value += f.value;
    p.facts.push(f);
    periods.set(f.date, p);
  }
  const series: Checks['trailingZeros'] = [];
  const dropped = new Set<Fact>();
  for (const [s, periods] of bySeries) {
    const sorted = [...periods].sort((a, b) => a[0].localeCompare(b[0]));
    let k = sorted.length;
    while (k > 0 && sorted[k - 1]![1].value === 0) k--;
    const zeros = sorted.length - k;
    if (zeros >= 2 && k > 0) {
      series.push({ series: s, periods: sorted.slice(k).map(([d]) => d.slice(0, 7)) });
      for (const [, p] of sorted.slice(k)) for (const f of p.facts) dropped.add(f);
    }
  }
  return { series, dropped };
}

function coverageOf(all: Fact[]): Checks['coverage'] {
  const facts = all.filter((f) => f.date !== '');
  if (!facts.length) return { precision: null, from: null, to: null, periods: 0, gaps: [] };
  const counts = new Map<DatePrecision, number>();
  for (const f of facts) {
    if (f.precision !== 'unknown') counts.set(f.precision, (counts.get(f.precision) ?? 0) + 1);
  }
  const precision = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  const periods = new Set<string>();
  for (const f of facts) {
    periods.add(
      precision === 'year'
        ? f.date.slice(0, 4)
        : precision === 'day'
          ? f.date.slice(0, 7)
          : f.date.slice(0, 7),
    );
  }
  const sorted = [...periods].sort();
  const from = sorted[0]!;
  const to = sorted[sorted.length - 1]!;
  const gaps: string[] = [];
  if (precision === 'year') {
    for (let y = +from; y <= +to; y++) if (!periods.has(String(y))) gaps.push(String(y));
  } else {
    let [y, m] = from.split('-').map(Number) as [number, number];
    const step = precision === 'quarter' ? 3 : 1;
    while (`${y}-${String(m).padStart(2, '0')}` <= to && gaps.length < 500) {
      const p = `${y}-${String(m).padStart(2, '0')}`;
      if (!periods.has(p)) gaps.push(p);
      m += step;
      if (m > 12) {
        m -= 12;
        y++;
      }
    }
  }
  return { precision, from, to, periods: sorted.length, gaps };
}

function checksOf(
  facts: Fact[],
  rowsRead: number,
  skips: Skips,
  totals: TotalCheck[],
  trailing: Checks['trailingZeros'],
  names: Map<Role, Names>,
  lexicon: Lexicon,
  resolver: PlaceResolver,
  notices: string[],
): Checks {
  const places: Unresolved[] = [];
  const listed = new Set<string>();
  for (const [role, resolved] of lexicon.places) {
    const counts = names.get(role)?.counts ?? new Map<string, number>();
    for (const [text, place] of resolved) {
      if (place || !text || isTotalLabel(text) || listed.has(text)) continue;
      // Districts below the subdivision stay as an attribute, placed at their subdivision.
      if (
        role === 'district' &&
        (lexicon.places.has('admin1') || lexicon.fallbackAdmin1 || lexicon.fallbackCountry)
      )
        continue;
      listed.add(text);
      // Suggestions in the country the column is in (named or inferred) come first.
      const within =
        role === 'admin1' || role === 'district'
          ? ([...resolved.values()].find((p) => p?.level === 'admin1')?.iso3 ??
            lexicon.fallbackCountry)
          : null;
      places.push({
        text,
        rows: counts.get(text) ?? 0,
        role,
        suggestions: resolver.suggest(text, within ?? null),
      });
    }
  }
  const types: Unresolved[] = [];
  for (const role of ['firearmType', 'category'] as const) {
    for (const [text, rows] of names.get(role)?.counts ?? []) {
      if (lexicon.types.get(text) === null && !isTotalLabel(text))
        types.push({ text, rows, role, suggestions: [] });
    }
  }
  const calibres: Unresolved[] = [];
  for (const [text, rows] of names.get('calibre')?.counts ?? []) {
    if (lexicon.calibres.get(text) === null)
      calibres.push({ text, rows, role: 'calibre', suggestions: [] });
  }
  const byRows = (a: Unresolved, b: Unresolved) => b.rows - a.rows || a.text.localeCompare(b.text);
  let seizures = 0;
  let firearms = 0;
  let items = 0;
  const byCategory: Checks['sums']['byCategory'] = {};
  // Rows per occurrence type: a row's facts are consecutive, so a row counts when it changes.
  const bases = new Map<string, { basis: Basis; rows: number; last: Fact | null }>();
  for (const f of facts) {
    if (f.basisOriginal) {
      let b = bases.get(f.basisOriginal);
      if (!b) bases.set(f.basisOriginal, (b = { basis: f.basis, rows: 0, last: null }));
      const l = b.last;
      if (!l || l.line !== f.line || l.file !== f.file || l.sheet !== f.sheet) b.rows++;
      b.last = f;
    }
    if (f.measure === 'seizures') seizures += f.value;
    else if (f.inTotal) {
      items += f.value;
      if (isFirearmCategory(f.category)) firearms += f.value;
      else byCategory[f.category] = (byCategory[f.category] ?? 0) + f.value;
    }
  }
  return {
    rowsRead,
    skipped: skips.list(),
    totals,
    coverage: coverageOf(facts),
    trailingZeros: trailing,
    places: places.sort(byRows),
    types: types.sort(byRows),
    calibres: calibres.sort(byRows),
    sums: { seizures, firearms, items, byCategory, facts: facts.length },
    undated: { count: 0, examples: [] },
    unplaced: { count: 0, examples: [], unknownCountry: 0 },
    dateOrder: null,
    bases: [...bases]
      .map(([text, b]) => ({ text, basis: b.basis, rows: b.rows }))
      .sort((a, b) => b.rows - a.rows || a.text.localeCompare(b.text)),
    notices,
  };
}
