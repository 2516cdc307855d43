/**
 * The checks shown before the user commits: totals the file states against the imported sums,
 * trailing zeros, coverage, unresolved names and what was skipped or kept.
 */
import type { Basis } from '../../domain/vocabulary';
import type { PlaceResolver } from '../places';
import type { Role } from '../../model/importRoles';
import { isTotalLabel, type DatePrecision } from '../text';
import { isFirearmCategory } from '../vocabulary';
import type { Lexicon, Names, Skips } from './shared';
import type { Checks, Fact, TotalCheck, Unresolved } from './types';

/** Pearson correlation of two keyed series over their common keys (0 when under 3 shared). */
export function correlation(a: Map<string, number>, b: Map<string, number>): number {
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
export function trailingZeros(facts: Fact[]): {
  series: Checks['trailingZeros'];
  dropped: Set<Fact>;
} {
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

export function coverageOf(all: Fact[]): Checks['coverage'] {
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

export function checksOf(
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
