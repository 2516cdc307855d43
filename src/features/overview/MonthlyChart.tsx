/**
 * Monthly seizures and firearms as two lines (recharts), coloured from the theme tokens. Dragging
 * across the chart selects a period, drawn as a band over the full axis: the drag's first update
 * pushes a history entry, later ones while dragging replace it. A click selects one month.
 */
import { memo, useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  isHidden,
  protectList,
  safeText,
  useSafeK,
  type CellStatus,
} from '../../disclosure/safeCounts';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  LabelList,
  XAxis,
  YAxis,
} from 'recharts';
import { useAtlas } from '../../context/AtlasContext';
import { markedPoints, useChartTheme } from '../../components/chartTheme';
import { useDragSelect } from '../../components/useDragSelect';
import { formatDate, formatNumber } from '../../i18n';
import type { MonthlyRow } from '../../sql/overview';
import type { HistoryMode } from '../../state/store';
import { useViewSelect } from '../../state/store';
import { THEME_TOKENS } from '../../theme/tokens';
import type { ThemeName } from '../../model/viewState';
import { monthsToRange } from './overview.utils';

/** Props of the monthly chart. */
export interface MonthlyChartProps {
  rows: readonly MonthlyRow[];
  lang: string;
  /** The period selected by this chart, if any. */
  interval: { from: string; to: string } | null;
  onBrush: (range: { from: string; to: string } | null, mode: HistoryMode) => void;
}

/**
 * The chart. Memoised: it redraws when its rows, language or selected period change, not when
 * its panel turns busy or another filter changes (each redraw of a recharts line measures its
 * path, which forces a layout).
 */
export const MonthlyChart = memo(MonthlyChartImpl, (a, b) => {
  return (
    a.rows === b.rows &&
    a.lang === b.lang &&
    a.interval?.from === b.interval?.from &&
    a.interval?.to === b.interval?.to
  );
});

/** The monthly chart's height in a theme (its legend included), for its panel to keep. */
export function monthlyChartHeight(theme: ThemeName): number {
  return THEME_TOKENS[theme].fontSize * 18;
}

function MonthlyChartImpl({ rows, lang, interval, onBrush: brush }: MonthlyChartProps) {
  const { store } = useAtlas();
  const theme = useViewSelect(store, (s) => s.theme);
  // The latest callback, without redrawing when only its identity changes.
  const brushRef = useRef(brush);
  useLayoutEffect(() => {
    brushRef.current = brush;
  });
  const onBrush = useCallback<MonthlyChartProps['onBrush']>(
    (range, mode) => brushRef.current(range, mode),
    [],
  );
  const tokens = THEME_TOKENS[theme];
  const { t } = useTranslation();
  const chart = useChartTheme();
  const select = useDragSelect((a, b, mode) => onBrush(monthsToRange(a, b), mode));
  const stroke = chart.stroke;
  const monthLabel = (m: string) =>
    formatDate(`${m}-01`, lang, { year: 'numeric', month: 'short' });
  // Briefing-safe counts: a hidden month is a gap in its line; the tooltip says "< k" or "•".
  const k = useSafeK();
  const data = useMemo(() => {
    if (k === null) return rows as MonthlyRow[];
    const f = protectList(
      rows.map((r) => r.firearms),
      k,
    );
    const z = protectList(
      rows.map((r) => r.seizures),
      k,
    );
    return rows.map((r, i) => ({
      ...r,
      firearms: isHidden(f[i]) ? null : r.firearms,
      seizures: isHidden(z[i]) ? null : r.seizures,
      safe: { firearms: f[i], seizures: z[i] },
    }));
  }, [rows, k]);
  // On a projector or in Present mode, the peak and the last month carry their value.
  const present = useViewSelect(store, (s) => s.present);
  const onMarks = theme === 'projector' || present;
  const marked = useMemo(
    () => markedPoints((data as { firearms: number | null }[]).map((r) => r.firearms)),
    [data],
  );
  const band =
    select.dragging ??
    (interval ? { x1: interval.from.slice(0, 7), x2: interval.to.slice(0, 7) } : null);

  return (
    <div className="chart chart--brushable" data-chart="monthly" data-points={rows.length}>
      <ResponsiveContainer width="100%" height={monthlyChartHeight(theme)}>
        <LineChart
          data={data as MonthlyRow[]}
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
          {...select.handlers}
        >
          <CartesianGrid {...chart.grid} />
          <XAxis dataKey="month" {...chart.axis} minTickGap={40} tickFormatter={monthLabel} />
          <YAxis
            {...chart.axis}
            tickFormatter={(v: number) => formatNumber(v, lang, { notation: 'compact' })}
          />
          <Tooltip
            {...chart.tooltip}
            labelFormatter={(m) =>
              formatDate(`${String(m)}-01`, lang, { year: 'numeric', month: 'long' })
            }
            formatter={(v, _name, item) => {
              const key = item.dataKey === 'seizures' ? 'seizures' : 'firearms';
              const payload = item.payload as
                (MonthlyRow & { safe?: Record<string, CellStatus | undefined> }) | undefined;
              const status = payload?.safe?.[key];
              return status
                ? safeText(payload[key], status, k, lang)
                : formatNumber(Number(v), lang);
            }}
          />
          <Legend {...chart.legend} />
          {band && (
            <ReferenceArea
              x1={band.x1}
              x2={band.x2}
              fill={tokens.accent}
              fillOpacity={0.18}
              stroke={tokens.accent}
              strokeOpacity={0.6}
              ifOverflow="extendDomain"
            />
          )}
          <Line
            type="monotone"
            dataKey="firearms"
            name={t('overview.seriesFirearms')}
            stroke={tokens.series[0]}
            strokeWidth={stroke}
            dot={false}
            isAnimationActive={false}
          >
            {onMarks && (
              <LabelList
                dataKey="firearms"
                content={(p) => {
                  const i = Number(p.index);
                  if (!marked.has(i) || p.value === null || p.value === undefined) return null;
                  return (
                    <text
                      x={Number(p.x)}
                      y={Number(p.y) - 10}
                      textAnchor={i === rows.length - 1 ? 'end' : 'middle'}
                      fill={tokens.text}
                      fontSize={Math.round(tokens.fontSize * 0.8)}
                      fontWeight={700}
                    >
                      {formatNumber(Number(p.value), lang)}
                    </text>
                  );
                }}
              />
            )}
          </Line>
          <Line
            type="monotone"
            dataKey="seizures"
            name={t('overview.seriesSeizures')}
            stroke={tokens.series[1]}
            strokeWidth={stroke}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
