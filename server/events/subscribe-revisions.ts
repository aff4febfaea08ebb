/**
 * Subscriptions to revisions, shared by both engines: live first, then the log replayed
 * from `since`, merged without a gap or a duplicate at the seam.
 */

import { createSerialQueue } from '../util/serial-queue.ts';
import { aheadOfLog, EventsError, REQUERY, type RevisionEvent, type SubscribeOptions } from './port.ts';
import type { LogCursor, LogEntry, RevisionSource } from './revision-source.ts';

export interface RevisionSubscriptionOptions extends SubscribeOptions {
  /**
   * How many live entries may wait for a slow consumer. Beyond that they are dropped and the
   * subscription catches up from the log instead, so a stuck client costs bounded memory.
   */
  readonly maxPending: number;
}

/**
 * Revisions from `source`: with `since`, every retained revision after it in order, then
 * live ones; without it, live ones from now.
 *
 * @remarks
 * The live feed is listened to before the log is read, and what arrives meanwhile waits;
 * after the replay, every entry at or below the last delivered revision is skipped. So the
 * seam has neither a gap nor a duplicate, whatever is published concurrently. The replay
 * ends as soon as it has delivered where the live feed stood when listening began: what
 * follows reaches the subscription live, so the log is not read again (a read that fails
 * there, Redis gone a moment after, would end a subscription that misses nothing).
 * Errors ({@link EventsError}) come from `next()` and end the subscription:
 * `BAD_USER_INPUT` for a `since` that is not a revision number, `REVISION_EXPIRED` when a
 * revision the subscriber needs is no longer retained, the log restarted, or `since` is ahead
 * of the log (so not from this log), `EVENTS_UNAVAILABLE` when the log cannot be read.
 */
export function subscribeRevisions(
  source: RevisionSource,
  options: RevisionSubscriptionOptions,
): AsyncIterableIterator<RevisionEvent> {
  return new RevisionSubscription(source, options);
}

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

class RevisionSubscription implements AsyncIterableIterator<RevisionEvent> {
  readonly #source: RevisionSource;
  readonly #maxPending: number;
  readonly #signal: AbortSignal | undefined;
  #stopListening: () => void = () => {};
  /** Live entries not yet considered, in log order. */
  #pending: LogEntry[] = [];
  /** The last revision delivered (or `since`); `undefined` until known. */
  #cursor: LogCursor | undefined;
  /**
   * Every entry after this one reaches `#pending` (the live feed's position when listening
   * began, or the newest entry dropped from `#pending`): a replay that has delivered it is done.
   */
  #liveAfter: LogCursor | undefined;
  /** `since`, until the first read of the log has validated it. */
  #since: number | undefined;
  /** The log must be read (after `since`, or after the cursor once live entries were dropped). */
  #needsLog = false;
  #replay: AsyncIterator<LogEntry> | Iterator<LogEntry> | undefined;
  #failure: EventsError | undefined;
  #finished = false;
  #wake: (() => void) | undefined;
  /** `next()` calls run one after the other, as the protocol expects. */
  readonly #turn = createSerialQueue();

