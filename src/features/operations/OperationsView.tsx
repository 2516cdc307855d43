/**
 * Operations: each operation with its dates, countries and published headline results, and the
 * seizures in its countries before, during and after it (firearms per week, rates per day).
 * The published figures of KAFO II, Trigger VIII and Trigger IX are shown exactly as released.
 */
import { useTranslation } from 'react-i18next';
import {
  type CellStatus,
  HIDDEN_MARK,
  isHidden,
  isSmallCount,
  protectList,
  safeText,
  useSafeK,
} from '../../disclosure/safeCounts';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useAtlas } from '../../context/AtlasContext';
import { useChartTheme } from '../../components/chartTheme';
import { Panel } from '../../components/Panel';
import { useQuery } from '../../db/useQuery';
import { formatDate, formatNumber } from '../../i18n';
import {
  operationWindowsQuery,
  operationsQuery,
  phaseRates,
  type OperationRow,
  type OperationWeekRow,
} from '../../sql/operations';
import { useViewState } from '../../state/store';
import { withFilter } from '../../model/viewState';
import { THEME_TOKENS } from '../../theme/tokens';
import { useNames } from '../../context/useNames';

const CLIENT = 'operations.windows';

/** The Operations view. */
export function OperationsView() {
  const { coordinator, store, model } = useAtlas();
  const state = useViewState(store);
  const { lang } = state;
  const { t } = useTranslation();
  const chart = useChartTheme();
  const tokens = THEME_TOKENS[state.theme];
  const names = useNames(lang);
  const ops = useQuery<OperationRow>(coordinator, operationsQuery(), 'operations.list');
  const weeks = useQuery<OperationWeekRow>(
    coordinator,
    operationWindowsQuery(model, state, CLIENT),
    CLIENT,
  );
  const safeK = useSafeK();
  const num = (v: number | null, digits = 0) =>
    v === null ? null : formatNumber(v, lang, { maximumFractionDigits: digits });
  const colour = { before: tokens.series[4]!, during: tokens.series[5]!, after: tokens.series[0]! };

  return (
    <div className="view view--operations">
      {(ops.rows ?? []).map((op) => {
        const rows = (weeks.rows ?? []).filter((w) => w.op === op.id);
        const rates = phaseRates(rows, op);
        // Briefing-safe counts: each phase's weekly rate gives its total away, so the weeks of
        // each phase are protected as one list; hidden weeks draw no bar.
        const status: CellStatus[] = rows.map(() => 'shown');
        if (safeK !== null)
          for (const phase of ['before', 'during', 'after'] as const) {
            const idx = rows.flatMap((r, i) => (r.phase === phase ? [i] : []));
            const s = protectList(
              idx.map((i) => rows[i]!.firearms),
              safeK,
            );
            idx.forEach((i, j) => (status[i] = s[j]!));
          }
        // A phase's weekly rate is its total over its weeks: hidden when that total is under k.
        const rate = (phase: 'before' | 'during' | 'after', v: number) => {
          const total = rows.filter((r) => r.phase === phase).reduce((a, r) => a + r.firearms, 0);
          return isSmallCount(total, safeK)
            ? HIDDEN_MARK
            : formatNumber(v, lang, { maximumFractionDigits: 1 });
        };
        const bars = rows.map((r, i) => ({
          ...r,
          firearms: isHidden(status[i]) ? 0 : r.firearms,
          status: status[i],
          raw: r.firearms,
        }));
        const figures: [string, string | null][] = [
          ['officers', num(op.officers)],
          ['hotspots', num(op.hotspots)],
          ['arrests', num(op.arrests)],
          ['firearms', num(op.firearms)],
          ['rounds', num(op.rounds)],
          ['drugsTonnes', num(op.drugsTonnes, 3)],
          [
            'drugsValueUsd',
            op.drugsValueUsd === null
              ? null
              : formatNumber(op.drugsValueUsd, lang, {
                  style: 'currency',
                  currency: 'USD',
                  notation: 'compact',
                }),
          ],
          ['precursorsTonnes', num(op.precursorsTonnes)],
        ];
        return (
          <Panel
            key={op.id}
            id={`operation-${op.id}`}
            className="operation"
            title={op.name}
            units={`${formatDate(op.start, lang)} – ${formatDate(op.end, lang)} · ${op.region}`}
            caption={`${t('operations.source', { source: op.source })}`}
            summary={t('operations.rates', {
              before: rate('before', rates.before),
              during: rate('during', rates.during),
              after: rate('after', rates.after),
            })}
            loading={weeks.loading}
            error={weeks.error}
          >
            {op.synthetic && <p className="badge">{t('operations.synthetic')}</p>}
            <p className="operation__countries">
              {op.countries.map((c, i) => (
                <span key={c}>
                  {i > 0 && ', '}
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => store.set((s) => withFilter(s, 'country', [c]), 'push')}
                  >
                    {names.iso3.get(c) ?? c}
                  </button>
                </span>
              ))}
            </p>
            <dl className="operation__figures" data-testid={`operation-figures-${op.id}`}>
              {figures
                .filter(([, v]) => v !== null)
                .map(([k, v]) => (
                  <div key={k} data-figure={k}>
                    <dt>{t(`operations.figures.${k}`)}</dt>
                    <dd>{v}</dd>
                  </div>
                ))}
            </dl>
            {op.otherResults && <p className="muted operation__other">{op.otherResults}</p>}
            <div className="chart" data-chart={`operation-${op.id}`} data-points={rows.length}>
              <ResponsiveContainer width="100%" height={tokens.fontSize * 10}>
                <BarChart data={bars} margin={{ top: 4, right: 8, bottom: 4, left: 4 }}>
                  <CartesianGrid {...chart.grid} />
                  <XAxis
                    dataKey="week"
                    {...chart.axis}
                    tickFormatter={(w: string) =>
                      formatDate(w, lang, { month: 'short', day: 'numeric' })
                    }
                    minTickGap={24}
                  />
                  <YAxis {...chart.axis} width={40} />
                  <Tooltip
                    {...chart.tooltip}
                    labelFormatter={(w) =>
                      t('operations.weekOf', { date: formatDate(String(w), lang) })
                    }
                    formatter={(v, _n, item) => {
                      const p = item.payload as { status?: CellStatus; raw?: number } | undefined;
                      return p?.status && p.status !== 'shown'
                        ? safeText(p.raw ?? 0, p.status, safeK, lang)
                        : formatNumber(Number(v), lang);
                    }}
                  />
                  <Bar dataKey="firearms" name={t('figures.firearms')} isAnimationActive={false}>
                    {rows.map((r, i) => (
                      <Cell key={i} fill={colour[r.phase]} />
                    ))}
                  </Bar>
                </BarChart>
              </ResponsiveContainer>
              <p className="operation__legend">
                {(['before', 'during', 'after'] as const).map((p) => (
                  <span key={p}>
                    <span className="map-legend__swatch" style={{ background: colour[p] }} />
                    {t(`operations.phase.${p}`)}
                  </span>
                ))}
              </p>
            </div>
          </Panel>
        );
      })}
    </div>
  );
}

export default OperationsView;
