import type { Direction, GraphStore } from '../server/graph/port.ts';
import type { EdgeType } from '../server/model/index.ts';

/** Items an unpaged list is assumed to hold when the store gives no degree statistics. */
export const DEFAULT_LIST_SIZE = 10;

/** How many items the unpaged list of a node's edges of some types holds, for the cost estimate. */
export interface ListSizes {
  of(types: readonly EdgeType[], direction: Exclude<Direction, 'BOTH'>): number;
}

/**
 * List sizes from the store's real degree statistics: a list of a node's edges weighs what a
 * busy node holds (the 99th percentile of that degree over the nodes that have such edges),
 * not a fixed guess (`importedBy` of rxjs's busiest files holds 70 to 178 items, not 10).
 *
 * @remarks
 * The 99th percentile, not the maximum: estimates multiply down nested lists, and a page of a
 * big file's symbols with their members would cost the largest file times the largest class,
 * refusing the web UI's file page on large projects; the maximum holds only for a single hub.
 */
export async function listSizesOf(store: GraphStore): Promise<ListSizes> {
  const stats = await store.degreeStats?.().catch(() => undefined);
  if (stats === undefined) return { of: () => DEFAULT_LIST_SIZE };
  return {
    of(types, direction) {
      let size = 0;
      for (const type of types) size += stats[type][direction === 'IN' ? 'in' : 'out'].p99;
      return Math.max(1, size);
    },
  };
}

/** The complexity of an unpaged list field of a node's edges (each item weighs its selection). */
export function listComplexity(types: readonly EdgeType[], direction: Exclude<Direction, 'BOTH'>) {
  return (_args: unknown, ctx: { readonly listSizes: ListSizes }) => ({
    field: 1,
    multiplier: ctx.listSizes.of(types, direction),
  });
}
