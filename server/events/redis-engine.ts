/**
 * The Redis events engine: a Redis Stream as the revision log, pub/sub (graphql-redis-
 * subscriptions' `RedisPubSub` on our own ioredis clients) for fan-out across processes.
 *
 * How it holds together:
 * - The writer appends each revision to the stream and publishes it in one Lua script
 *   (revision-stream.ts). While Redis is away, revisions wait in a bounded outbox and are
 *   written, in order, when it returns.
 * - Each engine subscribes to the channel once, and tails the log: a message that follows
 *   what it has seen is delivered at once; anything else (a gap, a large revision announced
 *   without its event, a reconnect) makes it read the stream from its position. So pub/sub's
 *   losses while a connection is down are repaired from the log, for every subscriber.
 * - Subscriptions in the process hang off that one feed (revision-hub.ts), and replay from the
 *   stream with `subscribeRevisions`; no subscriber ever subscribes or unsubscribes in Redis,
 *   which sidesteps RedisPubSub's lazy subscribe and its unhandled unsubscribe rejections.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { Redis } from 'ioredis';
import { createSerialQueue } from '../util/serial-queue.ts';
import { assertRevisionEvent } from './assert-revision-event.ts';
import type { LocalEventsEngine } from './local-events-engine.ts';
import { EventsError, type EventsHealth, type ProgressEvent, type RevisionEvent } from './port.ts';
import { ProgressChannel } from './progress-channel.ts';
import { RevisionHub } from './revision-hub.ts';
import type { LogCursor, LogRead, RevisionSource } from './revision-source.ts';
import { NotWriterError, type PendingRevision, RevisionStream, type StreamHead } from './revision-stream.ts';
import { subscribeRevisions } from './subscribe-revisions.ts';
import { describeHolder, WriterLease } from './writer-lease.ts';

/** Where the engine reports what it does. pino's logger fits. */
export interface EventsLogger {
  info(message: string): void;
  warn(message: string): void;
}

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
  /** The longest wait between reconnection attempts (the back-off starts at 100 ms). @default 2000 */
  readonly maxReconnectDelayMs?: number;
  /** @default silent */
  readonly logger?: EventsLogger;
}

