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
import { CodedError } from '../util/coded-error.ts';

export interface UnusedExportsFilter {
  readonly pathPrefix?: string;
  /** List a package's public API too (see {@link GraphStore.unusedExports}). @default false */
  readonly includePublicApi?: boolean;
}

/** Longest chain of re-exports followed from a package's entry point. */
export const MAX_REEXPORT_DEPTH = 32;

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
  /** Deepest `folderGraph` grouping, in folders below the prefix. */
  folderDepth: 32,
  /** Most folders one `folderGraph` opens by name. */
  expandedFolders: 1_000,
  /** Most nodes one `folderGraph` returns. */
  folderNodes: 5_000,
} as const;

/** Defaults used when a caller gives no bound. */
export const DEFAULTS = {
  pageSize: 50,
  traverseLimit: 1_000,
  pathDepth: 10,
  folderNodes: 500,
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
  /**
   * With `direction: 'IN'` and IMPORTS among `types`: a step back from a symbol also reaches the
   * files that import it by name ({@link GraphStore.importersByName}), though no edge leads from
   * them to the symbol itself (IMPORTS join files). What `impact` asks for. @default false
   */
  readonly importsByName?: boolean;
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

/** What {@link GraphStore.folderGraph} draws. */
export interface FolderGraphOptions {
  /** Only files whose path starts with this (root-relative, posix). Grouping starts at its folder. */
  readonly pathPrefix?: string;
  /**
   * Files are grouped by their first `depth` folders below the prefix's folder: folders less
   * deep are open (their files and subfolders are shown one by one).
   * 1..{@link LIMITS.folderDepth}. @default 1
   */
  readonly depth?: number;
  /**
   * Folders opened beyond `depth` (`src/lib/` or `src/lib`): each shows its files and subfolders
   * instead of one node. A folder inside a closed one stays hidden in it. At most
   * {@link LIMITS.expandedFolders}.
   */
  readonly expanded?: readonly string[];
  /**
   * Most nodes returned: beyond it the nodes holding the fewest files are left out (with their
   * edges) and `truncated` says so. 1..{@link LIMITS.folderNodes}. @default {@link DEFAULTS.folderNodes}
   */
  readonly limit?: number;
}

/** A node of the folder picture: a closed folder (all its files as one) or a file. */
export interface FolderGraphNode {
  /** A folder's path ends with `/` (`src/lib/`); a file's is its key (`src/a.ts`). */
  readonly path: string;
  readonly folder: boolean;
  /** Files it holds: 1 for a file. */
  readonly files: number;
}

/** Imports from the files of one node to the files of another. */
export interface FolderGraphEdge {
  readonly from: string;
  readonly to: string;
  /** How many file→file imports it stands for. */
  readonly imports: number;
}

/** The file import graph aggregated by folder; nodes in path order, edges by `from`, then `to`. */
export interface FolderGraph {
  readonly nodes: readonly FolderGraphNode[];
  readonly edges: readonly FolderGraphEdge[];
  /** True when the limit left nodes out. */
  readonly truncated: boolean;
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

export class GraphStoreError extends CodedError<GraphStoreErrorCode> {
  override readonly name = 'GraphStoreError';
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

  /**
   * For each key, in input order: the files that import that symbol by name, sorted — FILE nodes
   * other than the symbol's own whose IMPORTS edge to the symbol's file names it (its `name`, or
   * `default` for a default export), or re-exports all of that file (`export * from`: `*` in
   * `names` with `reExport`) — where that file is the dependent to report: always for a
   * re-export (the file passes the symbol on to its own importers; an edge that merges a
   * re-export and an import of one file counts as a re-export), and for a plain import only when
   * no code of the file (the file itself or a symbol in it) uses the symbol through a use edge
   * (`USE_EDGES`): where some does, that code is the dependent, and the import adds nothing.
   * Only an exported top-level symbol (its `qualifiedName` is its `name`) can be imported by
   * name: any other key, or an absent one, has none. A namespace import (`*` without `reExport`)
   * names nothing; its uses are edges of their own.
   */
  importersByName(keys: readonly string[]): Promise<string[][]>;

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
   *
   * Unless `includePublicApi`, a package's public API is not unused: a symbol of an entry point
   * (a FILE with `entryPoint`), or one that an entry point re-exports — through a chain of
   * `export … from` (IMPORTS edges with `reExport`) at most {@link MAX_REEXPORT_DEPTH} long,
   * the last one naming it or `*`.
   */
  unusedExports(filter: UnusedExportsFilter, page?: PageRequest): Promise<Page<GraphNode>>;

  /**
   * The file→file import graph with files grouped by folder: each file counts in its first
   * closed folder below the prefix (or stands alone when every folder above it is open), and
   * an edge between two nodes counts the imports between their files (imports inside one node
   * are not edges). External modules take no part.
   */
  folderGraph(options?: FolderGraphOptions): Promise<FolderGraph>;

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
