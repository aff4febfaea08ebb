import { EDGE_TYPES, type NodeKind } from '../../model/index.ts';
import type { DegreeGroup, DegreeStats, DegreeSummary } from '../port.ts';
import type { MemoryGraph } from './memory-graph.ts';

const GROUPS: readonly DegreeGroup[] = ['FILE', 'SYMBOL', 'EXTERNAL_MODULE'];

function groupOf(kind: NodeKind): DegreeGroup {
  return kind === 'FILE' || kind === 'EXTERNAL_MODULE' ? kind : 'SYMBOL';
}

/**
 * Degrees by edge type, direction and group of node, over every node of the group (a node
 * without such edges counts as 0: `members` of a symbol weighs what symbols hold, not what
 * classes do). One pass over the nodes and the edges, then a histogram per type, direction
 * and group (degrees repeat a lot, so the histograms are small).
 */
export function degreeStatsOf(graph: MemoryGraph): DegreeStats {
  const { kinds, out, in: into } = graph.degrees(EDGE_TYPES);
  const width = EDGE_TYPES.length;
  const histograms = (counts: Int32Array, column: number) => {
    const byGroup = new Map(GROUPS.map((group) => [group, new Map<number, number>()]));
    kinds.forEach((kind, id) => {
      if (kind === undefined) return;
      const histogram = byGroup.get(groupOf(kind))!;
      const degree = counts[id * width + column]!;
      histogram.set(degree, (histogram.get(degree) ?? 0) + 1);
    });
    return Object.fromEntries(GROUPS.map((group) => [group, summary(byGroup.get(group)!)])) as Record<
      DegreeGroup,
      DegreeSummary
    >;
  };
  return Object.fromEntries(
    EDGE_TYPES.map((type, i) => [type, { in: histograms(into, i), out: histograms(out, i) }]),
  ) as DegreeStats;
}

/** The 99th percentile and the maximum of a histogram of degrees (degree → nodes). */
function summary(histogram: Map<number, number>): DegreeSummary {
  const degrees = [...histogram.keys()].sort((a, b) => a - b);
  if (degrees.length === 0) return { p99: 0, max: 0 };
  let nodes = 0;
  for (const count of histogram.values()) nodes += count;
  const max = degrees[degrees.length - 1]!;
  // The degree of the node at rank floor(0.99 × nodes), counting from 0.
  const rank = Math.min(nodes - 1, Math.floor(0.99 * nodes));
  let seen = 0;
  for (const degree of degrees) {
    seen += histogram.get(degree)!;
    if (seen > rank) return { p99: degree, max };
  }
  return { p99: max, max };
}
