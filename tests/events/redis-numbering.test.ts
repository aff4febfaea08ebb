/**
 * A writer whose store numbers revisions itself (the memory store) on a Redis log that an
 * earlier writer of the project took further: numbering continues above the log, which restarts
 * in a new epoch, whether Redis is reachable at the writer's start or only later.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalEventsEngine } from '../../server/events/local-events-engine.ts';
import { createRedisEvents, type RevisionNumbering } from '../../server/events/redis-engine.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { startRedis } from '../helpers/redis.ts';
import {
  eventsError,
  eventually,
  firstError,
  follow,
  publishAll,
  range,
  revisionEvent,
  revisions,
} from './event-utils.ts';

const engines: LocalEventsEngine[] = [];

afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.close()));
});

function engine(
  url: string,
  projectId: string,
  more: { writer?: boolean; numbering?: RevisionNumbering } = {},
) {
  const created = createRedisEvents({ url, projectId, maxReconnectDelayMs: 100, ...more });
  engines.push(created);
  return created;
}

async function ready(events: LocalEventsEngine): Promise<LocalEventsEngine> {
  await eventually(
    () => events.health().state === 'ready' && events.health().pending === undefined,
    `the engine to be ready (${JSON.stringify(events.health())})`,
  );
  return events;
}

/** A store's revision counter, as the memory store keeps it. */
function storeCounter(start: number) {
  let revision = start;
  const numbering: RevisionNumbering = {
    start,
    shift(by) {
      const before = revision;
      revision += by;
      return before;
    },
  };
  return {
    numbering,
    revision: () => revision,
    /** Applies a change set: the next revision. */
    apply: () => {
      revision += 1;
      return revision;
    },
  };
}

/** An earlier writer of the project published revisions 1..9, then stopped. */
async function earlierLog(url: string, projectId: string): Promise<void> {
  const earlier = await ready(engine(url, projectId, { writer: true }));
  await publishAll(earlier, range(1, 9), 'old');
  await earlier.close();
}

describe('a writer numbering from a fresh graph on a log that went further', () => {
  it('numbers after the log, skipping one, and clients resuming from before get REVISION_EXPIRED', async () => {
    const redis = await startRedis();
    const projectId = 'test:numbering-connected';
    await earlierLog(redis.url, projectId);

    const store = storeCounter(0);
    const writer = await ready(engine(redis.url, projectId, { writer: true, numbering: store.numbering }));
    // Moved up when the writer first read the log, before it published anything.
    expect(store.revision()).toBe(10);
    await publishAll(writer, [store.apply(), store.apply()], 'new');

    const reader = await ready(engine(redis.url, projectId));
    for (const since of [9, 4, 0])
      eventsError(await firstError(reader.subscribe({ since })), 'REVISION_EXPIRED');
    // The writer's own subscribers are told too.
    eventsError(await firstError(writer.subscribe({ since: 9 })), 'REVISION_EXPIRED');

    const resumed = follow(reader.subscribe({ since: 10 }));
    const events = await resumed.receive(2);
    expect(revisions(events)).toEqual([11, 12]);
    expect(events.map((event) => event.files)).toEqual([['src/new11.ts'], ['src/new12.ts']]);
    await resumed.stop();
    expect(await reader.latestRevision()).toBe(12);
  });

  it('renumbers what it published while Redis was away when Redis returns with a log that went further', async () => {
    const redis = await startRedis({ dataDir: tempDir('codenav-redis-') });
    const projectId = 'test:numbering-outage';
    await earlierLog(redis.url, projectId);
    await redis.stop();

    const store = storeCounter(0);
    const writer = engine(redis.url, projectId, { writer: true, numbering: store.numbering });
    // Redis is away: the first analysis numbers from 1, and its revisions wait in the outbox.
    await publishAll(writer, [store.apply(), store.apply(), store.apply()], 'new');
    // Applied now, published only once the numbering has moved.
    const late = store.apply();
    expect(late).toBe(4);
    await redis.start();
    await ready(writer);
    expect(store.revision()).toBe(14);
    await writer.publish(revisionEvent(late, 'new'));
    await writer.publish(revisionEvent(store.apply(), 'new'));

    const reader = await ready(engine(redis.url, projectId));
    // 9 and below: the earlier graph; 1..4: numbers this writer showed before it could read the log.
    for (const since of [9, 3, 1])
      eventsError(await firstError(reader.subscribe({ since })), 'REVISION_EXPIRED');
    const everything = follow(reader.subscribe({ since: 10 }));
    const events = await everything.receive(5);
    expect(revisions(events)).toEqual([11, 12, 13, 14, 15]);
    // The events themselves carry the numbers the log has.
    expect(events.map((event) => event.files[0])).toEqual([
      'src/new1.ts',
      'src/new2.ts',
      'src/new3.ts',
      'src/new4.ts',
      'src/new15.ts',
    ]);
    await everything.stop();
  });

  it('continues the log as it is when the store is already at or past its top', async () => {
    const redis = await startRedis();
    const projectId = 'test:numbering-continues';
    await earlierLog(redis.url, projectId);

    const store = storeCounter(9);
    const writer = await ready(engine(redis.url, projectId, { writer: true, numbering: store.numbering }));
    expect(store.revision()).toBe(9);
    await publishAll(writer, [store.apply()], 'new');
    const reader = await ready(engine(redis.url, projectId));
    const resumed = follow(reader.subscribe({ since: 7 }));
    expect(revisions(await resumed.receive(3))).toEqual([8, 9, 10]);
    await resumed.stop();
  });
});
