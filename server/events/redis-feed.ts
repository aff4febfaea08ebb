/**
 * The Redis engine's connection and feed: the two ioredis connections, the channel
 * subscription, and the tail of the revision log that feeds this process's subscriptions.
 * Its whole state is one {@link FeedState}.
 *
 * Each engine subscribes to the channel once, and tails the log: a message that follows what
 * it has seen is delivered at once; anything else (a gap, a large revision announced without
 * its event, a reconnect) makes it read the stream from its position. So pub/sub's losses
 * while a connection is down are repaired from the log, for every subscriber.
 */
import type { RedisPubSub } from 'graphql-redis-subscriptions';
import type { Redis } from 'ioredis';
import { createSerialQueue } from '../util/serial-queue.ts';
import type { RevisionEvent } from './port.ts';
import type { RevisionHub } from './revision-hub.ts';
import type { LogCursor } from './revision-source.ts';
import type { RevisionStream } from './revision-stream.ts';

/**
 * Most re-written revisions whose read failed that the feed keeps to read again; past that,
 * subscribers waiting for one end with REVISION_EXPIRED instead of a gap.
 */
const MAX_PASS_ON_RETRIES = 1_000;

/** Where the engine reports what it does. pino's logger fits. */
export interface EventsLogger {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * Where the feed stands. `problem` is the last thing that went wrong, until it is resolved;
 * a feed that is `live` with a problem is degraded (a write failed, the writer lease is
 * contested) but still delivers revisions.
 */
export type FeedState =
  /** Not yet live, and nothing went wrong so far. */
  | { readonly state: 'connecting' }
  /** Both connections up, subscribed, and the log caught up: revisions flow. */
  | { readonly state: 'live'; readonly problem?: string }
  /** Not live: a connection is lost or resuming failed; ioredis reconnects by itself. */
  | { readonly state: 'down'; readonly problem: string }
  /** Another live process is the project's writer: this engine has stopped for good. */
  | { readonly state: 'refused'; readonly message: string; readonly problem: string }
  /** `close()` runs: writing what waits while the connection still is `live`. */
  | { readonly state: 'closing'; readonly live: boolean }
  | { readonly state: 'closed' };

/** A revision as published on the channel; `event` is left out of large ones (read them from the log). */
export interface RevisionMessage {
  readonly epoch: string;
  readonly previous: number;
  readonly revision: number;
  readonly event?: RevisionEvent;
}

/** What the engine does on the way to live, and once there. */
export interface FeedSteps {
  /**
   * Runs after the feed caught up, before it goes live (claim the writer lease, re-fill a lost
   * log, exchange progress). A failure is reported and tried again later.
   */
  prepare(): Promise<void>;
  /** A problem that outlasts going live (a contested writer lease). */
  lingeringProblem(): boolean;
  /** Said in the log line when the feed goes live. */
  describeWaiting(): string;
  /** Writes what waits; run once live, and on each retry while live. */
  flush(): Promise<void>;
}

export interface RedisFeedOptions {
  /** Plain commands; fail at once while Redis is away. */
  readonly commands: Redis;
  /** The connection in subscriber mode. */
  readonly subscriber: Redis;
  readonly pubsub: RedisPubSub;
  readonly stream: RevisionStream;
  readonly hub: RevisionHub;
  /** Redis's URL for messages, its password masked. */
  readonly where: string;
  readonly projectId: string;
  readonly channel: string;
  readonly progressChannel: string;
  /** The longest back-off; also the wait before retrying on a connection that stays up. */
  readonly maxDelayMs: number;
  readonly logger: EventsLogger;
  readonly onProgressMessage: (message: unknown) => void;
  readonly steps: FeedSteps;
}

export class RedisFeed {
  readonly #options: RedisFeedOptions;
  #state: FeedState = { state: 'connecting' };
  /**
   * The handlers registered with RedisPubSub, by channel: each once for the feed's life, whatever
   * becomes of a SUBSCRIBE (RedisPubSub adds a handler for each call on a channel it holds, so
   * registering again after a round that failed part way would deliver every message twice).
   * A registration that fails is forgotten, to be made again.
   */
  readonly #registered = new Map<string, Promise<unknown>>();
  /** Resuming runs once at a time; a reconnect meanwhile asks for one more round. */
  #resync: 'idle' | 'running' | 'again' = 'idle';
  /** Whether the feed has placed itself in the log once (what came before is not news). */
  #placed = false;
  /**
   * The last entry the latest catch-up read, until its announcement comes: announcements up to
   * it were sent before the read, and are not news.
   */
  #readAhead: LogCursor | undefined;
  /** Re-written large revisions whose read failed, by revision: read again by {@link retryLater}. */
  readonly #passOnFailed = new Map<number, RevisionMessage>();
  #retryTimer: NodeJS.Timeout | undefined;
  /** Work on the feed runs one task at a time, in arrival order. */
  readonly #work = createSerialQueue();

