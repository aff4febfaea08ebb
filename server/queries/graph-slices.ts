import { type FolderGraph, type GraphStore, LIMITS } from '../graph/port.ts';
import {
  DEPENDENCY_EDGES,
  EDGE_TYPES,
  type EdgeType,
  type GraphEdge,
  type GraphNode,
} from '../model/index.ts';
import {
  checkDepth,
  checkExpandedFolders,
  checkImpactKeys,
  checkRange,
  checkSliceLimit,
  QUERY_BOUNDS,
} from './bounds.ts';
import { type GraphReader, present } from './graph-reader.ts';

/** A bounded part of the graph, for drawing: nodes and the edges among them. */
export interface GraphSlice {
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
  /** True when the limit left nodes out. */
  readonly truncated: boolean;
  /** The edge types it draws. */
  readonly edgeTypes: readonly EdgeType[];
}

/** A node that depends, directly or not, on the nodes asked about, at its smallest depth. */
export interface Impacted {
  readonly node: GraphNode;
  /** Edges between it and the nearest node asked about. */
  readonly depth: number;
}

/** Default depth of {@link impact} and {@link impactGraph}. */
export const DEFAULT_IMPACT_DEPTH = 3;
/** Default node limit of {@link importGraph}, {@link impactGraph} and {@link folderGraph}. */
export const DEFAULT_SLICE_NODES = 300;
/** Default node limit of {@link neighbourhood}. */
export const DEFAULT_NEIGHBOURHOOD_NODES = 150;

/**
 * Every node that transitively depends on `keys` (1..{@link QUERY_BOUNDS.impactKeys}): their
 * callers, users, subtypes and importers — of a symbol, the files that import it by name or
 * re-export it (`GraphStore.importersByName`), then whatever depends on those — within `depth` edges (1..{@link QUERY_BOUNDS.walkDepth},
 * {@link DEFAULT_IMPACT_DEPTH} by default), nearest first, then by key; at most
 * {@link QUERY_BOUNDS.walkNodes}.
 *
 * @throws `QueryInputError` for keys or a depth out of bounds.
 */
export async function impact(
  store: Pick<GraphStore, 'traverse'>,
  keys: readonly string[],
  depth?: number | null,
): Promise<Impacted[]> {
  const reached = await store.traverse(checkImpactKeys(keys), {
    types: DEPENDENCY_EDGES,
    direction: 'IN',
    maxDepth: checkDepth(depth, DEFAULT_IMPACT_DEPTH),
    limit: QUERY_BOUNDS.walkNodes,
    importsByName: true,
  });
  return reached.map((r) => ({ node: r.node, depth: r.depth }));
}

/**
 * What {@link impact} finds, as a picture: the given nodes, what depends on them (at most
 * `limit` nodes, 1..{@link QUERY_BOUNDS.sliceNodes}, nearest first) and the dependency edges
 * among them.
 *
 * @throws `QueryInputError` for keys, a depth or a limit out of bounds.
 */
export async function impactGraph(
  store: Pick<GraphStore, 'traverse'> & GraphReader,
  keys: readonly string[],
  options: { readonly depth?: number | null; readonly limit?: number | null } = {},
): Promise<GraphSlice> {
  const unique = checkImpactKeys(keys);
  const limit = checkSliceLimit(options.limit, DEFAULT_SLICE_NODES);
  const starts = present(await store.getNodes(unique));
  // One more than the picture holds: enough to know whether it was cut.
  const reached = await store.traverse(unique, {
    types: DEPENDENCY_EDGES,
    direction: 'IN',
    maxDepth: checkDepth(options.depth, DEFAULT_IMPACT_DEPTH),
    limit: Math.max(limit - starts.length, 0) + 1,
    importsByName: true,
  });
  const nodes = [...starts, ...reached.map((r) => r.node)].slice(0, Math.max(limit, starts.length));
  return {
    nodes,
    edges: await edgesAmong(store, nodes, DEPENDENCY_EDGES),
    truncated: starts.length + reached.length > nodes.length,
    edgeTypes: DEPENDENCY_EDGES,
  };
}

/**
 * Files under a (checked) path prefix, in path order, at most `limit`
 * (1..{@link QUERY_BOUNDS.sliceNodes}, {@link DEFAULT_SLICE_NODES} by default), and the imports
 * between them.
 *
 * @throws `QueryInputError` for a limit out of bounds.
 */
