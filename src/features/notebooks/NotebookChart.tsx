/**
 * A chart cell drawn with the app's own chart parts: a line chart (recharts, the theme's axes and
 * series colours), ranked bars (`RankedBars`, briefing-safe counts included) or a table.
 */
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
import { useTranslation } from 'react-i18next';
import { useChartTheme } from '../../components/chartTheme';
import { RankedBars } from '../../components/RankedBars';
import { formatNumber } from '../../i18n';
import type { ChartKind } from './format';
import { cellText, chartColumns, isNameColumn, sankeyRows } from './report';
import { DIRECT, OTHER, buildSankey } from '../../components/sankey';
import { SankeyChart } from '../../components/SankeyChart';
import type { CellRows } from './run';

/** Rows a table cell shows at most. */
const TABLE_ROWS = 200;

/** Props of a chart cell. */
export interface NotebookChartProps {
  kind: ChartKind;
  options: Readonly<Record<string, string>>;
  result: CellRows;
  lang: string;
}

/** Draws one chart cell. */
export function NotebookChart({ kind, options, result, lang }: NotebookChartProps) {
  const { t } = useTranslation();
  const chart = useChartTheme();
  const { x, ys } = chartColumns(options, result);
  const title = options.title ?? (kind === 'table' ? null : `${ys.join(', ')} · ${x}`);
  if (result.rows.length === 0)
    return <p className="notebook__note">{t('notebooks.chartEmpty')}</p>;
  if (kind === 'table') {
    return (
      <div
        className="notebook__table"
        role="region"
        aria-label={options.title ?? t('notebooks.table')}
        tabIndex={0}
      >
        <table>
          {options.title && <caption>{options.title}</caption>}
          <thead>
            <tr>
              {result.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {result.rows.slice(0, TABLE_ROWS).map((r, i) => (
              <tr key={i}>
                {result.columns.map((c) => (
                  <td key={c} className={typeof r[c] === 'number' ? 'num' : undefined}>
                    {typeof r[c] === 'number' && !isNameColumn(c)
                      ? formatNumber(r[c], lang)
                      : cellText(r[c], c)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {result.rows.length > TABLE_ROWS && (
          <p className="notebook__note">{t('notebooks.firstRows', { count: TABLE_ROWS })}</p>
        )}
      </div>
    );
  }
  if (kind === 'sankey')
    return <NotebookSankey options={options} result={result} lang={lang} title={options.title} />;
  if (ys.length === 0) return <p className="notebook__note">{t('notebooks.noNumbers')}</p>;
  if (kind === 'bar') {
    return (
      <figure className="notebook__figure">
        {title && <figcaption>{title}</figcaption>}
        <RankedBars
          items={result.rows.map((r, i) => ({
            key: `${i}`,
            label: cellText(r[x], x),
            value: Number(r[ys[0]!] ?? 0),
          }))}
          labelHeader={x}
          valueHeader={ys[0]!}
          lang={lang}
          caption={title ?? ys[0]!}
        />
      </figure>
    );
  }
  const data = result.rows.map((r) => ({
    ...Object.fromEntries(
      ys.map((y) => [y, typeof r[y] === 'number' ? r[y] : Number(r[y] ?? NaN)]),
    ),
    __x: cellText(r[x], x),
  }));
  return (
    <figure className="notebook__figure">
      {title && <figcaption>{title}</figcaption>}
      <div className="notebook__chart">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid {...chart.grid} />
            <XAxis dataKey="__x" {...chart.axis} minTickGap={24} />
            <YAxis
              {...chart.axis}
              tickFormatter={(v: number) => formatNumber(v, lang)}
              width={64}
            />
            <Tooltip {...chart.tooltip} formatter={(v) => formatNumber(Number(v), lang)} />
            {ys.length > 1 && <Legend {...chart.legend} />}
            {ys.map((y, i) => (
              <Line
                key={y}
                type="monotone"
                dataKey={y}
                name={y}
                stroke={chart.tokens.series[i % chart.tokens.series.length]}
                strokeWidth={chart.stroke}
                dot={result.rows.length < 40}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** A Sankey cell: the Flows view's chart (briefing-safe counts included) of the cell's links. */
function NotebookSankey(props: {
  options: Readonly<Record<string, string>>;
  result: CellRows;
  lang: string;
  title: string | undefined;
}) {
  const { t } = useTranslation();
  const chart = useChartTheme();
  const rows = sankeyRows(props.options, props.result);
  const stages = [...new Set(rows.flatMap((r) => [r.fromStage, r.toStage]))];
  const data = buildSankey(
    rows,
    0.01,
    (_stage, code) =>
      code === OTHER ? t('notebooks.other') : code === DIRECT ? t('flows.direct') : code,
    stages,
  );
  const colours = Object.fromEntries(
    stages.map((s, i) => [s, chart.tokens.series[i % chart.tokens.series.length]!]),
  );
  if (!data.links.length) return <p className="notebook__note">{t('notebooks.chartEmpty')}</p>;
  return (
    <figure className="notebook__figure">
      {props.title && <figcaption>{props.title}</figcaption>}
      <SankeyChart
        data={data}
        tokens={chart.tokens}
        lang={props.lang}
        height={Math.max(280, Math.min(640, data.nodes.length * 22))}
        stageColours={colours}
        selected={() => false}
        testId="notebook-sankey"
      />
    </figure>
  );
}
