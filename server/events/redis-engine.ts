/**
 * The Redis events engine: a Redis Stream as the revision log, pub/sub (graphql-redis-
 * subscriptions' `RedisPubSub` on our own ioredis clients) for fan-out across processes.
 *
 * How it holds together:
 * - The writer appends each revision to the stream and publishes it in one Lua script
 *   (revision-stream.ts). While Redis is away, revisions wait in a bounded outbox
 *   (revision-outbox.ts) and are written, in order, when it returns. Nothing is written without
 *   the project's writer lease (writer-lease.ts), claimed and renewed here.
 * - Each engine subscribes to the channel once, and tails the log (redis-feed.ts, which holds
 *   the connections and their state): pub/sub's losses while a connection is down are
 *   repaired from the log, for every subscriber.
 * - Subscriptions in the process hang off that one feed (revision-hub.ts), and replay from the
 *   stream with `subscribeRevisions`; no subscriber ever subscribes or unsubscribes in Redis,
 *   which sidesteps RedisPubSub's lazy subscribe and its unhandled unsubscribe rejections.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { Redis } from 'ioredis';
import { maskedUrl } from '../util/masked-url.ts';
import { assertRevisionEvent } from './assert-revision-event.ts';
import type { LocalEventsEngine } from './local-events-engine.ts';
import {
  EventsError,
  type EventsHealth,
  type ProgressEvent,
  REQUERY,
  type RevisionEvent,
  type WriterPresence,
} from './port.ts';
import { ProgressChannel } from './progress-channel.ts';
import { type EventsLogger, RedisFeed, within } from './redis-feed.ts';
import { RevisionHub } from './revision-hub.ts';
import { RevisionOutbox } from './revision-outbox.ts';
import type { LogRead, RevisionSource } from './revision-source.ts';
import { NotWriterError, RevisionStream, type StreamHead } from './revision-stream.ts';
import { subscribeRevisions } from './subscribe-revisions.ts';
import { describeHolder, WriterLease } from './writer-lease.ts';
import { WriterWatch } from './writer-watch.ts';

export type { EventsLogger } from './redis-feed.ts';

export interface RedisEventsOptions {
  /** `redis://[[user]:password@]host:port[/db]`, or `rediss://` for TLS. */
  readonly url: string;
  /**
   * The project these revisions are of. Every key and channel is namespaced by it (see
   * {@link redisKeys}), so servers of different projects share one Redis without seeing each
   * other's revisions, and only one process may write each project's log (the writer lease).
   */
  readonly projectId: string;
  /**
   * This engine is its project's writer: it claims the writer lease as soon as it connects,
   * so a second writer is found out before it has anything to publish. An engine that is not
   * claims the lease at its first publish.
   * @default false
   */
  readonly writer?: boolean;
  /**
   * How long the writer lease lasts unless renewed; the holder renews it every third of that.
   * A writer that finds the lease held waits this long once (a crashed writer's lease then
   * expires) before it gives up.
   * @default 10000
   */
  readonly leaseMs?: number;
  /**
   * Called once if this engine is refused as its project's writer: another live process holds
   * the lease. The engine then stops (its subscriptions end, `publish` fails); the process
   * should stop too, with the message.
   */
  readonly onWriterRefused?: (message: string) => void;
  /**
   * Revisions the stream keeps (`XADD … MAXLEN ~ retain`: Redis trims in whole blocks, so
   * somewhat more may stay). A `since` older than what is kept gets `REVISION_EXPIRED`.
   * @default 1000
   */
  readonly retain?: number;
  /**
   * Revisions kept while Redis is away. Beyond that the oldest are dropped, and subscribers
   * that need them get `REVISION_EXPIRED` rather than a silent gap.
   * @default 10000
   */
  readonly outboxLimit?: number;
  /**
   * The writer's store numbers revisions itself, from `start` (0 for a fresh graph, a snapshot's
   * revision otherwise), possibly before Redis can be read. When the writer first reads the log
   * (holding the lease) and finds it went further than `start`, it moves the numbering above the
   * log: see {@link RevisionNumbering}. Without it (a Memgraph writer reads the log before its
   * first revision), a revision not above the log's top restarts the log.
   */
  readonly numbering?: RevisionNumbering;
  /**
   * How often an engine that is not the writer looks at the writer lease, to tell whether an
   * indexer keeps the graph up to date ({@link EventsEngine.writerPresence}).
   * @default 3000
   */
  readonly writerWatchMs?: number;
  /** The longest wait between reconnection attempts (the back-off starts at 100 ms). @default 2000 */
  readonly maxReconnectDelayMs?: number;
  /** @default silent */
  readonly logger?: EventsLogger;
}

