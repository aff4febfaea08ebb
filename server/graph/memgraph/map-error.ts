/**
 * What a neo4j-driver error means for callers of the store.
 */
import { GraphStoreError } from '../port.ts';

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);
/** Transport failures that reach us without one of those codes (an acquisition timeout is `N/A`). */
const UNAVAILABLE_MESSAGE =
  /connection acquisition timed out|failed to connect|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|socket hang up|connection (was )?closed|pool (is )?closed/i;
/**
 * Failures that running the transaction again can cure. Memgraph reports them all as
 * `TransientError`, together with failures it cannot cure (a query timeout, the memory limit),
 * so they are told apart by message: write conflicts ("Cannot resolve conflicting
 * transactions", "Unable to commit due to serialization error"), a storage-access timeout
 * while another process holds the storage ("Cannot get shared access to the storage"), and a
 * racing writer that created the same key first ("Unable to commit due to unique constraint
 * violation"; the retry's `MERGE` then finds it).
 */
const RETRYABLE_MESSAGE =
  /conflicting transactions|serialization error|cannot get shared access to the storage|unique constraint violation/i;
/** Memgraph's answer when a transaction outlives its `timeout`. */
const TIMEOUT_MESSAGE = /because of transaction timeout/i;

function codeOf(error: unknown): string {
  return typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Whether running the transaction again may succeed (see {@link RETRYABLE_MESSAGE}). */
export function isRetryableError(error: unknown): boolean {
  return !(error instanceof GraphStoreError) && RETRYABLE_MESSAGE.test(messageOf(error));
}

/** Whether Memgraph stopped the transaction because it outlived its `timeout`. */
export function isTimeoutError(error: unknown): boolean {
  return !(error instanceof GraphStoreError) && TIMEOUT_MESSAGE.test(messageOf(error));
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
  // Memgraph's codes start `Memgraph.` (`Memgraph.ClientError.Security.Unauthenticated`),
  // Neo4j's `Neo.`: both mean the credentials were refused.
  if (/\.ClientError\.Security\./.test(code)) {
    return new GraphStoreError(
      'STORE_UNAVAILABLE',
      `Memgraph at ${uri} refused the credentials (${message}); check the user and password`,
      { cause: error },
    );
  }
  return error;
}
