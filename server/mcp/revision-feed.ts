import type { Logger } from 'pino';
import type { EventsEngine, RevisionEvent } from '../events/port.ts';

/** One subscription to the revision log for the whole process, fanned out to MCP sessions. */
export interface RevisionFeed {
  /** Calls `listener` with each new revision; returns the function that stops it. */
  onRevision(listener: (event: RevisionEvent) => void): () => void;
  close(): void;
}

/**
 * Follows live revisions (in process or over Redis) and tells every listener. A failed
 * subscription (Redis away) is retried each second; revisions published meanwhile are not
 * replayed: a listener only learns that the revision moved, which the next one also says.
 */
export function createRevisionFeed(events: EventsEngine, logger: Logger): RevisionFeed {
  const listeners = new Set<(event: RevisionEvent) => void>();
  const controller = new AbortController();
  void (async () => {
    while (!controller.signal.aborted) {
      try {
        for await (const event of events.subscribe({ signal: controller.signal })) {
          for (const listener of listeners) listener(event);
        }
        return;
      } catch (error) {
        if (controller.signal.aborted) return;
        logger.warn({ err: error }, 'MCP revision feed interrupted; retrying');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  })();
  return {
    onRevision(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      controller.abort();
    },
  };
}
