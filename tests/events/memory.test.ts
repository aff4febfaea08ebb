import { describe, expect, it } from 'vitest';
import { createMemoryEvents } from '../../server/events/memory-engine.ts';
import { describeEventsContract } from './contract.ts';
import { eventsError, firstError, follow, publishAll, range, revisions } from './event-utils.ts';

describeEventsContract('memory', {
  create: async (options) => createMemoryEvents(options),
});

describe('memory events engine', () => {
  it('keeps exactly the last `retain` revisions', async () => {
    const engine = createMemoryEvents({ retain: 5 });
    await publishAll(engine, range(1, 12));
    const oldest = follow(engine.subscribe({ since: 7 }));
    expect(revisions(await oldest.receive(5))).toEqual(range(8, 12));
    await oldest.stop();
    const error = eventsError(await firstError(engine.subscribe({ since: 6 })), 'REVISION_EXPIRED');
    expect(error.message).toMatch(/^revision 7 is no longer in the revision log/);
    await engine.close();
  });

  it('ends a subscriber that falls further behind than the log retains with REVISION_EXPIRED', async () => {
    const engine = createMemoryEvents({ retain: 10 });
    const slow = engine.subscribe();
    await publishAll(engine, range(1, 25));
    eventsError(await firstError(slow), 'REVISION_EXPIRED');
    expect(engine.openSubscriptions()).toBe(0);
    await engine.close();
  });

  it('is always ready', () => {
    expect(createMemoryEvents().health()).toEqual({ state: 'ready' });
  });

  it('refuses a revision that is not a positive integer', async () => {
    const engine = createMemoryEvents();
    await expect(engine.publish({ revision: 0, files: [], timestamp: 0, changes: [] })).rejects.toThrow(
      'a published revision must be an integer above 0, got 0',
    );
  });
});
