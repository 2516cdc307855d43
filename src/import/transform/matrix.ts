/**
 * Matrices: each cell a fact for a pair of places (origin × destination, type × state), TOTAL rows
 * and columns checked against the cells.
 */
import { type Layout } from '../layout';
import type { PlaceResolver, ResolvedPlace } from '../places';
import type { Role } from '../../model/importRoles';
import type { Recipe } from '../recipe';
import { cellText, isBlank, isTotalLabel, nameKey, parseNumber, yearIn } from '../text';
import type { Sheet } from '../types';
import { checksOf, correlation } from './checks';
import { resolveNames } from './names';
import type { Skips } from './shared';
import { Kept, Names, sheetKey } from './shared';
import type { Fact, RowRef, TotalCheck, Transformed } from './types';

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
export function applyMatrix(
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
