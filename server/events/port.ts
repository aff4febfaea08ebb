/**
 * The events port: every applied change set is one numbered revision, kept in a bounded
 * revision log and published to subscribers. Implemented in process (the default) and on
 * Redis (pub/sub for fan-out across processes, a Stream as the log).
 *
 * @remarks
 * Engines never make start-up wait: a Redis engine connects in the background, keeps what
 * is published while Redis is away in a bounded outbox, and delivers it, in order, when
 * Redis returns.
 */
import type { Change } from '../model/index.ts';
import type { SemanticChange } from '../semantic/semantic-change.ts';
import { CodedError } from '../util/coded-error.ts';

/** One revision as subscribers receive it. */
export interface RevisionEvent {
  /** The store's revision after applying it: strictly increasing. */
  readonly revision: number;
  /** Root-relative paths of the files whose edit caused it. */
  readonly files: readonly string[];
  /** When it was applied, epoch milliseconds. */
  readonly timestamp: number;
  readonly changes: readonly Change[];
  /** What the changes mean (absent in revisions logged before semantic changes existed). */
  readonly semantic?: readonly SemanticChange[];
}

/** Progress of the analysis, for `analysisProgress` (not logged: only the latest matters). */
export interface ProgressEvent {
  readonly state: 'PENDING' | 'RUNNING' | 'READY' | 'FAILED';
  readonly phase: string;
  readonly filesDone: number;
  readonly filesTotal: number;
  /** Milliseconds since the analysis (or update) started. */
  readonly durationMs: number;
  /** Why it failed, when it did. */
  readonly message?: string;
}

export type EventsState = 'connecting' | 'ready' | 'degraded';

export interface EventsHealth {
  readonly state: EventsState;
  /** What is wrong, for `/readyz` and logs (e.g. `redis unreachable at redis://…: ECONNREFUSED`). */
  readonly message?: string;
  /** Revisions waiting in the outbox for Redis to return. */
  readonly pending?: number;
}

/**
 * Whether some process holds the project's writer lease, as a process that does not write sees
 * it: an API process's only sign that an indexer keeps the graph up to date.
 */
export interface WriterPresence {
  /**
   * `present`: a writer holds the lease. `absent`: none does (it stopped, or crashed and its
   * lease expired): the graph stays as last written. `unknown`: Redis cannot be asked now.
   */
  readonly state: 'present' | 'absent' | 'unknown';
  /** Who holds it, or what nobody holding it means, or why it is unknown. */
  readonly message: string;
  /** While absent: when this process first found the lease free, ISO 8601. */
  readonly since?: string;
}

export interface SubscribeOptions {
  /**
   * Replay every revision after this one from the log, then continue live: no gap and no
   * duplicate at the seam. Without it, live revisions from now on.
   */
  readonly since?: number;
  /** Ends the subscription (the iterator returns). */
  readonly signal?: AbortSignal;
}

/** Codes of {@link EventsError}; the API maps them to GraphQL error codes. */
export type EventsErrorCode =
  /**
   * `since` is older than what the log retains, or ahead of its latest revision (it comes from
   * another log: the writer started over): re-query the graph, then subscribe from its revision.
   */
  | 'REVISION_EXPIRED'
  /** `since` is not a revision number (negative or fractional). */
  | 'BAD_USER_INPUT'
  /** The log cannot be read now (Redis away): try again. */
  | 'EVENTS_UNAVAILABLE';

export class EventsError extends CodedError<EventsErrorCode> {
  override readonly name = 'EventsError';
}

/** Re-querying is always the way out of a lost position: every such error ends with this advice. */
export const REQUERY =
  're-query the graph (stats.revision is its revision), then subscribe with since: that revision';

/**
 * Why a `since` ahead of the log's latest revision is `REVISION_EXPIRED`: a client cannot have
 * seen a revision the log never had, so its `since` comes from another log (the writer started
 * over with a fresh graph), and resuming once the numbers pass it would be silently wrong.
 */
export function aheadOfLog(since: number, latest: number): string {
  return `since ${since} is ahead of the latest revision ${latest}: it comes from another revision log (the server started over with a fresh graph); ${REQUERY}`;
}

/** Where revisions are logged and published. */
export interface EventsEngine {
  /** `memory` or `redis`, for logs and readiness. */
  readonly name: string;

  /**
   * Log and publish a revision. Never waits for an absent Redis and never throws for it:
   * the revision waits in the outbox. A revision not above the log's latest means the
   * writer started over with a fresh graph: the log restarts from it.
   */
  publish(event: RevisionEvent): Promise<void>;

  /**
   * Revisions as they come, optionally replayed from `since` first.
   *
   * @throws {@link EventsError} before the first revision, from the iterator's first `next()`:
   *   `REVISION_EXPIRED`, `BAD_USER_INPUT` or `EVENTS_UNAVAILABLE`.
   */
  subscribe(options?: SubscribeOptions): AsyncIterableIterator<RevisionEvent>;

  /**
   * The latest revision in the log (0 when empty).
   *
   * @throws {@link EventsError} `EVENTS_UNAVAILABLE` when the log cannot be read and this
   *   process cannot know: a Redis engine of an api process, or a writer's that has not read
   *   the log since it started (it started while Redis was away).
   */
  latestRevision(): Promise<number>;

  /** Publish analysis progress to every process (not logged). */
  publishProgress(progress: ProgressEvent): Promise<void>;

  /** Progress as it comes; the latest known progress first, when there is one. */
  subscribeProgress(options?: { readonly signal?: AbortSignal }): AsyncIterableIterator<ProgressEvent>;

  /** The engine's state now, without waiting (for `/readyz`). */
  health(): EventsHealth;

  /**
   * Whether another process writes the revisions (an indexer), without waiting (for `/readyz`).
   * Only on an engine shared by processes that is not its project's writer: the in-process
   * engine and a writer's have no one else to watch.
   */
  writerPresence?(): WriterPresence;

  /** End every subscription, flush what can be flushed, and release connections. */
  close(): Promise<void>;
}
