/**
 * Trends: seizures, firearms, rounds or arrests per week, month, quarter or year, split by firearm
 * type, region or leading countries, with a moving average, named operation bands and flagged
 * surges; below, the year-on-year change. Dragging across the chart sets the time cross-filter.
 */
import { NotDrawnNote } from '../../components/NotDrawnNote';
import { useTranslation } from 'react-i18next';
import { type CellStatus, safeCount, safeText } from '../../disclosure/safeCounts';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  LabelList,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { usePrecisionNote } from '../../components/usePrecisionNote';
import { useAtlas } from '../../context/AtlasContext';
import { markedPoints, useChartTheme } from '../../components/chartTheme';
import { Panel } from '../../components/Panel';
import { useDragSelect } from '../../components/useDragSelect';
import { formatNumber, formatPercent } from '../../i18n';
import { SURGE_RULE, type Measure, type Split, type TrendPoint } from '../../sql/trends';
import { useViewState } from '../../state/store';
import {
  GRANULARITIES,
  crossFilterOf,
  isGranularity,
  withCrossFilter,
  TREND_SPLITS,
} from '../../model/viewState';
import { THEME_TOKENS } from '../../theme/tokens';
import { periodLabel, periodOf, periodsToRange } from './trends.utils';
import { SurgesPanel } from './SurgesPanel';
import { CLIENT, useTrendsData } from './useTrendsData';

