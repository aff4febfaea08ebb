/**
 * The writer watch: an API process's look at its project's writer lease, every few seconds.
 * The lease is the one sign, across processes, that an indexer is there: a writer renews it
 * every third of its period, deletes it when it stops, and a crashed one's expires. Without the
 * watch an API process would keep reporting the last progress it heard (`READY`) forever, and
 * nobody could tell that the graph is no longer kept up to date.
 *
 * @remarks
 * One `GET` of one key per interval per process: Redis's load stays tiny and bounded whatever
 * the traffic. A stopped writer is seen within one interval; a crashed one within its lease
 * period and one interval.
 */
import type { Redis } from 'ioredis';
import type { WriterPresence } from './port.ts';
import type { EventsLogger } from './redis-feed.ts';
import { describeHolder, parseHolder } from './writer-lease.ts';

export interface WriterWatchOptions {
  /** The engine's command connection (fails at once while Redis is away). */
  readonly redis: Redis;
  /** The lease key. */
  readonly key: string;
  /** How often to look. */
  readonly intervalMs: number;
  /** `project "p" on redis at …`, for messages. */
  readonly where: string;
  /** Whether the engine is connected now; while not, the presence is unknown and Redis is not asked. */
  readonly connected: () => boolean;
  /** Why Redis cannot be asked, while not connected. */
  readonly problem: () => string;
  /** Called after each look, changed or not (the engine reconciles what it shows with it). */
  readonly onPresence: (presence: WriterPresence) => void;
  readonly logger: EventsLogger;
}

export class WriterWatch {
  readonly #options: WriterWatchOptions;
  #presence: WriterPresence;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  /** When the lease was first found free, until a writer holds it again (a Redis outage between two looks does not reset it). */
  #absentSince: string | undefined;

  constructor(options: WriterWatchOptions) {
    this.#options = options;
    this.#presence = { state: 'unknown', message: 'not checked yet: waiting for redis' };
  }

  get presence(): WriterPresence {
    return this.#presence;
  }

  /** Looks every interval from now on, until {@link stop}. */
  start(): void {
    this.#schedule();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  /** Looks at the lease now. Throws when Redis cannot be asked (the presence is then unknown). */
  async check(): Promise<WriterPresence> {
    const { redis, key, where } = this.#options;
    let token: string | null;
    try {
      token = await redis.get(key);
    } catch (error) {
      this.#set({
        state: 'unknown',
        message: `cannot tell whether an indexer holds the writer lease: ${(error as Error).message}`,
      });
      throw error;
    }
    const { logger } = this.#options;
    if (token !== null) {
      const message = `held by ${describeHolder(parseHolder(token))}`;
      if (this.#absentSince !== undefined)
        logger.info(`an indexer holds the writer lease of ${where} again: ${message}`);
      this.#absentSince = undefined;
      this.#set({ state: 'present', message });
    } else {
      const news = this.#absentSince === undefined;
      this.#absentSince ??= new Date().toISOString();
      const since = this.#absentSince;
      const message = `no indexer holds the writer lease of ${where} since ${since}: the graph stays as last written, and nothing keeps it up to date; start the indexer`;
      // Once per absence, however many looks (and Redis outages) it lasts.
      if (news) logger.warn(message);
      this.#set({ state: 'absent', since, message });
    }
    return this.#presence;
  }

  #set(presence: WriterPresence): void {
    this.#presence = presence;
    if (!this.#stopped) this.#options.onPresence(presence);
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(async () => {
      try {
        if (this.#options.connected()) await this.check();
        else
          this.#set({
            state: 'unknown',
            message: `cannot tell whether an indexer holds the writer lease: ${this.#options.problem()}`,
          });
      } catch {
        // Unknown until the next look (check() said why).
      } finally {
        this.#schedule();
      }
    }, this.#options.intervalMs);
    this.#timer.unref();
  }
}
