/**
 * The bounds every question of {@link "server/queries"} accepts, and the error it throws for
 * an argument outside them.
 */

/** The largest values a caller may ask of a query function (the store's own limits are lower or equal). */
export const QUERY_BOUNDS = {
  /** Deepest `callers`/`callees`/`impact`/`neighbourhood` walk. */
  walkDepth: 10,
  /** Most nodes one walk returns. */
  walkNodes: 1000,
  /** Most nodes a graph slice (a picture: import graph, impact graph, neighbourhood, folder graph) holds. */
  sliceNodes: 500,
  /** Most folders one folder picture opens by name. */
  expandedFolders: 200,
  /** Most start keys of one `impact`. */
  impactKeys: 100,
} as const;

/**
 * A caller's argument outside its bounds: the message says which, what it may be and what it was.
 * The API answers it as `BAD_USER_INPUT`.
 */
export class QueryInputError extends Error {
  override readonly name = 'QueryInputError';
}

/**
 * `value` (or `fallback` when absent) if it is an integer in `min..max`.
 *
 * @throws {@link QueryInputError} naming `what` otherwise.
 */
export function checkRange(
  value: number | null | undefined,
  fallback: number,
  min: number,
  max: number,
  what: string,
): number {
  const checked = value ?? fallback;
  if (!Number.isInteger(checked) || checked < min || checked > max) {
    throw new QueryInputError(`${what} must be ${min}..${max}, got ${checked}`);
  }
  return checked;
}

/** A walk's depth: 1..{@link QUERY_BOUNDS.walkDepth}. @throws {@link QueryInputError} */
export function checkDepth(depth: number | null | undefined, fallback = 1): number {
  return checkRange(depth, fallback, 1, QUERY_BOUNDS.walkDepth, 'depth');
}

/** A slice's node limit: 1..{@link QUERY_BOUNDS.sliceNodes}. @throws {@link QueryInputError} */
export function checkSliceLimit(limit: number | null | undefined, fallback: number): number {
  return checkRange(limit, fallback, 1, QUERY_BOUNDS.sliceNodes, 'limit');
}

/**
 * The start keys of an impact question, each once: 1..{@link QUERY_BOUNDS.impactKeys}.
 * @throws {@link QueryInputError}
 */
export function checkImpactKeys(keys: readonly string[]): readonly string[] {
  if (keys.length === 0 || keys.length > QUERY_BOUNDS.impactKeys) {
    throw new QueryInputError(`keys must hold 1..${QUERY_BOUNDS.impactKeys} keys`);
  }
  return [...new Set(keys)];
}

/** The folders a folder picture opens: at most {@link QUERY_BOUNDS.expandedFolders}. @throws {@link QueryInputError} */
export function checkExpandedFolders<T>(expanded: readonly T[]): readonly T[] {
  if (expanded.length > QUERY_BOUNDS.expandedFolders) {
    throw new QueryInputError(
      `expanded may hold at most ${QUERY_BOUNDS.expandedFolders} folders, got ${expanded.length}`,
    );
  }
  return expanded;
}
