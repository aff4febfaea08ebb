import type { Direction } from '../server/graph/port.ts';
import type { EdgeType, GraphEdge, GraphNode } from '../server/model/index.ts';
import type { SchemaContext } from './context.ts';

/** Edges of a node, through the request's batching loader. */
export function edgesOf(
  ctx: SchemaContext,
  key: string,
  types: readonly EdgeType[],
  direction: Exclude<Direction, 'BOTH'>,
): Promise<GraphEdge[]> {
  return ctx.loaders.edges(types, direction).load(key);
}

/** The nodes at the other end of a node's edges, in the store's edge order, without repeats. */
export async function related(
  ctx: SchemaContext,
  key: string,
  types: readonly EdgeType[],
  direction: Exclude<Direction, 'BOTH'>,
): Promise<GraphNode[]> {
  const edges = await edgesOf(ctx, key, types, direction);
  const keys = [...new Set(edges.map((e) => (direction === 'OUT' ? e.to : e.from)))];
  return present(await ctx.loaders.node.loadMany(keys));
}

/**
 * Nodes reachable from `key` within `depth` edges, each at its smallest depth, ordered by
 * depth then key. Walks level by level through the batching loaders, so the callers of a
 * whole page of symbols cost one store call per level, not one per symbol.
 */
export async function walk(
  ctx: SchemaContext,
  key: string,
  options: {
    types: readonly EdgeType[];
    direction: Exclude<Direction, 'BOTH'>;
    depth: number;
    limit: number;
  },
): Promise<{ node: GraphNode; depth: number }[]> {
  const seen = new Set([key]);
  const reached: { key: string; depth: number }[] = [];
  let frontier = [key];
  for (
    let depth = 1;
    depth <= options.depth && frontier.length > 0 && reached.length < options.limit;
    depth++
  ) {
    const edgeLists = await ctx.loaders.edges(options.types, options.direction).loadMany(frontier);
    const next: string[] = [];
    for (const edges of edgeLists) {
      if (edges instanceof Error) throw edges;
      for (const edge of edges) {
        const other = options.direction === 'OUT' ? edge.to : edge.from;
        if (seen.has(other)) continue;
        seen.add(other);
        next.push(other);
      }
    }
    next.sort();
    for (const other of next) reached.push({ key: other, depth });
    frontier = next;
  }
  const limited = reached.slice(0, options.limit);
  const nodes = await ctx.loaders.node.loadMany(limited.map((r) => r.key));
  return limited.flatMap((r, i) => {
    const node = nodes[i];
    return node && !(node instanceof Error) ? [{ node, depth: r.depth }] : [];
  });
}

/** Loaded nodes without the missing ones (and rethrowing a store failure). */
export function present(nodes: readonly (GraphNode | null | Error)[]): GraphNode[] {
  const result: GraphNode[] = [];
  for (const node of nodes) {
    if (node instanceof Error) throw node;
    if (node) result.push(node);
  }
  return result;
}

export function isSymbol(node: GraphNode): boolean {
  return node.kind !== 'FILE' && node.kind !== 'EXTERNAL_MODULE';
}
