import { EDGE_TYPES, type EdgeType } from '../../model/index.ts';
import type { DegreeStats, DegreeSummary } from '../port.ts';
import type { MemoryGraph } from './memory-graph.ts';

/** Degrees by edge type and direction over the nodes that have at least one such edge: one pass over the edges. */
export function degreeStatsOf(graph: MemoryGraph): DegreeStats {
  const counts = new Map<string, Map<string, number>>();
  const count = (type: EdgeType, direction: 'in' | 'out', key: string) => {
    const id = `${type} ${direction}`;
    let byNode = counts.get(id);
    if (!byNode) {
      byNode = new Map();
      counts.set(id, byNode);
    }
    byNode.set(key, (byNode.get(key) ?? 0) + 1);
  };
  graph.forEachEdge((edge) => {
    count(edge.type, 'out', edge.from);
    count(edge.type, 'in', edge.to);
  });
  const summary = (type: EdgeType, direction: 'in' | 'out'): DegreeSummary => {
    const degrees = [...(counts.get(`${type} ${direction}`)?.values() ?? [])].sort((a, b) => a - b);
    if (degrees.length === 0) return { p99: 0, max: 0 };
    return {
      p99: degrees[Math.min(degrees.length - 1, Math.floor(0.99 * degrees.length))]!,
      max: degrees[degrees.length - 1]!,
    };
  };
  return Object.fromEntries(
    EDGE_TYPES.map((type) => [type, { in: summary(type, 'in'), out: summary(type, 'out') }]),
  ) as DegreeStats;
}
