/**
 * What a neo4j-driver error means for callers of the store.
 */
import { GraphStoreError } from '../port.ts';

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);
/** Transport failures that reach us without one of those codes (an acquisition timeout is `N/A`). */
const UNAVAILABLE_MESSAGE =
  /connection acquisition timed out|failed to connect|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|socket hang up|connection (was )?closed|pool (is )?closed/i;
/** Memgraph's write conflicts: worth running the transaction again. */
const CONFLICT_MESSAGE = /conflicting transactions|serialization error/i;

function codeOf(error: unknown): string {
  return typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Whether Memgraph refused a transaction because another one wrote the same data. */
export function isConflictError(error: unknown): boolean {
  return !(error instanceof GraphStoreError) && CONFLICT_MESSAGE.test(messageOf(error));
}

/**
 * Maps a driver error to a {@link GraphStoreError} where callers can act on it:
 * unreachable or refusing Memgraph → `STORE_UNAVAILABLE` with a message naming the URI.
 * Our own errors pass through; anything else is returned as is (a bug or a query error,
 * which the API masks and logs).
 */
export function mapMemgraphError(error: unknown, uri: string): unknown {
  if (error instanceof GraphStoreError) return error;
  const code = codeOf(error);
  const message = messageOf(error);
  if (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_MESSAGE.test(message)) {
    // The driver's ServiceUnavailable text is a paragraph about encryption; the cause is last.
    const reason = /Caused by: (.*)$/s.exec(message)?.[1]?.trim() ?? message;
    return new GraphStoreError(
      'STORE_UNAVAILABLE',
      `Memgraph at ${uri} is unavailable (${reason}); check that it is running and reachable`,
      { cause: error },
    );
  }
  if (code.startsWith('Neo.ClientError.Security.')) {
    return new GraphStoreError(
      'STORE_UNAVAILABLE',
      `Memgraph at ${uri} refused the credentials (${message}); check the user and password`,
      { cause: error },
    );
  }
  return error;
}
