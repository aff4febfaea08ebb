/**
 * The default graph store: graphology in process, with search indexes.
 *
 * @remarks
 * Every method does its work synchronously inside the returned promise, and `apply`
 * validates the whole change set before its first mutation: JavaScript runs one of them at
 * a time, so a read sees the graph either before or after a change set, never half of it.
 */
import {
  type ChangeSet,
  type EdgeType,
  edgeProps,
  type GraphEdge,
  type GraphNode,
} from '../../model/index.ts';
import {
  assertDirection,
  assertEdgeTypes,
  assertKeys,
  resolveFolderGraph,
  resolveIncludeTypeOnly,
  resolvePageSize,
  resolvePath,
  resolvePathPrefix,
  resolveTraverse,
} from '../bounds.ts';
import { compareEdges } from '../compare-edges.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { findCycles } from '../find-cycles.ts';
import { finishFolderGraph, folderGroupOf } from '../folder-graph.ts';
import { planChangeSet } from '../plan-change-set.ts';
import type { DegreeStats, FolderGraphEdge, GraphStore, Page } from '../port.ts';
import { applyPlan, createCounts, type MemoryState } from './apply-plan.ts';
import { degreeStatsOf } from './degree-stats.ts';
import { findNodesIn } from './find-nodes.ts';
import { importersByNameOf } from './importers-by-name.ts';
import { MemoryGraph } from './memory-graph.ts';
import { SearchIndex } from './search-index.ts';
import { shortestPathIn } from './shortest-path.ts';
import { prefixRange, upperBound } from './sorted-strings.ts';
import { traverseGraph } from './traverse-graph.ts';
import { unusedExportKeys } from './unused-exports.ts';

/** The memory store's own additions to {@link GraphStore}, for its snapshot (server/durability). */
export interface MemoryStore extends GraphStore {
  /**
   * The graph as it is now: its revision and every node and edge record. Records are never
   * mutated (an update replaces them), so the arrays stay a consistent picture of this revision
   * while the store goes on changing.
   */
  capture(): { revision: number; nodes: GraphNode[]; edges: GraphEdge[] };
  /**
   * Moves the revision up by `by` at once, the graph unchanged; returns the revision before.
   * Synchronous, so that it falls between two applies: a writer's numbering then continues
   * above a revision log that went further (server/events, `RevisionNumbering`).
   */
  shiftRevision(by: number): number;
}