  constructor(options: RedisFeedOptions) {
    this.#options = options;
  }

  get state(): FeedState {
    return this.#state;
  }

  /** Revisions flow: live, or closing on a live connection. */
  get connected(): boolean {
    const state = this.#state;
    return state.state === 'live' || (state.state === 'closing' && state.live);
  }

  /** Closing or closed. */
  get closed(): boolean {
    return this.#state.state === 'closing' || this.#state.state === 'closed';
  }

  /** Why this engine was refused as the writer, if it was. */
  get refusal(): string | undefined {
    return this.#state.state === 'refused' ? this.#state.message : undefined;
  }

  /** What went wrong last and is not resolved yet. */
  get problem(): string | undefined {
    const state = this.#state;
    return state.state === 'live' || state.state === 'down' || state.state === 'refused'
      ? state.problem
      : undefined;
  }

  /** The problem, or that the feed is still connecting. */
  describeProblem(): string {
    return this.problem ?? `connecting to redis at ${this.#options.where}`;
  }

  /** Starts connecting both connections; returns at once. */
  start(): void {
    const { commands, subscriber, where } = this.#options;
    for (const client of [commands, subscriber]) {
      client.on('error', (error: Error) => {
        this.report(`redis unreachable at ${where}: ${error.message}`);
      });
      client.on('close', () => {
        const state = this.#state;
        if (state.state === 'live') {
          this.report(`lost the connection to redis at ${where}; reconnecting`);
          this.#state = { state: 'down', problem: this.problem! };
        } else if (state.state === 'closing') {
          this.#state = { state: 'closing', live: false };
        }
      });
      client.on('ready', () => {
        void this.#resyncLoop();
      });
      // The first attempt's failure is reported through 'error'; retries go on by themselves.
      client.connect().catch(() => {});
    }
  }

  /** Records a problem, logging it when it is news. */
  report(message: string): void {
    const state = this.#state;
    if (state.state === 'closed') return;
    if (state.state === 'closing') {
      // Still worth a line (a revision left unwritten), but the engine's state is final.
      this.#options.logger.warn(message);
      return;
    }
    if (message !== this.problem) this.#options.logger.warn(message);
    if (state.state === 'live') this.#state = { state: 'live', problem: message };
    else if (state.state === 'refused') this.#state = { ...state, problem: message };
    else this.#state = { state: 'down', problem: message };
  }

  /** A live feed's problem is resolved. */
  clearProblem(): void {
    if (this.#state.state === 'live') this.#state = { state: 'live' };
  }

  /** Stops for good: another process is the writer. False when already refused or closing. */
  refuse(message: string): boolean {
    const state = this.#state;
    if (state.state === 'refused' || this.closed) return false;
    this.#state = { state: 'refused', message, problem: message };
    this.#options.logger.warn(message);
    return true;
  }

  /**
   * A failure on a connection that stays up (a timeout, an error reply) brings no reconnect to
   * try again on: try again after the longest back-off instead. While live, that is catching up
   * on the log (a failed read of it) and writing what waits.
   */
  retryLater(): void {
    if (this.closed || this.#retryTimer !== undefined) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      if (this.#state.state !== 'live') {
        void this.#resyncLoop();
        return;
      }
      void this.#work.run(() => this.#passOnFailedAgain());
      void this.#work.run(() => this.#catchUpOrRetry());
      void this.#options.steps.flush();
    }, this.#options.maxDelayMs);
    this.#retryTimer.unref();
  }

