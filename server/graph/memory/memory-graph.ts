import { MultiDirectedGraph } from 'graphology';
import type { GraphEdge, GraphNode } from '../../model/index.ts';

/** A node's attributes: the stored record, returned to readers as is (never mutated). */
export interface NodeAttributes {
  readonly node: GraphNode;
}

/** An edge's attributes: the stored record, returned to readers as is (never mutated). */
export interface EdgeAttributes {
  readonly edge: GraphEdge;
}

/**
 * The topology: a directed multigraph (edges of several types may join the same two nodes),
 * self-loops allowed (a file importing itself), edge keys from `edgeKey`.
 */
export type MemoryGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

export function createMemoryGraph(): MemoryGraph {
  return new MultiDirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: true });
}