  constructor(source: RevisionSource, options: RevisionSubscriptionOptions) {
    this.#source = source;
    this.#maxPending = options.maxPending;
    this.#signal = options.signal;
    const { since } = options;
    if (this.#signal?.aborted) {
      this.#finished = true;
      return;
    }
    if (since !== undefined && !(Number.isSafeInteger(since) && since >= 0)) {
      this.#failure = new EventsError(
        'BAD_USER_INPUT',
        `since must be a revision (an integer of at least 0), got ${String(since)}`,
      );
      return;
    }
    // Listen before anything else: whatever is published from now on reaches `#pending`.
    this.#stopListening = source.listen({
      entry: (entry) => this.#receive(entry),
      end: () => this.#finish(),
    });
    this.#signal?.addEventListener('abort', this.#onAbort, { once: true });
    if (since === undefined) {
      this.#cursor = source.position();
    } else {
      this.#since = since;
      this.#needsLog = true;
      this.#liveAfter = source.position();
    }
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<RevisionEvent, undefined>> {
    return this.#turn.run(() => this.#pull());
  }

  /** Ends the subscription at once, even while a `next()` is waiting (which then returns done). */
  async return(): Promise<IteratorResult<RevisionEvent, undefined>> {
    this.#finish();
    return DONE;
  }

  readonly #onAbort = (): void => {
    this.#finish();
  };

  #receive(entry: LogEntry): void {
    this.#pending.push(entry);
    if (this.#pending.length > this.#maxPending) {
      // A slow consumer: forget the backlog and read it from the log when it asks again.
      // Without a position yet, resume from just before the first entry dropped.
      const first = this.#pending[0]!;
      if (this.#cursor === undefined && this.#since === undefined) {
        this.#cursor = { epoch: first.epoch, revision: first.previous };
      }
      this.#liveAfter = { epoch: entry.epoch, revision: entry.event.revision };
      this.#pending = [];
      this.#needsLog = true;
    }
    this.#wake?.();
  }

  async #pull(): Promise<IteratorResult<RevisionEvent, undefined>> {
    for (;;) {
      if (this.#failure !== undefined) {
        const failure = this.#failure;
        this.#failure = undefined;
        this.#finish();
        throw failure;
      }
      if (this.#finished) return DONE;
      let entry: LogEntry;
      try {
        if (this.#needsLog && this.#replay === undefined) {
          this.#needsLog = false;
          // Live entries were dropped while a replay ran, and it has delivered them since.
          if (this.#replayedToLive()) continue;
          const replay = await this.#openLog();
          if (this.#finished) {
            if (replay.return !== undefined) Promise.resolve(replay.return()).catch(() => {});
            return DONE;
          }
          this.#replay = replay;
          continue;
        }
        if (this.#replay !== undefined) {
          if (this.#replayedToLive()) {
            this.#endReplay();
            continue;
          }
          const step = await this.#replay.next();
          if (step.done) {
            this.#replay = undefined;
            continue;
          }
          entry = step.value;
        } else if (this.#pending.length > 0) {
          entry = this.#pending.shift()!;
        } else {
          await new Promise<void>((resolve) => {
            this.#wake = resolve;
          });
          this.#wake = undefined;
          continue;
        }
      } catch (error) {
        this.#fail(
          error instanceof EventsError
            ? error
            : new EventsError('EVENTS_UNAVAILABLE', `the revision log cannot be read: ${String(error)}`, {
                cause: error,
              }),
        );
        continue;
      }
      if (this.#finished) return DONE;
      const event = this.#accept(entry);
      if (event !== undefined) return { value: event, done: false };
    }
  }

  async #openLog(): Promise<AsyncIterator<LogEntry> | Iterator<LogEntry>> {
    const since = this.#cursor?.revision ?? this.#since ?? 0;
    const log = await this.#source.readLog(since);
    if (this.#cursor === undefined) {
      if (since > log.latest) {
        // A client cannot have seen a revision the log never had: its log is another one (the
        // writer started over with a fresh graph). Waiting until the numbers pass `since` would
        // resume it silently in the wrong history.
        throw new EventsError('REVISION_EXPIRED', aheadOfLog(since, log.latest));
      }
      this.#cursor = { epoch: log.epoch, revision: since };
    }
    const { entries } = log;
    return Symbol.asyncIterator in entries ? entries[Symbol.asyncIterator]() : entries[Symbol.iterator]();
  }

  /**
   * The replay has delivered where the live feed took over: the rest of the log is in
   * `#pending` (or yet to come), in order.
   */
  #replayedToLive(): boolean {
    const at = this.#cursor;
    const live = this.#liveAfter;
    return (
      at !== undefined &&
      live !== undefined &&
      live.epoch !== undefined &&
      at.epoch === live.epoch &&
      at.revision >= live.revision
    );
  }

  /** Stops reading the log (a paged reader stops fetching). */
  #endReplay(): void {
    const replay = this.#replay;
    this.#replay = undefined;
    if (replay?.return !== undefined) Promise.resolve(replay.return()).catch(() => {});
  }

  /** The event to deliver, or `undefined` for one already delivered; fails on a lost position. */
  #accept(entry: LogEntry): RevisionEvent | undefined {
    const at = this.#cursor;
    const { revision } = entry.event;
    if (at !== undefined) {
      if (at.epoch !== undefined && entry.epoch !== at.epoch) {
        this.#fail(
          new EventsError(
            'REVISION_EXPIRED',
            `the revision log restarted at revision ${revision} (the graph was rebuilt from scratch) after revision ${at.revision}: ${REQUERY}`,
          ),
        );
        return undefined;
      }
      if (revision <= at.revision) return undefined;
      if (entry.previous > at.revision) {
        const missing =
          entry.previous > at.revision + 1
            ? `revisions ${at.revision + 1}..${entry.previous} are`
            : `revision ${entry.previous} is`;
        this.#fail(
          new EventsError('REVISION_EXPIRED', `${missing} no longer in the revision log: ${REQUERY}`),
        );
        return undefined;
      }
    }
    this.#cursor = { epoch: entry.epoch, revision };
    return entry.event;
  }

  #fail(failure: EventsError): void {
    this.#failure ??= failure;
    this.#release();
  }

  #finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#release();
  }

  /** Lets go of everything the subscription holds; a waiting `next()` wakes up. */
  #release(): void {
    this.#stopListening();
    this.#stopListening = () => {};
    this.#signal?.removeEventListener('abort', this.#onAbort);
    this.#pending = [];
    this.#needsLog = false;
    // The replay may be mid-read; ending it lets a paged reader stop fetching.
    this.#endReplay();
    this.#wake?.();
  }
}
