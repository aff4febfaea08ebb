/**
 * Since/resume bookkeeping for `graphChanged`: which revision the UI has applied, which
 * `since` to subscribe with, and whether what the server sends continues what was applied.
 *
 * @remarks
 * A revision number alone cannot tell a resumed history from a new one: a restarted
 * in-memory server counts from 1 again and may well reach the number the UI last saw. So
 * the tracker remembers the timestamp of the last applied revision and resumes with
 * `since = last - 1`: the server replays `last` first, and its timestamp proves (or refutes)
 * that the history is the same. That one revision is skipped, never applied twice. After a
 * full query at revision R it subscribes with `since = R - 1` the same way, to learn R's
 * timestamp. Anything unexpected — the server behind us, a different anchor, a gap — asks
 * for a full re-query (`resync`), which is always correct, only slower.
 */

export interface RevisionStamp {
  readonly revision: number;
  /** Epoch milliseconds, as the server logged the revision. */
  readonly timestamp: number;
}

export type ResumeDecision =
  | { readonly type: 'subscribe'; readonly since: number }
  | { readonly type: 'resync'; readonly reason: string };

export type Verdict =
  | { readonly type: 'apply' }
  | { readonly type: 'skip'; readonly reason: 'duplicate' | 'anchor' }
  | { readonly type: 'resync'; readonly reason: string };

export interface RevisionTracker {
  /** The last revision applied (or queried in full); undefined before the first query. */
  readonly lastRevision: number | undefined;
  /** The graph was just queried in full at `revision`: returns the `since` to subscribe with. */
  baseline(revision: number): number;
  /** Back online, the server being at `serverRevision`: resume, or query everything again. */
  resume(serverRevision: number): ResumeDecision;
  /** The server refused the `since` (REVISION_EXPIRED, or ahead of its log). */
  refused(): ResumeDecision;
  /** A revision arrived on the subscription: apply it, skip it, or query everything again. */
  accept(event: RevisionStamp): Verdict;
}

const resync = (reason: string): ResumeDecision & Verdict => ({ type: 'resync', reason });

export function createRevisionTracker(): RevisionTracker {
  let last: { revision: number; timestamp?: number } | undefined;
  /** The revision the subscription replays first: its timestamp is learned (undefined) or checked. */
  let anchor: { revision: number; timestamp?: number } | undefined;

  return {
    get lastRevision() {
      return last?.revision;
    },

    baseline(revision) {
      last = { revision };
      if (revision < 1) {
        anchor = undefined;
        return revision;
      }
      anchor = { revision };
      return revision - 1;
    },

    resume(serverRevision) {
      if (!last) return resync('nothing was queried yet');
      if (serverRevision < last.revision)
        return resync(
          `the server is at revision ${serverRevision}, behind the ${last.revision} shown here: it restarted`,
        );
      // An empty graph: replaying the server's whole log onto it is exact, whatever server it is.
      if (last.revision === 0) {
        anchor = undefined;
        return { type: 'subscribe', since: 0 };
      }
      if (last.timestamp === undefined) return resync(`revision ${last.revision} could not be verified`);
      anchor = { revision: last.revision, timestamp: last.timestamp };
      return { type: 'subscribe', since: last.revision - 1 };
    },

    refused() {
      // Learning the baseline's timestamp is a nicety: go on from the baseline itself, unverified
      // (the next reconnect then re-queries instead of resuming).
      if (last && anchor?.timestamp === undefined && anchor?.revision === last.revision) {
        anchor = undefined;
        return { type: 'subscribe', since: last.revision };
      }
      anchor = undefined;
      return resync('the server no longer has the revisions missed here');
    },

    accept(event) {
      if (!last) return resync('a revision arrived before the graph was queried');
      if (anchor) {
        const expected = anchor;
        anchor = undefined;
        if (event.revision !== expected.revision)
          return resync(`expected revision ${expected.revision} first, got ${event.revision}`);
        if (expected.timestamp === undefined) {
          last = { revision: last.revision, timestamp: event.timestamp };
          return { type: 'skip', reason: 'anchor' };
        }
        if (expected.timestamp !== event.timestamp)
          return resync(`the server's revision ${event.revision} is not the one shown here: it restarted`);
        return { type: 'skip', reason: 'anchor' };
      }
      if (event.revision <= last.revision) return { type: 'skip', reason: 'duplicate' };
      if (event.revision !== last.revision + 1)
        return resync(`revisions ${last.revision + 1}–${event.revision - 1} never arrived`);
      last = { revision: event.revision, timestamp: event.timestamp };
      return { type: 'apply' };
    },
  };
}
