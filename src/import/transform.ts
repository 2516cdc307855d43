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
import { readLayout, type BodyRow, type Layout } from './layout';
import type { PlaceResolver } from './places';
import type { Role } from '../model/importRoles';
import type { Recipe } from './recipe';
import {
  cellText,
  isBlank,
  isTotalLabel,
  monthOf,
  excelSerialDate,
  parseDate,
  parseNumber,
  yearIn,
} from './text';
import type { Cell, Sheet } from './types';
import { isFirearmCategory, resolveOutcome, resolveFirearmType } from './vocabulary';
import { checksOf, trailingZeros } from './transform/checks';
import { applyMatrix } from './transform/matrix';
import { classifyDimensions, resolveNames } from './transform/names';
import { chooseDateOrder, copyFact, rowContext } from './transform/rows';
import type { PlaceRole } from './transform/shared';
import { Kept, Names, PLACE_ROLES, Skips, sheetKey } from './transform/shared';
import type { Fact, RowRef, TotalCheck, TraceRequest, Transformed } from './transform/types';
export type {
  Checks,
  Fact,
  FactPrecision,
  RowRef,
  TotalCheck,
  TraceRequest,
  Transformed,
  Unresolved,
} from './transform/types';
export { matrixLabelColumn } from './transform/matrix';

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
