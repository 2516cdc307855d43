/**
 * Turns stage links into a Sankey layout input that cannot blank the chart: each stage has its
 * own nodes (Brazil as origin and Brazil as transit are different nodes), small nodes are grouped
 * into "other" per stage, self-links are dropped and any link that would close a cycle is left
 * out (recharts draws nothing, without an error, when a Sankey has a cycle).
 */
import type { StageLinkRow } from '../sql/sankey';

/** A node: a code in a stage. */
export interface SankeyNodeDatum {
  name: string;
  stage: string;
  code: string;
  value: number;
}

/** The layout input and what was simplified. */
export interface SankeyInput {
  nodes: SankeyNodeDatum[];
  links: { source: number; target: number; value: number }[];
  /** Codes folded into "other" nodes. */
  grouped: number;
  /** Links dropped because they would close a cycle. */
  droppedForCycles: number;
}

/** The code of grouped small nodes. */
export const OTHER = 'other';

/**
 * The code of the node that carries flows with nothing at a stage (origin → destination with no
 * transit): the link goes through it rather than skipping the column and crossing every other.
 */
export const DIRECT = 'direct';

/**
 * Builds the Sankey input. Nodes carrying less than `minShare` of the total flow are grouped per
 * stage; `label` names the nodes. With `stages` (in order), a link that skips a stage passes
 * through that stage's `DIRECT` node.
 */
export function buildSankey(
  rows: readonly StageLinkRow[],
  minShare: number,
  label: (stage: string, code: string) => string,
  stages: readonly string[] = [],
): SankeyInput {
  const valid = rows
    .filter((r) => Number.isFinite(r.value) && r.value > 0 && r.fromCode && r.toCode)
    .flatMap((r): StageLinkRow[] => {
      const a = stages.indexOf(r.fromStage);
      const b = stages.indexOf(r.toStage);
      if (a < 0 || b <= a + 1) return [r];
      const via = stages.slice(a + 1, b);
      const hops: StageLinkRow[] = [];
      let from = { stage: r.fromStage, code: r.fromCode };
      for (const stage of [...via, r.toStage]) {
        const to = stage === r.toStage ? { stage, code: r.toCode } : { stage, code: DIRECT };
        hops.push({
          fromStage: from.stage,
          fromCode: from.code,
          toStage: to.stage,
          toCode: to.code,
          value: r.value,
        });
        from = to;
      }
      return hops;
    });
  const key = (stage: string, code: string) => `${stage}\u0000${code}`;
  const inflow = new Map<string, number>();
  const outflow = new Map<string, number>();
  for (const r of valid) {
    outflow.set(
      key(r.fromStage, r.fromCode),
      (outflow.get(key(r.fromStage, r.fromCode)) ?? 0) + r.value,
    );
    inflow.set(key(r.toStage, r.toCode), (inflow.get(key(r.toStage, r.toCode)) ?? 0) + r.value);
  }
  // The total flow is what leaves the first stage (nodes nothing flows into).
  let total = 0;
  for (const [k, v] of outflow) if (!inflow.has(k)) total += v;
  const size = (k: string) => Math.max(inflow.get(k) ?? 0, outflow.get(k) ?? 0);
  const groupedCodes = new Set<string>();
  const resolve = (stage: string, code: string) => {
    const k = key(stage, code);
    if (code !== DIRECT && size(k) < minShare * total) {
      groupedCodes.add(k);
      return key(stage, OTHER);
    }
    return k;
  };

  // Merge links after grouping.
  const merged = new Map<string, { from: string; to: string; value: number }>();
  for (const r of valid) {
    const from = resolve(r.fromStage, r.fromCode);
    const to = resolve(r.toStage, r.toCode);
    if (from === to) continue;
    const k = `${from}\u0001${to}`;
    const m = merged.get(k);
    if (m) m.value += r.value;
    else merged.set(k, { from, to, value: r.value });
  }

  // Accept links largest first, skipping any that would close a cycle.
  const out = new Map<string, Set<string>>();
  const reaches = (a: string, b: string) => {
    const stack = [a];
    const seen = new Set<string>();
    while (stack.length) {
      const n = stack.pop()!;
      if (n === b) return true;
      if (seen.has(n)) continue;
      seen.add(n);
      for (const m of out.get(n) ?? []) stack.push(m);
    }
    return false;
  };
  const accepted: { from: string; to: string; value: number }[] = [];
  let droppedForCycles = 0;
  for (const l of [...merged.values()].sort(
    (a, b) => b.value - a.value || (a.from + a.to < b.from + b.to ? -1 : 1),
  )) {
    if (reaches(l.to, l.from)) {
      droppedForCycles++;
      continue;
    }
    let set = out.get(l.from);
    if (!set) out.set(l.from, (set = new Set()));
    set.add(l.to);
    accepted.push(l);
  }

  const index = new Map<string, number>();
  const nodes: SankeyNodeDatum[] = [];
  const nodeOf = (k: string) => {
    let i = index.get(k);
    if (i === undefined) {
      const [stage = '', code = ''] = k.split('\u0000');
      i = nodes.length;
      index.set(k, i);
      nodes.push({ name: label(stage, code), stage, code, value: 0 });
    }
    return i;
  };
  const links = accepted.map((l) => ({
    source: nodeOf(l.from),
    target: nodeOf(l.to),
    value: l.value,
  }));
  const ins = new Map<number, number>();
  const outs = new Map<number, number>();
  for (const l of links) {
    outs.set(l.source, (outs.get(l.source) ?? 0) + l.value);
    ins.set(l.target, (ins.get(l.target) ?? 0) + l.value);
  }
  nodes.forEach((n, i) => (n.value = Math.max(ins.get(i) ?? 0, outs.get(i) ?? 0)));
  return { nodes, links, grouped: groupedCodes.size, droppedForCycles };
}
