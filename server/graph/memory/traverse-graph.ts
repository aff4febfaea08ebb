import type { ResolvedTraverse } from '../bounds.ts';
import type { Reached } from '../port.ts';
import type { EdgeAttributes, MemoryGraph } from './memory-graph.ts';

/**
 * Breadth-first from every start key at once, level by level, so each node is reached at
 * its smallest depth; each level is sorted by key, so the first `limit` results are exactly
 * the first `limit` in (depth, key) order.
 */
export function traverseGraph(
  graph: MemoryGraph,
  keys: readonly string[],
  options: ResolvedTraverse,
): Reached[] {
  const types = options.types && new Set<string>(options.types);
  const seen = new Set(keys);
  const reached: Reached[] = [];
  let frontier = [...seen].filter((key) => graph.hasNode(key));
  let next: string[] = [];
  const visit = (_key: string, { edge }: EdgeAttributes, source: string, target: string): void => {
    if (types && !types.has(edge.type)) return;
    const other = options.direction === 'OUT' ? target : source;
    if (seen.has(other)) return;
    seen.add(other);
    next.push(other);
  };

  for (let depth = 1; depth <= options.maxDepth && frontier.length > 0; depth += 1) {
    next = [];
    for (const key of frontier) {
      if (options.direction === 'OUT') graph.forEachOutEdge(key, visit);
      else graph.forEachInEdge(key, visit);
    }
    next.sort();
    for (const key of next) {
      if (reached.length >= options.limit) return reached;
      reached.push({ node: graph.getNodeAttributes(key).node, depth });
    }
    frontier = next;
  }
  return reached;
}
