/**
 * A Sankey diagram (recharts) with labelled nodes, theme colours and clickable nodes and links.
 * Node and link elements carry `data-*` attributes so tests can find them in the DOM.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Layer, Rectangle, ResponsiveContainer, Sankey, Tooltip } from 'recharts';
import type { NodeProps, LinkProps } from 'recharts/types/chart/Sankey';
import { formatNumber } from '../i18n';
import type { ThemeTokens } from '../theme/tokens';
import type { SankeyInput } from './sankey';
import {
  isHidden,
  protectFlows,
  safeText,
  useSafeK,
  type CellStatus,
} from '../disclosure/safeCounts';

/**
 * With briefing-safe counts, the links to draw and the status of each node's value: hidden links
 * are left out of the layout (a width would give their value away), nodes keep their true value
 * written as the protection allows, and nodes left with no link go.
 */
export function safeLayout(
  data: SankeyInput,
  k: number | null,
): { layout: SankeyInput; nodeStatus: (CellStatus | undefined)[]; hidden: number } {
  if (k === null) return { layout: data, nodeStatus: [], hidden: 0 };
  const id = (i: number) => `${data.nodes[i]!.stage}:${data.nodes[i]!.code}`;
  let p: ReturnType<typeof protectFlows>;
  try {
    p = protectFlows(
      data.links.map((l) => ({ source: id(l.source), target: id(l.target), value: l.value })),
      k,
    );
  } catch {
    // A node whose inflow and outflow differ (a link left out for a cycle): hide every link.
    p = { links: data.links.map(() => 'secondary'), nodes: new Map(), exposed: true };
  }
  const kept = data.links.filter((_, i) => !p.exposed && !isHidden(p.links[i]));
  const used = [...new Set(kept.flatMap((l) => [l.source, l.target]))].sort((a, b) => a - b);
  const index = new Map(used.map((old, i) => [old, i]));
  return {
    layout: {
      ...data,
      nodes: used.map((i) => data.nodes[i]!),
      links: kept.map((l) => ({
        ...l,
        source: index.get(l.source)!,
        target: index.get(l.target)!,
      })),
    },
    nodeStatus: used.map((i) => p.nodes.get(id(i))),
    hidden: data.links.length - kept.length,
  };
}

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
  data: input,
  tokens,
  lang,
  height,
  stageColours,
  selected,
  onNode,
  onLink,
  testId,
}: SankeyChartProps) {
  const { t } = useTranslation();
  const k = useSafeK();
  const { layout: data, nodeStatus, hidden } = useMemo(() => safeLayout(input, k), [input, k]);
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
          {node.name} ({safeText(node.value, nodeStatus[p.index], k, lang)})
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
          {k === null && (
            <Tooltip
              contentStyle={{
                background: tokens.surface,
                border: `1px solid ${tokens.border}`,
                color: tokens.text,
              }}
              formatter={(v) => formatNumber(Number(v), lang)}
            />
          )}
        </Sankey>
      </ResponsiveContainer>
      {k !== null && hidden > 0 && (
        <p className="panel__units" data-testid={testId && `${testId}-hidden`}>
          {t('safe.flowsHidden', { count: hidden, k })}
        </p>
      )}
    </div>
  );
}