export async function importGraph(
  store: Pick<GraphStore, 'findNodes' | 'getEdges'>,
  options: { readonly pathPrefix?: string; readonly limit?: number | null } = {},
): Promise<GraphSlice> {
  const limit = checkSliceLimit(options.limit, DEFAULT_SLICE_NODES);
  const page = await store.findNodes({ kinds: ['FILE'], pathPrefix: options.pathPrefix }, { first: limit });
  return {
    nodes: [...page.items],
    edges: await edgesAmong(store, page.items, ['IMPORTS']),
    truncated: page.hasNextPage,
    edgeTypes: ['IMPORTS'],
  };
}

/**
 * A node and what it is linked to in both directions within `depth` edges
 * (1..{@link QUERY_BOUNDS.walkDepth}, 1 by default) through `types` (every type by default),
 * nearest first, at most `limit` nodes (1..{@link QUERY_BOUNDS.sliceNodes},
 * {@link DEFAULT_NEIGHBOURHOOD_NODES} by default), with the edges among them.
 *
 * @returns `undefined` when there is no node with that key.
 * @throws `QueryInputError` for a depth or a limit out of bounds.
 */
export async function neighbourhood(
  store: Pick<GraphStore, 'traverse'> & GraphReader,
  key: string,
  options: {
    readonly depth?: number | null;
    readonly limit?: number | null;
    readonly types?: readonly EdgeType[] | null;
  } = {},
): Promise<GraphSlice | undefined> {
  const limit = checkSliceLimit(options.limit, DEFAULT_NEIGHBOURHOOD_NODES);
  const depth = checkDepth(options.depth, 1);
  const types = options.types && options.types.length > 0 ? options.types : EDGE_TYPES;
  const [center] = await store.getNodes([key]);
  if (!center) return undefined;
  const [out, into] = await Promise.all([
    store.traverse([key], { types, direction: 'OUT', maxDepth: depth, limit }),
    store.traverse([key], { types, direction: 'IN', maxDepth: depth, limit }),
  ]);
  const reached = [...out, ...into].sort((a, b) => a.depth - b.depth || (a.node.key < b.node.key ? -1 : 1));
  const nodes = new Map<string, GraphNode>([[center.key, center]]);
  for (const r of reached) if (nodes.size < limit) nodes.set(r.node.key, r.node);
  const list = [...nodes.values()];
  return {
    nodes: list,
    edges: await edgesAmong(store, list, types),
    truncated: nodes.size < new Set([center.key, ...reached.map((r) => r.node.key)]).size,
    edgeTypes: types,
  };
}

/**
 * The file import graph grouped by folder (see `GraphStore.folderGraph`), with the API's
 * bounds: at most `limit` nodes (1..{@link QUERY_BOUNDS.sliceNodes},
 * {@link DEFAULT_SLICE_NODES} by default) and {@link QUERY_BOUNDS.expandedFolders} opened
 * folders. Paths must be checked already.
 *
 * @throws `QueryInputError` for a depth (1..{@link LIMITS.folderDepth}) or a limit out of bounds, or
 *   too many opened folders.
 */
export async function folderGraph(
  store: Pick<GraphStore, 'folderGraph'>,
  options: {
    readonly pathPrefix?: string;
    readonly depth?: number | null;
    readonly expanded?: readonly string[];
    readonly limit?: number | null;
  } = {},
): Promise<FolderGraph> {
  const limit = checkSliceLimit(options.limit, DEFAULT_SLICE_NODES);
  const expanded = checkExpandedFolders(options.expanded ?? []);
  return store.folderGraph({
    pathPrefix: options.pathPrefix,
    depth: checkRange(options.depth, 1, 1, LIMITS.folderDepth, 'depth'),
    expanded: expanded.filter((f) => f !== ''),
    limit,
  });
}

/** The edges of some types among a set of nodes. */
async function edgesAmong(
  store: Pick<GraphStore, 'getEdges'>,
  nodes: readonly GraphNode[],
  types: readonly EdgeType[],
): Promise<GraphEdge[]> {
  const keys = new Set(nodes.map((n) => n.key));
  const lists = await store.getEdges([...keys], { types, direction: 'OUT' });
  return lists.flat().filter((e) => keys.has(e.to));
}
