import { DEFAULTS, LIMITS, type Page } from '../server/graph/port.ts';
import { builder } from './builder.ts';
import { badInput } from './errors.ts';
import type { CodeSymbolRef, FileRef } from './refs.ts';

/** The page size asked for: 0..{@link LIMITS.pageSize}, {@link DEFAULTS.pageSize} by default. Relay's backward arguments are refused. */
export function pageArgs(args: {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}) {
  if (args.last != null || args.before != null) {
    throw badInput('only forward pagination is supported: use first and after');
  }
  const first = args.first ?? DEFAULTS.pageSize;
  if (!Number.isInteger(first) || first < 0 || first > LIMITS.pageSize) {
    throw badInput(`first must be 0..${LIMITS.pageSize}, got ${first}`);
  }
  return { first, after: args.after ?? undefined };
}

/** A store page as a Relay connection. */
export function connectionOf<T>(page: Page<T>) {
  return {
    totalCount: page.totalCount,
    edges: page.items.map((node, i) => ({ node, cursor: page.cursors[i]! })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: false,
      startCursor: page.cursors[0] ?? null,
      endCursor: page.cursors[page.cursors.length - 1] ?? null,
    },
  };
}

/**
 * The Relay connection type `${name}Connection` of `${name}Edge`s over `type`, with the
 * store page's `totalCount`.
 */
export function countedConnection(type: typeof CodeSymbolRef | typeof FileRef, name: string) {
  return builder.connectionObject(
    {
      type,
      name: `${name}Connection`,
      fields: (t) => ({
        totalCount: t.int({ resolve: (c) => (c as unknown as { totalCount: number }).totalCount }),
      }),
    },
    { name: `${name}Edge` },
  );
}
