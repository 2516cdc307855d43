/** Pure helpers of the Trends view: period labels and ranges, pivoting split series. */
import i18next from 'i18next';
import { formatDate, formatNumber } from '../../i18n';
import type { SplitPoint, TrendPoint } from '../../sql/trends';
import type { Granularity } from '../../model/viewState';

/** A period's label, e.g. "Mar 2023", "Q1 2023", "2023" or "6 Mar 2023" (weeks). */
export function periodLabel(start: string, g: Granularity, lang: string, long = false): string {
  const [y, m] = start.split('-').map(Number) as [number, number];
  switch (g) {
    case 'year':
      return formatNumber(y, lang, { useGrouping: false });
    case 'quarter':
      // "Q1 2023", "T1 2023": the quarter's name is the language's, the numbers Intl's.
      return i18next.t(long ? 'period.quarterLong' : 'period.quarter', {
        lng: lang,
        q: formatNumber(Math.floor((m - 1) / 3) + 1, lang),
        year: formatNumber(y, lang, { useGrouping: false }),
      });
    case 'month':
      return formatDate(start, lang, { year: 'numeric', month: long ? 'long' : 'short' });
    case 'week':
      return formatDate(start, lang, { year: 'numeric', month: 'short', day: 'numeric' });
  }
}

/** Last day of the period starting on `start`. */
export function periodLastDay(start: string, g: Granularity): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const next =
    g === 'week'
      ? Date.UTC(y, m - 1, d + 7)
      : g === 'month'
        ? Date.UTC(y, m, 1)
        : g === 'quarter'
          ? Date.UTC(y, m + 2, 1)
          : Date.UTC(y + 1, 0, 1);
  return new Date(next - 86_400_000).toISOString().slice(0, 10);
}

/** The date range covered by two periods (in either order). */
export function periodsToRange(a: string, b: string, g: Granularity): { from: string; to: string } {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  return { from: lo, to: periodLastDay(hi, g) };
}

/** The period (of the series) containing a date, or the nearest one. */
export function periodOf(date: string, periods: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const p of periods) if (p <= date) found = p;
  return found ?? periods[0];
}

/** Split rows pivoted to one object per period (`{ period, [key]: value }`), zero-filled, and keys by size. */
export function pivotSplit(
  totals: readonly TrendPoint[],
  rows: readonly SplitPoint[],
): { data: Record<string, number | string>[]; keys: string[]; labels: Map<string, string | null> } {
  const sums = new Map<string, number>();
  const labels = new Map<string, string | null>();
  const byPeriod = new Map<string, Map<string, number>>();
  for (const r of rows) {
    sums.set(r.key, (sums.get(r.key) ?? 0) + r.value);
    labels.set(r.key, r.label);
    let m = byPeriod.get(r.period);
    if (!m) byPeriod.set(r.period, (m = new Map()));
    m.set(r.key, r.value);
  }
  const keys = [...sums.keys()].sort((a, b) =>
    a === 'other' ? 1 : b === 'other' ? -1 : sums.get(b)! - sums.get(a)! || (a < b ? -1 : 1),
  );
  const data = totals.map((t) => {
    const row: Record<string, number | string> = { period: t.period };
    const m = byPeriod.get(t.period);
    for (const k of keys) row[k] = m?.get(k) ?? 0;
    return row;
  });
  return { data, keys, labels };
}