/**
 * How a writer whose store numbers revisions locally continues the numbering of a log that
 * went further (an earlier writer of the project, whose graph this one does not hold: started
 * with `--no-cache`, or its cache lost). Redis connects in the background, so the writer may
 * already have published revisions (waiting in the outbox) when it first reads the log. If the
 * log's top `T` is above `start`, every revision is numbered `T + 1 - start` higher: the store's
 * at once ({@link RevisionNumbering.shift}), those waiting, and those applied before the shift and
 * published after it. Nothing of this graph follows the log's revisions, so the log restarts in
 * a new epoch at the first append, and its first revision records `previous = T + 1` (a number
 * no revision has): a client resuming from any earlier revision — of the old graph, or a number
 * this process showed before it could read the log — gets `REVISION_EXPIRED`, never another
 * graph's revisions; and no number in the log ever names two revisions.
 */
export interface RevisionNumbering {
  /** The store's revision when the engine was created: the writer numbers from `start + 1`. */
  readonly start: number;
  /** Moves the store's revision up by `by`, synchronously (between two applies); returns the revision before. */
  shift(by: number): number;
}

interface ProgressMessage {
  /** The engine that sent it: an engine has already delivered its own progress locally. */
  readonly origin: string;
  readonly progress: ProgressEvent;
}

const SILENT: EventsLogger = { info: () => {}, warn: () => {} };
/** Waited past a contested lease's expiry, so that a holder that just renewed it is seen as alive. */
const LEASE_MARGIN_MS = 100;

/**
 * The Redis keys and channels of a project. The `{…}` hash tag keeps them in one slot of a
 * Redis Cluster, where the append script touches the log and the lease together.
 */
export function redisKeys(projectId: string) {
  const prefix = `codenav:{${projectId}}`;
  return {
    /** The revision log (a Stream). */
    stream: `${prefix}:revisions`,
    /** Where revisions are announced. */
    channel: `${prefix}:revisions`,
    /** The latest analysis progress. */
    progress: `${prefix}:progress`,
    progressChannel: `${prefix}:progress`,
    /** The writer lease. */
    lease: `${prefix}:writer`,
    /**
     * While the writer writes again the revisions Redis lost: `<epoch> <last revision>`, so that
     * other processes tell a client resuming inside them to retry (expires by itself).
     */
    refill: `${prefix}:refill`,
  } as const;
}
/** How long the refill mark lasts: well past the writing of a few thousand revisions. */
const REFILL_MARK_MS = 60_000;
/** How long `close()` waits for each step that needs Redis. */
const CLOSE_STEP_MS = 2000;

/**
 * Creates the Redis engine and starts connecting in the background: it returns at once,
 * whether or not Redis is reachable, and `health()` tells how the connection is doing.
 *
 * @throws TypeError when `url` is not a `redis://` or `rediss://` URL, or `projectId` is empty
 *   or holds whitespace or braces.
 */
