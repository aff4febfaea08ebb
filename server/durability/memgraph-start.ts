/**
 * The indexer's start on a Memgraph that already holds a graph: verify it against the files
 * and apply only the difference (no wipe and rewrite), and notice a Memgraph that came back
 * empty or older than the revision log.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { type EventsEngine, EventsError } from '../events/port.ts';
import type { MemgraphStore } from '../graph/memgraph/memgraph-store.ts';
import { GraphStoreError } from '../graph/port.ts';
import { encodeSnapshot } from './snapshot-file.ts';

/** What the stored graph is worth at start. */
export type StoredStart =
  /** Nothing stored and nothing published: a first analysis, in batches. */
  | { readonly kind: 'cold' }
  /** The stored graph is the log's latest: verify it, apply the difference as one revision. */
  | { readonly kind: 'verify' }
  /**
   * Memgraph lost revisions the log has (it came back empty, or from an older state): the next
   * revision must come after the log's latest, one number left out (it does not follow the log's
   * latest), and the difference from what is stored (the whole graph when it is empty) is applied
   * as that one revision.
   */
  | { readonly kind: 'rebuild'; readonly floor: number; readonly reason: string };

/**
 * Decides how to start from the stored revision, how many nodes are stored, and the latest
 * revision published before: the revision log's, or the revision mark's in the cache folder
 * (see memgraph-mark.ts) when that is later.
 */
export function decideStoredStart(
  stored: { revision: number; nodes: number },
  publishedRevision: number,
): StoredStart {
  if (stored.nodes === 0 && publishedRevision === 0) return { kind: 'cold' };
  if (stored.nodes === 0)
    return {
      kind: 'rebuild',
      floor: Math.max(publishedRevision, stored.revision),
      reason: `Memgraph holds no graph, but revisions up to ${publishedRevision} were published: it came back empty`,
    };
  if (stored.revision < publishedRevision)
    return {
      kind: 'rebuild',
      floor: publishedRevision,
      reason: `Memgraph is at revision ${stored.revision}, older than the latest published, ${publishedRevision}`,
    };
  return { kind: 'verify' };
}

/**
 * What the indexer starts from on Memgraph: the stored graph as snapshot bytes for the
 * analysis worker to verify, or undefined for a first analysis. A Memgraph that lost revisions
 * has its revision raised past the latest published (the log's, or the cache folder's mark), so
 * that no revision number is used twice and no client resumes across the rebuild.
 *
 * @remarks
 * The decision needs both the stored graph and the log's latest revision: while Memgraph or the
 * revision log (Redis) cannot be read, it waits for them (one warning per distinct problem),
 * retrying every `retryMs`. Guessing instead would start numbering from the wrong place — an
 * empty Memgraph taken for a first start restarts the numbers under the log's, and clients
 * resuming with their last revision are told it expired or, worse, get another graph's
 * revisions. Nothing would be delivered meanwhile anyway: writes wait for the store, and
 * revisions for Redis. Any other failure to read is a warning and a first analysis.
 * @throws the signal's reason when it aborts (the indexer stops) while waiting
 */
export async function storedGraphOf(options: {
  readonly store: MemgraphStore;
  readonly events: EventsEngine;
  readonly root: string;
  readonly logger: Logger;
  /** Ends the wait for an unavailable store or log. */
  readonly signal?: AbortSignal;
  /** Wait between attempts while the store or the log is unavailable. @default 1000 ms */
  readonly retryMs?: number;
  /**
   * The latest revision an earlier writer of this root recorded in the cache folder (see
   * memgraph-mark.ts): numbering continues after it too, when Memgraph lost it and no Redis
   * log remembers it.
   */
  readonly published?: number;
  /**
   * Told, once the start is decided, the revision numbering continues from: for an events engine
   * that cannot read it elsewhere (the in-process log, without Redis).
   */
  readonly continuing?: (revision: number) => void;
}): Promise<Uint8Array | undefined> {
  const { store, events, logger, signal } = options;
  let waiting: string | undefined;
  for (;;) {
    signal?.throwIfAborted();
    try {
      const graph = await store.readGraph();
      const decision = decideStoredStart(
        { revision: graph.revision, nodes: graph.nodes.length },
        Math.max(await events.latestRevision(), options.published ?? 0),
      );
      let revision = graph.revision;
      if (decision.kind === 'rebuild') {
        // One number is left out: the rebuilt revision is a difference from what Memgraph holds,
        // not from revision `floor`, so it must not follow `floor` — a client resuming from `floor`
        // or before is told its revision expired (it re-queries) instead of getting a difference
        // that leaves what vanished meanwhile in its copy.
        logger.warn(
          `${decision.reason}: the graph is applied again as revision ${decision.floor + 2}; clients at revision ${decision.floor} or before re-query`,
        );
        revision = await store.raiseRevision(decision.floor + 1);
      }
      options.continuing?.(revision);
      if (waiting !== undefined) logger.info('the stored graph and the revision log can be read again');
      if (decision.kind === 'cold') return undefined;
      logger.info(
        { revision: graph.revision, nodes: graph.nodes.length, edges: graph.edges.length },
        'verifying the graph stored in Memgraph',
      );
      return Buffer.concat(await encodeSnapshot({ root: options.root, ...graph, log: [] }));
    } catch (error) {
      if (!isUnavailable(error)) {
        logger.warn(
          `cannot read the graph stored in Memgraph (${(error as Error).message}): analyzing from scratch`,
        );
        return undefined;
      }
      const problem = `${(error as Error).message}: waiting for it before the first analysis writes (revision numbers continue after the stored graph's and the revision log's)`;
      if (problem !== waiting) logger.warn(problem);
      waiting = problem;
      await delay(options.retryMs ?? 1000, undefined, { signal });
    }
  }
}

/** The store or the revision log is away for now (as opposed to broken). */
function isUnavailable(error: unknown): boolean {
  return (
    (error instanceof GraphStoreError && error.code === 'STORE_UNAVAILABLE') ||
    (error instanceof EventsError && error.code === 'EVENTS_UNAVAILABLE')
  );
}
