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
  const firearmCount = (n: number) =>
    t('overview.firearmCount', { count: n, formatted: formatNumber(n, lang) });
  return t('overview.monthlySummary', {
    count: seizures,
    from: month(rows[0]!.month),
    to: month(rows[rows.length - 1]!.month),
    seizures: formatNumber(seizures, lang),
    firearms: firearmCount(firearms),
    peak: month(peak.month),
    peakFirearms: firearmCount(peak.firearms),
  });
}

const lastDayOfMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/** The date range covering two months (`YYYY-MM`, in either order), first to last day. */
export function monthsToRange(a: string, b: string): { from: string; to: string } {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  return { from: `${lo}-01`, to: lastDayOfMonth(hi) };
}