export function createRedisEvents(options: RedisEventsOptions): LocalEventsEngine {
  const where = describeRedisUrl(options.url);
  const retain = positive('retain', options.retain ?? 1000);
  const outboxLimit = positive('outboxLimit', options.outboxLimit ?? 10_000);
  const maxDelay = positive('maxReconnectDelayMs', options.maxReconnectDelayMs ?? 2000);
  const leaseMs = positive('leaseMs', options.leaseMs ?? 10_000);
  const writerWatchMs = positive('writerWatchMs', options.writerWatchMs ?? 3000);
  const { projectId } = options;
  if (!/^[^\s{}]{1,128}$/.test(projectId)) {
    throw new TypeError(
      `projectId must be 1..128 characters without spaces or braces, got ${JSON.stringify(projectId)}`,
    );
  }
  const keys = redisKeys(projectId);
  const { channel, progressChannel } = keys;
  const progressKey = keys.progress;
  const logger = options.logger ?? SILENT;

  const retryStrategy = (attempt: number): number => Math.min(100 * 2 ** (attempt - 1), maxDelay);
  // Commands fail at once while Redis is away (the outbox holds what must wait), rather than
  // queueing for ~10 s and then failing.
  const commands = new Redis(options.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 10_000,
    retryStrategy,
    connectionName: 'codenav-events',
  });
  // The subscriber's commands wait for the connection instead (they are only SUBSCRIBEs).
  // The feed subscribes again itself after each reconnect, and waits for the answer: ioredis's
  // own re-subscribe is a command nobody waits for, whose "Connection is closed." (the engine
  // closing while a connection comes back) would be an unhandled rejection.
  const subscriber = new Redis(options.url, {
    lazyConnect: true,
    autoResubscribe: false,
    maxRetriesPerRequest: null,
    retryStrategy,
    connectionName: 'codenav-events-subscriber',
  });
  const pubsub = new RedisPubSub({ publisher: commands, subscriber });
  const origin = randomUUID();
  const lease = new WriterLease(
    commands,
    keys.lease,
    { id: origin, host: hostname(), pid: process.pid, since: new Date().toISOString() },
    leaseMs,
  );
  const stream = new RevisionStream(commands, keys.stream, channel, retain, lease);
  const hub = new RevisionHub();
  const progress = new ProgressChannel();
  const outbox = new RevisionOutbox(retain, outboxLimit);

  // --- a reader's look at the writer ---------------------------------------------------
  /** This engine published progress of its own (a process that analyzes, without `writer`). */
  let publishedProgress = false;
  /**
   * While no writer holds the lease, the progress this engine shows is the last one heard
   * (`heard`) with a message saying nobody keeps the graph up to date (`shown`).
   */
  let stale:
    | { readonly shown: ProgressEvent; readonly heard: ProgressEvent; readonly because: string }
    | undefined;
  const watch = options.writer
    ? undefined
    : new WriterWatch({
        redis: commands,
        key: keys.lease,
        intervalMs: writerWatchMs,
        where: `project "${projectId}" on redis at ${where}`,
        connected: () => feed.connected,
        problem: () => feed.describeProblem(),
        onPresence: showPresence,
        logger,
      });

  /**
   * Makes the progress shown (`analysis`, `analysisProgress`) say when no writer holds the lease,
   * and stop saying it when one does. Run after each look: progress heard meanwhile (a stored one
   * read after a reconnect) is marked in turn; a new writer's own progress replaces the mark.
   * With no progress heard yet there is nothing to mark: the analysis shows `PENDING`.
   */
  function showPresence(presence: WriterPresence): void {
    // An engine that publishes itself shows its own progress, not another writer's.
    if (publishedProgress || publishes()) return;
    const latest = progress.latest;
    const marked = stale !== undefined && latest === stale.shown;
    if (presence.state === 'absent') {
      if (latest === undefined || (marked && stale!.because === presence.message)) return;
      const heard = marked ? stale!.heard : latest;
      const shown = {
        ...heard,
        message: heard.message === undefined ? presence.message : `${presence.message}; ${heard.message}`,
      };
      stale = { shown, heard, because: presence.message };
      progress.publish(shown);
    } else if (presence.state === 'present') {
      if (marked) progress.publish(stale!.heard);
      stale = undefined;
    }
  }

  // --- the writer's side -------------------------------------------------------------
  let flushing: Promise<void> | undefined;
  /**
   * `close()` stopped the writing: no append starts any more. One in flight may still land, and
   * the writer lease is let go only after it (see `close()`).
   */
  let writingStopped = false;
  let pendingProgress: ProgressEvent | undefined;
  /** This engine holds its project's writer lease (and renews it). */
  let holding = false;
  /** Another holder seen, and when its lease would have expired had it stopped. */
  let contest: { token: string; until: number } | undefined;
  let leasing: Promise<boolean> | undefined;
  let leaseTimer: NodeJS.Timeout | undefined;
  /**
   * The log's head has been read at least once: from then on this writer knows the log's
   * latest revision even while Redis is away (only it appends). Before that it does not: a
   * writer started during an outage must not take the log for empty.
   */
  let logRead = false;
  /** The writer has compared its numbering with the log's (see {@link RevisionNumbering}). */
  let anchored = options.numbering === undefined || options.writer !== true;
  /** Revisions up to `upTo`, numbered before the numbering moved, are published `by` higher. */
  let shifted: { readonly upTo: number; readonly by: number } | undefined;
  /** The next append restarts the log: the numbering moved above another graph's revisions. */
  let newEpoch = false;
  /**
   * Where the numbering moved to (the log's top then, plus one): no revision below it is of this
   * graph, and none has this number.
   */
  let numberedFrom: number | undefined;

  const feed: RedisFeed = new RedisFeed({
    commands,
    subscriber,
    pubsub,
    stream,
    hub,
    where,
    projectId,
    channel,
    progressChannel,
    maxDelayMs: maxDelay,
    logger,
    onProgressMessage(raw) {
      const message = raw as ProgressMessage;
      if (typeof message !== 'object' || message === null || message.origin === origin) return;
      progress.publish(message.progress);
    },
    steps: {
      async prepare() {
        if (options.writer) {
          holding = false; // Claimed again on each connection: Redis may have lost it.
          await ensureLease();
          if (feed.refusal !== undefined) return;
        }
        const head = await stream.head();
        logRead = true;
        if (holding) anchor(head);
        const refilled = outbox.refill(head);
        if (refilled !== undefined) {
          logger.warn(
            `redis at ${where} lost revisions ${refilled.from}..${refilled.to}: writing them again`,
          );
        }
        const refillTo = outbox.refillingTo;
        if (refillTo !== undefined) {
          // Set before the first of them is written: until the last one is, the log is behind.
          // Set again on each connection until the refill is done: Redis may have lost the mark
          // with the log (a second loss mid-refill), and only the outbox still knows how far the
          // log went; the revisions this loss took are fewer than those clients may have seen.
          await commands.set(keys.refill, `${outbox.epochHint} ${refillTo}`, 'PX', REFILL_MARK_MS);
        }
        if (pendingProgress !== undefined && contest === undefined) {
          await sendProgress(pendingProgress);
          pendingProgress = undefined;
        } else if (!options.writer || progress.latest === undefined) {
          await readStoredProgress();
        }
        // Whether an indexer is there, known as soon as the engine is (a failed look only leaves it
        // unknown: it must not keep revisions from flowing).
        await watch?.check().catch(() => {});
      },
      lingeringProblem: () => contest !== undefined,
      describeWaiting: () => (outbox.size > 0 ? `; writing ${outbox.size} waiting revisions` : ''),
      flush: () => flush(),
    },
  });

  /**
   * The writer's first sight of the log, holding the lease: continues the numbering above it
   * when it went further than the store's start (see {@link RevisionNumbering}).
   */
  function anchor(head: StreamHead | undefined): void {
    if (anchored) return;
    anchored = true;
    const { start } = options.numbering!;
    const top = head?.revision ?? 0;
    if (top <= start) return;
    const by = top + 1 - start;
    shifted = { upTo: options.numbering!.shift(by), by };
    outbox.renumber(by);
    newEpoch = true;
    numberedFrom = top + 1;
    logger.warn(
      `the revision log on redis at ${where} went up to revision ${top}, past this graph's ${start}: numbering continues after ${top + 1}, in a new log (clients resuming from before get REVISION_EXPIRED)`,
    );
  }

  /** Holds the writer lease, claiming it when needed; false while another process has it. */
  function ensureLease(): Promise<boolean> {
    if (feed.refusal !== undefined) return Promise.resolve(false);
    if (holding) return Promise.resolve(true);
    if (feed.closed) return Promise.resolve(false);
    leasing ??= claimLease().finally(() => {
      leasing = undefined;
    });
    return leasing;
  }

  async function claimLease(): Promise<boolean> {
    const claim = await lease.claim();
    if (claim.held) {
      holding = true;
      scheduleLease(Math.floor(leaseMs / 3));
      if (contest !== undefined) {
        // The holder had stopped: this engine is the writer now. Say so, and send what it
        // held back meanwhile.
        contest = undefined;
        if (feed.connected) {
          feed.clearProblem();
          const held = pendingProgress;
          pendingProgress = undefined;
          if (held !== undefined)
            sendProgress(held).catch(() => {
              pendingProgress ??= held;
            });
        }
      }
      return true;
    }
    const who = describeHolder(claim.holder);
    const now = Date.now();
    if (contest?.token === claim.token && now < contest.until) return false;
    if (claim.expiresInMs >= 0 && contest?.token !== claim.token) {
      // First sight of this holder: it may be a writer that crashed, whose lease expires
      // unless renewed. Look again once it would have expired; a live writer renews it.
      contest = { token: claim.token, until: now + claim.expiresInMs + LEASE_MARGIN_MS };
      feed.report(
        `waiting for the writer lease of project "${projectId}" on redis at ${where}, held by ${who}: a stopped writer's lease expires in ${Math.ceil(claim.expiresInMs / 1000)} s`,
      );
      scheduleLease(claim.expiresInMs + LEASE_MARGIN_MS);
      return false;
    }
    refuse(
      `another codenav process is the writer of project "${projectId}" on redis at ${where} (${who}): stop it, or give this server its own --project-id`,
    );
    return false;
  }

  /** Renews the lease while held; looks again at a contested one when it would have expired. */
  function scheduleLease(delayMs: number): void {
    clearTimeout(leaseTimer);
    leaseTimer = setTimeout(() => {
      leaseTimer = undefined;
      if (feed.closed || feed.refusal !== undefined) return;
      if (!holding) {
        if (feed.connected) {
          void ensureLease().then(
            async (held) => {
              if (held) await flush();
            },
            () => feed.retryLater(),
          );
        }
        return;
      }
      lease.claim().then(
        (claim) => {
          if (claim.held) {
            scheduleLease(Math.floor(leaseMs / 3));
          } else {
            // Lost (expired while this process could not renew it) and taken: contest it.
            holding = false;
            void ensureLease().catch(() => feed.retryLater());
          }
        },
        // Redis is away: the next connection claims it again.
        () => scheduleLease(Math.floor(leaseMs / 3)),
      );
    }, delayMs);
    leaseTimer.unref();
  }

  /** Another live process writes this project's log: stop, rather than mix two histories. */
  function refuse(message: string): void {
    if (!feed.refuse(message)) return;
    clearTimeout(leaseTimer);
    // What this process would show its subscribers is another process's graph: end them.
    hub.close();
    progress.close();
    options.onWriterRefused?.(message);
  }

  /** Writes the outbox in order; stops (keeping what is left) when Redis fails. */
  function flush(): Promise<void> {
    if (!feed.connected || writingStopped) return Promise.resolve();
    flushing ??= drain().finally(() => {
      flushing = undefined;
    });
    return flushing;
  }

  async function drain(): Promise<void> {
    for (
      let ticket = outbox.next();
      feed.connected && !writingStopped && ticket !== undefined;
      ticket = outbox.next()
    ) {
      let epoch: string;
      try {
        // Nothing is written without the writer lease: a second writer waits, then is refused.
        if (!(await ensureLease())) return;
        if (!anchored) {
          anchor(await stream.head());
          // Renumbered: the ticket's revision is stale.
          continue;
        }
        epoch = await stream.append(ticket.pending, outbox.writer, outbox.epochHint, newEpoch);
        newEpoch = false;
      } catch (error) {
        if (error instanceof NotWriterError) {
          // The lease expired while this process could not renew it, and another took it.
          holding = false;
          continue;
        }
        feed.report(
          `could not write revision ${ticket.pending.revision} to redis at ${where}: ${(error as Error).message}`,
        );
        feed.retryLater();
        return;
      }
      feed.clearProblem();
      // A restart of the writer meanwhile makes the ticket stale: nothing is recorded.
      outbox.written(ticket, epoch);
    }
  }

  /**
   * Takes the progress stored in Redis when it is news. A progress published while this
   * engine's subscription was down is lost to it (the writer may reconnect first and send what
   * it held back): after each reconnect, the stored one is the only record of it.
   */
  async function readStoredProgress(): Promise<void> {
    const before = progress.latest;
    const stored = await commands.get(progressKey);
    // A message that came meanwhile is at least as new as what was read.
    if (stored === null || progress.latest !== before) return;
    if (before !== undefined && JSON.stringify(before) === stored) return;
    progress.publish(JSON.parse(stored));
  }

  async function sendProgress(event: ProgressEvent): Promise<void> {
    const message: ProgressMessage = { origin, progress: event };
    await commands
      .multi()
      .set(progressKey, JSON.stringify(event))
      .publish(progressChannel, JSON.stringify(message))
      .exec();
  }

  const source: RevisionSource = {
    listen: (listener) => hub.listen(listener),
    // The feed hears of what this engine wrote a moment after the write: "live from now"
    // starts after the writer's own latest revision, not after the feed's lagging position.
    position() {
      const at = hub.position();
      const mine = outbox.lastWritten;
      if (
        mine === undefined ||
        (at !== undefined && at.epoch === mine.epoch && at.revision >= mine.revision)
      ) {
        return at;
      }
      return mine;
    },
    async readLog(since: number): Promise<LogRead> {
      if (!feed.connected) {
        throw new EventsError(
          'EVENTS_UNAVAILABLE',
          `the revision log is unavailable (${feed.describeProblem()}): retry later, or subscribe without since`,
        );
      }
      let head: StreamHead | undefined;
      try {
        head = await stream.head();
      } catch (error) {
        throw new EventsError(
          'EVENTS_UNAVAILABLE',
          `the revision log cannot be read: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
      const { revision, epoch } = latestOf(head);
      const latest = Math.max(revision, outbox.latestWaiting() ?? 0, numberedFrom ?? 0);
      // Below where the numbering moved, the log holds another graph's revisions until its restart.
      if (numberedFrom !== undefined && since < numberedFrom)
        throw new EventsError(
          'REVISION_EXPIRED',
          `revision ${since} is not of this graph: codenav started over with a fresh graph, numbered after ${numberedFrom} (the log's revisions up to ${numberedFrom - 1} are of another); ${REQUERY}`,
        );
      // A `since` ahead of a log that Redis lost (empty, or behind what this process read) may be
      // a revision its writer has yet to write again: only the writer knows, so another process
      // says "retry" rather than REVISION_EXPIRED. Once the log is back, the usual check applies.
      if (since > latest && !publishes() && (lostLog(head) || (await refilling(head, since)))) {
        throw new EventsError(
          'EVENTS_UNAVAILABLE',
          `the revision log on redis at ${where} is ${head === undefined ? 'empty' : `behind revision ${since}`} (redis may have lost it, and its writer not written it again yet): retry later`,
        );
      }
      return { latest, epoch, entries: stream.after(since) };
    },
  };

  /**
   * The log's latest revision as this process knows it: the log's head, or how far this process
   * has read when Redis lost the log, or its latest part, and its writer is filling it again.
   */
  const latestOf = (head: StreamHead | undefined): { revision: number; epoch: string | undefined } => {
    const at = hub.position();
    if (at !== undefined && (head === undefined || (head.epoch === at.epoch && head.revision < at.revision)))
      return { revision: at.revision, epoch: at.epoch };
    return { revision: head?.revision ?? 0, epoch: head?.epoch };
  };

  /** This engine writes the log (so it knows its latest revision even when Redis lost it). */
  const publishes = (): boolean => options.writer === true || outbox.lastPublished !== undefined;

  /** The log is empty, or behind what this process read of it: Redis lost it, or its latest part. */
  const lostLog = (head: StreamHead | undefined): boolean => {
    if (head === undefined) return true;
    const at = hub.position();
    return at !== undefined && head.epoch === at.epoch && head.revision < at.revision;
  };

  /** The writer is writing again, in `head`'s epoch, revisions up to `since` or past it. */
  const refilling = async (head: StreamHead | undefined, since: number): Promise<boolean> => {
    let mark: string | null;
    try {
      mark = await commands.get(keys.refill);
    } catch (error) {
      throw new EventsError(
        'EVENTS_UNAVAILABLE',
        `the revision log cannot be read: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    const [epoch, to] = mark?.split(' ') ?? [];
    return epoch === head?.epoch && since <= Number(to);
  };

  /** Closed, or refused as the writer: nothing more is published or subscribed. */
  const stopped = (): string | undefined => (feed.closed ? 'the events engine is closed' : feed.refusal);

  feed.start();
  watch?.start();

  return {
    name: 'redis',

    async publish(published: RevisionEvent): Promise<void> {
      assertRevisionEvent(published);
      const why = stopped();
      if (why !== undefined) throw new EventsError('EVENTS_UNAVAILABLE', why);
      // Applied before the numbering moved, published after: numbered as the store now has it.
      const event =
        shifted !== undefined && published.revision <= shifted.upTo
          ? { ...published, revision: published.revision + shifted.by }
          : published;
      if (outbox.add(event)) {
        logger.warn(
          `events: more than ${outboxLimit} revisions wait for redis at ${where}; dropping the oldest (subscribers that need them get REVISION_EXPIRED)`,
        );
      }
      await flush();
    },

    subscribe(subscribeOptions = {}) {
      const signal = stopped() !== undefined ? AbortSignal.abort() : subscribeOptions.signal;
      return subscribeRevisions(source, { ...subscribeOptions, signal, maxPending: retain });
    },

    async latestRevision(): Promise<number> {
      const waiting = outbox.latestWaiting();
      if (waiting !== undefined) return waiting;
      const known = outbox.lastPublished ?? hub.position()?.revision ?? 0;
      let problem: string;
      if (feed.connected) {
        try {
          // The same answer as a subscription's read of the log gives (a log being filled again included).
          const head = await stream.head();
          logRead = true;
          return Math.max(latestOf(head).revision || known, numberedFrom ?? 0);
        } catch (error) {
          problem = `the revision log cannot be read: ${(error as Error).message}`;
        }
      } else {
        problem = `the revision log is unavailable (${feed.describeProblem()})`;
      }
      // Only the writer appends to the log, so once it has read the log (or published), what it
      // knows is the log's latest. Another process only knows how far it had read: the log may be
      // past that; and so may a writer's that has not read it yet (it started during an outage).
      if ((options.writer && logRead) || outbox.lastPublished !== undefined) return known;
      throw new EventsError('EVENTS_UNAVAILABLE', `${problem}: retry later`);
    },

    async publishProgress(event: ProgressEvent): Promise<void> {
      const why = stopped();
      if (why !== undefined) throw new EventsError('EVENTS_UNAVAILABLE', why);
      publishedProgress = true;
      progress.publish(event);
      // A writer waiting for a contested lease tells other processes nothing yet.
      if (!feed.connected || contest !== undefined) {
        pendingProgress = event;
        return;
      }
      try {
        await sendProgress(event);
      } catch (error) {
        pendingProgress = event;
        feed.report(`could not publish progress to redis at ${where}: ${(error as Error).message}`);
      }
    },

    subscribeProgress(subscribeOptions = {}) {
      return progress.subscribe(stopped() !== undefined ? AbortSignal.abort() : subscribeOptions.signal);
    },

    health(): EventsHealth {
      const why = stopped();
      if (why !== undefined) return { state: 'degraded', message: why };
      const pending = outbox.size;
      const state = feed.state;
      if (state.state === 'live' && state.problem === undefined)
        return pending > 0 ? { state: 'ready', pending } : { state: 'ready' };
      if (state.state === 'connecting') {
        return { state: 'connecting', message: `connecting to redis at ${where}`, pending };
      }
      const lost = outbox.dropped > 0 ? `; ${outbox.dropped} older revisions dropped (outbox full)` : '';
      return {
        state: 'degraded',
        message: `${feed.describeProblem()}${pending > 0 ? `; ${pending} revisions wait to be written${lost}` : ''}`,
        pending,
      };
    },

    ...(watch ? { writerPresence: () => watch.presence } : {}),

    openSubscriptions(): number {
      return hub.size + progress.size;
    },

    async close(): Promise<void> {
      if (feed.closed) return;
      feed.beginClose();
      clearTimeout(leaseTimer);
      watch?.stop();
      // End subscriptions first, then write what can still be written, and let go of the lease
      // at once, so that a writer started next need not wait for it to expire. Then the feed
      // settles and closes its connections.
      hub.close();
      progress.close();
      await within(CLOSE_STEP_MS, flush());
      // No append starts from here on. The lease is let go only once none is in flight: the
      // append script takes a free lease, so one landing after the release would hold it again,
      // unrenewed, and the writer started next would wait a whole lease period for it.
      writingStopped = true;
      const writing = flushing;
      if (writing !== undefined) {
        const left = outbox.size - 1;
        logger.warn(
          `events: closing while revision ${outbox.next()?.pending.revision} is being written to redis at ${where}: waiting for it${left > 0 ? `; ${left} more will not be written` : ''}`,
        );
        await within(CLOSE_STEP_MS, writing);
      }
      if (holding) {
        if (flushing === undefined) await within(CLOSE_STEP_MS, lease.release());
        else
          logger.warn(
            `events: the writer lease on redis at ${where} is left to expire (in ${leaseMs} ms at most): a write did not finish`,
          );
      }
      holding = false;
      await feed.close(CLOSE_STEP_MS);
      if (outbox.size > 0) {
        logger.warn(`events: closed with ${outbox.size} revisions not written to redis at ${where}`);
      }
    },
  };
}

/** The URL for messages, its password masked; a URL that is not Redis's is refused. */
function describeRedisUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`the redis URL must look like redis://host:6379, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new TypeError(`the redis URL must start with redis:// or rediss://, got ${JSON.stringify(url)}`);
  }
  return maskedUrl(url);
}

function positive(name: string, value: number): number {
  if (!(Number.isSafeInteger(value) && value > 0)) {
    throw new RangeError(`${name} must be an integer above 0, got ${String(value)}`);
  }
  return value;
}
