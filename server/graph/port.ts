/**
 * The graph store port: one batch-oriented interface that every store adapter implements
 * and one contract suite (`tests/graph/contract.ts`) proves.
 *
 * @remarks
 * Reads take lists of keys and answer in input order, so that a DataLoader can turn the
 * N lookups of one GraphQL query into one call. Every bound is enforced here, not only
 * in the API: an adapter clamps or rejects a request beyond {@link LIMITS}.
 */
import type { ChangeSet, EdgeType, GraphEdge, GraphNode, NodeKind } from '../model/index.ts';

/** The largest values any caller may ask for. */
export const LIMITS = {
  /** Largest page of `findNodes` / `unusedExports`. */
  pageSize: 500,
  /** Deepest `traverse`. */
  traverseDepth: 10,
  /** Most nodes one `traverse` returns. */
  traverseLimit: 10_000,
  /** Longest `shortestPath`, in edges. */
  pathDepth: 15,
  /** Most keys in one batched read. */
  batchKeys: 5_000,
} as const;

/** Defaults used when a caller gives no bound. */
export const DEFAULTS = {
  pageSize: 50,
  traverseLimit: 1_000,
  pathDepth: 10,
} as const;

export type Direction = 'OUT' | 'IN' | 'BOTH';

export interface EdgeQuery {
  /** Edge types to return. @default every type */
  readonly types?: readonly EdgeType[];
  /** `OUT`: edges whose `from` is the key; `IN`: whose `to` is; `BOTH`: either. */
  readonly direction: Direction;
}

export interface NodeFilter {
  /**
   * Case-insensitive match on the node's `name` property, lowercased by JavaScript's Unicode
   * rules: exact matches first, then prefix matches, then substring matches; within a tier
   * shorter names first (the lowercased name's `length`), then by key. Without text, nodes
   * come in key order.
   */
  readonly text?: string;
  readonly kinds?: readonly NodeKind[];
  /** Only nodes whose file path starts with this (root-relative, posix). */
  readonly pathPrefix?: string;
  readonly exported?: boolean;
}

