/**
 * Shared recharts styling from the theme tokens, so every chart reads the same grid, axes,
 * tooltip and line width (thicker on the projector theme).
 */
import { useAtlas } from '../context/AtlasContext';
import { useViewSelect } from '../state/store';
import { THEME_TOKENS, type ThemeTokens } from '../theme/tokens';

/** Props to spread on recharts parts, and the tokens they come from. */
export interface ChartTheme {
  tokens: ThemeTokens;
  /** Line width of series. */
  stroke: number;
  grid: { stroke: string; strokeDasharray: string; vertical: false };
  axis: { tick: { fill: string; fontSize: number }; stroke: string };
  tooltip: { contentStyle: { background: string; border: string; color: string } };
  legend: { wrapperStyle: { color: string } };
}

/** Chart styling for the current theme. */
export function useChartTheme(): ChartTheme {
  const { store } = useAtlas();
  const theme = useViewSelect(store, (s) => s.theme);
  const tokens = THEME_TOKENS[theme];
  return {
    tokens,
    stroke: theme === 'projector' ? 3 : 2,
    grid: { stroke: tokens.border, strokeDasharray: '3 3', vertical: false },
    axis: {
      tick: { fill: tokens.textMuted, fontSize: Math.round(tokens.fontSize * 0.8) },
      stroke: tokens.border,
    },
    tooltip: {
      contentStyle: {
        background: tokens.surface,
        border: `1px solid ${tokens.border}`,
        color: tokens.text,
      },
    },
    legend: { wrapperStyle: { color: tokens.text } },
  };
}

/**
 * Indices of a series worth writing on the chart (its peak and its last point), for briefings:
 * on a projector the numbers are read from the marks, not from tooltips.
 */
export function markedPoints(values: readonly (number | null | undefined)[]): Set<number> {
  let peak = -1;
  let last = -1;
  values.forEach((v, i) => {
    if (typeof v !== 'number') return;
    if (peak < 0 || v > (values[peak] as number)) peak = i;
    last = i;
  });
  return new Set([peak, last].filter((i) => i >= 0));
}
