/** Pure helpers of the Overview feature. */
import type { TFunction } from 'i18next';
import { formatDate, formatNumber } from '../../i18n';
import type { MonthlyRow } from '../../sql/overview';

/** A one-sentence text summary of the monthly series (for screen readers and the caption). */
export function summariseMonthly(rows: readonly MonthlyRow[], lang: string, t: TFunction): string {
  if (rows.length === 0) return '';
  let seizures = 0;
  let firearms = 0;
  let peak = rows[0]!;
  for (const r of rows) {
    seizures += r.seizures;
    firearms += r.firearms;
    if (r.firearms > peak.firearms) peak = r;
  }
  const month = (m: string) => formatDate(`${m}-01`, lang, { year: 'numeric', month: 'long' });
  return t('overview.monthlySummary', {
    from: month(rows[0]!.month),
    to: month(rows[rows.length - 1]!.month),
    seizures: formatNumber(seizures, lang),
    firearms: formatNumber(firearms, lang),
    peak: month(peak.month),
    peakFirearms: formatNumber(peak.firearms, lang),
  });
}

const lastDayOfMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/**
 * The date range of brush indices over monthly rows, or null when the brush spans every row
 * (no selection).
 */
export function brushRange(
  rows: readonly MonthlyRow[],
  start: number | undefined,
  end: number | undefined,
): { from: string; to: string } | null {
  if (rows.length === 0 || start === undefined || end === undefined) return null;
  const a = Math.max(0, Math.min(start, end));
  const b = Math.min(rows.length - 1, Math.max(start, end));
  if (a === 0 && b === rows.length - 1) return null;
  return { from: `${rows[a]!.month}-01`, to: lastDayOfMonth(rows[b]!.month) };
}

/** Brush indices showing an interval over monthly rows (the whole axis when none). */
export function brushIndices(
  rows: readonly MonthlyRow[],
  interval: { from: string; to: string } | null,
): { startIndex: number; endIndex: number } {
  const last = Math.max(0, rows.length - 1);
  if (!interval) return { startIndex: 0, endIndex: last };
  const from = interval.from.slice(0, 7);
  const to = interval.to.slice(0, 7);
  let startIndex = rows.findIndex((r) => r.month >= from);
  let endIndex = rows.length - 1 - [...rows].reverse().findIndex((r) => r.month <= to);
  if (startIndex < 0) startIndex = 0;
  if (endIndex > last || endIndex < startIndex) endIndex = last;
  return { startIndex, endIndex };
}
