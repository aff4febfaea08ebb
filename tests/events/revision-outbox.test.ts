import { describe, expect, it } from 'vitest';
import type { RevisionEvent } from '../../server/events/port.ts';
import { RevisionOutbox } from '../../server/events/revision-outbox.ts';

const event = (revision: number): RevisionEvent => ({
  revision,
  files: [`f${revision}.ts`],
  timestamp: 0,
  changes: [],
});

/** Writes every waiting revision as `epoch`, returning their numbers in write order. */
function writeAll(outbox: RevisionOutbox, epoch: string): number[] {
  const out: number[] = [];
  for (let ticket = outbox.next(); ticket !== undefined; ticket = outbox.next()) {
    outbox.written(ticket, epoch);
    out.push(ticket.pending.revision);
  }
  return out;
}

describe('RevisionOutbox', () => {
  it('hands out revisions oldest first, each linked to the one before it', () => {
    const outbox = new RevisionOutbox(10, 10);
    for (const revision of [1, 2, 3]) outbox.add(event(revision));
    expect(outbox.next()?.pending).toMatchObject({ revision: 1, previous: 0 });
    expect(writeAll(outbox, 'e')).toEqual([1, 2, 3]);
    expect(outbox.size).toBe(0);
    expect(outbox.lastWritten).toEqual({ epoch: 'e', revision: 3 });
    expect(outbox.epochHint).toBe('e');
  });

  it('drops the oldest beyond its limit, says so once, and forgets the count once empty', () => {
    const outbox = new RevisionOutbox(10, 2);
    expect(outbox.add(event(1))).toBe(false);
    expect(outbox.add(event(2))).toBe(false);
    expect(outbox.add(event(3))).toBe(true);
    expect(outbox.add(event(4))).toBe(false);
    expect(outbox.dropped).toBe(2);
    expect(writeAll(outbox, 'e')).toEqual([3, 4]);
    expect(outbox.dropped).toBe(0);
  });

  it('forgets what waits when the writer starts over, and a ticket of the old graph records nothing', () => {
    const outbox = new RevisionOutbox(10, 10);
    outbox.add(event(5));
    const writer = outbox.writer;
    const stale = outbox.next()!;
    outbox.add(event(1));
    expect(outbox.writer).not.toBe(writer);
    outbox.written(stale, 'old');
    expect(outbox.lastWritten).toBeUndefined();
    expect(outbox.next()?.pending).toMatchObject({ revision: 1, previous: 0 });
  });

  it('queues again, ahead of what waits, the revisions a restarted Redis lost', () => {
    const outbox = new RevisionOutbox(10, 10);
    for (const revision of [1, 2, 3]) outbox.add(event(revision));
    writeAll(outbox, 'e');
    outbox.add(event(4));
    expect(outbox.refill({ epoch: 'e', revision: 3, writer: 'w' })).toBeUndefined();
    expect(outbox.refill({ epoch: 'e', revision: 1, writer: 'w' })).toEqual({ from: 2, to: 3 });
    expect(writeAll(outbox, 'e')).toEqual([2, 3, 4]);
    // The log is gone entirely: everything still held is written again.
    expect(outbox.refill(undefined)).toEqual({ from: 1, to: 4 });
  });

  it('knows how far a lost log went until it is written again, across a second loss mid-refill', () => {
    const outbox = new RevisionOutbox(10, 10);
    for (const revision of [1, 2, 3, 4, 5]) outbox.add(event(revision));
    writeAll(outbox, 'e');
    expect(outbox.refillingTo).toBeUndefined();
    outbox.refill(undefined);
    outbox.written(outbox.next()!, 'e');
    outbox.written(outbox.next()!, 'e');
    // Lost again with 1 and 2 written again: clients may still have seen up to 5.
    expect(outbox.refill(undefined)).toEqual({ from: 1, to: 2 });
    expect(outbox.refillingTo).toBe(5);
    // Lost again before anything was written again: nothing to queue, still a refill up to 5.
    expect(outbox.refill(undefined)).toBeUndefined();
    expect(outbox.refillingTo).toBe(5);
    expect(writeAll(outbox, 'e')).toEqual([1, 2, 3, 4, 5]);
    expect(outbox.refillingTo).toBeUndefined();
  });

  it('keeps at most `retain` written revisions to write again', () => {
    const outbox = new RevisionOutbox(2, 10);
    for (const revision of [1, 2, 3]) outbox.add(event(revision));
    writeAll(outbox, 'e');
    expect(outbox.refill(undefined)).toEqual({ from: 2, to: 3 });
  });
});
