import type { Logger } from 'pino';
import type { EventsEngine, ProgressEvent } from '../events/port.ts';

/** One subscription to the revision log (and analysis progress) for the whole process, fanned out to MCP sessions. */
export interface RevisionFeed {
  /**
   * Calls `listener` after each new revision, and when an analysis (not an edit's update) ends:
   * what `codenav://revision` shows has changed. Returns the function that stops it.
   */
  onChange(listener: () => void): () => void;
  close(): void;
}

/**
 * Follows live revisions and progress (in process or over Redis) and tells every listener,
 * while there is one: a server whose MCP clients subscribe to nothing holds no subscription. A
 * failed subscription (Redis away) is retried each second; what was published meanwhile is not
 * replayed: a listener only learns that the resource changed, which the next change also says.
 */
export function createRevisionFeed(events: EventsEngine, logger: Logger): RevisionFeed {
  const listeners = new Set<() => void>();
  let following: AbortController | undefined;
  const notify = () => {
    for (const listener of listeners) listener();
  };

  const follow = async <T>(
    signal: AbortSignal,
    subscribe: () => AsyncIterable<T>,
    onEvent: (event: T) => void,
  ) => {
    while (!signal.aborted) {
      try {
        for await (const event of subscribe()) onEvent(event);
        return;
      } catch (error) {
        if (signal.aborted) return;
        logger.warn({ err: error }, 'MCP revision feed interrupted; retrying');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  };

  const start = () => {
    const controller = new AbortController();
    const { signal } = controller;
    void follow(signal, () => events.subscribe({ signal }), notify);
    // An edit's update (phase UPDATING) ends with its revision, already told; the end of an
    // analysis is told apart, since its last revision may come before its state is READY.
    let previous: ProgressEvent | undefined;
    void follow(
      signal,
      () => events.subscribeProgress({ signal }),
      (progress) => {
        const ended = progress.state === 'READY' || progress.state === 'FAILED';
        const wasRunning = previous?.state === 'RUNNING' && previous.phase !== 'UPDATING';
        previous = progress;
        if (ended && wasRunning) notify();
      },
    );
    return controller;
  };

  return {
    onChange(listener) {
      listeners.add(listener);
      following ??= start();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          following?.abort();
          following = undefined;
        }
      };
    },
    close() {
      listeners.clear();
      following?.abort();
      following = undefined;
    },
  };
}
