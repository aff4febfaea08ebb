/**
 * The graph store on Memgraph, over Bolt with neo4j-driver: for graphs shared by several
 * API processes (one indexer writes, any number of API processes read).
 */
import type { Record as Neo4jRecord, Node, Path, Relationship } from 'neo4j-driver';
import {
  EDGE_TYPES,
  type EdgeType,
  type GraphEdge,
  type GraphNode,
  NODE_KINDS,
  type NodeKind,
} from '../../model/index.ts';
import {
  assertDirection,
  assertEdgeTypes,
  assertKeys,
  type ResolvedFilter,
  type ResolvedPage,
  resolveFilter,
  resolveFolderGraph,
  resolveIncludeTypeOnly,
  resolvePage,
  resolvePath,
  resolvePathPrefix,
  resolveTraverse,
} from '../bounds.ts';
import { compareEdges } from '../compare-edges.ts';
import { encodeCursor, type SearchPosition } from '../cursor.ts';
import { findCycles } from '../find-cycles.ts';
import { finishFolderGraph } from '../folder-graph.ts';
import { planChangeSet } from '../plan-change-set.ts';
import { type GraphStore, GraphStoreError, type Page, type Reached } from '../port.ts';
import { buildApplyStatements, DEFAULT_BATCH_SIZE } from './apply-statements.ts';
import * as cypher from './cypher.ts';
import {
  createMemgraphConnection,
  type MemgraphConnection,
  type MemgraphConnectionOptions,
  type StatementRunner,
} from './memgraph-connection.ts';
import { edgeFromNeo4j, nodeFromNeo4j } from './neo4j-values.ts';

/** A search result with its rank, for its cursor. */
interface Ranked {
  readonly node: GraphNode;
  readonly tier: number;
  readonly length: number;
}

/** Runs a statement answering one `total` row. */
async function countOf(tx: StatementRunner, statement: cypher.Statement): Promise<number> {
  const { records } = await tx.run(statement.text, statement.params);
  return Number(records[0]?.get('total') ?? 0);
}

/**
 * The matches of a search past the cursor, nearest first (at most `limit`), and how many there
 * are in all. Forward, in rank order after the cursor: without text, a key range from the
 * cursor and a count; with text, the exact and prefix tiers from the name index, then one scan
 * that counts every match and, when the page reaches them, collects the substring tier.
 * Backward, the same in reverse from before the cursor: the substring tier (and the count) first
 * when the cursor lies past it, then the prefix tiers.
 */
async function search(
  tx: StatementRunner,
  filter: ResolvedFilter,
  page: ResolvedPage,
  limit: number,
): Promise<{ ranked: Ranked[]; total: number }> {
  if (page.backward) return searchBackward(tx, filter, page.before, limit);
  const { after } = page;
  const ranked: Ranked[] = [];
  const { text } = filter;
  if (text === undefined) {
    // A search cursor (tier > 0) is past every key-ordered item.
    if (after.tier <= 0) {
      const list = cypher.listPage(filter, after.key, limit);
      for (const record of (await tx.run(list.text, list.params)).records)
        ranked.push({ node: nodeFromNeo4j(record.get('node') as Node), tier: 0, length: 0 });
    }
    return { ranked, total: await countOf(tx, cypher.countMatches(filter)) };
  }
  const byText = { ...filter, text };
  if (after.tier <= 1) ranked.push(...(await prefixTiers(tx, byText, after, limit, false)));
  const need = limit - ranked.length;
  if (need === 0) return { ranked, total: await countOf(tx, cypher.countMatches(byText)) };
  const substrings = await substringTier(tx, byText, after, need, false);
  return { ranked: [...ranked, ...substrings.ranked], total: substrings.total };
}

/** {@link search} backward: nearest the cursor first, the caller turns the page around. */
async function searchBackward(
  tx: StatementRunner,
  filter: ResolvedFilter,
  before: SearchPosition,
  limit: number,
): Promise<{ ranked: Ranked[]; total: number }> {
  const ranked: Ranked[] = [];
  const { text } = filter;
  if (text === undefined) {
    // Every key-ordered item is before a search cursor (tier > 0), none before a start (tier < 0).
    if (before.tier >= 0) {
      const list = cypher.listPage(filter, before.tier > 0 ? undefined : before.key, limit, true);
      for (const record of (await tx.run(list.text, list.params)).records)
        ranked.push({ node: nodeFromNeo4j(record.get('node') as Node), tier: 0, length: 0 });
    }
    return { ranked, total: await countOf(tx, cypher.countMatches(filter)) };
  }
  const byText = { ...filter, text };
  let total: number | undefined;
  if (before.tier >= 2) {
    const substrings = await substringTier(tx, byText, before, limit, true);
    ranked.push(...substrings.ranked);
    total = substrings.total;
  }
  const need = limit - ranked.length;
  if (need > 0 && before.tier >= 0) ranked.push(...(await prefixTiers(tx, byText, before, need, true)));
  return { ranked, total: total ?? (await countOf(tx, cypher.countMatches(byText))) };
}

