/**
 * The Redis engine against a real redis-server: the shared contract, then what only Redis
 * has — connecting in the background, outages, restarts, several processes on one Redis.
 */
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { LocalEventsEngine } from '../../server/events/local-events-engine.ts';
import { createRedisEvents, type RedisEventsOptions, redisKeys } from '../../server/events/redis-engine.ts';
import { bigRevision } from '../helpers/big-revision.ts';
import { ChaosProxy } from '../helpers/chaos.ts';
import { freePort, type RedisServer, startRedis } from '../helpers/redis.ts';
import { describeEventsContract } from './contract.ts';
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

let redis: RedisServer;
let keys = 0;
/** Engines of the contract suite; each pair of writer and peer shares a log of its own. */
const logOf = new WeakMap<LocalEventsEngine, string>();

beforeAll(async () => {
  redis = await startRedis();
});

function engineOn(url: string, log: string, options: Partial<RedisEventsOptions> = {}): LocalEventsEngine {
  // Reconnect quickly: tests restart Redis and wait for engines to notice.
  return createRedisEvents({ url, projectId: log, maxReconnectDelayMs: 100, ...options });
}

async function ready(engine: LocalEventsEngine): Promise<LocalEventsEngine> {
  await eventually(
    () => engine.health().state === 'ready',
    `the engine to be ready (${JSON.stringify(engine.health())})`,
  );
  return engine;
}

describeEventsContract('redis', {
  async create(options) {
    const log = `test:contract:${++keys}`;
    const engine = engineOn(redis.url, log, options);
    logOf.set(engine, log);
    return ready(engine);
  },
  async peer(engine) {
    const log = logOf.get(engine)!;
    const peer = engineOn(redis.url, log);
    logOf.set(peer, log);
    return ready(peer);
  },
});

