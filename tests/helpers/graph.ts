import type { Change, GraphEdge, GraphNode } from '../../server/model/index.ts';
import { changeKey } from '../../server/model/index.ts';

/** `TYPE from -> to` lines of the edges of some types, sorted: easy to compare exactly. */
export function edgeLines(edges: readonly GraphEdge[], ...types: GraphEdge['type'][]): string[] {
  return edges
    .filter((e) => types.length === 0 || types.includes(e.type))
    .map((e) => `${e.type} ${e.from} -> ${e.to}`)
    .sort();
}

/** Edges leaving one node, as lines. */
export function edgesFrom(
  edges: readonly GraphEdge[],
  from: string,
  ...types: GraphEdge['type'][]
): string[] {
  return edgeLines(
    edges.filter((e) => e.from === from),
    ...types,
  );
}

export function nodeByKey(nodes: readonly GraphNode[], key: string): GraphNode {
  const node = nodes.find((n) => n.key === key);
  if (!node) throw new Error(`no node ${key}; nodes: ${nodes.map((n) => n.key).join(', ')}`);
  return node;
}

/** `OP key` lines of a change set, in order. */
export function changeLines(changes: readonly Change[]): string[] {
  return changes.map((c) => `${c.op} ${changeKey(c)}`);
}