/** The Trends view. */
export function TrendsView() {
  const { store, manifest } = useAtlas();
  const state = useViewState(store);
  const { lang, granularity } = state;
  const { t } = useTranslation();
  const chart = useChartTheme();
  const tokens = THEME_TOKENS[state.theme];
  const { measure, split } = state.trends;
  const setTrends = (update: Partial<typeof state.trends>) =>
    store.set((s) => ({ ...s, trends: { ...s.trends, ...update } }), 'push');
  const { measures, effectiveMeasure, totals, splitRows, ops, rows, periods, pivot, safe, safeK } =
    useTrendsData(split === 'type', measure, split);
  const precisionNote = usePrecisionNote(granularity, CLIENT);
  const interval = crossFilterOf(state, CLIENT);
  const select = useDragSelect((a, b, mode) =>
    store.set(
      (s) =>
        withCrossFilter(s, CLIENT, {
          source: CLIENT,
          kind: 'interval',
          ...periodsToRange(a, b, granularity),
        }),
      mode,
    ),
  );
  const band =
    select.dragging ??
    (interval?.kind === 'interval' && periods.length
      ? { x1: periodOf(interval.from, periods)!, x2: periodOf(interval.to, periods)! }
      : null);
  const keyLabel = (k: string, label: string | null | undefined) =>
    k === 'other'
      ? t('trends.other')
      : split === 'type'
        ? t(`vocab.firearm_type.${k}`)
        : split === 'region'
          ? t(`vocab.atlas_region.${k}`)
          : (label ?? k);
  const surges = rows.filter((r) => r.surge);
  const first = periods[0];
  const last = periods[periods.length - 1];
  const visibleOps = (ops.rows ?? []).filter(
    (o) => first && last && o.end >= first && o.start <= (last ?? ''),
  );
  const label = (p: string) => periodLabel(p, granularity, lang);
  const unit = t(`trends.measure.${effectiveMeasure}`);
  const total = rows.reduce((a, r) => a + r.value, 0);
  const peak = rows.reduce<TrendPoint | undefined>(
    (a, r) => (!a || r.value > a.value ? r : a),
    undefined,
  );
  const summary = rows.length
    ? `${t('trends.summary', {
        measure: unit,
        total: formatNumber(total, lang),
        from: label(first!),
        to: label(last!),
        peak: peak ? periodLabel(peak.period, granularity, lang, true) : '',
        peakValue: peak ? safeCount(peak.value, safeK, lang) : '',
      })} ${t('trends.summarySurges', {
        count: surges.length,
        surges: formatNumber(surges.length, lang),
      })}`
    : undefined;
  const stroke = chart.stroke;
  // On a projector or in Present mode, the peak and the last period carry their value.
  const onMarks = state.theme === 'projector' || state.present;
  const marked = markedPoints(
    ((safe?.data ?? rows) as { value?: number | null }[]).map((r) => r.value),
  );

  return (
    <div className="view view--trends">
      <section className="panel panel--wide trends-controls" aria-label={t('trends.controls')}>
        <label className="field field--inline">
          <span className="field__label">{t('trends.measureLabel')}</span>
          <select
            value={effectiveMeasure}
            disabled={split === 'type'}
            onChange={(e) => setTrends({ measure: e.target.value as Measure })}
          >
            {measures.map((m) => (
              <option key={m} value={m}>
                {t(`trends.measure.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--inline">
          <span className="field__label">{t('trends.splitLabel')}</span>
          <select value={split} onChange={(e) => setTrends({ split: e.target.value as Split })}>
            {TREND_SPLITS.map((s) => (
              <option key={s} value={s}>
                {t(`trends.split.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--inline">
          <span className="field__label">{t('trends.granularityLabel')}</span>
          <select
            value={granularity}
            onChange={(e) =>
              isGranularity(e.target.value) && store.set({ granularity: e.target.value }, 'push')
            }
          >
            {GRANULARITIES.map((g) => (
              <option key={g} value={g}>
                {t(`trends.granularity.${g}`)}
              </option>
            ))}
          </select>
        </label>
        {split === 'type' && <span className="muted">{t('trends.typeNote')}</span>}
      </section>
      <Panel
        id="trend-series"
        className="panel--wide"
        title={t('trends.title', { measure: unit })}
        units={t('trends.units', {
          measure: unit.toLowerCase(),
          granularity: t(`trends.granularity.${granularity}`).toLowerCase(),
        })}
        summary={summary}
        caption={[
          t('trends.brushHint'),
          precisionNote.text,
          t('trends.surgeRule', SURGE_RULE),
          t('overview.source', { title: manifest.title }),
        ]
          .filter(Boolean)
          .join(' ')}
        loading={totals.loading || (split !== 'none' && splitRows.loading) || !precisionNote.known}
        reserve={`${tokens.fontSize * 22}px`}
        error={totals.error ?? splitRows.error}
        empty={totals.rows?.length === 0}
        emptyMessage={t('overview.emptyFiltered')}
      >
        {rows.length > 0 && precisionNote.known && (
          <div
            className="chart chart--brushable"
            data-chart="trends"
            data-points={rows.length}
            data-surges={surges.length}
          >
            <ResponsiveContainer width="100%" height={tokens.fontSize * 22}>
              <ComposedChart
                data={
                  (safe?.data ??
                    (pivot
                      ? pivot.data
                      : (rows as unknown as Record<string, number | string>[]))) as Record<
                    string,
                    number | string
                  >[]
                }
                margin={{ top: 24, right: 16, bottom: 8, left: 8 }}
                {...select.handlers}
              >
                <CartesianGrid {...chart.grid} />
                <XAxis dataKey="period" {...chart.axis} minTickGap={36} tickFormatter={label} />
                <YAxis
                  {...chart.axis}
                  tickFormatter={(v: number) => formatNumber(v, lang, { notation: 'compact' })}
                />
                <Tooltip
                  {...chart.tooltip}
                  labelFormatter={(p) => periodLabel(String(p), granularity, lang, true)}
                  formatter={(v, _name, item) => {
                    const key = String(item.dataKey);
                    const row = item.payload as Record<string, unknown> | undefined;
                    const status = (row?.safe as Record<string, CellStatus> | undefined)?.[key];
                    const src = pivot ?? null;
                    const raw = src
                      ? Number(src.data.find((d) => d.period === row?.period)?.[key] ?? Number(v))
                      : Number(rows.find((r) => r.period === row?.period)?.value ?? Number(v));
                    return status
                      ? safeText(raw, status, safeK, lang)
                      : formatNumber(Number(v), lang, { maximumFractionDigits: 0 });
                  }}
                />
                <Legend {...chart.legend} />
                {visibleOps.map((o, oi) => (
                  <ReferenceArea
                    key={o.id}
                    x1={periodOf(o.start, periods)}
                    x2={periodOf(o.end, periods)}
                    fill={tokens.warning}
                    fillOpacity={0.15}
                    stroke={tokens.warning}
                    strokeOpacity={0.5}
                    label={{
                      value: o.name,
                      // Alternate top and bottom, so neighbouring operations' names do not overlap.
                      position: oi % 2 ? 'insideBottom' : 'insideTop',
                      fill: tokens.text,
                      fontSize: Math.round(tokens.fontSize * 0.75),
                    }}
                    ifOverflow="extendDomain"
                  />
                ))}
                {band && (
                  <ReferenceArea
                    x1={band.x1}
                    x2={band.x2}
                    fill={tokens.accent}
                    fillOpacity={0.15}
                    stroke={tokens.accent}
                    strokeOpacity={0.6}
                  />
                )}
                {pivot
                  ? pivot.keys.map((k, i) => (
                      <Area
                        key={k}
                        type="monotone"
                        dataKey={k}
                        name={keyLabel(k, pivot.labels.get(k))}
                        stackId="split"
                        stroke={tokens.series[i % tokens.series.length]}
                        fill={tokens.series[i % tokens.series.length]}
                        fillOpacity={0.55}
                        isAnimationActive={false}
                      />
                    ))
                  : [
                      <Line
                        key="value"
                        type="monotone"
                        dataKey="value"
                        name={unit}
                        stroke={tokens.series[0]}
                        strokeWidth={stroke}
                        dot={false}
                        isAnimationActive={false}
                      >
                        {onMarks && (
                          <LabelList
                            dataKey="value"
                            content={(p) => {
                              const i = Number(p.index);
                              if (!marked.has(i) || p.value === null || p.value === undefined)
                                return null;
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
                      </Line>,
                      <Line
                        key="ma"
                        type="monotone"
                        dataKey="movingAverage"
                        name={t('trends.movingAverage')}
                        stroke={tokens.series[1]}
                        strokeWidth={stroke}
                        strokeDasharray="6 4"
                        dot={false}
                        isAnimationActive={false}
                      />,
                    ]}
                {!pivot &&
                  surges
                    .filter((s) => !safe?.hidden(rows.indexOf(s)))
                    .map((s) => (
                      <ReferenceDot
                        key={s.period}
                        x={s.period}
                        y={s.value}
                        r={tokens.fontSize / 2.5}
                        fill={tokens.danger}
                        stroke={tokens.surface}
                        ifOverflow="extendDomain"
                      />
                    ))}
              </ComposedChart>
            </ResponsiveContainer>
          </div>
        )}
        <NotDrawnNote kind="undated" client={CLIENT} />
      </Panel>
      <Panel
        id="trend-yoy"
        title={t('trends.yoyTitle')}
        units={t('trends.yoyUnits')}
        loading={totals.loading}
        error={totals.error}
        empty={rows.every((r) => r.yoy === null)}
        emptyMessage={t('trends.yoyEmpty')}
      >
        <div className="chart" data-chart="yoy">
          <ResponsiveContainer width="100%" height={tokens.fontSize * 14}>
            <LineChart
              data={(safe && !pivot ? safe.data : rows) as TrendPoint[]}
              margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
            >
              <CartesianGrid {...chart.grid} />
              <XAxis dataKey="period" {...chart.axis} minTickGap={36} tickFormatter={label} />
              <YAxis {...chart.axis} tickFormatter={(v: number) => formatPercent(v, lang)} />
              <ReferenceLine y={0} stroke={tokens.textMuted} />
              <Tooltip
                {...chart.tooltip}
                labelFormatter={(p) => periodLabel(String(p), granularity, lang, true)}
                formatter={(v) => formatPercent(Number(v), lang, 1)}
              />
              <Line
                type="monotone"
                dataKey="yoy"
                name={t('trends.yoy')}
                stroke={tokens.series[2]}
                strokeWidth={stroke}
                dot={false}
                connectNulls={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </Panel>
      <SurgesPanel
        surges={surges}
        unit={unit}
        loading={totals.loading}
        error={totals.error}
        safeK={safeK}
      />
    </div>
  );
}

export default TrendsView;
