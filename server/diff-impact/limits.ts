/**
 * The bounds of one diff impact call, apart from diff-impact.ts: the schema and the MCP tool
 * describe them, and should not load the analysis (the old text's parser) to do so.
 */
import { LIMITS } from '../graph/port.ts';

/**
 * Most items `changed` and `affected` hold (the largest `first`, and its default): as the API's
 * walks (`QUERY_BOUNDS.walkNodes`).
 */
export const MAX_DIFF_AFFECTED = 1000;

/**
 * Most nodes one call's walk of dependents visits: those within `depth` first, then, with what
 * is left, farther ones (up to {@link LIMITS.traverseDepth} steps) for the tests that reach them.
 */
export const MAX_DIFF_WALK = LIMITS.traverseLimit;
