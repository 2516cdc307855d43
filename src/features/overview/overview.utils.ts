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
