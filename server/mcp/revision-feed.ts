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
 * Follows live revisions and progress (in process or over Redis) and tells every listener. A
 * failed subscription (Redis away) is retried each second; what was published meanwhile is not
 * replayed: a listener only learns that the resource changed, which the next change also says.
 */
export function createRevisionFeed(events: EventsEngine, logger: Logger): RevisionFeed {
  const listeners = new Set<() => void>();
  const controller = new AbortController();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  const follow = async <T>(subscribe: () => AsyncIterable<T>, onEvent: (event: T) => void) => {
    while (!controller.signal.aborted) {
      try {
        for await (const event of subscribe()) onEvent(event);
        return;
      } catch (error) {
        if (controller.signal.aborted) return;
        logger.warn({ err: error }, 'MCP revision feed interrupted; retrying');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  };
  void follow(() => events.subscribe({ signal: controller.signal }), notify);
  // An edit's update (phase UPDATING) ends with its revision, already told; the end of an
  // analysis is told apart, since its last revision may come before its state is READY.
  let previous: ProgressEvent | undefined;
  void follow(
    () => events.subscribeProgress({ signal: controller.signal }),
    (progress) => {
      const ended = progress.state === 'READY' || progress.state === 'FAILED';
      const wasRunning =
        previous !== undefined && previous.state === 'RUNNING' && previous.phase !== 'UPDATING';
      previous = progress;
      if (ended && wasRunning) notify();
    },
  );
  return {
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      controller.abort();
    },
  };
}
