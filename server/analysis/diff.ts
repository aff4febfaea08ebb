import {
  type Change,
  changeKey,
  edgeKey,
  type GraphEdge,
  type GraphNode,
  type Props,
  type PropValue,
} from '../model/index.ts';

/**
 * The minimal changes that turn one part of the graph into another: nodes added, updated
 * (only when a property really changed), removed; edges added (or re-added with new
 * properties), removed. Ordered so that a client applying them one by one never holds
 * an edge without its ends: edge removals, node removals, node additions and updates,
 * edge additions; by key within each group.
 */
export function diffGraph(
  before: { nodes: ReadonlyMap<string, GraphNode>; edges: ReadonlyMap<string, GraphEdge> },
  after: { nodes: ReadonlyMap<string, GraphNode>; edges: ReadonlyMap<string, GraphEdge> },
): Change[] {
  const edgeRemovals: Change[] = [];
  const nodeRemovals: Change[] = [];
  const nodeChanges: Change[] = [];
  const edgeAdditions: Change[] = [];

  for (const [key, edge] of before.edges) {
    if (!after.edges.has(key))
      edgeRemovals.push({ op: 'EDGE_REMOVED', edge: { type: edge.type, from: edge.from, to: edge.to } });
  }
  for (const [key, node] of before.nodes) {
    if (!after.nodes.has(key)) nodeRemovals.push({ op: 'NODE_REMOVED', key, kind: node.kind });
  }
  for (const [key, node] of after.nodes) {
    const old = before.nodes.get(key);
    if (!old) nodeChanges.push({ op: 'NODE_ADDED', node });
    else if (old.kind !== node.kind || !sameProps(old.props, node.props))
      nodeChanges.push({ op: 'NODE_UPDATED', node });
  }
  for (const [key, edge] of after.edges) {
    const old = before.edges.get(key);
    if (!old || !sameProps(old.props, edge.props)) edgeAdditions.push({ op: 'EDGE_ADDED', edge });
  }
  const byKey = (a: Change, b: Change) => {
    const ka = changeKey(a);
    const kb = changeKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
  return [edgeRemovals, nodeRemovals, nodeChanges, edgeAdditions].flatMap((group) => group.sort(byKey));
}

/** Nodes and edges by key, for {@link diffGraph}. */
export function indexGraph(nodes: Iterable<GraphNode>, edges: Iterable<GraphEdge>) {
  const nodeMap = new Map<string, GraphNode>();
  const edgeMap = new Map<string, GraphEdge>();
  for (const node of nodes) nodeMap.set(node.key, node);
  for (const edge of edges) edgeMap.set(edgeKey(edge), edge);
  return { nodes: nodeMap, edges: edgeMap };
}

/** Deep equality of property values (plain JSON data). */
function sameProps(a: PropValue, b: PropValue): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as readonly PropValue[];
    return a.length === other.length && a.every((value, i) => sameProps(value, other[i]!));
  }
  // A null (or undefined) property is an absent one (stores drop them): a stored graph compares equal to
  // the analyzer's records it came from.
  const left = a as Props;
  const right = b as Props;
  const keys = Object.keys(left).filter((key) => left[key] != null);
  if (keys.length !== Object.keys(right).filter((key) => right[key] != null).length) return false;
  return keys.every((key) => right[key] != null && sameProps(left[key]!, right[key]!));
}