/** A revision as published on the channel; `event` is left out of large ones (read them from the log). */
interface RevisionMessage {
  readonly epoch: string;
  readonly previous: number;
  readonly revision: number;
  readonly event?: RevisionEvent;
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
  } as const;
}
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
  const subscriber = new Redis(options.url, {
    lazyConnect: true,
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

  // --- the writer's side -------------------------------------------------------------
  /** This writer incarnation: a new one when the writer starts over with a fresh graph. */
  let writer: string = randomUUID();
  /** The log's epoch as last seen by this writer, for re-filling a log Redis lost. */
  let epochHint = writer;
  let generation = 0;
  let lastPublished: number | undefined;
  /** Published, not yet in the stream, oldest first. */
  let outbox: PendingRevision[] = [];
  let dropped = 0;
  /** The latest revisions written (at most `retain`): what to write again if Redis loses them. */
  let written: PendingRevision[] = [];
  /** The last revision this writer wrote, with its epoch. */
  let lastWritten: LogCursor | undefined;
  let flushing: Promise<void> | undefined;
  let pendingProgress: ProgressEvent | undefined;

  // --- the writer lease ------------------------------------------------------------------
  /** This engine holds its project's writer lease (and renews it). */
  let holding = false;
  /** Another holder seen, and when its lease would have expired had it stopped. */
  let contest: { token: string; until: number } | undefined;
  /** Why this engine was refused as the writer: it has stopped. */
  let refusal: string | undefined;
  let leasing: Promise<boolean> | undefined;
  let leaseTimer: NodeJS.Timeout | undefined;

  // --- connection state ----------------------------------------------------------------
  /** Both connections up, subscribed, and the log caught up: revisions flow. */
  let synced = false;
  let everSynced = false;
  let subscribed = false;
  let subscribing: Promise<unknown> | undefined;
  let problem: string | undefined;
  let closed = false;
  let resyncing = false;
  let resyncAgain = false;
  /** Whether the feed has placed itself in the log once (what came before is not news). */
  let placed = false;
  /** Work on the feed runs one task at a time, in arrival order. */
  const feed = createSerialQueue();

  const report = (message: string): void => {
    if (message !== problem) logger.warn(message);
    problem = message;
  };

  /** Holds the writer lease, claiming it when needed; false while another process has it. */
  function ensureLease(): Promise<boolean> {
    if (refusal !== undefined) return Promise.resolve(false);
    if (holding) return Promise.resolve(true);
    if (closed) return Promise.resolve(false);
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
        if (synced) {
          problem = undefined;
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
      report(
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
      if (closed || refusal !== undefined) return;
      if (!holding) {
        if (synced) {
          void ensureLease().then(
            async (held) => {
              if (held) await flush();
            },
            () => retryLater(),
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
            void ensureLease().catch(() => retryLater());
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
    if (refusal !== undefined) return;
    refusal = message;
    synced = false;
    problem = message;
    logger.warn(message);
    clearTimeout(leaseTimer);
    // What this process would show its subscribers is another process's graph: end them.
    hub.close();
    progress.close();
    options.onWriterRefused?.(message);
  }

  for (const client of [commands, subscriber]) {
    client.on('error', (error: Error) => {
      report(`redis unreachable at ${where}: ${error.message}`);
    });
    client.on('close', () => {
      if (synced) report(`lost the connection to redis at ${where}; reconnecting`);
      synced = false;
    });
    client.on('ready', () => {
      void resync();
    });
    // The first attempt's failure is reported through 'error'; retries go on by themselves.
    client.connect().catch(() => {});
  }

  /**
   * A failure on a connection that stays up (a timeout, an error reply) brings no reconnect to
   * try again on: try again after the longest back-off instead.
   */
  let retryTimer: NodeJS.Timeout | undefined;
  function retryLater(): void {
    if (closed || retryTimer !== undefined) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void (synced ? flush() : resync());
    }, maxDelay);
    retryTimer.unref();
  }

  /** Delivers what the log holds beyond the feed's position. */
  async function catchUp(): Promise<void> {
    const head = await stream.head();
    const at = hub.position();
    if (!placed) {
      placed = true;
      if (at === undefined) {
        hub.setPosition(head && { epoch: head.epoch, revision: head.revision });
        return;
      }
    }
    if (head === undefined) return;
    if (at !== undefined && at.epoch === head.epoch && head.revision <= at.revision) return;
    // In another epoch the log restarted: read it whole (subscribers positioned in the old
    // epoch then end with REVISION_EXPIRED).
    const from = at !== undefined && at.epoch === head.epoch ? at.revision : 0;
    for await (const entry of stream.after(from)) hub.emit(entry);
  }

  function onRevisionMessage(raw: unknown): void {
    const message = raw as RevisionMessage;
    if (typeof message !== 'object' || message === null || typeof message.epoch !== 'string') return;
    feed.run(async () => {
      const at = hub.position();
      const { event } = message;
      if (
        event !== undefined &&
        (at === undefined || (at.epoch === message.epoch && message.previous <= at.revision))
      ) {
        hub.emit({ epoch: message.epoch, previous: message.previous, event });
        return;
      }
      try {
        await catchUp();
      } catch (error) {
        // The next reconnect catches up again.
        logger.warn(`could not read the revision log at ${where}: ${(error as Error).message}`);
      }
    });
  }

  function onProgressMessage(raw: unknown): void {
    const message = raw as ProgressMessage;
    if (typeof message !== 'object' || message === null || message.origin === origin) return;
    progress.publish(message.progress);
  }

  /** After (re)connecting: make sure of the subscriptions, catch up, write what waits. */
  async function resync(): Promise<void> {
    if (resyncing) {
      resyncAgain = true;
      return;
    }
    resyncing = true;
    try {
      do {
        resyncAgain = false;
        await resyncOnce();
      } while (resyncAgain && !closed);
    } finally {
      resyncing = false;
    }
  }

  async function resyncOnce(): Promise<void> {
    if (closed || refusal !== undefined || commands.status !== 'ready' || subscriber.status !== 'ready')
      return;
    try {
      if (subscribed) {
        // ioredis re-subscribes by itself after a reconnect; a SUBSCRIBE of our own, answered
        // after its, proves the subscription is back before the log is read.
        await subscriber.subscribe(channel, progressChannel);
      } else {
        // Subscribed only on a live connection: a RedisPubSub subscribe that fails leaves a
        // rejection nobody handles.
        subscribing = Promise.all([
          pubsub.subscribe(channel, onRevisionMessage),
          pubsub.subscribe(progressChannel, onProgressMessage),
        ]);
        await subscribing;
        subscribed = true;
      }
      await feed.run(catchUp);
      if (options.writer) {
        holding = false; // Claimed again on each connection: Redis may have lost it.
        await ensureLease();
        if (refusal !== undefined) return;
      }
      refill(await stream.head());
      if (pendingProgress !== undefined && contest === undefined) {
        await sendProgress(pendingProgress);
        pendingProgress = undefined;
      } else if (progress.latest === undefined) {
        const latest = await commands.get(progressKey);
        if (latest !== null && progress.latest === undefined) progress.publish(JSON.parse(latest));
      }
    } catch (error) {
      report(`could not resume with redis at ${where}: ${(error as Error).message}`);
      retryLater();
      return;
    }
    synced = true;
    everSynced = true;
    // Still waiting for a contested writer lease: say so.
    if (contest === undefined) problem = undefined;
    logger.info(
      `events: connected to redis at ${where} for project "${projectId}"${outbox.length > 0 ? `; writing ${outbox.length} waiting revisions` : ''}`,
    );
    await flush();
  }

  /** Redis restarted without its data: write again what this writer still holds. */
  function refill(head: StreamHead | undefined): void {
    const last = written.at(-1);
    if (last === undefined) return;
    if (head !== undefined && (head.epoch !== epochHint || head.revision >= last.revision)) return;
    const from = head?.revision ?? 0;
    const lost = written.filter((pending) => pending.revision > from);
    written = written.filter((pending) => pending.revision <= from);
    outbox = [...lost, ...outbox];
    logger.warn(
      `redis at ${where} lost revisions ${lost[0]!.revision}..${last.revision}: writing them again`,
    );
  }

  /** Writes the outbox in order; stops (keeping what is left) when Redis fails. */
  function flush(): Promise<void> {
    if (!synced) return Promise.resolve();
    flushing ??= drain().finally(() => {
      flushing = undefined;
    });
    return flushing;
  }

  async function drain(): Promise<void> {
    while (synced && outbox.length > 0) {
      const pending = outbox[0]!;
      const at = generation;
      let epoch: string;
      try {
        // Nothing is written without the writer lease: a second writer waits, then is refused.
        if (!(await ensureLease())) return;
        epoch = await stream.append(pending, writer, epochHint);
      } catch (error) {
        if (error instanceof NotWriterError) {
          // The lease expired while this process could not renew it, and another took it.
          holding = false;
          continue;
        }
        report(
          `could not write revision ${pending.revision} to redis at ${where}: ${(error as Error).message}`,
        );
        retryLater();
        return;
      }
      if (synced) problem = undefined;
      // A restart of the writer cleared the outbox meanwhile.
      if (at !== generation) continue;
      epochHint = epoch;
      outbox.shift();
      lastWritten = { epoch: epochHint, revision: pending.revision };
      written.push(pending);
      if (written.length > retain) written.shift();
    }
    if (outbox.length === 0) dropped = 0;
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
      const mine = lastWritten;
      if (
        mine === undefined ||
        (at !== undefined && at.epoch === mine.epoch && at.revision >= mine.revision)
      ) {
        return at;
      }
      return mine;
    },
    async readLog(since: number): Promise<LogRead> {
      if (!synced) {
        throw new EventsError(
          'EVENTS_UNAVAILABLE',
          `the revision log is unavailable (${describeProblem()}): retry later, or subscribe without since`,
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
      const at = hub.position();
      let latest = head?.revision ?? 0;
      let epoch = head?.epoch;
      if (head === undefined && at !== undefined) {
        // Redis lost the log; its writer is filling it again.
        latest = at.revision;
        epoch = at.epoch;
      }
      latest = Math.max(latest, outbox.at(-1)?.revision ?? 0);
      return { latest, epoch, entries: stream.after(since) };
    },
  };

  function describeProblem(): string {
    return problem ?? `connecting to redis at ${where}`;
  }

  return {
    name: 'redis',

    async publish(event: RevisionEvent): Promise<void> {
      assertRevisionEvent(event);
      if (closed) throw new EventsError('EVENTS_UNAVAILABLE', 'the events engine is closed');
      if (refusal !== undefined) throw new EventsError('EVENTS_UNAVAILABLE', refusal);
      let previous = lastPublished ?? event.revision - 1;
      if (lastPublished !== undefined && event.revision <= lastPublished) {
        // The writer started over with a fresh graph: what waits belongs to the old one.
        generation += 1;
        writer = randomUUID();
        epochHint = writer;
        outbox = [];
        written = [];
        lastWritten = undefined;
        dropped = 0;
        previous = event.revision - 1;
      }
      lastPublished = event.revision;
      outbox.push({ revision: event.revision, previous, json: JSON.stringify(event) });
      if (outbox.length > outboxLimit) {
        outbox.shift();
        dropped += 1;
        if (dropped === 1) {
          logger.warn(
            `events: more than ${outboxLimit} revisions wait for redis at ${where}; dropping the oldest (subscribers that need them get REVISION_EXPIRED)`,
          );
        }
      }
      await flush();
    },

    subscribe(subscribeOptions = {}) {
      const signal = closed || refusal !== undefined ? AbortSignal.abort() : subscribeOptions.signal;
      return subscribeRevisions(source, { ...subscribeOptions, signal, maxPending: retain });
    },

    async latestRevision(): Promise<number> {
      const waiting = outbox.at(-1)?.revision;
      if (waiting !== undefined) return waiting;
      const known = lastPublished ?? hub.position()?.revision ?? 0;
      if (!synced) return known;
      try {
        return (await stream.head())?.revision ?? known;
      } catch {
        return known;
      }
    },

    async publishProgress(event: ProgressEvent): Promise<void> {
      if (closed) throw new EventsError('EVENTS_UNAVAILABLE', 'the events engine is closed');
      if (refusal !== undefined) throw new EventsError('EVENTS_UNAVAILABLE', refusal);
      progress.publish(event);
      // A writer waiting for a contested lease tells other processes nothing yet.
      if (!synced || contest !== undefined) {
        pendingProgress = event;
        return;
      }
      try {
        await sendProgress(event);
      } catch (error) {
        pendingProgress = event;
        report(`could not publish progress to redis at ${where}: ${(error as Error).message}`);
      }
    },

    subscribeProgress(subscribeOptions = {}) {
      return progress.subscribe(
        closed || refusal !== undefined ? AbortSignal.abort() : subscribeOptions.signal,
      );
    },

    health(): EventsHealth {
      if (closed) return { state: 'degraded', message: 'the events engine is closed' };
      if (refusal !== undefined) return { state: 'degraded', message: refusal };
      const pending = outbox.length;
      if (synced && problem === undefined)
        return pending > 0 ? { state: 'ready', pending } : { state: 'ready' };
      const lost = dropped > 0 ? `; ${dropped} older revisions dropped (outbox full)` : '';
      if (!everSynced && problem === undefined) {
        return { state: 'connecting', message: `connecting to redis at ${where}`, pending };
      }
      return {
        state: 'degraded',
        message: `${describeProblem()}${pending > 0 ? `; ${pending} revisions wait to be written${lost}` : ''}`,
        pending,
      };
    },

    openSubscriptions(): number {
      return hub.size + progress.size;
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      clearTimeout(retryTimer);
      clearTimeout(leaseTimer);
      // End subscriptions first, then write what can still be written, let the feed settle,
      // and only then close pub/sub and the connections (in that order, so nothing is left
      // waiting on a connection that is gone).
      hub.close();
      progress.close();
      await within(CLOSE_STEP_MS, flush());
      // Let go of the lease at once, so that a writer started next need not wait for it to expire.
      if (holding) await within(CLOSE_STEP_MS, lease.release());
      holding = false;
      await within(CLOSE_STEP_MS, feed.idle());
      if (subscribing !== undefined)
        await within(
          CLOSE_STEP_MS,
          subscribing.catch(() => {}),
        );
      await within(
        CLOSE_STEP_MS,
        pubsub.close().catch(() => {}),
      );
      commands.disconnect();
      subscriber.disconnect();
      synced = false;
      if (outbox.length > 0) {
        logger.warn(`events: closed with ${outbox.length} revisions not written to redis at ${where}`);
      }
    },
  };
}

/** The URL for messages: its password masked. */
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
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}

function positive(name: string, value: number): number {
  if (!(Number.isSafeInteger(value) && value > 0)) {
    throw new RangeError(`${name} must be an integer above 0, got ${String(value)}`);
  }
  return value;
}

/** Waits for `work`, but no longer than `ms` (closing must not hang on a dead peer). */
async function within(ms: number, work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.catch(() => {}),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
