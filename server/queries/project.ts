import { getNodesInBatches } from '../graph/batched-reads.ts';
import {
  DEFAULTS,
  type GraphPath,
  type GraphStore,
  LIMITS,
  type Page,
  type PageRequest,
} from '../graph/port.ts';
import { EDGE_TYPES, type EdgeType, type GraphNode, SYMBOL_KINDS } from '../model/index.ts';
import { checkRange } from './bounds.ts';
import { type GraphReader, present } from './graph-reader.ts';

/** How many nodes of a kind (or edges of a type) the graph holds. */
export interface KindCount {
  readonly kind: string;
  readonly count: number;
}

/** Counts of the graph, and its revision. */
export interface GraphStats {
  readonly files: number;
  readonly symbols: number;
  readonly edges: number;
  /** The revision of the last applied change set. */
  readonly revision: number;
  readonly nodesByKind: KindCount[];
  readonly edgesByType: KindCount[];
}

/** Counts of the graph by node kind and edge type, with totals and the revision. */
export async function graphStats(store: Pick<GraphStore, 'stats'>): Promise<GraphStats> {
  const stats = await store.stats();
  const nodes = Object.entries(stats.nodes);
  const edges = Object.entries(stats.edges);
  return {
    files: stats.nodes.FILE,
    symbols: SYMBOL_KINDS.reduce((sum, kind) => sum + stats.nodes[kind], 0),
    edges: edges.reduce((sum, [, n]) => sum + n, 0),
    revision: stats.revision,
    nodesByKind: nodes.map(([kind, count]) => ({ kind, count })),
    edgesByType: edges.map(([kind, count]) => ({ kind, count })),
  };
}

/**
 * Groups of files that import each other, directly or not (strongly connected components), each
 * as its file nodes in path order; type-only imports are left out unless `includeTypeOnly`.
 */
export async function importCycles(
  store: Pick<GraphStore, 'importCycles'> & GraphReader,
  includeTypeOnly = false,
): Promise<GraphNode[][]> {
  const cycles = await store.importCycles({ includeTypeOnly });
  // One read for the files of every cycle (in batches the port takes), then cut back into cycles.
  const nodes = await getNodesInBatches(store, cycles.flat());
  let at = 0;
  return cycles.map((files) => {
    const start = at;
    at += files.length;
    return present(nodes.slice(start, at));
  });
}

/**
 * Exported symbols under a (checked) path prefix that nothing outside their file calls,
 * instantiates, references, extends, implements or imports by name, without a package's public
 * API unless `includePublicApi`; by key, a page at a time.
 */
export function unusedExports(
  store: Pick<GraphStore, 'unusedExports'>,
  pathPrefix: string | undefined,
  page?: PageRequest,
  includePublicApi = false,
): Promise<Page<GraphNode>> {
  return store.unusedExports({ pathPrefix, includePublicApi }, page);
}

/**
 * A shortest directed path from one node to another (keys) through `via` (every edge type by
 * default) of at most `maxDepth` edges (1..`LIMITS.pathDepth`, {@link DEFAULTS.pathDepth} by
 * default); `undefined` when there is none.
 *
 * @throws `QueryInputError` for a depth out of bounds.
 */
export async function findPath(
  store: Pick<GraphStore, 'shortestPath'>,
  from: string,
  to: string,
  options: { readonly via?: readonly EdgeType[] | null; readonly maxDepth?: number | null } = {},
): Promise<GraphPath | undefined> {
  const maxDepth = checkRange(options.maxDepth, DEFAULTS.pathDepth, 1, LIMITS.pathDepth, 'maxDepth');
  return store.shortestPath(from, to, {
    types: options.via && options.via.length > 0 ? options.via : EDGE_TYPES,
    maxDepth,
  });
}
