/**
 * Traces: who requests traces of whom, with what outcome and how fast; pending requests by age;
 * time-to-crime; and the SDG 16.4.2-style share of seized firearms whose illicit origin was
 * established, over time and by country. Clicking a requesting country or an outcome filters
 * every other view.
 */
import { useMemo } from 'react';
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
import { useAtlas } from '../../context/AtlasContext';
import { useChartTheme } from '../../components/chartTheme';
import { Panel, queryStates } from '../../components/Panel';
import { RankedBars, rankedBarsHeight } from '../../components/RankedBars';
import { useQuery } from '../../db/useQuery';
import { formatNumber, formatPercent } from '../../i18n';
import {
  type CategoryRow,
  type ResponseRow,
  type SdgRow,
  type TraceCountryRow,
} from '../../sql/traces';
import { useViewState } from '../../state/store';
import { crossFilterOf, togglePoint } from '../../model/viewState';
import { THEME_TOKENS } from '../../theme/tokens';
import { TRACE_OUTCOMES } from '../../domain/vocabulary';
import { TRACES_OWN, tracesPanelQueries, type TracesClient } from './tracesQueries';

const [REQUESTING, OUTCOMES] = TRACES_OWN;
const PENDING_BANDS = ['d30', 'd90', 'd180', 'd365', 'older'];
const TTC_BANDS = ['y1', 'y3', 'y10', 'older'];