/** The exact and prefix tiers past the cursor, nearest first. */
async function prefixTiers(
  tx: StatementRunner,
  filter: ResolvedFilter & { readonly text: string },
  cursor: SearchPosition,
  limit: number,
  backward: boolean,
): Promise<Ranked[]> {
  const prefix = cypher.searchByPrefix(filter, cursor, limit, backward);
  return (await tx.run(prefix.text, prefix.params)).records.map((record) => ({
    node: nodeFromNeo4j(record.get('node') as Node),
    tier: Number(record.get('tier')),
    length: Number(record.get('length')),
  }));
}

/** The substring tier past the cursor, nearest first, and the count of every match (one scan). */
async function substringTier(
  tx: StatementRunner,
  filter: ResolvedFilter & { readonly text: string },
  cursor: SearchPosition,
  limit: number,
  backward: boolean,
): Promise<{ ranked: Ranked[]; total: number }> {
  const lengthField = cypher.searchFields(filter.text).length;
  const both = cypher.countWithSubstrings(filter, cursor, limit, backward);
  const [record] = (await tx.run(both.text, both.params)).records;
  const ranked = ((record?.get('page') ?? []) as Node[]).map((stored) => ({
    node: nodeFromNeo4j(stored),
    tier: 2,
    length: Number(stored.properties[lengthField]),
  }));
  return { ranked, total: Number(record?.get('total') ?? 0) };
}

export interface MemgraphStoreOptions extends MemgraphConnectionOptions {
  /** Rows per `UNWIND` write statement. @default 10_000 */
  readonly batchSize?: number;
}

/**
 * Creates the Memgraph store and starts connecting in the background: it returns at once,
 * `health()` reports `connecting`, `ready` or `unavailable` (with why), and while Memgraph
 * cannot be reached every call fails with `STORE_UNAVAILABLE` within the connection
 * timeouts (2 s to connect, 5 s to get a connection) instead of hanging.
 *
 * @remarks
 * Same semantics as the memory store (one contract suite proves both): upserts, atomic change
 * sets (one write transaction each), revisions, ranking, cursors, and `BAD_REQUEST` beyond
 * {@link LIMITS}. Each read is one read transaction, so it sees one revision.
 */
/** The Memgraph store's own additions to {@link GraphStore}, for the indexer's start (server/durability). */
export interface MemgraphStore extends GraphStore {
  /** The whole stored graph and its revision, read in one transaction. */
  readGraph(): Promise<{ revision: number; nodes: GraphNode[]; edges: GraphEdge[] }>;
  /** Raises the stored revision to at least `floor`; resolves with the revision then stored. */
  raiseRevision(floor: number): Promise<number>;
}

