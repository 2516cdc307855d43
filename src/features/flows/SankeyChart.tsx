/**
 * A Sankey diagram (recharts) with labelled nodes, theme colours and clickable nodes and links.
 * Node and link elements carry `data-*` attributes so tests can find them in the DOM.
 */
import { Layer, Rectangle, ResponsiveContainer, Sankey, Tooltip } from 'recharts';
import type { NodeProps, LinkProps } from 'recharts/types/chart/Sankey';
import { formatNumber } from '../../i18n';
import type { ThemeTokens } from '../../theme/tokens';
import type { SankeyInput } from './sankey';

/** Props of the chart. */
export interface SankeyChartProps {
  data: SankeyInput;
  tokens: ThemeTokens;
  lang: string;
  height: number;
  stageColours: Record<string, string>;
  selected: (stage: string, code: string) => boolean;
  onNode?: (stage: string, code: string) => void;
  onLink?: (from: { stage: string; code: string }, to: { stage: string; code: string }) => void;
  testId: string;
}

/** The chart. */
export function SankeyChart({
  data,
  tokens,
  lang,
  height,
  stageColours,
  selected,
  onNode,
  onLink,
  testId,
}: SankeyChartProps) {
  const fontSize = Math.round(tokens.fontSize * 0.8);
  const renderNode = (p: NodeProps) => {
    const node = data.nodes[p.index]!;
    const right = p.x + p.width + 6;
    const isLast = !data.links.some((l) => l.source === p.index);
    const on = selected(node.stage, node.code);
    return (
      <Layer key={`node-${p.index}`}>
        <Rectangle
          x={p.x}
          y={p.y}
          width={p.width}
          height={p.height}
          fill={stageColours[node.stage] ?? tokens.accent}
          fillOpacity={on ? 1 : 0.85}
          stroke={on ? tokens.focus : 'none'}
          strokeWidth={on ? 3 : 0}
          data-node={`${node.stage}:${node.code}`}
          style={{ cursor: onNode ? 'pointer' : 'default' }}
          onClick={() => onNode?.(node.stage, node.code)}
        />
        <text
          x={isLast ? p.x - 6 : right}
          y={p.y + p.height / 2}
          textAnchor={isLast ? 'end' : 'start'}
          dominantBaseline="middle"
          fontSize={fontSize}
          fill={tokens.text}
          pointerEvents="none"
        >
          {node.name} ({formatNumber(node.value, lang)})
        </text>
      </Layer>
    );
  };
  const renderLink = (p: LinkProps) => {
    const l = data.links[p.index]!;
    const from = data.nodes[l.source]!;
    const to = data.nodes[l.target]!;
    const on = selected(from.stage, from.code) || selected(to.stage, to.code);
    return (
      <path
        key={`link-${p.index}`}
        d={`M${p.sourceX},${p.sourceY} C${p.sourceControlX},${p.sourceY} ${p.targetControlX},${p.targetY} ${p.targetX},${p.targetY}`}
        fill="none"
        stroke={stageColours[from.stage] ?? tokens.accent}
        strokeOpacity={on ? 0.6 : 0.28}
        strokeWidth={Math.max(1, p.linkWidth)}
        data-link={`${from.code}>${to.code}`}
        style={{ cursor: onLink ? 'pointer' : 'default' }}
        onClick={() =>
          onLink?.({ stage: from.stage, code: from.code }, { stage: to.stage, code: to.code })
        }
      />
    );
  };
  return (
    <div
      className="chart"
      data-chart={testId}
      data-nodes={data.nodes.length}
      data-links={data.links.length}
    >
      <ResponsiveContainer width="100%" height={height}>
        <Sankey
          data={{ nodes: data.nodes, links: data.links }}
          nodePadding={Math.round(tokens.fontSize * 0.9)}
          nodeWidth={12}
          margin={{ top: 8, right: 150, bottom: 8, left: 8 }}
          node={renderNode}
          link={renderLink}
        >
          <Tooltip
            contentStyle={{
              background: tokens.surface,
              border: `1px solid ${tokens.border}`,
              color: tokens.text,
            }}
            formatter={(v) => formatNumber(Number(v), lang)}
          />
        </Sankey>
      </ResponsiveContainer>
    </div>
  );
}
