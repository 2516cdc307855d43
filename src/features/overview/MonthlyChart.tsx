/** Monthly seizures and firearms as two lines (recharts), coloured from the theme tokens. */
import { useTranslation } from 'react-i18next';
import {
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
import { useViewState } from '../../state/store';
import { THEME_TOKENS } from '../../theme/tokens';

/** Props of the monthly chart. */
export interface MonthlyChartProps {
  rows: readonly MonthlyRow[];
  lang: string;
}

/** The chart. */
export function MonthlyChart({ rows, lang }: MonthlyChartProps) {
  const { store } = useAtlas();
  const { theme } = useViewState(store);
  const tokens = THEME_TOKENS[theme];
  const { t } = useTranslation();
  const tick = { fill: tokens.textMuted, fontSize: Math.round(tokens.fontSize * 0.8) };
  return (
    <div className="chart" data-chart="monthly" data-points={rows.length}>
      <ResponsiveContainer width="100%" height={tokens.fontSize * 18}>
        <LineChart data={rows as MonthlyRow[]} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid stroke={tokens.border} strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="month"
            tick={tick}
            stroke={tokens.border}
            minTickGap={40}
            tickFormatter={(m: string) =>
              formatDate(`${m}-01`, lang, { year: 'numeric', month: 'short' })
            }
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
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="seizures"
            name={t('overview.seriesSeizures')}
            stroke={tokens.series[1]}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