/** The Traces view. */
export function TracesView() {
  const { coordinator, store, manifest, model } = useAtlas();
  const state = useViewState(store);
  const { lang } = state;
  const { t } = useTranslation();
  const chart = useChartTheme();
  const tokens = THEME_TOKENS[state.theme];
  const queries = useMemo(
    () => tracesPanelQueries(model, state, lang, manifest.dateRange.to),
    [model, state, lang, manifest.dateRange.to],
  );
  const ask = (client: TracesClient) => [queries[client], client] as const;
  const requesting = useQuery<TraceCountryRow>(coordinator, ...ask('traces.requesting'));
  const requested = useQuery<TraceCountryRow>(coordinator, ...ask('traces.requested'));
  const outcomes = useQuery<CategoryRow>(coordinator, ...ask('traces.outcomes'));
  const response = useQuery<ResponseRow>(coordinator, ...ask('traces.response'));
  const pending = useQuery<CategoryRow>(coordinator, ...ask('traces.pending'));
  const ttc = useQuery<CategoryRow>(coordinator, ...ask('traces.ttc'));
  const sdgYear = useQuery<SdgRow>(coordinator, ...ask('traces.sdg.year'));
  const sdgCountry = useQuery<SdgRow>(coordinator, ...ask('traces.sdg.country'));

  const source = t('overview.source', { title: manifest.title });
  const empty = t('traces.empty');
  const pointValues = (client: string) => {
    const c = crossFilterOf(state, client);
    return c?.kind === 'point' ? c.values : [];
  };
  const toggle = (client: string, field: 'country' | 'traceOutcome', value: string) =>
    store.set((s) => togglePoint(s, client, field, value), 'push');
  const totalOutcomes = (outcomes.rows ?? []).reduce((a, r) => a + r.n, 0);
  const all = response.rows?.find((r) => r.year === 'all');
  const years = (response.rows ?? []).filter((r) => r.year !== 'all');
  const banded = (rows: CategoryRow[] | undefined, order: string[], ns: string) =>
    order.map((k) => ({
      key: k,
      label: t(`traces.${ns}.${k}`),
      value: rows?.find((r) => r.key === k)?.n ?? 0,
    }));
  const stroke = chart.stroke;

  return (
    <div className="view view--traces">
      <Panel
        id="sdg-time"
        reserve={`${tokens.fontSize * 14}px`}
        className="panel--wide"
        title={t('traces.sdgTitle')}
        units={t('traces.sdgUnits')}
        caption={`${t('traces.sdgDefinition')} ${source}`}
        summary={
          sdgYear.rows?.length
            ? t('traces.sdgSummary', {
                first: sdgYear.rows[0]!.key,
                firstShare: formatPercent(sdgYear.rows[0]!.share, lang, 1),
                last: sdgYear.rows[sdgYear.rows.length - 1]!.key,
                lastShare: formatPercent(sdgYear.rows[sdgYear.rows.length - 1]!.share, lang, 1),
              })
            : undefined
        }
        {...queryStates(sdgYear)}
        emptyMessage={empty}
      >
        {sdgYear.rows && sdgYear.rows.length > 0 && (
          <div className="chart" data-chart="sdg" data-points={sdgYear.rows.length}>
            <ResponsiveContainer width="100%" height={tokens.fontSize * 14}>
              <LineChart data={sdgYear.rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                <CartesianGrid {...chart.grid} />
                <XAxis dataKey="key" {...chart.axis} />
                <YAxis
                  {...chart.axis}
                  tickFormatter={(v: number) => formatPercent(v, lang)}
                  domain={[0, 'auto']}
                />
                <Tooltip {...chart.tooltip} formatter={(v) => formatPercent(Number(v), lang, 1)} />
                <Line
                  type="monotone"
                  dataKey="share"
                  name={t('traces.sdgShare')}
                  stroke={tokens.series[2]}
                  strokeWidth={stroke}
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          </div>
        )}
      </Panel>
      <Panel
        id="sdg-country"
        reserve={rankedBarsHeight(12)}
        title={t('traces.sdgByCountry')}
        units={t('traces.sdgByCountryUnits')}
        caption={source}
        {...queryStates(sdgCountry)}
        emptyMessage={empty}
      >
        {sdgCountry.rows && (
          <RankedBars
            items={sdgCountry.rows
              .slice(0, 12)
              .map((r) => ({ key: r.key, label: r.name ?? r.key, value: r.share }))}
            labelHeader={t('overview.country')}
            valueHeader={t('traces.sdgShare')}
            lang={lang}
            caption={t('traces.sdgByCountry')}
            format={(v) => formatPercent(v, lang, 1)}
            max={1}
            counts={false}
          />
        )}
      </Panel>
      <Panel
        id="outcomes"
        reserve={rankedBarsHeight(TRACE_OUTCOMES.length)}
        title={t('traces.outcomesTitle')}
        units={t('traces.outcomesUnits', {
          count: totalOutcomes,
          n: formatNumber(totalOutcomes, lang),
        })}
        caption={`${t('traces.clickHint')} ${source}`}
        {...queryStates(outcomes)}
        emptyMessage={empty}
      >
        {outcomes.rows && (
          <RankedBars
            items={outcomes.rows.map((r) => ({
              key: r.key,
              label: t(`vocab.trace_outcome.${r.key}`),
              value: totalOutcomes ? r.n / totalOutcomes : 0,
            }))}
            labelHeader={t('traces.outcome')}
            valueHeader={t('traces.share')}
            lang={lang}
            caption={t('traces.outcomesTitle')}
            format={(v) => formatPercent(v, lang, 1)}
            max={1}
            counts={false}
            selected={pointValues(OUTCOMES)}
            onToggle={(k) => toggle(OUTCOMES, 'traceOutcome', k)}
          />
        )}
      </Panel>
      <Panel
        id="requesting"
        reserve={rankedBarsHeight(12)}
        title={t('traces.requestingTitle')}
        units={t('traces.requestsUnits')}
        caption={`${t('traces.clickHint')} ${source}`}
        {...queryStates(requesting)}
        emptyMessage={empty}
      >
        {requesting.rows && (
          <RankedBars
            items={requesting.rows.map((r) => ({ key: r.iso3, label: r.name, value: r.requests }))}
            labelHeader={t('traces.requestingCountry')}
            valueHeader={t('traces.requests')}
            lang={lang}
            caption={t('traces.requestingTitle')}
            selected={pointValues(REQUESTING)}
            onToggle={(k) => toggle(REQUESTING, 'country', k)}
          />
        )}
      </Panel>
      <Panel
        id="requested"
        reserve={rankedBarsHeight(12)}
        title={t('traces.requestedTitle')}
        units={t('traces.requestsUnits')}
        caption={source}
        {...queryStates(requested)}
        emptyMessage={empty}
      >
        {requested.rows && (
          <RankedBars
            items={requested.rows.map((r) => ({ key: r.iso3, label: r.name, value: r.requests }))}
            labelHeader={t('traces.requestedCountry')}
            valueHeader={t('traces.requests')}
            lang={lang}
            caption={t('traces.requestedTitle')}
          />
        )}
      </Panel>
      <Panel
        id="response"
        reserve={`${tokens.fontSize * 14}px`}
        title={t('traces.responseTitle')}
        units={
          all
            ? t('traces.responseUnits', {
                median: formatNumber(all.median ?? 0, lang),
                p90: formatNumber(Math.round(all.p90 ?? 0), lang),
              })
            : undefined
        }
        caption={source}
        loading={response.loading}
        error={response.error}
        empty={years.length === 0}
        emptyMessage={empty}
      >
        <div className="chart" data-chart="response" data-points={years.length}>
          <ResponsiveContainer width="100%" height={tokens.fontSize * 14}>
            <LineChart data={years} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
              <CartesianGrid {...chart.grid} />
              <XAxis dataKey="year" {...chart.axis} />
              <YAxis {...chart.axis} />
              <Tooltip
                {...chart.tooltip}
                formatter={(v) =>
                  `${formatNumber(Math.round(Number(v)), lang)} ${t('traces.days')}`
                }
              />
              <Legend {...chart.legend} />
              <Line
                type="monotone"
                dataKey="median"
                name={t('traces.median')}
                stroke={tokens.series[0]}
                strokeWidth={stroke}
                isAnimationActive={false}
              />
              <Line
                type="monotone"
                dataKey="p90"
                name={t('traces.p90')}
                stroke={tokens.series[1]}
                strokeWidth={stroke}
                strokeDasharray="6 4"
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </Panel>
      <Panel
        id="pending"
        reserve={rankedBarsHeight(PENDING_BANDS.length)}
        title={t('traces.pendingTitle')}
        units={t('traces.pendingUnits', { date: manifest.dateRange.to })}
        caption={source}
        {...queryStates(pending)}
        emptyMessage={t('traces.noPending')}
      >
        <RankedBars
          items={banded(pending.rows, PENDING_BANDS, 'ages')}
          labelHeader={t('traces.age')}
          valueHeader={t('traces.requests')}
          lang={lang}
          caption={t('traces.pendingTitle')}
        />
      </Panel>
      <Panel
        id="ttc"
        reserve={rankedBarsHeight(TTC_BANDS.length)}
        title={t('traces.ttcTitle')}
        units={t('traces.ttcUnits')}
        caption={`${t('traces.ttcNote')} ${source}`}
        {...queryStates(ttc)}
        emptyMessage={empty}
      >
        <RankedBars
          items={banded(ttc.rows, TTC_BANDS, 'ttc')}
          labelHeader={t('traces.timeToCrime')}
          valueHeader={t('figures.firearms')}
          lang={lang}
          caption={t('traces.ttcTitle')}
        />
      </Panel>
    </div>
  );
}

export default TracesView;
