/**
 * The UI's one live stream of revisions: connects, queries the revision, subscribes to
 * `graphChanged` with the right `since`, checks what arrives with the {@link RevisionTracker},
 * fans revisions out to the views, keeps the event log, and on a dropped connection or a
 * restarted server resumes or re-queries. Knows nothing of React or urql: it talks to a
 * {@link LiveTransport}, so it runs under unit tests with a fake one.
 */
import {
  appendNotice,
  appendRevision,
  createEventLog,
  DEFAULT_LOG_LIMITS,
  type EventLog,
  type EventLogLimits,
} from './event-log.ts';
import type { RevisionEvent } from './revision.ts';
import { createRevisionTracker, type ResumeDecision } from './revision-tracker.ts';

/** Analysis progress, as `analysisProgress` sends it. */
export interface AnalysisProgress {
  readonly state: 'PENDING' | 'RUNNING' | 'READY' | 'FAILED';
  readonly phase: string;
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly durationMs: number;
  readonly message?: string | null;
}

/** An error of an operation: its message and GraphQL error codes (none for a network error). */
export interface StreamError {
  readonly message: string;
  readonly codes: readonly string[];
}

export interface Sink<T> {
  next(value: T): void;
  error(error: StreamError): void;
}

/** What the stream needs from the network. */
export interface LiveTransport {
  /** `stats.revision`, bypassing any cache; rejects with a {@link StreamError}. */
  queryRevision(): Promise<number>;
  /** `graphChanged(since)`; returns the unsubscribe. */
  subscribeRevisions(since: number, sink: Sink<RevisionEvent>): () => void;
  /** `analysisProgress`, kept alive across reconnects by the transport; returns the unsubscribe. */
  subscribeProgress(sink: Sink<AnalysisProgress>): () => void;
  /** The WebSocket's state changes; returns the unsubscribe. */
  onConnection(listener: (state: 'connecting' | 'connected' | 'closed') => void): () => void;
}

/**
 * `connecting`: never connected yet; `syncing`: connected, finding where to resume;
 * `live`: subscribed; `reconnecting`: the connection dropped after being up.
 */
export type ConnectionState = 'connecting' | 'syncing' | 'live' | 'reconnecting';

export interface LiveSnapshot {
  readonly connection: ConnectionState;
  /** The last revision applied (or queried in full). */
  readonly revision: number | undefined;
  /** Bumps on every full re-query: views query everything again. */
  readonly epoch: number;
  /** Bumps on every resumed connection: views that failed meanwhile query again. */
  readonly reconnects: number;
  readonly log: EventLog;
  readonly analysis: AnalysisProgress | undefined;
  /** The last problem of the stream itself, cleared when it is live again. */
  readonly error: string | undefined;
}

export interface LiveStreamOptions {
  readonly transport: LiveTransport;
  readonly logLimits?: EventLogLimits;
  /** Wait before trying again after a failed query while connected. @default 1000 */
  readonly retryMs?: number;
  readonly now?: () => number;
}

export interface LiveStream {
  start(): void;
  stop(): void;
  getSnapshot(): LiveSnapshot;
  /** For `useSyncExternalStore`: called after every snapshot change. */
  subscribe(listener: () => void): () => void;
  /** Every applied revision, in order, exactly once. */
  onRevision(listener: (event: RevisionEvent) => void): () => void;
}