describe('redis events engine', () => {
  const engines: LocalEventsEngine[] = [];
  const servers: RedisServer[] = [];
  const clients: Redis[] = [];
  const track = (engine: LocalEventsEngine) => {
    engines.push(engine);
    return engine;
  };
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.close()));
    for (const client of clients.splice(0)) client.disconnect();
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });
  /** A Redis of the test's own, to kill and restart. */
  const ownRedis = async () => {
    const server = await startRedis();
    servers.push(server);
    return server;
  };
  const inspect = (url: string) => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    client.on('error', () => {});
    clients.push(client);
    return client;
  };

  it('returns at once and delivers once Redis starts on a port that was closed', async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const started = performance.now();
    const engine = track(engineOn(url, 'test:late'));
    expect(performance.now() - started).toBeLessThan(50);
    expect(engine.health()).toMatchObject({ state: 'connecting', message: `connecting to redis at ${url}` });

    await eventually(() => engine.health().state === 'degraded', 'the engine to report Redis unreachable');
    expect(engine.health().message).toContain(`redis unreachable at ${url}: connect ECONNREFUSED`);

    const publishing = performance.now();
    await engine.publish(revisionEvent(1));
    expect(performance.now() - publishing).toBeLessThan(50);
    expect(engine.health()).toMatchObject({ state: 'degraded', pending: 1 });
    expect(engine.health().message).toContain('1 revisions wait to be written');
    expect(await engine.latestRevision()).toBe(1);
    const unavailable = eventsError(await firstError(engine.subscribe({ since: 0 })), 'EVENTS_UNAVAILABLE');
    expect(unavailable.message).toContain(`redis unreachable at ${url}`);

    const waiting = follow(engine.subscribe());
    const server = await startRedis({ port });
    servers.push(server);
    await ready(engine);
    await engine.publish(revisionEvent(2));
    // It was listening before Redis came: it also gets what waited in the outbox.
    expect(revisions(await waiting.receive(2))).toEqual([1, 2]);
    const after = follow(engine.subscribe());
    await engine.publish(revisionEvent(3));
    expect(revisions(await after.receive(1))).toEqual([3]);
    const fromStart = follow(engine.subscribe({ since: 0 }));
    expect(revisions(await fromStart.receive(3))).toEqual([1, 2, 3]);
    expect(engine.health()).toEqual({ state: 'ready' });
    await Promise.all([waiting.stop(), after.stop(), fromStart.stop()]);
  });

  it('delivers to a live subscriber the revisions published while Redis was away, once it returns', async () => {
    const server = await ownRedis();
    const writer = track(await ready(engineOn(server.url, 'test:outage')));
    const reader = track(await ready(engineOn(server.url, 'test:outage')));
    const live = follow(reader.subscribe());
    await publishAll(writer, [1, 2, 3]);
    expect(revisions(await live.receive(3))).toEqual([1, 2, 3]);

    await server.kill();
    await eventually(() => writer.health().state === 'degraded', 'the writer to notice the outage');
    await publishAll(writer, [4, 5, 6]);
    expect(writer.health().pending).toBe(3);
    await server.start();

    expect(revisions(await live.receive(6))).toEqual([1, 2, 3, 4, 5, 6]);
    // The reader may hear of revision 6 just before the writer has the reply to writing it.
    await eventually(() => writer.health().pending === undefined, 'the outbox to be empty');
    expect(writer.health()).toEqual({ state: 'ready' });
    // Redis restarted empty; the writer wrote again what it still held, so the log is whole.
    const fromStart = follow((await ready(reader)).subscribe({ since: 0 }));
    expect(revisions(await fromStart.receive(6))).toEqual(range(1, 6));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(revisions(live.values)).toEqual(range(1, 6));
    await Promise.all([live.stop(), fromStart.stop()]);
  });

  it('gives a client resuming with its last revision every revision in order, none twice, across a Redis crash', async () => {
    const server = await ownRedis();
    const writer = track(await ready(engineOn(server.url, 'test:crash')));
    const reader = track(await ready(engineOn(server.url, 'test:crash')));
    const last = 150;
    const live = follow(reader.subscribe({ since: 0 }));
    let client = follow(reader.subscribe({ since: 0 }));
    let crashed = false;
    let duringOutage: ReturnType<LocalEventsEngine['health']> | undefined;
    const publishing = (async () => {
      for (const revision of range(1, last)) {
        await writer.publish(revisionEvent(revision));
        await new Promise((resolve) => setTimeout(resolve, 2));
        if (revision === 40) {
          // The client disconnects as Redis dies, remembering the last revision it saw.
          await client.stop();
          await server.kill();
          crashed = true;
        }
        if (revision === 89) duringOutage = writer.health();
        if (revision === 90) await server.start();
      }
    })();
    await eventually(() => crashed, 'Redis to be killed');
    const seenBefore = revisions(client.values);
    const since = seenBefore.at(-1) ?? 0;
    await publishing;
    expect(duringOutage).toMatchObject({ state: 'degraded' });
    expect(duringOutage?.pending).toBeGreaterThan(0);
    await ready(reader);
    client = follow(reader.subscribe({ since }));
    const resumed = revisions(await client.receive(last - since, 15_000));
    expect([...seenBefore, ...resumed]).toEqual(range(1, last));
    expect(revisions(await live.receive(last, 15_000))).toEqual(range(1, last));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(live.values).toHaveLength(last);
    expect(client.values).toHaveLength(last - since);
    await Promise.all([live.stop(), client.stop()]);
  });

  it('resumes clients within the revisions the writer writes again after Redis lost the latest part of the log', async () => {
    const writer = track(await ready(engineOn(redis.url, 'test:refilling', { writer: true })));
    const api = track(await ready(engineOn(redis.url, 'test:refilling')));
    const live = follow(api.subscribe());
    // Revision 3 is too large for a pub/sub message: subscribers read it from the log.
    const large = bigRevision(3, 400_000);
    await publishAll(writer, [1, 2]);
    await writer.publish(large);
    await publishAll(writer, [4]);
    await live.receive(4);
    await live.stop();
    // Redis came back with only revisions 1..2 (an older snapshot); the writer has not noticed yet.
    const admin = inspect(redis.url);
    await admin.connect();
    const { stream } = redisKeys('test:refilling');
    const kept = await admin.xrange(stream, '-', '2-0');
    await admin.del(stream);
    for (const [id, fields] of kept) await admin.xadd(stream, id, ...fields);
    // The latest revision as the api process answers it is the one its subscriptions resume
    // from (semanticChanges checks `since` against it), not the shortened log's.
    expect(await api.latestRevision()).toBe(4);
    const fromTwo = follow(api.subscribe({ since: 2 }));
    const fromThree = follow(api.subscribe({ since: 3 }));
    // The writer finds out on its next connection (created first: the lower id), ~100 ms later,
    // and writes 3 and 4 again.
    const [writerConnection] = String(await admin.call('CLIENT', 'LIST', 'TYPE', 'normal'))
      .trim()
      .split('\n')
      .map((line) => ({ id: Number(/\bid=(\d+)/.exec(line)?.[1]), name: /\bname=(\S*)/.exec(line)?.[1] }))
      .filter((found) => found.name === 'codenav-events')
      .sort((a, b) => a.id - b.id);
    await admin.client('KILL', 'ID', String(writerConnection!.id));
    expect(await fromTwo.receive(2)).toEqual([large, revisionEvent(4)]);
    expect(revisions(await fromThree.receive(1))).toEqual([4]);
    await Promise.all([fromTwo.stop(), fromThree.stop()]);
  });

  it('tells a client resuming while Redis is down that the log is unavailable, not that its revision expired', async () => {
    const server = await ownRedis();
    const writer = track(await ready(engineOn(server.url, 'test:resume-outage', { writer: true })));
    const api = track(await ready(engineOn(server.url, 'test:resume-outage')));
    const live = follow(api.subscribe());
    await publishAll(writer, range(1, 5));
    await live.receive(5);
    await live.stop();
    await server.kill();
    await eventually(() => api.health().state === 'degraded', 'the api process to notice the outage');
    // An api process started during the outage has seen no revision at all.
    const started = track(engineOn(server.url, 'test:resume-outage'));
    await eventually(() => started.health().state === 'degraded', 'the new process to find Redis away');

    for (const engine of [api, started]) {
      for (const since of [3, 5]) {
        const error = eventsError(await firstError(engine.subscribe({ since })), 'EVENTS_UNAVAILABLE');
        expect(error.message).toContain('the revision log is unavailable');
      }
      // Only the writer knows the log's latest revision while Redis is away.
      eventsError(await engine.latestRevision().catch((e: unknown) => e), 'EVENTS_UNAVAILABLE');
    }
    expect(await writer.latestRevision()).toBe(5);
  });

  it('keeps a subscriber whose replay has reached the live feed when Redis goes away before the replay reads on', async () => {
    const server = await ownRedis();
    const writer = track(await ready(engineOn(server.url, 'test:replay-outage', { writer: true })));
    const live = follow(writer.subscribe());
    await publishAll(writer, [1, 2]);
    await live.receive(2);
    // A client resuming from 1 replays revision 2 from the log; the writer's feed has passed it,
    // so every later revision reaches the subscription live.
    const resumed = writer.subscribe({ since: 1 });
    expect((await resumed.next()).value?.revision).toBe(2);
    // Redis goes away before the replay has asked the log whether anything follows revision 2.
    await server.kill();
    await eventually(() => writer.health().state === 'degraded', 'the writer to notice the outage');
    const rest = follow(resumed);
    await writer.publish(revisionEvent(3));
    await server.start();
    expect(revisions(await rest.receive(1))).toEqual([3]);
    expect(rest.error).toBeUndefined();
    await Promise.all([live.stop(), rest.stop()]);
  });

  it('keeps a slow subscriber whose replay has read past the live revisions it dropped when Redis goes away', async () => {
    const server = await ownRedis();
    // At most two live revisions wait for a subscriber; more are dropped and read from the log.
    const writer = track(
      await ready(engineOn(server.url, 'test:replay-overflow', { writer: true, retain: 2 })),
    );
    const live = follow(writer.subscribe());
    await publishAll(writer, [1, 2]);
    await live.receive(2);
    const resumed = writer.subscribe({ since: 1 });
    expect((await resumed.next()).value?.revision).toBe(2);
    // Three revisions while the replay is open: more than may wait, so they are dropped, and
    // the replay goes on to read them from the log.
    await publishAll(writer, [3, 4, 5]);
    await live.receive(5);
    for (const revision of [3, 4, 5]) expect((await resumed.next()).value?.revision).toBe(revision);
    await server.kill();
    await eventually(() => writer.health().state === 'degraded', 'the writer to notice the outage');
    const rest = follow(resumed);
    await writer.publish(revisionEvent(6));
    await server.start();
    expect(revisions(await rest.receive(1))).toEqual([6]);
    expect(rest.error).toBeUndefined();
    await Promise.all([live.stop(), rest.stop()]);
  });

  it('catches up from the log on what was published while its pub/sub connection was down', async () => {
    const reader = track(await ready(engineOn(redis.url, 'test:dropped-connection')));
    const writer = track(await ready(engineOn(redis.url, 'test:dropped-connection')));
    const live = follow(reader.subscribe());
    await publishAll(writer, [1]);
    await live.receive(1);
    // Drop only the reader's subscriber connection (the reader was created first: lower id).
    const client = inspect(redis.url);
    await client.connect();
    const pubsubClients = String(await client.call('CLIENT', 'LIST', 'TYPE', 'pubsub'))
      .trim()
      .split('\n')
      .map((line) => ({ id: Number(/\bid=(\d+)/.exec(line)?.[1]), name: /\bname=(\S*)/.exec(line)?.[1] }))
      .filter((found) => found.name === 'codenav-events-subscriber')
      .sort((a, b) => a.id - b.id);
    await client.client('KILL', 'ID', String(pubsubClients[0]!.id));
    // Published while the reader is reconnecting: pub/sub does not keep it for the reader, and
    // nothing is published after it to reveal the gap.
    await publishAll(writer, [2, 3]);
    expect(revisions(await live.receive(3))).toEqual([1, 2, 3]);
    await live.stop();
  });

  it('keeps the revisions a connected Redis refuses, and writes them once it accepts writes again', async () => {
    const server = await ownRedis();
    const engine = track(await ready(engineOn(server.url, 'test:refused')));
    const live = follow(engine.subscribe());
    await publishAll(engine, [1]);
    const admin = inspect(server.url);
    await admin.connect();
    await admin.config('SET', 'maxmemory', '1');
    await publishAll(engine, [2, 3]);
    expect(engine.health()).toMatchObject({ state: 'degraded', pending: 2 });
    expect(engine.health().message).toContain('could not write revision 2');
    expect(engine.health().message).toContain('OOM');
    await admin.config('SET', 'maxmemory', '0');
    // No reconnect and no further publish: the engine tries again by itself.
    expect(revisions(await live.receive(3))).toEqual([1, 2, 3]);
    await eventually(() => engine.health().pending === undefined, 'the outbox to be empty');
    expect(engine.health()).toEqual({ state: 'ready' });
    await live.stop();
  });

  it('tells subscribers that need revisions dropped from a full outbox to re-query', async () => {
    const server = await ownRedis();
    const writer = track(await ready(engineOn(server.url, 'test:full', { outboxLimit: 5 })));
    const reader = track(await ready(engineOn(server.url, 'test:full')));
    const live = follow(reader.subscribe());
    await publishAll(writer, [1, 2]);
    await live.receive(2);
    await server.kill();
    await eventually(() => writer.health().state === 'degraded', 'the writer to notice the outage');
    await publishAll(writer, range(3, 10));
    expect(writer.health().pending).toBe(5);
    expect(writer.health().message).toContain('3 older revisions dropped (outbox full)');
    await server.start();
    await ready(writer);
    await ready(reader);

    await live.ended();
    expect(revisions(live.values)).toEqual([1, 2]);
    expect(eventsError(live.error, 'REVISION_EXPIRED').message).toMatch(/^revisions 3\.\.5 are no longer/);
    eventsError(await firstError(reader.subscribe({ since: 2 })), 'REVISION_EXPIRED');
    const afterGap = follow(reader.subscribe({ since: 5 }));
    expect(revisions(await afterGap.receive(5))).toEqual(range(6, 10));
    await afterGap.stop();
  });

  it('ends live subscribers when a restarted writer publishes a fresh graph, and continues when it carries on', async () => {
    const first = track(await ready(engineOn(redis.url, 'test:writers')));
    const reader = track(await ready(engineOn(redis.url, 'test:writers')));
    await publishAll(first, range(1, 5));
    await first.close();

    // A writer that restarts over a persistent store carries on from its revision.
    const carryingOn = track(await ready(engineOn(redis.url, 'test:writers')));
    const live = follow(reader.subscribe({ since: 4 }));
    await publishAll(carryingOn, [6, 7]);
    expect(revisions(await live.receive(3))).toEqual([5, 6, 7]);
    await carryingOn.close();

    // One that restarts with a fresh graph starts the log over.
    const fresh = track(await ready(engineOn(redis.url, 'test:writers')));
    await fresh.publish(revisionEvent(1, 'fresh'));
    await live.ended();
    expect(eventsError(live.error, 'REVISION_EXPIRED').message).toContain('restarted at revision 1');
    expect(await reader.latestRevision()).toBe(1);
    const fromStart = follow(reader.subscribe({ since: 0 }));
    expect(await fromStart.receive(1)).toEqual([revisionEvent(1, 'fresh')]);
    await fromStart.stop();
  });

  it('tells clients behind a log lost together with its writer, rather than skipping the hole', async () => {
    const server = await ownRedis();
    const first = track(await ready(engineOn(server.url, 'test:lost')));
    const reader = track(await ready(engineOn(server.url, 'test:lost')));
    const live = follow(reader.subscribe());
    await publishAll(first, range(1, 50));
    await live.receive(50);
    await first.close();
    await server.kill();
    await server.start();
    // A new writer over a persistent store, at revision 56: 51..55 were only in what was lost.
    const second = track(await ready(engineOn(server.url, 'test:lost')));
    await second.publish(revisionEvent(56));
    await live.ended();
    eventsError(live.error, 'REVISION_EXPIRED');
    await ready(reader);
    const behind = eventsError(await firstError(reader.subscribe({ since: 50 })), 'REVISION_EXPIRED');
    expect(behind.message).toMatch(/^revisions 51\.\.55 are no longer/);
    const current = follow(reader.subscribe({ since: 55 }));
    expect(revisions(await current.receive(1))).toEqual([56]);
    await current.stop();
  });

  it('carries a revision too large for a pub/sub message through the log', async () => {
    const writer = track(await ready(engineOn(redis.url, 'test:large')));
    const reader = track(await ready(engineOn(redis.url, 'test:large')));
    const live = follow(reader.subscribe());
    const large = {
      ...revisionEvent(1),
      changes: range(1, 4000).map((i) => ({
        op: 'NODE_ADDED' as const,
        node: { key: `src/big.ts#f${i}`, kind: 'FUNCTION' as const, props: { signature: 'x'.repeat(80) } },
      })),
    };
    await writer.publish(large);
    await writer.publish(revisionEvent(2));
    expect(await live.receive(2)).toEqual([large, revisionEvent(2)]);
    await live.stop();
  });

  it('delivers a large revision whose read from the log failed once, without waiting for the next revision', async () => {
    const admin = inspect(redis.url);
    await admin.connect();
    // A reader whose reads of the log Redis refuses for a while, on a connection that stays up.
    await admin.call('ACL', 'SETUSER', 'test-reader', 'on', '>secret', '~*', '&*', '+@all');
    const warnings: string[] = [];
    const logger = { info: () => {}, warn: (message: string) => warnings.push(message) };
    const writer = track(await ready(engineOn(redis.url, 'test:read-retry')));
    const readerUrl = `redis://test-reader:secret@127.0.0.1:${redis.port}`;
    const reader = track(await ready(engineOn(readerUrl, 'test:read-retry', { logger })));
    const live = follow(reader.subscribe());
    await admin.call('ACL', 'SETUSER', 'test-reader', '-xrevrange', '-xrange');
    const large = bigRevision(1, 400_000);
    await writer.publish(large);
    await eventually(
      () => warnings.some((line) => line.includes('could not read the revision log')),
      'the reader to fail reading the log',
    );
    expect(live.values).toEqual([]);
    await admin.call('ACL', 'SETUSER', 'test-reader', '+xrevrange', '+xrange');
    expect(await live.receive(1)).toEqual([large]);
    await live.stop();
  });

  it('holds one Redis subscription per engine however many subscribers come and go', async () => {
    const engine = track(await ready(engineOn(redis.url, 'test:one-subscription')));
    const client = inspect(redis.url);
    await client.connect();
    const { channel } = redisKeys('test:one-subscription');
    const subscriptions = async () => (await client.pubsub('NUMSUB', channel))[1];
    expect(await subscriptions()).toBe(1);
    const followers = range(1, 200).map(() => follow(engine.subscribe()));
    await publishAll(engine, [1]);
    for (const follower of followers) expect(revisions(await follower.receive(1))).toEqual([1]);
    await Promise.all(followers.map((follower) => follower.stop()));
    expect(engine.openSubscriptions()).toBe(0);
    expect(await subscriptions()).toBe(1);
    await engine.close();
    await eventually(async () => (await subscriptions()) === 0, 'the engine to leave the channel');
  });

  it('gives an engine that starts later the latest progress', async () => {
    // Holding the writer lease, as an indexer does (without it, the later engine says nobody does).
    const writer = track(await ready(engineOn(redis.url, 'test:progress', { writer: true })));
    const progress = { state: 'READY' as const, phase: 'done', filesDone: 3, filesTotal: 3, durationMs: 12 };
    await writer.publishProgress(progress);
    const later = track(await ready(engineOn(redis.url, 'test:progress')));
    const follower = follow(later.subscribeProgress());
    expect(await follower.receive(1)).toEqual([progress]);
    await follower.stop();
  });

  it('gives a process the progress published while it was reconnecting after an outage', async () => {
    const server = await ownRedis();
    const running = { state: 'RUNNING' as const, phase: 'parse', filesDone: 1, filesTotal: 3, durationMs: 5 };
    const done = { state: 'READY' as const, phase: 'done', filesDone: 3, filesTotal: 3, durationMs: 12 };
    const writer = track(await ready(engineOn(server.url, 'test:progress-outage', { writer: true })));
    const api = track(
      await ready(engineOn(server.url, 'test:progress-outage', { maxReconnectDelayMs: 2000 })),
    );
    const follower = follow(api.subscribeProgress());
    await writer.publishProgress(running);
    expect(await follower.receive(1)).toEqual([running]);

    await server.kill();
    await eventually(() => writer.health().state === 'degraded', 'the writer to notice the outage');
    await eventually(() => api.health().state === 'degraded', 'the api process to notice the outage');
    await writer.publishProgress(done);
    // Long enough for the api process's back-off to grow past the writer's (100 ms): the writer
    // reconnects first and sends READY while the api process is not subscribed yet.
    await new Promise((resolve) => setTimeout(resolve, 1600));
    await server.start();
    await ready(writer);
    expect(api.health().state).not.toBe('ready');

    expect(await follower.receive(2)).toEqual([running, done]);
    await follower.stop();
  });

  it('closes promptly while Redis is unreachable, without unhandled rejections', async () => {
    const port = await freePort();
    const engine = engineOn(`redis://127.0.0.1:${port}`, 'test:never');
    const live = follow(engine.subscribe());
    const progressFollower = follow(engine.subscribeProgress());
    await engine.publish(revisionEvent(1));
    await engine.publishProgress({
      state: 'RUNNING',
      phase: 'x',
      filesDone: 0,
      filesTotal: 1,
      durationMs: 0,
    });
    await eventually(() => engine.health().state === 'degraded', 'the engine to report Redis unreachable');
    const closing = performance.now();
    await engine.close();
    expect(performance.now() - closing).toBeLessThan(500);
    await live.ended();
    await progressFollower.ended();
    expect(live.error).toBeUndefined();
    expect(engine.health()).toEqual({ state: 'degraded', message: 'the events engine is closed' });
  });

  it('masks the password of the Redis URL in what it reports', async () => {
    const port = await freePort();
    const engine = track(engineOn(`redis://:s3cret@127.0.0.1:${port}`, 'test:secret'));
    await eventually(() => engine.health().state === 'degraded', 'the engine to report Redis unreachable');
    expect(engine.health().message).toContain(`redis://:***@127.0.0.1:${port}`);
    expect(engine.health().message).not.toContain('s3cret');
  });

  it('keeps projects on one Redis apart: a subscriber resuming with since gets its own project only', async () => {
    const rxjs = track(await ready(engineOn(redis.url, 'rxjs')));
    const other = track(await ready(engineOn(redis.url, 'other')));
    const reader = track(await ready(engineOn(redis.url, 'rxjs')));
    await publishAll(rxjs, [1, 2, 3], 'rx');
    await publishAll(other, [1, 2, 3, 4], 'b');
    const resumed = follow(reader.subscribe({ since: 3 }));
    await publishAll(rxjs, [4], 'rx');
    expect(await resumed.receive(1)).toEqual([revisionEvent(4, 'rx')]);
    const fromStart = follow(reader.subscribe({ since: 0 }));
    expect(await fromStart.receive(4)).toEqual([1, 2, 3, 4].map((r) => revisionEvent(r, 'rx')));
    expect(await reader.latestRevision()).toBe(4);
    await Promise.all([resumed.stop(), fromStart.stop()]);
    const client = inspect(redis.url);
    await client.connect();
    expect(await client.xlen(redisKeys('other').stream)).toBe(4);
    expect(await client.xlen(redisKeys('rxjs').stream)).toBe(4);
  });

  it('refuses a second writer of a project with a clear message, and the first carries on', async () => {
    // Long enough that the first writer, renewing every third of it, keeps it on a loaded machine
    // (at 300 ms a stall of the event loop let it lapse, and the second took it instead of being
    // refused); the second is refused once it would have expired.
    const lease = { writer: true, leaseMs: 2_000 };
    const first = track(await ready(engineOn(redis.url, 'test:two-writers', lease)));
    const reader = track(await ready(engineOn(redis.url, 'test:two-writers')));
    const live = follow(reader.subscribe());
    await publishAll(first, [1], 'first');
    let refused: string | undefined;
    const second = track(
      engineOn(redis.url, 'test:two-writers', {
        ...lease,
        onWriterRefused: (message) => {
          refused = message;
        },
      }),
    );
    const secondLive = follow(second.subscribe());
    await eventually(() => refused !== undefined, 'the second writer to be refused');
    expect(refused).toMatch(
      /^another codenav process is the writer of project "test:two-writers" on redis at redis:\/\/127\.0\.0\.1:\d+ \(host ".+", pid \d+, writing since \d{4}-.+\): stop it, or give this server its own --project-id$/,
    );
    expect(refused).toContain(`:${redis.port} (host`);
    expect(refused).toContain(`pid ${process.pid},`);
    expect(second.health()).toEqual({ state: 'degraded', message: refused });
    eventsError(
      await second.publish(revisionEvent(2, 'second')).catch((e: unknown) => e),
      'EVENTS_UNAVAILABLE',
    );
    await secondLive.ended();
    // The first writer's log goes on, untouched by the second.
    await publishAll(first, [2], 'first');
    expect(await live.receive(2)).toEqual([revisionEvent(1, 'first'), revisionEvent(2, 'first')]);
    await live.stop();
  });

  it('takes over from a writer that stopped without letting go, once its lease expires', async () => {
    const admin = inspect(redis.url);
    await admin.connect();
    const { lease } = redisKeys('test:crashed-writer');
    const crashed = JSON.stringify({
      id: 'gone',
      host: 'elsewhere',
      pid: 1,
      since: '2020-01-01T00:00:00.000Z',
    });
    await admin.set(lease, crashed, 'PX', 400);
    let refused = false;
    const writer = track(
      engineOn(redis.url, 'test:crashed-writer', {
        writer: true,
        leaseMs: 400,
        onWriterRefused: () => {
          refused = true;
        },
      }),
    );
    await eventually(
      () => writer.health().message?.includes('waiting for the writer lease') === true,
      'the writer to wait for the lease',
    );
    expect(writer.health().message).toContain('held by host "elsewhere", pid 1');
    // Once it expires, the writer takes it, with nothing published yet.
    await ready(writer);
    await publishAll(writer, [1]);
    const log = follow(writer.subscribe({ since: 0 }));
    expect(revisions(await log.receive(1))).toEqual([1]);
    await log.stop();
    expect(refused).toBe(false);
    expect(await admin.get(lease)).not.toBe(crashed);
    // Closing lets go at once: the next writer need not wait.
    await writer.close();
    expect(await admin.get(lease)).toBeNull();
  });

  it('fences a writer whose lease was taken while it could not renew it: nothing more of it is logged', async () => {
    const admin = inspect(redis.url);
    await admin.connect();
    const { lease, stream } = redisKeys('test:fenced');
    // The first writer reaches Redis through a proxy: the test cuts it off, so that it cannot
    // renew its lease (as in a long pause), and only then lets the lease lapse. Deleting the lease
    // while it could still renew raced with its renewal (every 100 ms), which took it back.
    const proxy = new ChaosProxy(() => [redis.port]);
    await proxy.listen();
    onTestFinished(() => proxy.close());
    let refused = false;
    const first = track(
      await ready(
        engineOn(`redis://127.0.0.1:${proxy.port}`, 'test:fenced', {
          writer: true,
          leaseMs: 300,
          onWriterRefused: () => {
            refused = true;
          },
        }),
      ),
    );
    await publishAll(first, [1], 'first');
    const held = await admin.get(lease);
    proxy.block();
    // The lease lapses and a second writer takes it.
    await admin.del(lease);
    const second = track(await ready(engineOn(redis.url, 'test:fenced', { writer: true, leaseMs: 300 })));
    await eventually(async () => {
      const now = await admin.get(lease);
      return now !== null && now !== held;
    }, 'the second writer to hold the lease');
    await publishAll(second, [2], 'second');
    // The first writer is back, and writes again.
    proxy.unblock();
    await first.publish(revisionEvent(3, 'first'));
    await eventually(() => refused, 'the first writer to be refused');
    const ids = (await admin.xrange(stream, '-', '+')).map(([id]) => id);
    expect(ids).toEqual(['1-0', '2-0']);
  });

  it('refuses a URL that is not a Redis URL', () => {
    expect(() => createRedisEvents({ url: 'http://localhost:6379', projectId: 'p' })).toThrow(
      'the redis URL must start with redis:// or rediss://, got "http://localhost:6379"',
    );
  });
});
