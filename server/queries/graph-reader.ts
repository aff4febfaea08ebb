import type { Direction, GraphStore } from '../graph/port.ts';
import { type EdgeType, type GraphEdge, type GraphNode, isSymbolKind } from '../model/index.ts';

/**
 * The part of the store that questions about one node's neighbours need. The API passes a
 * batching reader (one store call for the lookups of a whole query); other callers pass the
 * store itself.
 */
export type GraphReader = Pick<GraphStore, 'getNodes' | 'getEdges'>;

/** A direction one can follow: forward (`OUT`) or backward (`IN`). */
export type WalkDirection = Exclude<Direction, 'BOTH'>;

/** A node's edges of some types in one direction, in the store's edge order. */
export async function edgesOf(
  reader: GraphReader,
  key: string,
  types: readonly EdgeType[],
  direction: WalkDirection,
): Promise<GraphEdge[]> {
  const [edges] = await reader.getEdges([key], { types, direction });
  return edges ?? [];
}

/** The nodes at the other end of a node's edges, in the store's edge order, without repeats. */
export async function related(
  reader: GraphReader,
  key: string,
  types: readonly EdgeType[],
  direction: WalkDirection,
): Promise<GraphNode[]> {
  const edges = await edgesOf(reader, key, types, direction);
  const keys = [...new Set(edges.map((e) => (direction === 'OUT' ? e.to : e.from)))];
  return present(await reader.getNodes(keys));
}

/** Nodes without the missing ones. */
export function present(nodes: readonly (GraphNode | undefined)[]): GraphNode[] {
  return nodes.filter((n): n is GraphNode => n !== undefined);
}

/** Code symbols: every node but files and external modules (the model's `symbol` kinds). */
export function isSymbol(node: GraphNode): boolean {
  return isSymbolKind(node.kind);
}

/** What {@link walk} follows and how far. */
export interface WalkOptions {
  readonly types: readonly EdgeType[];
  readonly direction: WalkDirection;
  /** Edges from the start, at least 1. */
  readonly depth: number;
  /** Most nodes returned. */
  readonly limit: number;
  /** Which reached keys are returned (and count towards `limit`); the others are walked through only. @default all */
  readonly returns?: (key: string) => boolean;
}

/**
 * The answer of a bounded walk: the nearest nodes, how many the walk found, and whether its
 * bound left some out.
 */
export interface Walked<T> {
  /** The nearest ones, at most the walk's limit, nearest first, then by key. */
  readonly items: readonly T[];
  /**
   * How many the walk found: all of them, or, when `truncated`, at least this many (the walk
   * stops soon after its limit).
   */
  readonly totalCount: number;
  /** The limit cut the answer: more lie within the depth asked than `items` holds. */
  readonly truncated: boolean;
}

/**
 * Nodes reachable from `key` (or from any of several keys) within `depth` edges, each at its
 * smallest depth, ordered by depth then key (the starts are not included), at most `limit` of
 * them; the walk goes one level past the limit when it fills it exactly, so that `truncated`
 * says whether there are more. Walks level by level, one `getEdges` call per level, so through
 * a batching reader the walks of a whole page of symbols cost one store call per level, not
 * one per symbol.
 */
export async function walk(
  reader: GraphReader,
  key: string | readonly string[],
  options: WalkOptions,
): Promise<Walked<{ node: GraphNode; depth: number }>> {
  const starts = typeof key === 'string' ? [key] : [...new Set(key)];
  const seen = new Set(starts);
  const reached: { key: string; depth: number }[] = [];
  let frontier = starts;
  for (
    let depth = 1;
    depth <= options.depth && frontier.length > 0 && reached.length <= options.limit;
    depth++
  ) {
    const edgeLists = await reader.getEdges(frontier, { types: options.types, direction: options.direction });
    const next: string[] = [];
    for (const edges of edgeLists) {
      for (const edge of edges) {
        const other = options.direction === 'OUT' ? edge.to : edge.from;
        if (seen.has(other)) continue;
        seen.add(other);
        next.push(other);
      }
    }
    next.sort();
    for (const other of next)
      if (!options.returns || options.returns(other)) reached.push({ key: other, depth });
    frontier = next;
  }
  const limited = reached.slice(0, options.limit);
  const nodes = await reader.getNodes(limited.map((r) => r.key));
  return {
    items: limited.flatMap((r, i) => {
      const node = nodes[i];
      return node ? [{ node, depth: r.depth }] : [];
    }),
    totalCount: reached.length,
    truncated: reached.length > options.limit,
  };
}
