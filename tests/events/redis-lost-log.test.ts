/**
 * A resuming client on a process that is not the writer, while Redis has lost the log and the
 * writer has not written it again yet (found by tests/live/resume-chaos.test.ts, Redis seed 1:
 * an api process restarted after a Redis restart told a resuming client REVISION_EXPIRED).
 */
import { Redis } from 'ioredis';
import { afterAll, afterEach, expect, it } from 'vitest';
import type { LocalEventsEngine } from '../../server/events/local-events-engine.ts';
import { createRedisEvents, redisKeys } from '../../server/events/redis-engine.ts';
import { ChaosProxy } from '../helpers/chaos.ts';
import { startRedis } from '../helpers/redis.ts';
import { eventsError, eventually, firstError, follow, publishAll, revisions } from './event-utils.ts';

const engines: LocalEventsEngine[] = [];
const proxies: ChaosProxy[] = [];

afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.close()));
});
afterAll(async () => {
  await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
});

async function ready(engine: LocalEventsEngine): Promise<LocalEventsEngine> {
  engines.push(engine);
  await eventually(
    () => engine.health().state === 'ready',
    `the engine to be ready (${JSON.stringify(engine.health())})`,
  );
  return engine;
}

/** A real Redis, and a proxy to it for the writer: the test decides when it is cut off and when it is back. */
async function redisBehindProxy(): Promise<{
  redis: Awaited<ReturnType<typeof startRedis>>;
  proxy: ChaosProxy;
}> {
  const redis = await startRedis();
  const proxy = new ChaosProxy(() => [redis.port]);
  await proxy.listen();
  proxies.push(proxy);
  return { redis, proxy };
}

/** After revisions 1..5, clients resuming from 5 and from 3 on `api` get exactly what follows. */
async function expectResumedWithoutGap(api: LocalEventsEngine, writer: LocalEventsEngine): Promise<void> {
  const resumed = follow(api.subscribe({ since: 5 }));
  const behind = follow(api.subscribe({ since: 3 }));
  await publishAll(writer, [6]);
  expect(revisions(await resumed.receive(1))).toEqual([6]);
  expect(revisions(await behind.receive(3))).toEqual([4, 5, 6]);
  await resumed.stop();
  await behind.stop();
}

it('a client resuming on a new api process while the writer has yet to re-fill a lost log is told to retry, then resumed without a gap', async () => {
  const { redis, proxy } = await redisBehindProxy();
  const projectId = 'test:lost-log';
  const options = { projectId, maxReconnectDelayMs: 100 };
  const writer = await ready(
    createRedisEvents({ ...options, url: `redis://127.0.0.1:${proxy.port}`, writer: true }),
  );
  await publishAll(writer, [1, 2, 3, 4, 5]);

  // The writer is cut off, and Redis loses its data (as a restart without persistence does).
  proxy.block();
  await eventually(() => writer.health().state !== 'ready', 'the writer to lose Redis');
  const admin = new Redis(redis.url);
  await admin.flushall();
  admin.disconnect();

  // A client that saw revision 5 resumes on an api process that starts now.
  const api = await ready(createRedisEvents({ ...options, url: redis.url }));
  const early = await firstError(api.subscribe({ since: 5 }));
  expect(eventsError(early, 'EVENTS_UNAVAILABLE').message).toContain('retry');

  // The writer is back and writes the log again: the client, retrying, misses nothing.
  proxy.unblock();
  await eventually(async () => (await api.latestRevision()) === 5, 'the log to be written again');
  await expectResumedWithoutGap(api, writer);
});

it('a client resuming on an api process while the writer is part way through writing a lost log again is told to retry, then resumed without a gap', async () => {
  const { redis, proxy } = await redisBehindProxy();
  const projectId = 'test:half-written-log';
  const keys = redisKeys(projectId);
  const options = { projectId, maxReconnectDelayMs: 100 };
  const writer = await ready(
    createRedisEvents({ ...options, url: `redis://127.0.0.1:${proxy.port}`, writer: true }),
  );
  await publishAll(writer, [1, 2, 3, 4, 5]);
  const admin = new Redis(redis.url);
  try {
    const entries = (await admin.xrange(keys.stream, '-', '+')) as [string, string[]][];
    const epoch = entries[0]![1][entries[0]![1].indexOf('epoch') + 1]!;

    // Redis loses the log while the writer is away; the writer has written revisions 1 and 2
    // again (and marked the rest as coming), as it does on its way back.
    proxy.block();
    await eventually(() => writer.health().state !== 'ready', 'the writer to lose Redis');
    await admin.flushall();
    for (const [id, fields] of entries.slice(0, 2)) await admin.xadd(keys.stream, id, ...fields);
    // Marked as the writer would, had it known of revisions up to 4 only.
    await admin.set(keys.refill, `${epoch} 4`, 'PX', 60_000);

    const api = await ready(createRedisEvents({ ...options, url: redis.url }));
    const early = await firstError(api.subscribe({ since: 4 }));
    expect(eventsError(early, 'EVENTS_UNAVAILABLE').message).toContain('retry');

    // The writer comes back and writes the rest again, marking them while it does.
    proxy.unblock();
    await eventually(async () => (await api.latestRevision()) === 5, 'the log to be written again');
    expect(await admin.get(keys.refill)).toBe(`${epoch} 5`);
    await expectResumedWithoutGap(api, writer);
  } finally {
    admin.disconnect();
  }
});

