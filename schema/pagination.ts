import { DEFAULTS, LIMITS, type Page, type PageRequest } from '../server/graph/port.ts';
import { builder } from './builder.ts';
import { badInput } from './errors.ts';
import type { CodeSymbolRef, FileRef } from './refs.ts';

/**
 * The page asked for: forward (`first` after `after`) or backward (`last` before `before`), as
 * Relay's connection arguments; a size 0..{@link LIMITS.pageSize}, {@link DEFAULTS.pageSize} by
 * default. Arguments of both directions at once are refused: the store's keyset cursors page one
 * way at a time.
 */
export function pageArgs(args: {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}): PageRequest {
  const backward = args.last != null || args.before != null;
  if (backward && (args.first != null || args.after != null)) {
    throw badInput(
      'a page goes one way: first and after page forward, last and before page backward; give one pair',
    );
  }
  const name = backward ? 'last' : 'first';
  const size = (backward ? args.last : args.first) ?? DEFAULTS.pageSize;
  if (!Number.isInteger(size) || size < 0 || size > LIMITS.pageSize) {
    throw badInput(`${name} must be 0..${LIMITS.pageSize}, got ${size}`);
  }
  return backward
    ? { last: size, before: args.before ?? undefined }
    : { first: size, after: args.after ?? undefined };
}

/** The size of the page asked for, either way: what a connection weighs in the complexity budget. */
export function pageSizeOf(args: { first?: number | null; last?: number | null }): number {
  return args.first ?? args.last ?? DEFAULTS.pageSize;
}

/** A store page as a Relay connection. */
export function connectionOf<T>(page: Page<T>) {
  return {
    totalCount: page.totalCount,
    edges: page.items.map((node, i) => ({ node, cursor: page.cursors[i]! })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
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
