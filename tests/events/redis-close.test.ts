/**
 * Closing the Redis engine at the worst moments: while its connections are coming back after
 * Redis restarted (connected, their handshake not answered yet), a server stopped then must
 * stop cleanly, not die of an unhandled rejection ("Connection is closed.") from a command
 * that nobody waits for; and while a revision is still being written, it must not leave the
 * writer lease held for the next writer to wait on.
 */
import { once } from 'node:events';
import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEventsEngine } from '../../server/events/local-events-engine.ts';
import { createRedisEvents, redisKeys } from '../../server/events/redis-engine.ts';
import { ChaosProxy } from '../helpers/chaos.ts';
import { type RedisServer, startRedis } from '../helpers/redis.ts';
import { eventually, publishAll, revisionEvent } from './event-utils.ts';

interface Pair {
  readonly client: Socket;
  readonly upstream: Socket;
  /** What the client sent, as text. */
  sent: string;
  /** What Redis answered (`null`: it closed the connection) and the proxy keeps back while muted. */
  held: (Buffer | null)[];
  closed: boolean;
}

/**
 * A TCP proxy to Redis that can keep Redis's answers back: a client connected through it
 * while muted waits for the answer to its ready check (INFO), and whatever follows it (the
 * connection closed included), until {@link MutingProxy.release}: as a client on a busy
 * process reads them late.
 */
class MutingProxy {
  readonly #server: Server;
  readonly pairs: Pair[] = [];
  #muted = false;
  port = 0;

  constructor(target: number) {
    this.#server = createServer((client) => {
      const upstream = netConnect(target, '127.0.0.1');
      const pair: Pair = { client, upstream, sent: '', held: [], closed: false };
      this.pairs.push(pair);
      const destroy = (): void => {
        pair.closed = true;
        client.destroy();
        upstream.destroy();
      };
      const holding = (): boolean => pair.held.length > 0 || (this.#muted && /\binfo\b/i.test(pair.sent));
      client.on('data', (data: Buffer) => {
        pair.sent += data.toString('latin1');
        upstream.write(data);
      });
      upstream.on('data', (data: Buffer) => {
        if (holding()) pair.held.push(data);
        else client.write(data);
      });
      upstream.on('close', () => {
        if (holding()) pair.held.push(null);
        else destroy();
      });
      client.on('close', destroy);
      client.on('error', destroy);
      upstream.on('error', () => {});
    });
  }

  async listen(): Promise<void> {
    this.#server.listen(0, '127.0.0.1');
    await once(this.#server, 'listening');
    const address = this.#server.address();
    if (address === null || typeof address === 'string') throw new Error('the proxy has no port');
    this.port = address.port;
  }

  /** Keeps Redis's answers to ready checks back, and all that follows them. */
  mute(): void {
    this.#muted = true;
  }

  /** Passes on what was kept back, and everything from now on. */
  release(): void {
    this.#muted = false;
    for (const pair of this.pairs) {
      const held = pair.held;
      pair.held = [];
      for (const data of held) {
        if (data === null) pair.client.end();
        else pair.client.write(data);
      }
    }
  }

  /** Drops every open connection, as a restarted Redis does. */
  cut(): void {
    for (const pair of this.pairs) {
      pair.closed = true;
      pair.client.destroy();
      pair.upstream.destroy();
    }
  }

  async close(): Promise<void> {
    this.cut();
    this.#server.close();
    await once(this.#server, 'close');
  }
}

let redis: RedisServer;
let proxy: MutingProxy;

beforeAll(async () => {
  redis = await startRedis();
  proxy = new MutingProxy(redis.port);
  await proxy.listen();
});
afterAll(async () => {
  await proxy.close();
});

describe('closing the redis engine', () => {
  it('while its connections are in their handshake after Redis restarted, leaves nothing unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      const engine = createRedisEvents({
        url: `redis://127.0.0.1:${proxy.port}`,
        projectId: 'close-in-handshake',
        maxReconnectDelayMs: 100,
      });
      await eventually(() => engine.health().state === 'ready', 'the engine to be ready');
      const before = proxy.pairs.length;

      // Redis restarts: both connections come back, and wait for the answer to their handshake.
      proxy.mute();
      proxy.cut();
      const handshaking = () => proxy.pairs.slice(before).filter((pair) => !pair.closed);
      await eventually(
        () => handshaking().length === 2 && handshaking().every((pair) => pair.held.length > 0),
        'both connections to be in their handshake',
      );

      // The server stops now: the engine lets go of its connections (QUIT), then Redis's answers come.
      const closing = engine.close();
      await eventually(
        () => handshaking().every((pair) => pair.sent.toUpperCase().includes('QUIT')),
        'the engine to quit both connections',
      );
      proxy.release();
      await closing;
      await eventually(() => handshaking().length === 0, 'both connections to be closed');
      // An unhandled rejection is reported once the tick that rejected has run.
      await new Promise((resolve) => setImmediate(resolve));

      expect(unhandled.map((reason) => String(reason))).toEqual([]);
      expect(engine.health()).toEqual({ state: 'degraded', message: 'the events engine is closed' });
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('while a revision is still being written past its wait, lets go of the writer lease only once none is in flight, so the next writer starts at once', async () => {
    const projectId = 'close-mid-drain';
    const chaos = new ChaosProxy(() => [redis.port]);
    await chaos.listen();
    const engines: LocalEventsEngine[] = [];
    const admin = new Redis(redis.url);
    try {
      const warnings: string[] = [];
      // A lease that, left held, would outlast the test: the next writer must not have to wait for it.
      const writer = createRedisEvents({
        url: `redis://127.0.0.1:${chaos.port}`,
        projectId,
        writer: true,
        leaseMs: 60_000,
        maxReconnectDelayMs: 100,
        logger: { info: () => {}, warn: (message) => warnings.push(message) },
      });
      engines.push(writer);
      await eventually(() => writer.health().state === 'ready', 'the writer to be ready');
      await publishAll(writer, [1]);

      // Revision 2's append is sent, and Redis does not see it (nor anything after) for now:
      // revisions 2 and 3 are still being written when the process stops.
      const paused = chaos.pauseWhenSent('"src/a2.ts"');
      const publishing = [writer.publish(revisionEvent(2)), writer.publish(revisionEvent(3))];
      await paused;
      const closing = writer.close();
      // Past close()'s wait for the writing: it lets go of the lease, or says it waits for the
      // append in flight first. Then Redis sees what was sent.
      const release = "then return redis.call('DEL'";
      await eventually(
        () =>
          chaos.sentWhilePaused().includes(release) ||
          warnings.some((line) => line.includes('closing while revision 2 is being written')),
        'close() to go past its wait for the writing',
      );
      chaos.resumeSending();
      await closing;
      await Promise.all(publishing);

      expect(await admin.get(redisKeys(projectId).lease)).toBeNull();
      const next = createRedisEvents({ url: redis.url, projectId, writer: true });
      engines.push(next);
      await eventually(
        () => next.health().state === 'ready',
        `the next writer to be ready (${JSON.stringify(next.health())})`,
        5000,
      );
      expect(await next.latestRevision()).toBe(2);
    } finally {
      await Promise.all(engines.map((engine) => engine.close()));
      admin.disconnect();
      await chaos.close();
    }
  });
});
