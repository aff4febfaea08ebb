/**
 * An API process's look at its project's writer lease (server/events/writer-watch.ts), against
 * a real redis-server: a writer that crashed (its lease expires, nobody deletes it) is seen as
 * gone, the progress the API shows says so, and a new writer ends it.
 */
import { afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { LocalEventsEngine } from '../../server/events/local-events-engine.ts';
import type { ProgressEvent } from '../../server/events/port.ts';
import { createRedisEvents, type RedisEventsOptions } from '../../server/events/redis-engine.ts';
import { ChaosProxy } from '../helpers/chaos.ts';
import { type RedisServer, startRedis } from '../helpers/redis.ts';
import { eventually, follow } from './event-utils.ts';

let redis: RedisServer;
const engines: LocalEventsEngine[] = [];

beforeAll(async () => {
  redis = await startRedis();
});

afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.close()));
});

function engineOn(url: string, options: Partial<RedisEventsOptions> = {}): LocalEventsEngine {
  const engine = createRedisEvents({ url, projectId: 'test:watch', maxReconnectDelayMs: 100, ...options });
  engines.push(engine);
  return engine;
}

const ready = (engine: LocalEventsEngine) =>
  eventually(
    () => engine.health().state === 'ready',
    `the engine to be ready (${JSON.stringify(engine.health())})`,
  );

const done: ProgressEvent = { state: 'READY', phase: 'DONE', filesDone: 1, filesTotal: 1, durationMs: 5 };

describe('the writer watch of an engine that does not write', () => {
  it('sees a crashed writer’s lease expire, marks the last progress, and clears the mark when a writer is back', async () => {
    // The writer reaches Redis through a proxy: blocking it is a crash (no renewal, no release).
    const proxy = new ChaosProxy(() => [redis.port]);
    await proxy.listen();
    onTestFinished(() => proxy.close());
    const crashing = engineOn(`redis://127.0.0.1:${proxy.port}`, { writer: true, leaseMs: 600 });
    await ready(crashing);
    await crashing.publishProgress(done);

    const reader = engineOn(redis.url, { writerWatchMs: 50 });
    await ready(reader);
    expect(reader.writerPresence?.()).toMatchObject({ state: 'present' });
    expect(reader.writerPresence?.().message).toContain(`pid ${process.pid}`);
    const progress = follow(reader.subscribeProgress());
    expect(await progress.receive(1)).toEqual([done]);

    proxy.block();
    await eventually(() => reader.writerPresence?.().state === 'absent', 'the lease to expire', 5000);
    const absent = reader.writerPresence!();
    expect(absent.message).toBe(
      `no indexer holds the writer lease of project "test:watch" on redis at ${redis.url} since ${absent.since}: the graph stays as last written, and nothing keeps it up to date; start the indexer`,
    );
    // Subscribers (the web UI's analysisProgress) hear it: the same progress, with why it is stale.
    expect((await progress.receive(2))[1]).toEqual({ ...done, message: absent.message });
    // Looked at again and again meanwhile: said once, and since when it was first seen.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(progress.values).toHaveLength(2);
    expect(reader.writerPresence?.()).toEqual(absent);

    const next = engineOn(redis.url, { writer: true });
    await ready(next);
    await eventually(() => reader.writerPresence?.().state === 'present', 'the new writer to be seen', 5000);
    expect((await progress.receive(3))[2]).toEqual(done);
    await progress.stop();
  });

  it('is not on a writer’s engine, which is the writer itself', async () => {
    const writer = engineOn(redis.url, { writer: true, projectId: 'test:watch-own' });
    await ready(writer);
    expect(writer.writerPresence).toBeUndefined();
  });
});
