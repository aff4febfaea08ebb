import type { DEFAULTS, GraphStore, Page, PageRequest } from '../graph/port.ts';
import {
  CALL_EDGES,
  type EdgeType,
  edgeProps,
  type GraphNode,
  SYMBOL_KINDS,
  type SymbolKind,
  symbolProps,
} from '../model/index.ts';
import { checkDepth, QUERY_BOUNDS } from './bounds.ts';
import {
  edgesOf,
  type GraphReader,
  isSymbol,
  related,
  type WalkDirection,
  type Walked,
  walk,
} from './graph-reader.ts';

/** What {@link searchSymbols} looks for; every part optional. */
export interface SymbolSearch {
  /** Case-insensitive name match: exact, then prefix, then substring matches. */
  readonly query?: string;
  /** @default every symbol kind */
  readonly kinds?: readonly SymbolKind[];
  /** A root-relative path prefix, already checked. */
  readonly pathPrefix?: string;
  readonly exported?: boolean;
}

/**
 * Code symbols by name, kind, place and export, a page at a time (page size
 * 0..`LIMITS.pageSize`, {@link DEFAULTS.pageSize} by default).
 */
export function searchSymbols(
  store: Pick<GraphStore, 'findNodes'>,
  search: SymbolSearch,
  page?: PageRequest,
): Promise<Page<GraphNode>> {
  return store.findNodes(
    {
      text: search.query,
      kinds: search.kinds && search.kinds.length > 0 ? search.kinds : SYMBOL_KINDS,
      pathPrefix: search.pathPrefix,
      exported: search.exported,
    },
    page,
  );
}

/** Analyzed files under a (checked) path prefix, in path order, a page at a time. */
export function listFiles(
  store: Pick<GraphStore, 'findNodes'>,
  pathPrefix: string | undefined,
  page?: PageRequest,
): Promise<Page<GraphNode>> {
  return store.findNodes({ kinds: ['FILE'], pathPrefix }, page);
}

/** A node by its readable key (`src/a.ts#Cart.add`, `src/a.ts`, `npm:react`); `undefined` when none. */
export async function getNode(reader: GraphReader, key: string): Promise<GraphNode | undefined> {
  const [node] = await reader.getNodes([key]);
  return node;
}

/** The analyzed file at a (checked) root-relative path; `undefined` when there is none. */
export async function getFile(reader: GraphReader, path: string): Promise<GraphNode | undefined> {
  const node = await getNode(reader, path);
  return node?.kind === 'FILE' ? node : undefined;
}

/** Symbols as they appear in their file (by start line and column, then key); sorts in place. */
export function inSourceOrder(nodes: GraphNode[]): GraphNode[] {
  const at = (n: GraphNode) => {
    const { startLine = 0, startColumn = 0 } = symbolProps(n);
    return startLine * 100_000 + startColumn;
  };
  return nodes.sort((a, b) => at(a) - at(b) || (a.key < b.key ? -1 : 1));
}

/**
 * What a node contains, in source order: a file's top-level symbols, or the members of a
 * class, interface, enum or namespace.
 */
export async function contentsOf(reader: GraphReader, key: string): Promise<GraphNode[]> {
  return inSourceOrder(await related(reader, key, ['CONTAINS'], 'OUT'));
}

/**
 * The symbols that call or instantiate `key` (`IN`: its callers) or that it calls (`OUT`: its
 * callees), within `depth` calls (1..{@link QUERY_BOUNDS.walkDepth}, 1 by default), nearest
 * first, then by key; at most {@link QUERY_BOUNDS.walkNodes} (`truncated` when there are more).
 * Files (top-level code) are left out.
 *
 * @throws `QueryInputError` for a depth out of bounds.
 */
export async function callHierarchy(
  reader: GraphReader,
  key: string,
  direction: WalkDirection,
  depth?: number | null,
  options: { readonly includeOverrides?: boolean | null } = {},
): Promise<Walked<GraphNode>> {
  // A file (its top-level code) calls but is never called: no slot of the limit goes to it.
  const reached = await walkCalls(reader, key, direction, depth, options, (reachedKey) =>
    reachedKey.includes('#'),
  );
  return { ...reached, items: reached.items.map((r) => r.node).filter(isSymbol) };
}