  /** Stops retrying and resuming; the connection stays as it is until {@link close}. */
  beginClose(): void {
    if (this.closed) return;
    this.#state = { state: 'closing', live: this.#state.state === 'live' };
    clearTimeout(this.#retryTimer);
  }

  /**
   * Lets the feed settle, then closes pub/sub and the connections (in that order, so nothing is
   * left waiting on a connection that is gone). Each step waits at most `stepMs`.
   */
  async close(stepMs: number): Promise<void> {
    this.beginClose();
    await within(stepMs, this.#work.idle());
    await within(stepMs, Promise.all(this.#registered.values()));
    await within(stepMs, this.#options.pubsub.close());
    this.#options.commands.disconnect();
    this.#options.subscriber.disconnect();
    this.#state = { state: 'closed' };
  }

  async #resyncLoop(): Promise<void> {
    if (this.#resync !== 'idle') {
      this.#resync = 'again';
      return;
    }
    this.#resync = 'running';
    try {
      do {
        this.#resync = 'running';
        await this.#resyncOnce();
      } while (this.#askedAgain() && !this.closed);
    } finally {
      this.#resync = 'idle';
    }
  }

  /** A reconnect asked for another round while one ran (a method: `await` hides it from narrowing). */
  #askedAgain(): boolean {
    return this.#resync === 'again';
  }

  /** After (re)connecting: make sure of the subscriptions, catch up, write what waits. */
  async #resyncOnce(): Promise<void> {
    const { commands, subscriber, channel, progressChannel, steps, where, logger } = this.#options;
    if (this.closed || this.refusal !== undefined) return;
    if (commands.status !== 'ready' || subscriber.status !== 'ready') return;
    try {
      // Subscribed by hand on each (re)connect (the engine turns ioredis's own re-subscribe off),
      // both channels in one command: its answer proves the subscription is back before the log
      // is read, and a refusal (an ACL without one of the channels) fails the round here, as a
      // whole, rather than inside RedisPubSub (whose failed subscribe leaves a rejection nobody
      // handles, and would leave the other channel's handler registered).
      await subscriber.subscribe(channel, progressChannel);
      await Promise.all([
        this.#register(channel, (message: unknown) => this.#onRevisionMessage(message)),
        this.#register(progressChannel, this.#options.onProgressMessage),
      ]);
      await this.#work.run(() => {
        // Announcements lost while the connection was down never come.
        this.#readAhead = undefined;
        return this.#catchUp();
      });
      await steps.prepare();
      if (this.refusal !== undefined || this.closed) return;
    } catch (error) {
      this.report(`could not resume with redis at ${where}: ${(error as Error).message}`);
      this.retryLater();
      return;
    }
    // Still waiting for a contested writer lease: say so.
    const problem = steps.lingeringProblem() ? this.problem : undefined;
    this.#state = problem === undefined ? { state: 'live' } : { state: 'live', problem };
    logger.info(
      `events: connected to redis at ${where} for project "${this.#options.projectId}"${steps.describeWaiting()}`,
    );
    await steps.flush();
  }

  /**
   * Registers `handler` for `channel` with RedisPubSub, once. Called right after a SUBSCRIBE of
   * the channel succeeded on a live connection, so that RedisPubSub's own SUBSCRIBE does too.
   */
  #register(channel: string, handler: (message: unknown) => void): Promise<unknown> {
    let registered = this.#registered.get(channel);
    if (registered === undefined) {
      registered = this.#options.pubsub.subscribe(channel, handler).catch((error: unknown) => {
        this.#registered.delete(channel);
        throw error;
      });
      this.#registered.set(channel, registered);
    }
    return registered;
  }

  /** Delivers what the log holds beyond the feed's position. */
  async #catchUp(): Promise<void> {
    const { stream, hub } = this.#options;
    const head = await stream.head();
    const at = hub.position();
    if (!this.#placed) {
      this.#placed = true;
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
    for await (const entry of stream.after(from)) {
      hub.emit(entry);
      this.#readAhead = { epoch: entry.epoch, revision: entry.event.revision };
    }
  }

  /**
   * Catches up; a failure on a connection that stays up (a timeout, BUSY, OOM) brings no
   * reconnect that would catch up again, so it is tried again later.
   */
  async #catchUpOrRetry(): Promise<void> {
    try {
      await this.#catchUp();
      // What it read was announced before it ran (the announcements were handled then).
      this.#readAhead = undefined;
    } catch (error) {
      this.#readFailed(error);
    }
  }

  /** Reads again, in order, the re-written large revisions whose read failed. */
  async #passOnFailedAgain(): Promise<void> {
    const failed = [...this.#passOnFailed.values()].sort((a, b) => a.revision - b.revision);
    this.#passOnFailed.clear();
    for (const [i, message] of failed.entries()) {
      try {
        await this.#passOnAgain(message);
      } catch (error) {
        for (const left of failed.slice(i)) this.#passOnFailed.set(left.revision, left);
        this.#readFailed(error);
        return;
      }
    }
  }

  #readFailed(error: unknown): void {
    const { where, logger } = this.#options;
    logger.warn(`could not read the revision log at ${where}: ${(error as Error).message}`);
    this.retryLater();
  }

  /**
   * A large revision the feed is already past, written again after Redis lost its data (the
   * writer re-fills the log): a subscriber that read the log while it was being re-filled
   * still waits for it. Passed on as the log holds it; listeners skip what they have.
   */
  async #passOnAgain(message: RevisionMessage): Promise<void> {
    const entry = await this.#options.stream.entry(message.revision);
    if (entry?.epoch === message.epoch) this.#options.hub.emit(entry);
  }

  #onRevisionMessage(raw: unknown): void {
    const message = raw as RevisionMessage;
    if (typeof message !== 'object' || message === null || typeof message.epoch !== 'string') return;
    void this.#work.run(async () => {
      try {
        await this.#take(message);
      } finally {
        const ahead = this.#readAhead;
        if (ahead !== undefined && (ahead.epoch !== message.epoch || message.revision >= ahead.revision)) {
          this.#readAhead = undefined;
        }
      }
    });
  }

  async #take(message: RevisionMessage): Promise<void> {
    const at = this.#options.hub.position();
    const { event } = message;
    if (
      event !== undefined &&
      (at === undefined || (at.epoch === message.epoch && message.previous <= at.revision))
    ) {
      this.#options.hub.emit({ epoch: message.epoch, previous: message.previous, event });
      return;
    }
    const behind = at !== undefined && at.epoch === message.epoch && message.revision <= at.revision;
    const ahead = this.#readAhead;
    // Announced before the catch-up that read it (a second read of a large event would be waste).
    if (behind && ahead?.epoch === message.epoch && message.revision <= ahead.revision) return;
    try {
      await (behind ? this.#passOnAgain(message) : this.#catchUp());
    } catch (error) {
      // A catch-up is run again by the retry; a single re-written entry must be named to it.
      if (behind && this.#passOnFailed.size < MAX_PASS_ON_RETRIES)
        this.#passOnFailed.set(message.revision, message);
      this.#readFailed(error);
    }
  }
}

/** Waits for `work`, but no longer than `ms` (closing must not hang on a dead peer). */
export async function within(ms: number, work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.catch(() => {}),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
