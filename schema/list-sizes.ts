import type { DegreeGroup, Direction, GraphStore } from '../server/graph/port.ts';
import type { EdgeType } from '../server/model/index.ts';

/** Items an unpaged list is assumed to hold when the store gives no degree statistics. */
const DEFAULT_LIST_SIZE = 10;

/** How many items the unpaged list of a node's edges of some types holds, for the cost estimate. */
export interface ListSizes {
  of(types: readonly EdgeType[], direction: Exclude<Direction, 'BOTH'>, parent: DegreeGroup): number;
}

/**
 * List sizes from the store's real degree statistics: a list of a node's edges weighs what a
 * busy node of its kind holds — the 99th percentile of that degree over the files (or the
 * symbols, or the external modules) — not a fixed guess: `importedBy` of rxjs's files weighs
 * 70 (its busiest file has 178 importers), not 10.
 *
 * @remarks
 * The 99th percentile over every node of the group, not the maximum, nor over the nodes that
 * have such edges only: estimates multiply down nested lists, and a big file's symbols with
 * their members would otherwise weigh the largest file times the largest class (effect's file
 * page: 245 × 55), refusing the web UI on large projects. One level over the busiest node
 * costs at most its degree anyway.
 */
export async function listSizesOf(store: GraphStore): Promise<ListSizes> {
  const stats = await store.degreeStats?.().catch(() => undefined);
  if (stats === undefined) return { of: () => DEFAULT_LIST_SIZE };
  return {
    of(types, direction, parent) {
      let size = 0;
      for (const type of types) size += stats[type][direction === 'IN' ? 'in' : 'out'][parent].p99;
      return Math.max(1, size);
    },
  };
}

/** The complexity of an unpaged list field of a node's edges (each item weighs its selection). */
export function listComplexity(
  types: readonly EdgeType[],
  direction: Exclude<Direction, 'BOTH'>,
  parent: DegreeGroup,
) {
  return (_args: unknown, ctx: { readonly listSizes: ListSizes }) => ({
    field: 1,
    multiplier: ctx.listSizes.of(types, direction, parent),
  });
}
