import type { GraphEdge } from '../../model/index.ts';
import type { ResolvedPath } from '../bounds.ts';
import type { GraphPath } from '../port.ts';
import type { MemoryGraph } from './memory-graph.ts';

/** A shortest directed path by breadth-first search, or `undefined` beyond `maxDepth`. */
export function shortestPathIn(
  graph: MemoryGraph,
  from: string,
  to: string,
  options: ResolvedPath,
): GraphPath | undefined {
  if (!graph.hasNode(from) || !graph.hasNode(to)) return undefined;
  const nodeOf = (key: string) => graph.getNode(key)!;
  if (from === to) return { nodes: [nodeOf(from)], edges: [] };

  const types = options.types && new Set<string>(options.types);
  // The edge through which each node was first reached: following it back gives the path.
  const cameBy = new Map<string, GraphEdge>();
  const seen = new Set([from]);
  let frontier = [from];
  for (let depth = 1; depth <= options.maxDepth && frontier.length > 0; depth += 1) {
    const next: string[] = [];
    for (const key of frontier) {
      graph.forEachOutEdge(key, (edge) => {
        if ((types && !types.has(edge.type)) || seen.has(edge.to)) return;
        seen.add(edge.to);
        cameBy.set(edge.to, edge);
        next.push(edge.to);
      });
    }
    if (seen.has(to)) {
      const edges: GraphEdge[] = [];
      for (let at = to; at !== from; at = edges[0]!.from) edges.unshift(cameBy.get(at)!);
      return { nodes: [nodeOf(from), ...edges.map((edge) => nodeOf(edge.to))], edges };
    }
    frontier = next;
  }
  return undefined;
}
