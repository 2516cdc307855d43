/**
 * Monthly seizures and firearms as two lines (recharts), coloured from the theme tokens, with a
 * brush under the axis: dragging it selects a period (continuous, so history entries are
 * replaced while dragging and one is pushed when the drag starts).
 */
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Brush,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useAtlas } from '../../app/AtlasContext';
import { formatDate, formatNumber } from '../../i18n';
import type { MonthlyRow } from '../../sql/overview';
import type { HistoryMode } from '../../state/store';
import { useViewState } from '../../state/store';
import { THEME_TOKENS } from '../../theme/tokens';
import { brushIndices, brushRange } from './overview.utils';

/** Props of the monthly chart. */
export interface MonthlyChartProps {
  rows: readonly MonthlyRow[];
  lang: string;
  /** The period selected by this chart, if any. */
  interval: { from: string; to: string } | null;
  onBrush: (range: { from: string; to: string } | null, mode: HistoryMode) => void;
}

/** The chart. */
export function MonthlyChart({ rows, lang, interval, onBrush }: MonthlyChartProps) {
  const { store } = useAtlas();
  const { theme } = useViewState(store);
  const tokens = THEME_TOKENS[theme];
  const { t } = useTranslation();
  const dragging = useRef(false);
  const tick = { fill: tokens.textMuted, fontSize: Math.round(tokens.fontSize * 0.8) };
  const stroke = theme === 'projector' ? 3 : 2;
  const { startIndex, endIndex } = brushIndices(rows, interval);
  const monthLabel = (m: string) =>
    formatDate(`${m}-01`, lang, { year: 'numeric', month: 'short' });
  return (
    <div className="chart" data-chart="monthly" data-points={rows.length}>
      <ResponsiveContainer width="100%" height={tokens.fontSize * 20}>
        <LineChart data={rows as MonthlyRow[]} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid stroke={tokens.border} strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="month"
            tick={tick}
            stroke={tokens.border}
            minTickGap={40}
            tickFormatter={monthLabel}
          />
          <YAxis
            tick={tick}
            stroke={tokens.border}
            tickFormatter={(v: number) => formatNumber(v, lang, { notation: 'compact' })}
          />
          <Tooltip
            contentStyle={{
              background: tokens.surface,
              border: `1px solid ${tokens.border}`,
              color: tokens.text,
            }}
            labelFormatter={(m) =>
              formatDate(`${String(m)}-01`, lang, { year: 'numeric', month: 'long' })
            }
            formatter={(v) => formatNumber(Number(v), lang)}
          />
          <Legend wrapperStyle={{ color: tokens.text }} />
          <Line
            type="monotone"
            dataKey="firearms"
            name={t('overview.seriesFirearms')}
            stroke={tokens.series[0]}
            strokeWidth={stroke}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="seizures"
            name={t('overview.seriesSeizures')}
            stroke={tokens.series[1]}
            strokeWidth={stroke}
            dot={false}
            isAnimationActive={false}
          />
          <Brush
            // Remount when the axis changes: recharts' brush keeps stale positions otherwise.
            key={`${rows.length}-${rows[0]?.month ?? ''}`}
            dataKey="month"
            height={tokens.fontSize * 2}
            stroke={tokens.accent}
            fill={tokens.surfaceAlt}
            travellerWidth={10}
            tickFormatter={monthLabel}
            startIndex={startIndex}
            endIndex={endIndex}
            onChange={(r) => {
              const range = brushRange(rows, r.startIndex, r.endIndex);
              onBrush(range, dragging.current ? 'replace' : 'push');
              dragging.current = true;
            }}
            onDragEnd={() => {
              dragging.current = false;
            }}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
