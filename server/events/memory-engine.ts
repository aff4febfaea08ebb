/**
 * The in-process events engine (the default): the last N revisions in memory, delivered to
 * this process's subscribers as they are published.
 */
import { assertRevisionEvent } from './assert-revision-event.ts';
import type { LocalEventsEngine } from './local-events-engine.ts';
import { EventsError, type EventsHealth, type RevisionEvent } from './port.ts';
import { ProgressChannel } from './progress-channel.ts';
import { RevisionHub } from './revision-hub.ts';
import type { LogEntry, LogRead } from './revision-source.ts';
import { subscribeRevisions } from './subscribe-revisions.ts';

export interface MemoryEventsOptions {
  /**
   * How many of the latest revisions the log keeps for `since` replays; a client further
   * behind gets `REVISION_EXPIRED`.
   * @default 1000
   */
  readonly retain?: number;
  /**
   * Where an earlier run of the writer left off (a snapshot's): the log continues from
   * `revision`, holding `events` (its latest revisions, oldest first, the last one `revision`
   * when there are any). A client further behind than they reach gets `REVISION_EXPIRED`.
   */
  readonly history?: { readonly revision: number; readonly events: readonly RevisionEvent[] };
}

const READY: EventsHealth = { state: 'ready' };

/** The in-process engine: a {@link LocalEventsEngine} that can be told where numbering continues. */
export interface MemoryEventsEngine extends LocalEventsEngine {
  /**
   * Revisions up to `revision` were made before this process (a store that keeps its graph, such
   * as Memgraph, holds that revision at start), and this log holds none of them: like
   * `history` with no events, for a store whose revision is known only once it has been read. A
   * client resuming from `revision` then waits for the next one, and one from before it gets
   * `REVISION_EXPIRED`, rather than `since` being taken as ahead of an empty log. Ignored once
   * something was published, or when not above what the log already continues from.
   */
  continueAfter(revision: number): void;
}

/**
 * Creates the in-process engine.
 *
 * @remarks
 * Publishing a revision not above the latest means the writer started over with a fresh
 * graph: the log is cleared and starts a new epoch, and subscribers positioned in the old
 * one end with `REVISION_EXPIRED`.
 */
export function createMemoryEvents(options: MemoryEventsOptions = {}): MemoryEventsEngine {
  const retain = options.retain ?? 1000;
  if (!(Number.isSafeInteger(retain) && retain > 0)) {
    throw new RangeError(`retain must be an integer above 0, got ${String(retain)}`);
  }
  const hub = new RevisionHub();
  const progress = new ProgressChannel();
  // A ring: `log[start..]` are the retained entries, oldest first, revisions increasing.
  let log: LogEntry[] = [];
  let start = 0;
  let epoch = 0;
  let closed = false;
  // Revisions up to here happened before this process; those not in `log` are gone.
  let floor = options.history?.revision ?? 0;
  for (const [at, event] of (options.history?.events ?? []).entries())
    log.push({ epoch: '0', previous: at === 0 ? event.revision - 1 : log[at - 1]!.event.revision, event });

  const latest = (): LogEntry | undefined => (log.length > start ? log[log.length - 1] : undefined);

  const source = {
    listen: hub.listen.bind(hub),
    position: hub.position.bind(hub),
    async readLog(since: number): Promise<LogRead> {
      const last = latest();
      const oldest = log[start];
      // Revisions of an earlier run that nothing here holds: a silent gap unless said.
      if (epoch === 0 && since < floor && (oldest === undefined || oldest.previous > since))
        throw new EventsError(
          'REVISION_EXPIRED',
          `revisions after ${since} up to ${oldest?.previous ?? floor} were made before codenav restarted and are no longer in the revision log: query the graph again`,
        );
      // The first retained entry after `since` (entries are sorted by revision).
      let low = start;
      let high = log.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (log[middle]!.event.revision <= since) low = middle + 1;
        else high = middle;
      }
      return {
        latest: last?.event.revision ?? (epoch === 0 ? floor : 0),
        epoch: last?.epoch ?? (epoch === 0 && floor > 0 ? '0' : undefined),
        entries: log.slice(low),
      };
    },
  };

  return {
    name: 'memory',

    async publish(event: RevisionEvent): Promise<void> {
      assertRevisionEvent(event);
      if (closed) throw new EventsError('EVENTS_UNAVAILABLE', 'the events engine is closed');
      const last = latest();
      let previous = last?.event.revision ?? (epoch === 0 && floor > 0 ? floor : event.revision - 1);
      if (event.revision <= (last?.event.revision ?? (epoch === 0 ? floor : 0))) {
        // The writer started over with a fresh graph: so does the log.
        log = [];
        start = 0;
        epoch += 1;
        previous = event.revision - 1;
      }
      const entry: LogEntry = { epoch: String(epoch), previous, event };
      log.push(entry);
      if (log.length - start > retain) start += 1;
      // Compact now and then rather than shifting the array on every publish.
      if (start >= retain) {
        log = log.slice(start);
        start = 0;
      }
      hub.emit(entry);
    },

    subscribe(subscribeOptions = {}) {
      if (closed) return subscribeRevisions(source, { signal: AbortSignal.abort(), maxPending: retain });
      return subscribeRevisions(source, { ...subscribeOptions, maxPending: retain });
    },

    async latestRevision(): Promise<number> {
      return latest()?.event.revision ?? (epoch === 0 ? floor : 0);
    },

    async publishProgress(event): Promise<void> {
      if (closed) throw new EventsError('EVENTS_UNAVAILABLE', 'the events engine is closed');
      progress.publish(event);
    },

    subscribeProgress(subscribeOptions = {}) {
      return progress.subscribe(closed ? AbortSignal.abort() : subscribeOptions.signal);
    },

    health(): EventsHealth {
      return closed ? { state: 'degraded', message: 'the events engine is closed' } : READY;
    },

    openSubscriptions(): number {
      return hub.size + progress.size;
    },

    continueAfter(revision) {
      if (epoch === 0 && log.length === 0 && Number.isSafeInteger(revision) && revision > floor)
        floor = revision;
    },

    async close(): Promise<void> {
      closed = true;
      hub.close();
      progress.close();
    },
  };
}