/**
 * The files whose top-level code (module initialisation, and every call inside a test's
 * `it(() => …)`, which no symbol owns) calls or instantiates `key`, or, with `depth` > 1, one of
 * its callers within `depth` calls; nearest first, then by path; at most
 * {@link QUERY_BOUNDS.walkNodes} (`truncated` when there are more). {@link callHierarchy} leaves them out (a file is no symbol): a
 * symbol called only from top-level code has no callers there, yet is not dead.
 *
 * @throws `QueryInputError` for a depth out of bounds.
 */
export async function callerFiles(
  reader: GraphReader,
  key: string,
  depth?: number | null,
  options: { readonly includeOverrides?: boolean | null } = {},
): Promise<Walked<GraphNode>> {
  const reached = await walkCalls(
    reader,
    key,
    'IN',
    depth,
    options,
    (reachedKey) => !reachedKey.includes('#'),
  );
  return { ...reached, items: reached.items.map((r) => r.node).filter((node) => node.kind === 'FILE') };
}

/** The call walk of both: from `key` (and what it overrides, on request), returning what `returns` keeps. */
async function walkCalls(
  reader: GraphReader,
  key: string,
  direction: WalkDirection,
  depth: number | null | undefined,
  options: { readonly includeOverrides?: boolean | null },
  returns: (reachedKey: string) => boolean,
) {
  const checkedDepth = checkDepth(depth);
  const starts = options.includeOverrides ? [key, ...(await overriddenBy(reader, key))] : key;
  return walk(reader, starts, {
    types: CALL_EDGES,
    direction,
    depth: checkedDepth,
    limit: QUERY_BOUNDS.walkNodes,
    returns,
  });
}

/** Edges from a member to what it overrides or implements. */
const OVERRIDING: readonly EdgeType[] = ['OVERRIDES', 'IMPLEMENTS'];

/** The keys of the members `key` overrides or implements, directly or not. */
async function overriddenBy(reader: GraphReader, key: string): Promise<string[]> {
  const reached = await walk(reader, key, {
    types: OVERRIDING,
    direction: 'OUT',
    depth: QUERY_BOUNDS.walkDepth,
    limit: QUERY_BOUNDS.walkNodes,
  });
  return reached.items.map((r) => r.node.key);
}

/**
 * What may run in its place: the classes implementing an interface, or the methods implementing
 * an interface member. With `includeOverrides`, also every method overriding it or them,
 * directly or not (`shape.area()` may run any of them), nearest first, then by key; at most
 * {@link QUERY_BOUNDS.walkNodes}.
 */
export async function implementationsOf(
  reader: GraphReader,
  key: string,
  includeOverrides?: boolean | null,
): Promise<GraphNode[]> {
  if (!includeOverrides) return related(reader, key, ['IMPLEMENTS'], 'IN');
  const reached = await walk(reader, key, {
    types: OVERRIDING,
    direction: 'IN',
    depth: QUERY_BOUNDS.walkDepth,
    limit: QUERY_BOUNDS.walkNodes,
  });
  return reached.items.map((r) => r.node);
}

/** The callers of `key` within `depth` calls: {@link callHierarchy} backwards. */
export function findCallers(
  reader: GraphReader,
  key: string,
  depth?: number | null,
  options: { readonly includeOverrides?: boolean | null } = {},
): Promise<Walked<GraphNode>> {
  return callHierarchy(reader, key, 'IN', depth, options);
}

/** The callees of `key` within `depth` calls: {@link callHierarchy} forwards. */
export function findCallees(
  reader: GraphReader,
  key: string,
  depth?: number | null,
): Promise<Walked<GraphNode>> {
  return callHierarchy(reader, key, 'OUT', depth);
}

/**
 * How `key` is used without being called: its incoming REFERENCES (a function passed or stored as
 * a value, a type named in a signature), as `sites` (places in the code) from `users` (symbols or
 * files). A function with no callers but references is used, not dead.
 */
export async function referenceSites(
  reader: GraphReader,
  key: string,
): Promise<{ readonly sites: number; readonly users: number }> {
  const edges = await edgesOf(reader, key, ['REFERENCES'], 'IN');
  const sites = edges.reduce((sum, edge) => sum + (edgeProps(edge, 'REFERENCES').count ?? 1), 0);
  return { sites, users: new Set(edges.map((edge) => edge.from)).size };
}
