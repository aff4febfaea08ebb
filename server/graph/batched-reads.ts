import type { EdgeType, GraphEdge, GraphNode } from '../model/index.ts';
import { type EdgeQuery, type GraphStore, LIMITS, type NodeFilter } from './port.ts';

/**
 * Reads of any number of keys through the store port, which takes at most
 * {@link LIMITS.batchKeys} per call: one call per batch, results in the keys' order.
 */
export async function getNodesInBatches(
  store: Pick<GraphStore, 'getNodes'>,
  keys: readonly string[],
): Promise<(GraphNode | undefined)[]> {
  const nodes: (GraphNode | undefined)[] = [];
  for (const batch of batches(keys)) nodes.push(...(await store.getNodes(batch)));
  return nodes;
}

/** {@link GraphStore.getEdges} of any number of keys (see {@link getNodesInBatches}). */
export async function getEdgesInBatches(
  store: Pick<GraphStore, 'getEdges'>,
  keys: readonly string[],
  query: EdgeQuery,
): Promise<GraphEdge[][]> {
  const lists: GraphEdge[][] = [];
  for (const batch of batches(keys)) lists.push(...(await store.getEdges(batch, query)));
  return lists;
}

/** {@link GraphStore.importersByName} of any number of keys (see {@link getNodesInBatches}). */
export async function importersByNameInBatches(
  store: Pick<GraphStore, 'importersByName'>,
  keys: readonly string[],
): Promise<string[][]> {
  const lists: string[][] = [];
  for (const batch of batches(keys)) lists.push(...(await store.importersByName(batch)));
  return lists;
}

/**
 * Who uses each key: the distinct sources of its incoming edges of `types`, and with `byName`
 * the files that import it by name or re-export it ({@link GraphStore.importersByName}) after them.
 */
export async function dependentsOfKeys(
  store: Pick<GraphStore, 'getEdges' | 'importersByName'>,
  keys: readonly string[],
  types: readonly EdgeType[],
  options: { readonly byName?: boolean } = {},
): Promise<Map<string, string[]>> {
  const lists = await getEdgesInBatches(store, keys, { types, direction: 'IN' });
  const importers = options.byName === true ? await importersByNameInBatches(store, keys) : [];
  return new Map(
    keys.map((key, i) => [key, [...new Set([...lists[i]!.map((e) => e.from), ...(importers[i] ?? [])])]]),
  );
}

/** Every node `filter` finds, page after page of the largest size the port gives. */
export async function findAllNodes(
  store: Pick<GraphStore, 'findNodes'>,
  filter: NodeFilter,
): Promise<GraphNode[]> {
  const nodes: GraphNode[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.findNodes(filter, { first: LIMITS.pageSize, after });
    nodes.push(...page.items);
    if (!page.hasNextPage || page.items.length === 0) return nodes;
    after = page.cursors[page.cursors.length - 1];
  }
}

function batches(keys: readonly string[]): (readonly string[])[] {
  const result: (readonly string[])[] = [];
  for (let i = 0; i < keys.length; i += LIMITS.batchKeys) result.push(keys.slice(i, i + LIMITS.batchKeys));
  return result;
}
