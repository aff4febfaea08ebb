/**
 * The Redis engine's feed against a real redis-server, seen from its hub: what it passes on to
 * this process's subscriptions when the log is written again after Redis lost its data.
 */
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { Redis, type RedisOptions } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RevisionEvent } from '../../server/events/port.ts';
import { redisKeys } from '../../server/events/redis-engine.ts';
import { RedisFeed } from '../../server/events/redis-feed.ts';
import { RevisionHub } from '../../server/events/revision-hub.ts';
import type { LogEntry } from '../../server/events/revision-source.ts';
import { RevisionStream } from '../../server/events/revision-stream.ts';
import { WriterLease } from '../../server/events/writer-lease.ts';
import { bigRevision } from '../helpers/big-revision.ts';
import { type RedisServer, startRedis } from '../helpers/redis.ts';
import { eventually, revisionEvent } from './event-utils.ts';

let redis: RedisServer;
const clients: Redis[] = [];
const feeds: RedisFeed[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(feeds.map((feed) => feed.close(1000)));
  for (const client of clients) client.disconnect();
});

function client(options: RedisOptions = {}, url = redis.url): Redis {
  const created = new Redis(url, { lazyConnect: true, ...options });
  created.on('error', () => {});
  clients.push(created);
  return created;
}

/** `projectId`'s log on `connection`, as the engine has it. */
function streamOf(connection: Redis, projectId: string): RevisionStream {
  const keys = redisKeys(projectId);
  const lease = new WriterLease(
    connection,
    keys.lease,
    { id: 'test', host: 'test', pid: 1, since: '2026-01-01T00:00:00.000Z' },
    10_000,
  );
  return new RevisionStream(connection, keys.stream, keys.channel, 1000, lease);
}

/** A feed on `projectId`'s log, as the engine wires it, with nothing to prepare or write. */
function feedOf(
  projectId: string,
  options: {
    url?: string;
    warn?: (message: string) => void;
    onProgressMessage?: (message: unknown) => void;
  } = {},
) {
  const keys = redisKeys(projectId);
  const commands = client({ maxRetriesPerRequest: 0, enableOfflineQueue: false }, options.url);
  const subscriber = client({}, options.url);
  const stream = streamOf(commands, projectId);
  const hub = new RevisionHub();
  const feed = new RedisFeed({
    commands,
    subscriber,
    pubsub: new RedisPubSub({ publisher: commands, subscriber }),
    stream,
    hub,
    where: redis.url,
    projectId,
    channel: keys.channel,
    progressChannel: keys.progressChannel,
    maxDelayMs: 100,
    logger: { info: () => {}, warn: options.warn ?? (() => {}) },
    onProgressMessage: options.onProgressMessage ?? (() => {}),
    steps: {
      prepare: async () => {},
      lingeringProblem: () => false,
      describeWaiting: () => '',
      flush: async () => {},
    },
  });
  feeds.push(feed);
  return { feed, hub };
}