export function createLiveStream(options: LiveStreamOptions): LiveStream {
  const { transport } = options;
  const limits = options.logLimits ?? DEFAULT_LOG_LIMITS;
  const retryMs = options.retryMs ?? 1000;
  const now = options.now ?? Date.now;
  const tracker = createRevisionTracker();
  const listeners = new Set<() => void>();
  const revisionListeners = new Set<(event: RevisionEvent) => void>();

  let snapshot: LiveSnapshot = {
    connection: 'connecting',
    revision: undefined,
    epoch: 0,
    reconnects: 0,
    log: createEventLog(),
    analysis: undefined,
    error: undefined,
  };
  /** Bumped whenever what is in flight becomes stale (closed socket, new sync). */
  let generation = 0;
  let connected = false;
  let stopped = true;
  let stopRevisions: (() => void) | undefined;
  let stopProgress: (() => void) | undefined;
  let stopConnection: (() => void) | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Resyncs in a row without a revision applied: backs off a server that keeps refusing. */
  let resyncStreak = 0;

  const set = (patch: Partial<LiveSnapshot>) => {
    snapshot = { ...snapshot, ...patch };
    for (const listener of listeners) listener();
  };
  const notice = (message: string, level: 'info' | 'warning' = 'info') =>
    set({ log: appendNotice(snapshot.log, message, level, limits, now()) });

  const cancel = () => {
    generation++;
    stopRevisions?.();
    stopRevisions = undefined;
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    retryTimer = undefined;
  };

  const later = (action: () => void, ms: number) => {
    const gen = generation;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (gen === generation && connected && !stopped) action();
    }, ms);
  };

  /** Find where to go on from: resume after the last applied revision, or query everything (`force`). */
  const sync = async (force?: string) => {
    cancel();
    const gen = generation;
    set({ connection: 'syncing' });
    let serverRevision: number;
    try {
      serverRevision = await transport.queryRevision();
    } catch (error) {
      if (gen !== generation) return;
      set({ error: `Could not read the graph's revision: ${(error as StreamError).message}` });
      later(() => void sync(force), retryMs);
      return;
    }
    if (gen !== generation) return;
    const hadGraph = tracker.lastRevision !== undefined;
    const decision: ResumeDecision =
      force !== undefined ? { type: 'resync', reason: force } : tracker.resume(serverRevision);
    if (decision.type === 'subscribe') {
      set({ reconnects: snapshot.reconnects + 1 });
      notice(`Reconnected: catching up after revision ${tracker.lastRevision}`);
      listen(gen, decision.since);
      return;
    }
    const since = tracker.baseline(serverRevision);
    set({ revision: serverRevision, epoch: snapshot.epoch + 1 });
    if (hadGraph) notice(`Re-queried the graph (revision ${serverRevision}): ${decision.reason}`, 'warning');
    else notice(`Connected: the graph is at revision ${serverRevision}`);
    listen(gen, since);
  };

  const resync = (reason: string) => {
    resyncStreak++;
    if (resyncStreak <= 2) void sync(reason);
    else {
      cancel();
      later(() => void sync(reason), Math.min(retryMs * resyncStreak, 10_000));
    }
  };

  const follow = (decision: ResumeDecision, gen: number) => {
    if (decision.type === 'resync') resync(decision.reason);
    else listen(gen, decision.since);
  };

  const listen = (gen: number, since: number) => {
    stopRevisions?.();
    set({ connection: 'live', error: undefined });
    stopRevisions = transport.subscribeRevisions(since, {
      next(event) {
        if (gen !== generation) return;
        const verdict = tracker.accept(event);
        if (verdict.type === 'resync') return resync(verdict.reason);
        resyncStreak = 0;
        if (verdict.type === 'skip') return;
        set({ revision: event.revision, log: appendRevision(snapshot.log, event, limits) });
        for (const listener of revisionListeners) listener(event);
      },
      error(error) {
        if (gen !== generation) return;
        if (error.codes.includes('REVISION_EXPIRED') || error.codes.includes('BAD_USER_INPUT')) {
          follow(tracker.refused(), gen);
          return;
        }
        // A network error comes with the socket's close, which resumes by itself.
        if (error.codes.length === 0 && !connected) return;
        set({ error: `The revision stream failed: ${error.message}` });
        later(() => void sync(), retryMs);
      },
    });
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      stopProgress = transport.subscribeProgress({
        next: (analysis) => set({ analysis }),
        error: (error) => set({ error: `Analysis progress failed: ${error.message}` }),
      });
      stopConnection = transport.onConnection((state) => {
        if (stopped) return;
        if (state === 'connected') {
          connected = true;
          void sync();
          return;
        }
        if (state === 'closed') {
          connected = false;
          cancel();
        }
        if (!connected)
          set({ connection: tracker.lastRevision === undefined ? 'connecting' : 'reconnecting' });
      });
    },
    stop() {
      stopped = true;
      cancel();
      stopProgress?.();
      stopConnection?.();
    },
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onRevision(listener) {
      revisionListeners.add(listener);
      return () => revisionListeners.delete(listener);
    },
  };
}
