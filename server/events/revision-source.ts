/**
 * What the shared subscription logic needs from an engine: a live feed of log entries in
 * log order, and reads of the log itself. Both engines provide one; `subscribeRevisions`
 * merges them into gap-free, duplicate-free subscriptions.
 */
import type { RevisionEvent } from './port.ts';

/**
 * One revision as the log keeps it: the event, plus what lets a subscriber prove that it
 * missed nothing.
 *
 * @remarks
 * Revisions are strictly increasing but need not be contiguous, so a gap cannot be seen
 * from the numbers alone: `previous` names the revision published just before this one.
 * A subscriber whose last revision is below `previous` has missed something (trimmed from
 * the log, or dropped from a full outbox) and must not pretend otherwise.
 */
export interface LogEntry {
  /**
   * The log's generation. It changes only when the writer starts over with a fresh graph
   * (publishes a revision not above the latest): a position in an older epoch means nothing
   * in the new one.
   */
  readonly epoch: string;
  /**
   * The revision published before this one in the same epoch. For the first revision a
   * writer publishes with no history (a new process, a restart, a fresh graph) it is
   * `revision - 1`: what came before is unknown, so a client further behind is told rather
   * than skipped past revisions that may have existed.
   */
  readonly previous: number;
  readonly event: RevisionEvent;
}

/** A position in the log: the last revision a subscriber (or the live feed) has seen. */
export interface LogCursor {
  /** Unknown when the position was taken from an empty log. */
  readonly epoch: string | undefined;
  readonly revision: number;
}

/** The log as read for a replay. */
export interface LogRead {
  /** The latest revision the engine knows of, for validating `since`. */
  readonly latest: number;
  /** The log's epoch, `undefined` when the log is empty. */
  readonly epoch: string | undefined;
  /** The retained entries after the requested revision, in order (may be fetched lazily). */
  readonly entries: AsyncIterable<LogEntry> | Iterable<LogEntry>;
}

/** Receives the live feed. */
export interface RevisionListener {
  entry(entry: LogEntry): void;
  /** The engine is closing: the subscription ends. */
  end(): void;
}

export interface RevisionSource {
  /**
   * Starts receiving entries at once (synchronously: nothing emitted after this call is
   * missed). Entries come in log order; the same revision may come more than once.
   *
   * @returns a function that stops listening.
   */
  listen(listener: RevisionListener): () => void;
  /** The last entry the live feed delivered, `undefined` before it has seen any. */
  position(): LogCursor | undefined;
  /**
   * Reads the log after `since`.
   *
   * @throws {@link EventsError} `EVENTS_UNAVAILABLE` when the log cannot be read now.
   */
  readLog(since: number): Promise<LogRead>;
}