it('a writer that could not mark the log it writes again marks it on its next try', async () => {
  const { redis, proxy } = await redisBehindProxy();
  const projectId = 'test:unmarked-refill';
  const keys = redisKeys(projectId);
  const admin = new Redis(redis.url);
  try {
    // The writer may use every key of the project but the refill mark, until the test allows it.
    const allowed = [keys.stream, keys.progress, keys.lease].map((key) => `~${key}`);
    await admin.call('ACL', 'SETUSER', 'test-refill-writer', 'on', '>secret', ...allowed, '&*', '+@all');
    const options = { projectId, maxReconnectDelayMs: 100 };
    const writer = await ready(
      createRedisEvents({
        ...options,
        url: `redis://test-refill-writer:secret@127.0.0.1:${proxy.port}`,
        writer: true,
      }),
    );
    await publishAll(writer, [1, 2, 3, 4, 5]);
    const entries = (await admin.xrange(keys.stream, '-', '+')) as [string, string[]][];
    const epoch = entries[0]![1][entries[0]![1].indexOf('epoch') + 1]!;

    // Redis loses the log while the writer is away; back, the writer fails to set the mark.
    proxy.block();
    await eventually(() => writer.health().state !== 'ready', 'the writer to lose Redis');
    await admin.flushall();
    proxy.unblock();
    await eventually(
      () => /NOPERM|permission/i.test(writer.health().message ?? ''),
      `the writer to be refused the mark (${JSON.stringify(writer.health())})`,
    );

    // Allowed now: the next try marks the revisions it writes again before writing them.
    await admin.call('ACL', 'SETUSER', 'test-refill-writer', `~${keys.refill}`);
    await eventually(async () => (await admin.xlen(keys.stream)) === 5, 'the log to be written again');
    expect(await admin.get(keys.refill)).toBe(`${epoch} 5`);
  } finally {
    admin.disconnect();
  }
});

/**
 * Redis loses the log while the writer is away, then loses it again each time the writer has
 * written again the revisions before `cuts[i]` (the writer is cut off as it sends that one). Then
 * a client that saw revision 4 resumes on an api process: it must be told to retry, never
 * REVISION_EXPIRED, however little of the log the last loss took (found by
 * tests/live/resume-chaos.test.ts, seeds 65 and 111 under load).
 */
async function resumeAfterRepeatedLoss(projectId: string, cuts: readonly number[]): Promise<void> {
  const { redis, proxy } = await redisBehindProxy();
  const options = { projectId, maxReconnectDelayMs: 100 };
  const writer = await ready(
    createRedisEvents({ ...options, url: `redis://127.0.0.1:${proxy.port}`, writer: true }),
  );
  await publishAll(writer, [1, 2, 3, 4, 5]);
  const admin = new Redis(redis.url);
  try {
    proxy.block();
    await eventually(() => writer.health().state !== 'ready', 'the writer to lose Redis');
    for (const cut of cuts) {
      await admin.flushall();
      // The revision's event names its file: the writer is cut off as it sends that append.
      const cutOff = proxy.blockWhenSent(`"src/a${cut}.ts"`);
      proxy.unblock();
      await cutOff;
      expect(await admin.xlen(redisKeys(projectId).stream)).toBe(cut - 1);
    }

    const api = await ready(createRedisEvents({ ...options, url: redis.url }));
    const early = await firstError(api.subscribe({ since: 4 }));
    expect(eventsError(early, 'EVENTS_UNAVAILABLE').message).toContain('retry');

    proxy.unblock();
    await eventually(async () => (await api.latestRevision()) === 5, 'the log to be written again');
    await expectResumedWithoutGap(api, writer);
  } finally {
    admin.disconnect();
  }
}

it('a client resuming while the writer writes again a log Redis lost a second time, part way through the first refill, is told to retry', async () => {
  // Revisions 1 and 2 written again, then lost again; revision 1 written again once more.
  await resumeAfterRepeatedLoss('test:lost-twice', [3, 2]);
});

it('a client resuming while the writer writes again a log Redis lost a second time, before any of it was written again, is told to retry', async () => {
  // The mark set, nothing written again, all lost again (the mark too); revision 1 written again.
  await resumeAfterRepeatedLoss('test:lost-twice-early', [1, 2]);
});
