/**
 * The indexer's start on a Memgraph that already holds a graph: verify it against the files
 * and apply only the difference (no wipe and rewrite), and notice a Memgraph that came back
 * empty or older than the revision log.
 */
import type { Logger } from 'pino';
import type { EventsEngine } from '../events/port.ts';
import type { MemgraphStore } from '../graph/memgraph/memgraph-store.ts';
import { encodeSnapshot } from './snapshot-file.ts';

/** What the stored graph is worth at start. */
export type StoredStart =
  /** Nothing stored and nothing published: a first analysis, in batches. */
  | { readonly kind: 'cold' }
  /** The stored graph is the log's latest: verify it, apply the difference as one revision. */
  | { readonly kind: 'verify' }
  /**
   * Memgraph lost revisions the log has (it came back empty, or from an older state): the next
   * revision must come after the log's latest, and the difference from what is stored (the whole
   * graph when it is empty) is applied as that one revision.
   */
  | { readonly kind: 'rebuild'; readonly floor: number; readonly reason: string };

/** Decides how to start from the stored revision, how many nodes are stored, and the log's latest revision. */
export function decideStoredStart(
  stored: { revision: number; nodes: number },
  logRevision: number,
): StoredStart {
  if (stored.nodes === 0 && logRevision === 0) return { kind: 'cold' };
  if (stored.nodes === 0)
    return {
      kind: 'rebuild',
      floor: Math.max(logRevision, stored.revision),
      reason: `Memgraph holds no graph, but revisions up to ${logRevision} were published: it came back empty`,
    };
  if (stored.revision < logRevision)
    return {
      kind: 'rebuild',
      floor: logRevision,
      reason: `Memgraph is at revision ${stored.revision}, older than the revision log's ${logRevision}`,
    };
  return { kind: 'verify' };
}

/**
 * What the indexer starts from on Memgraph: the stored graph as snapshot bytes for the
 * analysis worker to verify, or undefined for a first analysis. A Memgraph that lost revisions
 * has its revision raised to the log's first, so that no revision number is used twice.
 * A store that cannot be read now is a warning and a first analysis.
 */
export async function storedGraphOf(options: {
  readonly store: MemgraphStore;
  readonly events: EventsEngine;
  readonly root: string;
  readonly logger: Logger;
}): Promise<Uint8Array | undefined> {
  const { store, events, logger } = options;
  try {
    const graph = await store.readGraph();
    const decision = decideStoredStart(
      { revision: graph.revision, nodes: graph.nodes.length },
      await events.latestRevision(),
    );
    if (decision.kind === 'cold') return undefined;
    if (decision.kind === 'rebuild') {
      logger.warn(`${decision.reason}: the graph is applied again as one revision after ${decision.floor}`);
      await store.raiseRevision(decision.floor);
    }
    logger.info(
      { revision: graph.revision, nodes: graph.nodes.length, edges: graph.edges.length },
      'verifying the graph stored in Memgraph',
    );
    return Buffer.concat(await encodeSnapshot({ root: options.root, ...graph, log: [] }));
  } catch (error) {
    logger.warn(
      `cannot read the graph stored in Memgraph (${(error as Error).message}): analyzing from scratch`,
    );
    return undefined;
  }
}
