/**
 * The Overview's key figures: seizures, firearms, rounds and arrests in the current period with
 * the change against the previous period of equal length, and a monthly sparkline for each.
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { isSmallCount, safeText, useSafeK } from '../../disclosure/safeCounts';
import { Line, LineChart, ResponsiveContainer } from 'recharts';
import { hasMeasure } from '../../model/catalogue';
import { keyFigureMeasures } from '../../model/measures';
import { useAtlas } from '../../context/AtlasContext';
import { Panel } from '../../components/Panel';
import { useQuery } from '../../db/useQuery';
import { formatDate, formatPercent } from '../../i18n';
import {
  comparisonPeriods,
  periodCompareQuery,
  sparklineQuery,
  type PeriodTotalsRow,
  type SparkRow,
} from '../../sql/overview';
import { useViewState } from '../../state/store';
import { THEME_TOKENS } from '../../theme/tokens';

/** The key figures panel. */
export function KeyFigures() {
  const { coordinator, store, manifest, model, catalogue } = useAtlas();
  const state = useViewState(store);
  const { lang } = state;
  const { t } = useTranslation();
  const tokens = THEME_TOKENS[state.theme];
  const periods = comparisonPeriods(state.time, manifest.dateRange);
  const totals = useQuery<PeriodTotalsRow>(
    coordinator,
    periodCompareQuery(model, state, periods.current, periods.previous),
    'overview.compare',
  );
  const spark = useQuery<SparkRow>(
    coordinator,
    sparklineQuery(model, state, periods.current),
    'overview.spark',
  );
  const cur = totals.rows?.find((r) => r.period === 'current');
  const prev = totals.rows?.find((r) => r.period === 'previous');
  const fmt = (d: string) => formatDate(d, lang);
  const safeK = useSafeK();
  return (
    <Panel
      id="key-figures"
      className="panel--wide"
      title={t('overview.keyTitle')}
      units={t('overview.keyUnits', {
        from: fmt(periods.current.from),
        to: fmt(periods.current.to),
        pfrom: fmt(periods.previous.from),
        pto: fmt(periods.previous.to),
      })}
      loading={totals.loading || spark.loading}
      error={totals.error ?? spark.error}
    >
      <dl className="key-figures">
        {keyFigureMeasures()
          .filter((k) => hasMeasure(catalogue, k))
          .map((k) => {
            const v = cur?.[k] ?? 0;
            const p = prev?.[k] ?? 0;
            // Briefing-safe counts: a small figure is "< k", and its change (which would give it
            // away from the other period) is not written.
            const small = (x: number) => isSmallCount(x, safeK);
            const change = p > 0 && !small(v) && !small(p) ? (v - p) / p : null;
            return (
              <div key={k} className="key-figure" data-key-figure={k}>
                <dt>{t(`trends.measure.${k}`)}</dt>
                <dd className="key-figure__value">
                  {safeText(v, small(v) ? 'primary' : 'shown', safeK, lang)}
                </dd>
                <dd
                  className={`key-figure__change ${change === null ? '' : change >= 0 ? 'is-up' : 'is-down'}`}
                >
                  {change === null
                    ? small(v) || small(p)
                      ? t('safe.changeHidden')
                      : t('overview.noPrevious')
                    : t('overview.change', {
                        change: `${change >= 0 ? '+' : ''}${formatPercent(change, lang, 1)}`,
                      })}
                </dd>
                <dd className="key-figure__spark" aria-hidden="true">
                  <Sparkline
                    rows={spark.rows ?? NO_ROWS}
                    dataKey={k}
                    stroke={tokens.series[0]!}
                    height={tokens.fontSize * 2.6}
                  />
                </dd>
              </div>
            );
          })}
      </dl>
    </Panel>
  );
}

const NO_ROWS: readonly object[] = [];

/**
 * A key figure's sparkline, memoised: it redraws only when its rows or look change, not each
 * time the figures' panel turns busy (a recharts line measures its path on every render).
 */
const Sparkline = memo(function Sparkline({
  rows,
  dataKey,
  stroke,
  height,
}: {
  rows: readonly object[];
  dataKey: string;
  stroke: string;
  height: number;
}) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      {/* Decorative (the figure and its change are the text): nothing in it takes focus. */}
      <LineChart data={rows as object[]} accessibilityLayer={false} tabIndex={-1}>
        <Line
          type="monotone"
          dataKey={dataKey}
          stroke={stroke}
          strokeWidth={1.5}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
});
