import { EDGE_TYPES } from '../../model/index.ts';
import type { DegreeStats, DegreeSummary } from '../port.ts';
import type { MemoryGraph } from './memory-graph.ts';

/**
 * Degrees by edge type and direction over the nodes that have at least one such edge: one
 * pass over the edges, then a histogram per type and direction (degrees repeat a lot, so the
 * histograms are small).
 */
export function degreeStatsOf(graph: MemoryGraph): DegreeStats {
  const { out, in: into } = graph.degrees(EDGE_TYPES);
  const width = EDGE_TYPES.length;
  const histogram = (counts: Int32Array, column: number) => {
    const nodes = new Map<number, number>();
    for (let at = column; at < counts.length; at += width) {
      const degree = counts[at]!;
      if (degree > 0) nodes.set(degree, (nodes.get(degree) ?? 0) + 1);
    }
    return nodes;
  };
  return Object.fromEntries(
    EDGE_TYPES.map((type, i) => [type, { in: summary(histogram(into, i)), out: summary(histogram(out, i)) }]),
  ) as DegreeStats;
}

/** The 99th percentile and the maximum of a histogram of degrees (degree → nodes). */
function summary(histogram: Map<number, number>): DegreeSummary {
  const degrees = [...histogram.keys()].sort((a, b) => a - b);
  if (degrees.length === 0) return { p99: 0, max: 0 };
  let nodes = 0;
  for (const count of histogram.values()) nodes += count;
  // The degree of the node at rank floor(0.99 × nodes), counting from 0.
  const rank = Math.min(nodes - 1, Math.floor(0.99 * nodes));
  let seen = 0;
  for (const degree of degrees) {
    seen += histogram.get(degree)!;
    if (seen > rank) return { p99: degree, max: degrees[degrees.length - 1]! };
  }
  return { p99: degrees[degrees.length - 1]!, max: degrees[degrees.length - 1]! };
}