export interface PageRequest {
  /** Page size, 0..{@link LIMITS.pageSize}. @default {@link DEFAULTS.pageSize} */
  readonly first?: number;
  /** An opaque cursor from a previous page's `endCursor`. */
  readonly after?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Cursor of each item, in order (Relay edges need one per item). */
  readonly cursors: readonly string[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
}

export interface TraverseOptions {
  readonly types?: readonly EdgeType[];
  /** `OUT` follows edges forward (callees), `IN` backward (callers, dependents). */
  readonly direction: Exclude<Direction, 'BOTH'>;
  /** 1..{@link LIMITS.traverseDepth}. */
  readonly maxDepth: number;
  /** Most nodes returned. @default {@link DEFAULTS.traverseLimit}, at most {@link LIMITS.traverseLimit} */
  readonly limit?: number;
}

/** A node reached by a traversal, at its smallest depth (the start keys are not included). */
export interface Reached {
  readonly node: GraphNode;
  readonly depth: number;
}

export interface PathOptions {
  readonly types?: readonly EdgeType[];
  /** @default {@link DEFAULTS.pathDepth}, at most {@link LIMITS.pathDepth} */
  readonly maxDepth?: number;
}

/** A path: its nodes from `from` to `to`, and the edge between each consecutive pair. */
export interface GraphPath {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

export interface CycleOptions {
  /** Count type-only imports as dependencies. @default false */
  readonly includeTypeOnly?: boolean;
}

export interface StoreStats {
  readonly revision: number;
  readonly nodes: Readonly<Record<NodeKind, number>>;
  readonly edges: Readonly<Record<EdgeType, number>>;
}

/** How many edges of one type and direction the nodes of one group hold (none counts too). */
export interface DegreeSummary {
  /** The 99th percentile: what a busy node of the group holds. */
  readonly p99: number;
  readonly max: number;
}

/** The groups whose degrees are summarized apart: files, symbols (every symbol kind), external modules. */
export type DegreeGroup = 'FILE' | 'SYMBOL' | 'EXTERNAL_MODULE';

/**
 * Degree statistics of the graph, by edge type, direction (`out`: edges leaving a node) and
 * group of the node.
 */
export type DegreeStats = Readonly<
  Record<
    EdgeType,
    {
      readonly in: Readonly<Record<DegreeGroup, DegreeSummary>>;
      readonly out: Readonly<Record<DegreeGroup, DegreeSummary>>;
    }
  >
>;

export type StoreState = 'connecting' | 'ready' | 'unavailable';

export interface StoreHealth {
  readonly state: StoreState;
  /** Why the store is not ready, for `/readyz` and logs. */
  readonly message?: string;
}

/** Codes of {@link GraphStoreError}; the API maps them to GraphQL error codes. */
export type GraphStoreErrorCode =
  /** The store cannot be reached (Memgraph down); try again later. */
  | 'STORE_UNAVAILABLE'
  /** A change set contradicts the graph (an edge to a missing node); nothing was applied. */
  | 'INVALID_CHANGE_SET'
  /** A request beyond a limit or otherwise malformed (a bad cursor). */
  | 'BAD_REQUEST';

export class GraphStoreError extends Error {
  override readonly name = 'GraphStoreError';
  constructor(
    readonly code: GraphStoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Where the code graph lives. Implemented by the memory adapter (graphology, the
 * default) and the Memgraph adapter (neo4j-driver over Bolt).
 */
export interface GraphStore {
  /** `memory` or `memgraph`, for logs and readiness. */
  readonly name: string;

  /**
   * Apply a change set atomically: all of it or none of it becomes visible.
   * Removing a node removes its edges. Every edge's ends must exist afterwards.
   *
   * @returns the new revision, one more than the previous one.
   * @throws {@link GraphStoreError} `INVALID_CHANGE_SET` (nothing applied) or `STORE_UNAVAILABLE`.
   */
  apply(changeSet: ChangeSet): Promise<number>;

  /** The revision of the last applied change set; 0 for an empty store. */
  revision(): Promise<number>;

  /** Nodes by key, in input order; `undefined` where a key is absent. */
  getNodes(keys: readonly string[]): Promise<(GraphNode | undefined)[]>;

  /**
   * For each key, in input order, its edges of the requested types and direction,
   * ordered by type, then `from`, then `to`.
   */
  getEdges(keys: readonly string[], query: EdgeQuery): Promise<GraphEdge[][]>;

  /** Search and list nodes, a page at a time. */
  findNodes(filter: NodeFilter, page?: PageRequest): Promise<Page<GraphNode>>;

  /** Nodes reachable from `keys` within `maxDepth` edges, ordered by depth, then key. */
  traverse(keys: readonly string[], options: TraverseOptions): Promise<Reached[]>;

  /** A shortest directed path from `from` to `to`, or `undefined` when none is within reach. */
  shortestPath(from: string, to: string, options?: PathOptions): Promise<GraphPath | undefined>;

  /**
   * Strongly connected components (more than one file, or a file importing itself) of the
   * file→file IMPORTS graph. Each cycle's paths are sorted; cycles are sorted by first path.
   */
  importCycles(options?: CycleOptions): Promise<string[][]>;

  /**
   * Exported symbols under `pathPrefix` that nothing outside their file calls, instantiates,
   * references, extends or implements, and that no other file imports by name.
   * Ordered by key.
   */
  unusedExports(filter: { readonly pathPrefix?: string }, page?: PageRequest): Promise<Page<GraphNode>>;

  /** Counts by node kind and edge type, with the revision. */
  stats(): Promise<StoreStats>;

  /**
   * Degree statistics of the current revision (the API weighs unpaged lists by them when it
   * estimates a query's cost). Optional: without it the API assumes 10 items per list.
   */
  degreeStats?(): Promise<DegreeStats>;

  /** The store's state now, without waiting (for `/readyz`). */
  health(): StoreHealth;

  /** Release connections. */
  close(): Promise<void>;
}
