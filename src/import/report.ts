/**
 * The checks as sentences, for the CLI (the browser shows the same figures in its own panels).
 */
import { describePlace } from './types';
import type { Checks } from './transform';

const n = (x: number) => x.toLocaleString('en');

/** Why a row was skipped, in words. */
export const SKIP_REASONS: Readonly<Record<string, string>> = {
  blank: 'blank',
  title: 'title or metadata',
  footnote: 'footnote',
  repeatedHeader: 'repeated header',
  total: 'total (used as a check)',
  notNumber: 'value is not a number',
  noValue: 'no value',
  excluded: 'not chosen (indicator, section or type left out)',
  notCount: 'a rate or share, not a count',
  breakdown: 'breakdown of a total counted elsewhere (checked against it, not added)',
  trailingZero: 'trailing zero period left out',
};

const CATEGORY_LABELS: Readonly<Record<string, string>> = {
  blank_firing: 'blank-firing',
  replica: 'replicas',
  less_lethal: 'less-lethal',
  part: 'parts and accessories',
  ammunition: 'ammunition',
  explosive: 'explosives',
};

/** Lines describing the checks of an import. */
export function describeChecks(c: Checks): string[] {
  const lines = [`Rows read: ${n(c.rowsRead)}`];
  for (const s of c.skipped) {
    const at = s.examples
      .slice(0, 3)
      .map((e) => describePlace(e))
      .join('; ');
    lines.push(
      `  skipped, ${SKIP_REASONS[s.reason] ?? s.reason}: ${n(s.count)}${at ? ` (e.g. ${at})` : ''}`,
    );
  }
  lines.push(
    `Imported: ${n(c.sums.seizures)} seizures, ${n(c.sums.firearms)} firearms (${n(c.sums.facts)} values)`,
  );
  const others = Object.entries(c.sums.byCategory).filter(([, v]) => v);
  if (others.length) {
    lines.push(
      `  and ${n(c.sums.items - c.sums.firearms)} other items, not added to firearms (${others.map(([k, v]) => `${CATEGORY_LABELS[k] ?? k} ${n(v)}`).join(', ')}): ${n(c.sums.items)} items in all`,
    );
  }
  const at = (refs: readonly { file: string; sheet?: string | null; line?: number }[]) =>
    refs.length
      ? ` (e.g. ${refs
          .slice(0, 3)
          .map((e) => describePlace(e))
          .join('; ')})`
      : '';
  if (c.undated.count)
    lines.push(
      `Kept undated (date precision unknown, drawn on no timeline): ${n(c.undated.count)} rows${at(c.undated.examples)}`,
    );
  if (c.unplaced.count)
    lines.push(
      `Kept above the place they name (country level${c.unplaced.unknownCountry ? ', or no country' : ''}; the text kept in place_original): ${n(c.unplaced.count)} rows${at(c.unplaced.examples)}`,
    );
  if (c.dateOrder)
    lines.push(
      `Dates read ${c.dateOrder.order === 'dmy' ? 'day first (d/m/y)' : 'month first (m/d/y)'}, decided by ${c.dateOrder.decided === 'values' ? 'the values (a part over 12)' : c.dateOrder.decided === 'recipe' ? 'the recipe' : "the file's language (every value is ambiguous)"}`,
    );
  for (const b of c.bases.slice(0, 20))
    lines.push(`Occurrence "${b.text}" read as basis ${b.basis} (${n(b.rows)} rows)`);
  const wrong = c.totals.filter((t) => t.expected !== t.actual);
  lines.push(`File totals checked: ${c.totals.length}, equal: ${c.totals.length - wrong.length}`);
  for (const t of wrong.slice(0, 20)) {
    lines.push(
      `  ${t.label} at ${describePlace(t.where)}: file says ${n(t.expected)}, imported ${n(t.actual)} (difference ${n(t.actual - t.expected)})`,
    );
  }
  if (c.coverage.from) {
    lines.push(
      `Coverage: ${c.coverage.from} to ${c.coverage.to}, ${c.coverage.periods} periods (${c.coverage.precision})${c.coverage.gaps.length ? `, gaps: ${c.coverage.gaps.slice(0, 12).join(', ')}${c.coverage.gaps.length > 12 ? '…' : ''}` : ', no gaps'}`,
    );
  }
  for (const z of c.trailingZeros.slice(0, 10)) {
    lines.push(`Trailing zeros (probably not yet reported): ${z.series}: ${z.periods.join(', ')}`);
  }
  for (const p of c.places.slice(0, 20)) {
    const s = p.suggestions.map((x) => `${x.code} ${x.label}`).join(' | ');
    lines.push(
      `Place not recognised: "${p.text}" (${n(p.rows)} rows)${s ? `; did you mean ${s}?` : ''}`,
    );
  }
  for (const t of c.types.slice(0, 20))
    lines.push(`Firearm type not recognised: "${t.text}" (${n(t.rows)} rows)`);
  for (const t of c.calibres.slice(0, 20))
    lines.push(`Calibre kept as written: "${t.text}" (${n(t.rows)} rows)`);
  for (const x of c.notices) lines.push(`Note: ${x}`);
  return lines;
}
