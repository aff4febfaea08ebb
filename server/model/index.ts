/**
 * The graph model shared by every stage: plain, serializable records.
 *
 * Analysis produces these records, the graph store persists them, the event log carries
 * them. Nothing here knows ts-morph, GraphQL, Redis or Memgraph.
 *
 * @packageDocumentation
 */
import type { EdgeType, NodeKind, Props } from './graph-model.ts';
import { EDGE_TYPES, NODE_KINDS } from './graph-model.ts';

export {
  CALL_EDGES,
  DEPENDENCY_EDGES,
  EDGE_MODEL,
  EDGE_TYPES,
  type EdgeProps,
  type EdgeType,
  type EdgeTypeSpec,
  type ExternalModuleProps,
  edgeProps,
  edgeTypesWhere,
  externalModuleProps,
  type FileProps,
  fileProps,
  type ImportProps,
  importNamesOf,
  importsByName,
  isSymbolKind,
  type Location,
  NODE_KINDS,
  NODE_MODEL,
  type NodeKind,
  type NodeKindSpec,
  type NodeProps,
  type NoProps,
  nodeName,
  type Props,
  type PropValue,
  type SiteProps,
  type StoredDiagnostic,
  SYMBOL_KINDS,
  SYMBOL_OWNED_EDGES,
  type SymbolKind,
  type SymbolProps,
  symbolProps,
  USE_EDGES,
} from './graph-model.ts';

/** A node of the code graph. `key` is stable and readable (`src/a.ts#Outer.inner`). */
export interface GraphNode {
  readonly key: string;
  readonly kind: NodeKind;
  readonly props: Props;
}

/** A directed edge. At most one edge of a type between two nodes; its key is {@link edgeKey}. */
export interface GraphEdge {
  readonly type: EdgeType;
  readonly from: string;
  readonly to: string;
  readonly props: Props;
}

/** What identifies an edge. */
export type EdgeRef = Pick<GraphEdge, 'type' | 'from' | 'to'>;

/** `TYPE:from->to`, the readable key of an edge (as events carry it). */
export function edgeKey(edge: EdgeRef): string {
  return `${edge.type}:${edge.from}->${edge.to}`;
}

/** The operations of a change, as clients see them in `graphChanged`. */
export const CHANGE_OPS = [
  'NODE_ADDED',
  'NODE_UPDATED',
  'NODE_REMOVED',
  'EDGE_ADDED',
  'EDGE_REMOVED',
] as const;
export type ChangeOp = (typeof CHANGE_OPS)[number];

/**
 * One change of a change set.
 *
 * @remarks
 * `EDGE_ADDED` is an upsert: it also carries an existing edge whose properties changed
 * (a call count going from 1 to 2). The contract fixes five operations, and an edge's
 * identity is its key, so a consumer applying `EDGE_ADDED` replaces what it had.
 */
export type Change =
  | { readonly op: 'NODE_ADDED' | 'NODE_UPDATED'; readonly node: GraphNode }
  | { readonly op: 'NODE_REMOVED'; readonly key: string; readonly kind: NodeKind }
  | { readonly op: 'EDGE_ADDED'; readonly edge: GraphEdge }
  | { readonly op: 'EDGE_REMOVED'; readonly edge: EdgeRef };

/**
 * A set of changes that becomes visible at once, as one revision.
 *
 * @remarks
 * A change set never names the same node or edge twice. Removing a node implies
 * removing its edges; analysis still lists those edge removals explicitly so that
 * events describe everything that vanished.
 */
export interface ChangeSet {
  /** Root-relative paths of the files whose analysis produced this change set. */
  readonly files: readonly string[];
  readonly changes: readonly Change[];
}

/** The key a change is about: a node key, or an edge key (`TYPE:from->to`). */
export function changeKey(change: Change): string {
  switch (change.op) {
    case 'NODE_ADDED':
    case 'NODE_UPDATED':
      return change.node.key;
    case 'NODE_REMOVED':
      return change.key;
    case 'EDGE_ADDED':
    case 'EDGE_REMOVED':
      return edgeKey(change.edge);
  }
}

/** The kind of a change's subject: a node kind, or the edge's type. */
export function changeKind(change: Change): NodeKind | EdgeType {
  switch (change.op) {
    case 'NODE_ADDED':
    case 'NODE_UPDATED':
      return change.node.kind;
    case 'NODE_REMOVED':
      return change.kind;
    case 'EDGE_ADDED':
    case 'EDGE_REMOVED':
      return change.edge.type;
  }
}

/** The file a key belongs to: `src/a.ts#X.y` → `src/a.ts`; external modules have none. */
export function fileOfKey(key: string): string | undefined {
  if (key.startsWith('npm:') || key.startsWith('node:')) return undefined;
  const hash = key.indexOf('#');
  return hash === -1 ? key : key.slice(0, hash);
}

export function isNodeKind(value: string): value is NodeKind {
  return (NODE_KINDS as readonly string[]).includes(value);
}

export function isEdgeType(value: string): value is EdgeType {
  return (EDGE_TYPES as readonly string[]).includes(value);
}
