import { describe, expect, it } from 'vitest';
import { createRevisionTracker } from '../../client/src/live/revision-tracker.ts';

const at = (revision: number, timestamp = 1000 + revision) => ({ revision, timestamp });

describe('revision tracker', () => {
  it('subscribes from the revision before a full query, to learn that revision’s timestamp', () => {
    const tracker = createRevisionTracker();
    expect(tracker.baseline(5)).toBe(4);
    expect(tracker.accept(at(5))).toEqual({ type: 'skip', reason: 'anchor' });
    expect(tracker.lastRevision).toBe(5);
    expect(tracker.accept(at(6))).toEqual({ type: 'apply' });
    expect(tracker.lastRevision).toBe(6);
  });

  it('subscribes from 0 on an empty graph and applies everything', () => {
    const tracker = createRevisionTracker();
    expect(tracker.baseline(0)).toBe(0);
    expect(tracker.accept(at(1))).toEqual({ type: 'apply' });
  });

  it('skips duplicates and asks for a re-query on a gap', () => {
    const tracker = createRevisionTracker();
    tracker.baseline(0);
    tracker.accept(at(1));
    tracker.accept(at(2));
    expect(tracker.accept(at(2))).toEqual({ type: 'skip', reason: 'duplicate' });
    expect(tracker.accept(at(1))).toEqual({ type: 'skip', reason: 'duplicate' });
    expect(tracker.accept(at(4)).type).toBe('resync');
  });

  it('resumes after a dropped connection from the last applied revision, verifying it first', () => {
    const tracker = createRevisionTracker();
    tracker.baseline(3);
    tracker.accept(at(3));
    tracker.accept(at(4));
    tracker.accept(at(5));
    // The server went on to 7 meanwhile.
    expect(tracker.resume(7)).toEqual({ type: 'subscribe', since: 4 });
    expect(tracker.accept(at(5))).toEqual({ type: 'skip', reason: 'anchor' });
    expect(tracker.accept(at(6))).toEqual({ type: 'apply' });
    expect(tracker.accept(at(7))).toEqual({ type: 'apply' });
    expect(tracker.lastRevision).toBe(7);
  });

  it('re-queries when the server is behind the revision shown (a restarted in-memory server)', () => {
    const tracker = createRevisionTracker();
    tracker.baseline(0);
    for (let n = 1; n <= 4; n++) tracker.accept(at(n));
    const decision = tracker.resume(1);
    expect(decision.type).toBe('resync');
  });

  it('re-queries when the server reached the same number with a different history', () => {
    const tracker = createRevisionTracker();
    tracker.baseline(0);
    tracker.accept(at(1));
    tracker.accept(at(2));
    expect(tracker.resume(3)).toEqual({ type: 'subscribe', since: 1 });
    // The restarted server's revision 2 happened at another time.
    const verdict = tracker.accept(at(2, 99_999));
    expect(verdict.type).toBe('resync');
    // Once re-queried, it goes on from the new baseline.
    expect(tracker.baseline(3)).toBe(2);
    expect(tracker.accept(at(3, 5))).toEqual({ type: 'skip', reason: 'anchor' });
    expect(tracker.accept(at(4, 6))).toEqual({ type: 'apply' });
  });

  it('re-queries when the first replayed revision is not the one expected', () => {
    const tracker = createRevisionTracker();
    tracker.baseline(0);
    tracker.accept(at(1));
    tracker.accept(at(2));
    tracker.resume(5);
    expect(tracker.accept(at(3)).type).toBe('resync');
  });

  it('re-queries on reconnect when the baseline was never verified', () => {
    const tracker = createRevisionTracker();
    tracker.baseline(4);
    expect(tracker.resume(4).type).toBe('resync');
  });

  it('resumes from 0 with no check when nothing had been applied to an empty graph', () => {
    const tracker = createRevisionTracker();
    tracker.baseline(0);
    expect(tracker.resume(2)).toEqual({ type: 'subscribe', since: 0 });
    expect(tracker.accept(at(1))).toEqual({ type: 'apply' });
  });

  it('re-queries before anything was queried', () => {
    expect(createRevisionTracker().resume(3).type).toBe('resync');
  });

  it('on REVISION_EXPIRED after a resume, re-queries', () => {
    const tracker = createRevisionTracker();
    tracker.baseline(0);
    tracker.accept(at(1));
    tracker.accept(at(2));
    tracker.resume(500);
    expect(tracker.refused().type).toBe('resync');
  });

  it('when the baseline’s own revision cannot be replayed, goes on from the baseline unverified', () => {
    const tracker = createRevisionTracker();
    expect(tracker.baseline(9)).toBe(8);
    expect(tracker.refused()).toEqual({ type: 'subscribe', since: 9 });
    expect(tracker.accept(at(10))).toEqual({ type: 'apply' });
  });
});
