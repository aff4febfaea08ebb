/**
 * Replays from the Redis log: read in pages of about a megabyte, and decoded once
 * for every subscriber replaying the same revisions, so that a thousand `since: 0` subscribers
 * share each event (and, in the API, its execution) instead of holding a copy each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEventsEngine } from '../../server/events/local-events-engine.ts';
import type { RevisionEvent } from '../../server/events/port.ts';
import { createRedisEvents } from '../../server/events/redis-engine.ts';
import { bigRevision } from '../helpers/big-revision.ts';
import { type RedisServer, startRedis } from '../helpers/redis.ts';
import { eventually, follow, range, revisionEvent } from './event-utils.ts';

let redis: RedisServer;
const engines: LocalEventsEngine[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(engines.map((engine) => engine.close()));
});

async function engine(log: string): Promise<LocalEventsEngine> {
  const created = createRedisEvents({ url: redis.url, projectId: log });
  engines.push(created);
  await eventually(() => created.health().state === 'ready', 'the engine to be ready');
  return created;
}

describe('replaying the Redis log', () => {
  it('gives every revision in order across large and small ones, one decoded event for all subscribers', async () => {
    const writer = await engine('test:replay');
    // Three revisions of 1.5 MB each, then a hundred and fifty small ones.
    for (const revision of [1, 2, 3]) await writer.publish(bigRevision(revision, 1_500_000));
    for (const revision of range(4, 153)) await writer.publish(revisionEvent(revision));

    const reader = await engine('test:replay');
    const first = follow(reader.subscribe({ since: 0 }));
    const second = follow(reader.subscribe({ since: 0 }));
    const [a, b] = await Promise.all([first.receive(153), second.receive(153)]);
    expect(a.map((e: RevisionEvent) => e.revision)).toEqual(range(1, 153));
    expect(a[0]!.changes).toHaveLength(bigRevision(1, 1_500_000).changes.length);
    // The same objects: decoded once (each is held here, so the second replay finds it).
    expect(b.every((event, i) => event === a[i])).toBe(true);
    await Promise.all([first.stop(), second.stop()]);
  });
});
