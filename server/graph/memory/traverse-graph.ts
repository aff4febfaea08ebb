import type { GraphEdge } from '../../model/index.ts';
import type { ResolvedTraverse } from '../bounds.ts';
import type { Reached } from '../port.ts';
import { importersByNameOf } from './importers-by-name.ts';
import type { MemoryGraph } from './memory-graph.ts';

/**
 * Breadth-first from every start key at once, level by level, so each node is reached at
 * its smallest depth; each level is sorted by key, so the first `limit` results are exactly
 * the first `limit` in (depth, key) order. With `importsByName`, a step back from a symbol also
 * reaches the files importing it by name.
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
  const reach = (other: string): void => {
    if (seen.has(other)) return;
    seen.add(other);
    next.push(other);
  };
  const visit = (edge: GraphEdge): void => {
    if (types && !types.has(edge.type)) return;
    reach(options.direction === 'OUT' ? edge.to : edge.from);
  };

  for (let depth = 1; depth <= options.maxDepth && frontier.length > 0; depth += 1) {
    next = [];
    for (const key of frontier) {
      if (options.direction === 'OUT') graph.forEachOutEdge(key, visit);
      else graph.forEachInEdge(key, visit);
      if (options.importsByName) for (const importer of importersByNameOf(graph, key)) reach(importer);
    }
    next.sort();
    for (const key of next) {
      if (reached.length >= options.limit) return reached;
      reached.push({ node: graph.getNode(key)!, depth });
    }
    frontier = next;
  }
  return reached;
}