describe('the Redis feed', () => {
  it('passes on a large revision written again after Redis lost its data, though it is past it', async () => {
    const projectId = 'test:feed-rewritten';
    const { channel } = redisKeys(projectId);
    const { feed, hub } = feedOf(projectId);
    const large = bigRevision(3, 400_000);
    const events: RevisionEvent[] = [1, 2, 3, 4].map((r) => (r === 3 ? large : revisionEvent(r)));
    // The log as the writer re-filled it; the feed starts at its head, past revision 3.
    const admin = client();
    await admin.connect();
    const stream = streamOf(admin, projectId);
    let epoch = 'e';
    for (const event of events) {
      const json = JSON.stringify(event);
      epoch = await stream.append(
        { revision: event.revision, previous: event.revision - 1, json },
        'w',
        epoch,
      );
    }
    const received: LogEntry[] = [];
    hub.listen({ entry: (entry) => received.push(entry), end: () => {} });
    feed.start();
    await eventually(() => feed.state.state === 'live', 'the feed to be live');

    // The re-written revision 3 is announced without its event (too large), then revision 5.
    await admin.publish(channel, JSON.stringify({ epoch, previous: 2, revision: 3 }));
    await admin.publish(
      channel,
      JSON.stringify({ epoch, previous: 4, revision: 5, event: revisionEvent(5) }),
    );
    await eventually(() => received.some((entry) => entry.event.revision === 5), 'revision 5');
    expect(received.map((entry) => entry.event.revision)).toEqual([3, 5]);
    expect(received[0]).toEqual({ epoch, previous: 2, event: large });
  });

  it('reads again a re-written large revision whose read failed, without waiting for another revision', async () => {
    const projectId = 'test:feed-rewritten-retry';
    const { channel } = redisKeys(projectId);
    const admin = client();
    await admin.connect();
    // A reader whose reads of the log Redis refuses for a while, on a connection that stays up.
    await admin.call('ACL', 'SETUSER', 'test-feed-reader', 'on', '>secret', '~*', '&*', '+@all');
    const warnings: string[] = [];
    const { feed, hub } = feedOf(projectId, {
      url: `redis://test-feed-reader:secret@127.0.0.1:${redis.port}`,
      warn: (message) => warnings.push(message),
    });
    const large = bigRevision(2, 400_000);
    const stream = streamOf(admin, projectId);
    let epoch = 'e';
    for (const event of [revisionEvent(1), large, revisionEvent(3)]) {
      epoch = await stream.append(
        { revision: event.revision, previous: event.revision - 1, json: JSON.stringify(event) },
        'w',
        epoch,
      );
    }
    const received: number[] = [];
    hub.listen({ entry: (entry) => received.push(entry.event.revision), end: () => {} });
    feed.start();
    await eventually(() => feed.state.state === 'live', 'the feed to be live');

    await admin.call('ACL', 'SETUSER', 'test-feed-reader', '-xrevrange', '-xrange');
    await admin.publish(channel, JSON.stringify({ epoch, previous: 1, revision: 2 }));
    await eventually(
      () => warnings.some((line) => line.includes('could not read the revision log')),
      'the read to fail',
    );
    expect(received).toEqual([]);
    await admin.call('ACL', 'SETUSER', 'test-feed-reader', '+xrevrange', '+xrange');
    await eventually(() => received.includes(2), 'revision 2 read again');
    expect(received).toEqual([2]);
  });

  it('passes on once a large revision that a catch-up read before its announcement came', async () => {
    const projectId = 'test:feed-read-ahead';
    const { feed, hub } = feedOf(projectId);
    const received: number[] = [];
    hub.listen({ entry: (entry) => received.push(entry.event.revision), end: () => {} });
    feed.start();
    await eventually(() => feed.state.state === 'live', 'the feed to be live');
    const admin = client();
    await admin.connect();
    const stream = streamOf(admin, projectId);
    const append = (event: RevisionEvent) =>
      stream.append(
        { revision: event.revision, previous: event.revision - 1, json: JSON.stringify(event) },
        'w',
        'e',
      );
    // Sent together: the catch-up that the first announcement asks for reads both.
    await Promise.all([append(bigRevision(1, 300_000)), append(bigRevision(2, 300_000))]);
    await append(revisionEvent(3));
    await eventually(() => received.includes(3), 'revision 3');
    // (A small revision may come twice: listeners skip what they have.)
    expect(received.filter((revision) => revision < 3)).toEqual([1, 2]);
  });

  it('passes on each revision once after its first subscribe was refused for one channel and succeeded for the other', async () => {
    const projectId = 'test:feed-half-subscribed';
    const keys = redisKeys(projectId);
    const admin = client();
    await admin.connect();
    // A reader that may subscribe to the revisions channel, not yet to the progress channel.
    const user = 'test-feed-half-subscriber';
    await admin.call(
      'ACL',
      'SETUSER',
      user,
      'on',
      '>secret',
      '~*',
      'resetchannels',
      `&${keys.channel}`,
      '+@all',
    );
    const progress: unknown[] = [];
    const { feed, hub } = feedOf(projectId, {
      url: `redis://${user}:secret@127.0.0.1:${redis.port}`,
      onProgressMessage: (message) => progress.push(message),
    });
    const received: number[] = [];
    hub.listen({ entry: (entry) => received.push(entry.event.revision), end: () => {} });
    feed.start();
    // Refused twice: the feed has tried again after a refusal.
    await eventually(async () => {
      const log = (await admin.call('ACL', 'LOG')) as unknown[][];
      return log.some((entry) => {
        const fields = new Map<unknown, unknown>();
        for (let i = 0; i + 1 < entry.length; i += 2) fields.set(entry[i], entry[i + 1]);
        return fields.get('username') === user && Number(fields.get('count')) >= 2;
      });
    }, 'the progress channel to be refused twice');

    await admin.call('ACL', 'SETUSER', user, `&${keys.progressChannel}`);
    await eventually(() => feed.state.state === 'live', 'the feed to be live');
    const stream = streamOf(admin, projectId);
    for (const revision of [1, 2]) {
      const event = revisionEvent(revision);
      await stream.append({ revision, previous: revision - 1, json: JSON.stringify(event) }, 'w', 'e');
    }
    await admin.publish(keys.progressChannel, JSON.stringify({ origin: 'other', progress: 'p' }));
    await eventually(() => received.includes(2) && progress.length > 0, 'revision 2 and the progress');
    // Anything passed on twice would be queued behind these: one more round trip lets it show.
    await admin.publish(keys.progressChannel, JSON.stringify({ origin: 'other', progress: 'q' }));
    await eventually(() => progress.length >= 2, 'the second progress');
    expect(received).toEqual([1, 2]);
    expect(progress).toEqual([
      { origin: 'other', progress: 'p' },
      { origin: 'other', progress: 'q' },
    ]);
  });
});