export function createMemgraphStore(
  options: MemgraphStoreOptions,
  /** For tests: run the store's transactions on this connection instead of a new driver. */
  connection: MemgraphConnection = createMemgraphConnection(options),
): MemgraphStore {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;

  const nodesOf = (records: readonly Neo4jRecord[], field = 'node'): GraphNode[] =>
    records.map((record) => nodeFromNeo4j(record.get(field) as Node));

  const store: MemgraphStore = {
    name: 'memgraph',

    async apply(changeSet) {
      // Checked before the transaction: an invalid change set is rejected without a round trip.
      const plan = planChangeSet(changeSet);
      return connection.write(async (tx) => {
        const revision = Number((await tx.run(cypher.NEXT_REVISION)).records[0]?.get('revision'));
        // Revision 1: no change set was ever applied, so no edge exists yet.
        for (const statement of buildApplyStatements(plan, { batchSize, emptyGraph: revision === 1 })) {
          const { records } = await tx.run(statement.text, statement.params);
          if (statement.rejectIfRows && records.length > 0) {
            const keys = records.map((record) => String(record.get('key')));
            throw new GraphStoreError(
              'INVALID_CHANGE_SET',
              `${statement.rejectIfRows}: ${keys.join(', ')}; nothing was applied`,
            );
          }
        }
        return revision;
      });
    },

    async revision() {
      return connection.read(async (tx) => {
        const { records } = await tx.run(cypher.READ_REVISION);
        return Number(records[0]?.get('revision') ?? 0);
      });
    },

    async getNodes(keys) {
      assertKeys(keys);
      if (keys.length === 0) return [];
      const { text, params } = cypher.getNodes([...new Set(keys)]);
      const found = await connection.read(async (tx) => nodesOf((await tx.run(text, params)).records));
      const byKey = new Map(found.map((node) => [node.key, node]));
      return keys.map((key) => byKey.get(key));
    },

    async getEdges(keys, query) {
      assertKeys(keys);
      const types = assertEdgeTypes(query.types);
      const direction = assertDirection(query.direction, ['OUT', 'IN', 'BOTH'] as const);
      const byKey = new Map<string, Map<string, GraphEdge>>(keys.map((key) => [key, new Map()]));
      if (keys.length > 0 && types?.length !== 0) {
        const unique = [...byKey.keys()];
        const directions = direction === 'BOTH' ? (['OUT', 'IN'] as const) : [direction];
        await connection.read(async (tx) => {
          for (const side of directions) {
            const { text, params } = cypher.getEdges(unique, side, types);
            for (const record of (await tx.run(text, params)).records) {
              const key = record.get('key') as string;
              const other = record.get('otherKey') as string;
              const edge =
                side === 'OUT'
                  ? edgeFromNeo4j(record.get('edge') as Relationship, key, other)
                  : edgeFromNeo4j(record.get('edge') as Relationship, other, key);
              // Keyed by type and ends: a self-loop comes back from both sides, listed once.
              byKey.get(key)!.set(`${edge.type}:${edge.from}->${edge.to}`, edge);
            }
          }
        });
      }
      return keys.map((key) => [...byKey.get(key)!.values()].sort(compareEdges));
    },

    async findNodes(filter, page) {
      const resolved = resolvePage(page);
      const filters = resolveFilter(filter);
      // One more than the page, to know whether there is more past it.
      const limit = resolved.size + 1;
      return connection.read(async (tx) => {
        const { ranked, total } = await search(tx, filters, resolved, limit);
        const items = ranked.slice(0, resolved.size);
        // A backward page came nearest the cursor first: turned into the result's order.
        if (resolved.backward) items.reverse();
        const more = ranked.length > resolved.size;
        return {
          items: items.map((item) => item.node),
          cursors: items.map((item) =>
            encodeCursor({ tier: item.tier, length: item.length, key: item.node.key }),
          ),
          totalCount: total,
          hasNextPage: !resolved.backward && more,
          hasPreviousPage: resolved.backward && more,
        } satisfies Page<GraphNode>;
      });
    },

    async traverse(keys, options) {
      assertKeys(keys);
      const resolved = resolveTraverse(options);
      if (keys.length === 0 || resolved.limit === 0 || resolved.types?.length === 0) return [];
      return connection.read(async (tx) => {
        const seen = new Set(keys);
        const reached: Reached[] = [];
        let frontier = [...seen];
        // Level by level from every start at once: at most maxDepth statements, each asking only
        // for nodes not seen yet and no more than the limit leaves room for.
        for (let depth = 1; depth <= resolved.maxDepth && frontier.length > 0; depth += 1) {
          const remaining = resolved.limit - reached.length;
          const level = cypher.traverseLevel(frontier, [...seen], resolved, remaining);
          let next = nodesOf((await tx.run(level.text, level.params)).records).filter(
            (node) => !seen.has(node.key),
          );
          if (resolved.importsByName) {
            // Files importing a frontier symbol by name: a second statement, merged in key order.
            // Memgraph's order (code points), in which each statement kept its first `remaining`:
            // cut in JavaScript's (UTF-16 units), a key past a surrogate pair could push out one
            // that both statements' order put first.
            const byName = cypher.importersByNameLevel(frontier, [...seen], remaining);
            const found = new Map(next.map((node) => [node.key, node]));
            for (const node of nodesOf((await tx.run(byName.text, byName.params)).records))
              if (!seen.has(node.key)) found.set(node.key, node);
            next = [...found.values()]
              .sort((a, b) => cypher.compareCodePoints(a.key, b.key))
              .slice(0, remaining);
          }
          for (const node of next) {
            seen.add(node.key);
            reached.push({ node, depth });
          }
          if (reached.length >= resolved.limit) break;
          frontier = next.map((node) => node.key);
        }
        return reached;
      });
    },

    async importersByName(keys) {
      assertKeys(keys);
      const byKey = new Map<string, string[]>(keys.map((key) => [key, []]));
      if (keys.length > 0) {
        const { text, params } = cypher.importersByName([...byKey.keys()]);
        const records = await connection.read(async (tx) => (await tx.run(text, params)).records);
        for (const record of records)
          byKey.get(record.get('key') as string)?.push(record.get('importer') as string);
      }
      return keys.map((key) => [...new Set(byKey.get(key))].sort());
    },

    async shortestPath(from, to, options) {
      const resolved = resolvePath(options);
      if (from === to) {
        const [node] = await store.getNodes([from]);
        return node && { nodes: [node], edges: [] };
      }
      if (resolved.types?.length === 0) return undefined;
      const { text, params } = cypher.shortestPath(from, to, resolved);
      const path = await connection.read(
        async (tx) => (await tx.run(text, params)).records[0]?.get('path') as Path | undefined,
      );
      if (!path) return undefined;
      return {
        nodes: [nodeFromNeo4j(path.start), ...path.segments.map((segment) => nodeFromNeo4j(segment.end))],
        edges: path.segments.map((segment) =>
          edgeFromNeo4j(
            segment.relationship,
            segment.start.properties.key as string,
            segment.end.properties.key as string,
          ),
        ),
      };
    },

    async importCycles(options) {
      const { text, params } = cypher.fileImports(resolveIncludeTypeOnly(options));
      const records = await connection.read(async (tx) => (await tx.run(text, params)).records);
      return findCycles(
        records.map((record) => [record.get('source') as string, record.get('target') as string] as const),
      );
    },

    async unusedExports(filter, page) {
      const resolved = resolvePage(page);
      const pathPrefix = resolvePathPrefix(filter.pathPrefix);
      // A search cursor (tier > 0) is past every key-ordered item.
      const cursorKey = resolved.backward
        ? resolved.before.tier > 0
          ? undefined
          : resolved.before.key
        : resolved.after.tier > 0
          ? '\u{10ffff}'
          : resolved.after.key;
      const [record] = await connection.read(async (tx) => {
        let publicApi: cypher.PublicApiFiles | undefined;
        if (filter.includePublicApi !== true) {
          const [files] = (await tx.run(cypher.PUBLIC_API_FILES)).records;
          const entries = (files?.get('entries') ?? []) as string[];
          publicApi = { entries, exposing: [...entries, ...((files?.get('reached') ?? []) as string[])] };
        }
        const { text, params } = cypher.unusedExports(
          pathPrefix,
          cursorKey,
          resolved.size + 1,
          publicApi,
          resolved.backward,
        );
        return (await tx.run(text, params)).records;
      });
      const found = ((record?.get('page') ?? []) as Node[]).map(nodeFromNeo4j);
      const items = found.slice(0, resolved.size);
      if (resolved.backward) items.reverse();
      const more = found.length > resolved.size;
      return {
        items,
        cursors: items.map((node) => encodeCursor({ tier: 0, length: 0, key: node.key })),
        totalCount: Number(record?.get('total') ?? 0),
        hasNextPage: !resolved.backward && more,
        hasPreviousPage: resolved.backward && more,
      } satisfies Page<GraphNode>;
    },

    async folderGraph(options) {
      const resolved = resolveFolderGraph(options);
      return connection.read(async (tx) => {
        const groups = new Map<string, number>();
        const nodes = cypher.folderGroups(resolved);
        for (const record of (await tx.run(nodes.text, nodes.params)).records)
          groups.set(record.get('nodePath') as string, Number(record.get('files')));
        const edges = cypher.folderImports(resolved);
        const imports = (await tx.run(edges.text, edges.params)).records.map((record) => ({
          from: record.get('source') as string,
          to: record.get('target') as string,
          imports: Number(record.get('imports')),
        }));
        return finishFolderGraph(groups, imports, resolved.limit);
      });
    },

    async stats() {
      return connection.read(async (tx) => {
        const nodes = Object.fromEntries(NODE_KINDS.map((kind) => [kind, 0])) as Record<NodeKind, number>;
        const edges = Object.fromEntries(EDGE_TYPES.map((type) => [type, 0])) as Record<EdgeType, number>;
        for (const record of (await tx.run(cypher.COUNT_NODES)).records) {
          const kind = record.get('kind') as NodeKind;
          if (kind in nodes) nodes[kind] = Number(record.get('total'));
        }
        for (const record of (await tx.run(cypher.COUNT_EDGES)).records) {
          const type = record.get('type') as EdgeType;
          if (type in edges) edges[type] = Number(record.get('total'));
        }
        const revision = Number((await tx.run(cypher.READ_REVISION)).records[0]?.get('revision') ?? 0);
        return { revision, nodes, edges };
      });
    },

    health: () => connection.health(),

    readGraph() {
      return connection.read(async (tx) => {
        const revision = Number((await tx.run(cypher.READ_REVISION)).records[0]?.get('revision') ?? 0);
        const nodes = nodesOf((await tx.run(cypher.ALL_NODES)).records);
        const edges = (await tx.run(cypher.ALL_EDGES)).records.map((record) =>
          edgeFromNeo4j(
            record.get('edge') as Relationship,
            record.get('fromKey') as string,
            record.get('toKey') as string,
          ),
        );
        return { revision, nodes, edges };
      });
    },

    raiseRevision(floor) {
      return connection.write(async (tx) =>
        Number(
          (await tx.run(cypher.RAISE_REVISION, { floor: cypher.int(floor) })).records[0]?.get('revision'),
        ),
      );
    },

    close: () => connection.close(),
  };
  return store;
}
