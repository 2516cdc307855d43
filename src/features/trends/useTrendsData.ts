/**
 * What the Trends view draws, from the view state: the measures the dataset offers and the one in
 * force, the series (totals and, when split, the split), operation bands, and the series with
 * briefing-safe counts applied (hidden cells, and what derives from them, left out).
 */
import { useMemo } from 'react';
import { useAtlas } from '../../context/AtlasContext';
import { useQuery } from '../../db/useQuery';
import { type CellStatus, isHidden, protectSeries, useSafeK } from '../../disclosure/safeCounts';
import { hasMeasure } from '../../model/catalogue';
import { trendMeasures } from '../../model/measures';
import {
  operationBandsQuery,
  trendSplitQuery,
  trendTotalsQuery,
  type OperationBand,
  type Split,
  type SplitPoint,
  type TrendPoint,
} from '../../sql/trends';
import { useViewState } from '../../state/store';
import { pivotSplit } from './trends.utils';

/** The client the series' queries and the time cross-filter belong to. */
export const CLIENT = 'trends.series';

/** Periods in a year, by granularity (the lag of year-on-year changes). */
const YEAR_LAG = { week: 52, month: 12, quarter: 4, year: 1 } as const;

/** The Trends view's data: queries under the current state, and the protected series. */
export function useTrendsData(byType: boolean, measure: string, split: Split) {
  const { coordinator, store, model, catalogue } = useAtlas();
  const state = useViewState(store);
  const { lang, granularity } = state;
  // Only the measures the dataset holds; a link asking for another falls back to the first.
  const measures = trendMeasures().filter((m) => hasMeasure(catalogue, m));
  const chosen = measures.find((m) => m === measure) ?? measures[0] ?? 'firearms';
  const effectiveMeasure = byType ? 'firearms' : chosen;

  const totals = useQuery<TrendPoint>(
    coordinator,
    trendTotalsQuery(model, state, CLIENT, granularity, effectiveMeasure),
    'trends.totals',
  );
  const splitRows = useQuery<SplitPoint>(
    coordinator,
    split === 'none'
      ? null
      : trendSplitQuery(model, state, CLIENT, granularity, effectiveMeasure, split, 6, lang),
    'trends.split',
  );
  const ops = useQuery<OperationBand>(coordinator, operationBandsQuery(), 'trends.operations');

  const rows = totals.rows ?? [];
  const periods = rows.map((r) => r.period);
  const pivot = split !== 'none' && splitRows.rows ? pivotSplit(rows, splitRows.rows) : null;
  // Briefing-safe counts: hidden cells are 0 in the stack (a gap in a single line), their
  // tooltip says "< k" or "•", and what is derived from them (moving average, year on year,
  // surge marks) is not drawn.
  const safeK = useSafeK();
  const safe = useMemo(() => {
    if (safeK === null) return null;
    const keys = pivot ? pivot.keys : ['value'];
    const source = pivot ? pivot.data : (rows as unknown as Record<string, number | string>[]);
    const status = protectSeries(
      source.map((r) => keys.map((k) => Number(r[k] ?? 0))),
      safeK,
    );
    const data = source.map((r, i) => {
      const row: Record<string, unknown> = { ...r, safe: {} };
      keys.forEach((k, j) => {
        (row.safe as Record<string, CellStatus>)[k] = status[i]![j]!;
        if (isHidden(status[i]![j])) row[k] = pivot ? 0 : null;
      });
      if (!pivot) {
        // What is derived from a hidden period goes too: the moving average over it, and the
        // year-on-year change against it (either end).
        const hiddenAt = (n: number) => n >= 0 && isHidden(status[n]?.[0]);
        if (hiddenAt(i) || hiddenAt(i - 1) || hiddenAt(i - 2)) row.movingAverage = null;
        if (hiddenAt(i) || hiddenAt(i - YEAR_LAG[granularity])) row.yoy = null;
      }
      return row;
    });
    return { data, hidden: (i: number) => isHidden(status[i]?.[0]) };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [safeK, pivot?.data, rows, granularity]);
  return { measures, effectiveMeasure, totals, splitRows, ops, rows, periods, pivot, safe, safeK };
}
