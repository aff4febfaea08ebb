import type { OutputRef } from '@pothos/core';
import { QUERY_BOUNDS, type Walked } from '../server/queries/index.ts';
import { builder } from './builder.ts';

/** The walk limit, as the descriptions write it. */
export const WALK_NODES = QUERY_BOUNDS.walkNodes.toLocaleString('en-US');

/**
 * The answer of a bounded walk as a GraphQL type: its nodes (of `itemType`), how many it found,
 * and whether it cut. `stops` says where a truncated walk stopped counting, `narrower` how to
 * ask for less.
 */
export function walkObject<Item>(
  name: string,
  itemType: OutputRef<Item>,
  texts: { readonly description: string; readonly stops: string; readonly narrower: string },
) {
  return builder.objectRef<Walked<Item>>(name).implement({
    description: texts.description,
    fields: (t) => ({
      nodes: t.field({
        type: [itemType],
        description: `Nearest first, then by key: the nearest ${WALK_NODES} at most.`,
        // The field returning the walk already weighs its size: its nodes must not weigh 10 more.
        complexity: { field: 1, multiplier: 1 },
        resolve: (w) => [...w.items],
      }),
      totalCount: t.int({
        description: `How many the walk found: all of them, or at least this many when \`truncated\` (${texts.stops}).`,
        resolve: (w) => w.totalCount,
      }),
      truncated: t.boolean({
        description: `True when \`nodes\` holds fewer than lie within \`depth\`: the walk stopped at its bound of ${WALK_NODES}. ${texts.narrower}`,
        resolve: (w) => w.truncated,
      }),
    }),
  });
}