/** A graph to start from (a snapshot's): applied whole, the store then at its revision. */
export interface MemoryStoreSeed {
  readonly revision: number;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/**
 * Creates an in-process graph store, always `ready`: empty at revision 0, or holding `seed`
 * at its revision (validated like any change set: a seed that is not a valid graph throws).
 *
 * @remarks
 * Semantics shared with every adapter (the contract suite checks them):
 * - `NODE_ADDED` and `NODE_UPDATED` are both upserts that replace the node's kind and
 *   properties whole; `EDGE_ADDED` is an upsert; removing something absent is a no-op;
 *   a `null` property is an absent property.
 * - Requests beyond {@link LIMITS} are rejected with `BAD_REQUEST`, never clamped: more than
 *   `batchKeys` keys, `first` above `pageSize`, traverse `maxDepth` above `traverseDepth` or
 *   `limit` above `traverseLimit`, path `maxDepth` above `pathDepth`, unknown kinds or types.
 * - Path prefixes narrow the search by key range, relying on the model's key scheme: a node's
 *   key begins with its file path (`src/a.ts#x` has path `src/a.ts`).
 */
export function createMemoryStore(seed?: MemoryStoreSeed): MemoryStore {
  const state: MemoryState = { graph: new MemoryGraph(), index: new SearchIndex(), ...createCounts() };
  const { graph, index } = state;
  let revision = 0;
  if (seed) {
    const changeSet: ChangeSet = {
      files: [],
      changes: [
        ...seed.nodes.map((node) => ({ op: 'NODE_ADDED' as const, node })),
        ...seed.edges.map((edge) => ({ op: 'EDGE_ADDED' as const, edge })),
      ],
    };
    applyPlan(state, planChangeSet(changeSet));
    revision = seed.revision;
  }
  // `unusedExports` walks every candidate: keep the last answer for paging through it.
  let unusedCache:
    | { revision: number; pathPrefix: string | undefined; includePublicApi: boolean; keys: string[] }
    | undefined;
  // Degrees change only with a revision: computed on the first request after one.
  let degrees: { revision: number; stats: DegreeStats } | undefined;

  const nodeOf = (key: string): GraphNode => graph.getNode(key)!;

  return {
    name: 'memory',

    async apply(changeSet) {
      applyPlan(state, planChangeSet(changeSet));
      revision += 1;
      return revision;
    },

    async revision() {
      return revision;
    },

    shiftRevision(by) {
      if (!(Number.isSafeInteger(by) && by >= 0))
        throw new RangeError(`by must be an integer from 0, got ${by}`);
      const before = revision;
      revision += by;
      return before;
    },

    async getNodes(keys) {
      return assertKeys(keys).map((key) => graph.getNode(key));
    },

    async getEdges(keys, query) {
      assertKeys(keys);
      const types = assertEdgeTypes(query.types);
      const direction = assertDirection(query.direction, ['OUT', 'IN', 'BOTH'] as const);
      const typeSet = types && new Set<EdgeType>(types);
      return keys.map((key) => {
        const edges: GraphEdge[] = [];
        if (direction !== 'IN') {
          graph.forEachOutEdge(key, (edge) => {
            if (!typeSet || typeSet.has(edge.type)) edges.push(edge);
          });
        }
        if (direction !== 'OUT') {
          graph.forEachInEdge(key, (edge) => {
            // A self-loop is both out and in: list it once.
            if (direction === 'BOTH' && edge.from === edge.to) return;
            if (!typeSet || typeSet.has(edge.type)) edges.push(edge);
          });
        }
        return edges.sort(compareEdges);
      });
    },

    async findNodes(filter, page) {
      return findNodesIn(index, nodeOf, filter, page);
    },

    async traverse(keys, options) {
      return traverseGraph(graph, assertKeys(keys), resolveTraverse(options));
    },

    async importersByName(keys) {
      return assertKeys(keys).map((key) => importersByNameOf(graph, key));
    },

    async shortestPath(from, to, options) {
      return shortestPathIn(graph, from, to, resolvePath(options));
    },

    async importCycles(options) {
      const includeTypeOnly = resolveIncludeTypeOnly(options);
      const imports: [string, string][] = [];
      graph.forEachEdge((edge, from, to) => {
        if (edge.type !== 'IMPORTS' || from.kind !== 'FILE' || to.kind !== 'FILE') return;
        if (includeTypeOnly || edgeProps(edge, 'IMPORTS').typeOnly !== true)
          imports.push([edge.from, edge.to]);
      });
      return findCycles(imports);
    },

    async unusedExports(filter, page) {
      const first = resolvePageSize(page);
      const after = decodeCursor(page?.after);
      const pathPrefix = resolvePathPrefix(filter.pathPrefix);
      const includePublicApi = filter.includePublicApi === true;
      if (
        unusedCache?.revision !== revision ||
        unusedCache.pathPrefix !== pathPrefix ||
        unusedCache.includePublicApi !== includePublicApi
      ) {
        const keys = unusedExportKeys(graph, index, pathPrefix, includePublicApi);
        unusedCache = { revision, pathPrefix, includePublicApi, keys };
      }
      const { keys } = unusedCache;
      const start = after.tier > 0 ? keys.length : upperBound(keys, after.key);
      const pageKeys = keys.slice(start, start + first);
      return {
        items: pageKeys.map(nodeOf),
        cursors: pageKeys.map((key) => encodeCursor({ tier: 0, length: 0, key })),
        totalCount: keys.length,
        hasNextPage: start + first < keys.length,
      } satisfies Page<GraphNode>;
    },

    async folderGraph(options) {
      const resolved = resolveFolderGraph(options);
      const expanded = new Set(resolved.expanded);
      const files = index.keysOfKind('FILE');
      const [start, end] = prefixRange(files, resolved.pathPrefix);
      const groups = new Map<string, number>();
      const groupOf = new Map<string, string>();
      for (let at = start; at < end; at += 1) {
        const group = folderGroupOf(files[at]!, resolved, expanded);
        groupOf.set(files[at]!, group);
        groups.set(group, (groups.get(group) ?? 0) + 1);
      }
      const counts = new Map<string, FolderGraphEdge>();
      for (const [file, source] of groupOf) {
        graph.forEachOutEdge(file, (edge) => {
          const target = edge.type === 'IMPORTS' ? groupOf.get(edge.to) : undefined;
          if (target === undefined || target === source) return;
          const id = `${source}\n${target}`;
          const known = counts.get(id);
          counts.set(id, { from: source, to: target, imports: (known?.imports ?? 0) + 1 });
        });
      }
      return finishFolderGraph(groups, [...counts.values()], resolved.limit);
    },

    async stats() {
      return {
        revision,
        nodes: { ...state.nodeCounts },
        edges: { ...state.edgeCounts },
      };
    },

    async degreeStats() {
      if (degrees?.revision !== revision) degrees = { revision, stats: degreeStatsOf(graph) };
      return degrees.stats;
    },

    health() {
      return { state: 'ready' };
    },

    capture() {
      const nodes: GraphNode[] = [];
      const edges: GraphEdge[] = [];
      graph.forEachNode((node) => nodes.push(node));
      graph.forEachEdge((edge) => edges.push(edge));
      return { revision, nodes, edges };
    },

    async close() {
      graph.clear();
    },
  };
}
