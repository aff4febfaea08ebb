import DataLoader from 'dataloader';
import type { DiffImpactResult } from '../server/diff-impact/diff-impact.ts';
import type { EventsEngine, ProgressEvent } from '../server/events/port.ts';
import { type Direction, type EdgeQuery, type GraphStore, LIMITS } from '../server/graph/port.ts';
import { EDGE_TYPES, type EdgeType, type GraphEdge, type GraphNode } from '../server/model/index.ts';
import { quote } from '../server/util/quote.ts';
import type { AnswerBudget } from './answer-budget.ts';
import { userError } from './errors.ts';
import type { ListSizes } from './list-sizes.ts';

/**
 * The analysis as `analysis` and `/readyz` report it: the record of a progress event, its
 * `durationMs` that of the first analysis (so far while it runs, total once done).
 */
export type AnalysisStatus = ProgressEvent;

export interface ReanalyzeResult {
  /** The revision that holds the result (the current one when nothing changed). */
  readonly revision: number;
  /** How many changes the re-analysis produced. */
  readonly changes: number;
}

/** What the schema needs from the server: ports and a few functions, never adapters. */
export interface SchemaServices {
  readonly store: GraphStore;
  readonly events: EventsEngine;
  analysis(): AnalysisStatus;
  /** Absent where this process does not analyze (the `api` role). */
  readonly reanalyze?: (paths: readonly string[]) => Promise<ReanalyzeResult>;
  /**
   * Checks a user-given path: root-relative, no `..`, not absolute, not through a symlink
   * that leaves the root. Returns the normalized posix path, or a message saying what is wrong.
   */
  checkPath(path: string): { path: string } | { error: string };
  /**
   * Reads an analyzed file as it is now (root-relative path), with the hash the analysis
   * gives its text; `undefined` when it cannot be read (gone, not a regular text file, too
   * large, outside the root). Absent where this process has no access to the files.
   */
  readonly readSource?: (
    path: string,
  ) => Promise<{ readonly text: string; readonly hash: string } | undefined>;
  /**
   * Compares the analyzed work tree with a git revision (see `server/diff-impact/`), with at
   * most `first` changes and `first` affected nodes; throws a `DiffImpactError` for a bad
   * revision, no work tree or no git. Absent where this process has no access to the files.
   */
  readonly diffImpact?: (base: string, depth: number, first: number) => Promise<DiffImpactResult>;
}

/** Per-request context: the services, batching loaders, and what the caller may do. */
export interface SchemaContext extends SchemaServices {
  readonly loaders: Loaders;
  /** Sizes of unpaged lists, for the complexity estimate (from the store's degree statistics). */
  readonly listSizes: ListSizes;
  /** False when the server requires a token and the request did not carry it. */
  readonly mutationsAllowed: boolean;
  /**
   * What this operation's answer holds so far, against its bounds (`answer-budget.ts`): one per
   * operation, as the context is. Absent, nothing is counted.
   */
  readonly budget?: AnswerBudget;
}

export interface Loaders {
  /** Nodes by key; `null` for a missing key. */
  readonly node: DataLoader<string, GraphNode | null>;
  /** Edges of a key, by edge types and direction; one store call per distinct (types, direction) per tick. */
  edges(types: readonly EdgeType[], direction: Direction): DataLoader<string, GraphEdge[]>;
  /**
   * The store with its `getNodes` and `getEdges` going through these loaders, and the nodes its
   * other reads return primed into the node loader: what the resolvers give the query
   * functions (`server/queries`), so their lookups batch too.
   */
  readonly batched: GraphStore;
}

/** Loaders for one request: every resolver of a query shares them, so N lookups become one store call. */
export function createLoaders(store: GraphStore): Loaders {
  // One store call takes at most LIMITS.batchKeys keys: a bigger tick is split, not refused.
  const batching = { maxBatchSize: LIMITS.batchKeys };
  const node = new DataLoader<string, GraphNode | null>(
    async (keys) => (await store.getNodes(keys)).map((n) => n ?? null),
    batching,
  );
  /** A store read whose nodes the loader then knows: a field asking for them again costs nothing. */
  const primed =
    <A extends unknown[], R>(
      read: (...args: A) => Promise<R>,
      nodesOf: (result: R) => readonly GraphNode[],
    ) =>
    async (...args: A): Promise<R> => {
      const result = await read.apply(store, args);
      for (const n of nodesOf(result)) node.prime(n.key, n);
      return result;
    };
  const edgeLoaders = new Map<string, DataLoader<string, GraphEdge[]>>();
  const edges = (types: readonly EdgeType[], direction: Direction) => {
    const id = `${direction}:${[...types].sort().join(',')}`;
    let loader = edgeLoaders.get(id);
    if (!loader) {
      loader = new DataLoader<string, GraphEdge[]>(
        (keys) => store.getEdges(keys, { types, direction }),
        batching,
      );
      edgeLoaders.set(id, loader);
    }
    return loader;
  };
  // Every other method is the store's own (inherited through the prototype).
  const batched: GraphStore = Object.assign(Object.create(store) as GraphStore, {
    getNodes: async (keys: readonly string[]) =>
      (await node.loadMany(keys)).map((n) => orThrow(n) ?? undefined),
    getEdges: async (keys: readonly string[], query: EdgeQuery) =>
      (await edges(query.types ?? EDGE_TYPES, query.direction).loadMany(keys)).map(orThrow),
    findNodes: primed(store.findNodes, (page) => page.items),
    unusedExports: primed(store.unusedExports, (page) => page.items),
    traverse: primed(store.traverse, (reached) => reached.map((r) => r.node)),
    shortestPath: primed(store.shortestPath, (path) => path?.nodes ?? []),
  });
  return { node, edges, batched };
}

/** A loaded value, rethrowing a store failure. */
function orThrow<T>(value: T | Error): T {
  if (value instanceof Error) throw value;
  return value;
}

/** The node at one end of an edge, through the request's loader; a missing end is a store fault. */
export async function nodeOrThrow(ctx: SchemaContext, key: string): Promise<GraphNode> {
  const node = await ctx.loaders.node.load(key);
  if (!node) throw new Error(`edge end ${key} is missing from the store`);
  return node;
}

/** Most missing keys a NOT_FOUND error names (its `extensions.keys` holds them all). */
const NAMED_MISSING_KEYS = 5;

/**
 * The nodes of the keys a question is about, in order; a `NOT_FOUND` error naming the keys the
 * graph does not hold (all of them in `extensions.keys`) — a mistyped key must be told, not
 * answered with an empty list, as the MCP tools do.
 */
export async function nodesOrNotFound(ctx: SchemaContext, keys: readonly string[]): Promise<GraphNode[]> {
  const nodes = await ctx.loaders.batched.getNodes(keys);
  const missing = [...new Set(keys.filter((_, i) => nodes[i] === undefined))];
  if (missing.length === 0) return nodes as GraphNode[];
  const named = missing.slice(0, NAMED_MISSING_KEYS).map(quote).join(', ');
  const more =
    missing.length > NAMED_MISSING_KEYS ? ` (and ${missing.length - NAMED_MISSING_KEYS} more)` : '';
  const running =
    ctx.analysis().state === 'READY'
      ? ''
      : '; the analysis is still running: it may not have reached them yet';
  throw userError(
    'NOT_FOUND',
    `no node has the key ${named}${more}${running}. Keys look like \`src/a.ts#Outer.inner\`, \`src/a.ts\` or \`npm:react\`: \`symbols(query:)\` finds them`,
    { keys: missing },
  );
}
