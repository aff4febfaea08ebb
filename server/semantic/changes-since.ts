import type { EventsEngine } from '../events/port.ts';
import { type SemanticChange, semanticChangeMatches } from './semantic-change.ts';

/** A semantic change with the revision that made it. */
export interface RevisionSemanticChange extends SemanticChange {
  readonly revision: number;
}

/**
 * The semantic changes of every revision after `since`, in revision order, read from the
 * revision log (memory or Redis), optionally only those under `pathPrefix`.
 *
 * @param since - a revision the caller has seen (0 for the whole log).
 * @param pathPrefix - a checked, root-relative path prefix.
 * @throws the events port's `EventsError`: `REVISION_EXPIRED` when `since` is older than the log
 *   or ahead of it, `BAD_USER_INPUT` for a `since` that is no revision, `EVENTS_UNAVAILABLE`.
 */
export async function semanticChangesSince(
  events: EventsEngine,
  since: number,
  pathPrefix?: string,
): Promise<RevisionSemanticChange[]> {
  const latest = await events.latestRevision();
  const controller = new AbortController();
  const revisions = events.subscribe({ since, signal: controller.signal });
  const result: RevisionSemanticChange[] = [];
  try {
    // The replay ends at `latest`; a later revision published meanwhile may come too.
    if (since >= latest) {
      // Validates `since` (ahead of the log) without waiting for a revision to come.
      if (since > latest) await revisions.next();
      return result;
    }
    for (;;) {
      const step = await revisions.next();
      if (step.done) break;
      const event = step.value;
      for (const change of event.semantic ?? [])
        if (pathPrefix === undefined || semanticChangeMatches(change, pathPrefix))
          result.push({ ...change, revision: event.revision });
      if (event.revision >= latest) break;
    }
  } finally {
    controller.abort();
    await revisions.return?.();
  }
  return result;
}
