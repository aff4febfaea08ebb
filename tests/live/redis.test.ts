import { spawn } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../server/graph/memory/memory-store.ts';
import { copyFixture, removeCopies, tempDir } from '../helpers/fixtures.ts';
import { freePort, startRedis } from '../helpers/redis.ts';
import { startServer, stopServers, type TestServer } from '../helpers/server.ts';
import { subscribeWs } from '../helpers/subscriptions.ts';

afterAll(async () => {
  await stopServers();
  removeCopies();
});

type Data = Record<string, any>;

/** Appends a constant to a file and asks for its re-analysis: one new revision. */
async function revise(server: TestServer, root: string, n: number): Promise<number> {
  appendFileSync(path.join(root, 'src/math.ts'), `\nexport const r${n} = ${n};\n`);
  const { data, errors } = await server.gql<Data>(
    'mutation { reanalyze(paths: ["src/math.ts"]) { revision changes } }',
  );
  expect(errors).toBeUndefined();
  return data!.reanalyze.revision;
}

async function readiness(server: TestServer): Promise<Data> {
  return (await fetch(`${server.url}/readyz`)).json() as Promise<Data>;
}

describe('Redis, connected asynchronously', () => {
  it('serves at once with Redis away, and delivers the next revision once Redis is up', async () => {
    const port = await freePort();
    const root = copyFixture('incremental');
    const server = await startServer(root, { redisUrl: `redis://127.0.0.1:${port}` });
    const started = performance.now();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await server.gql<Data>('{ stats { files } }')).data?.stats.files).toBe(5);
    expect(performance.now() - started).toBeLessThan(1000);
    const before = await readiness(server);
    expect(['connecting', 'degraded']).toContain(before.components.pubsub.state);
    expect(before.status).toBe('ready');

    await startRedis({ port });
    await expect
      .poll(async () => (await readiness(server)).components.pubsub.state, { timeout: 20_000 })
      .toBe('ready');
    const client = subscribeWs(server.url);
    // A live subscription is active once a first probe revision reaches it.
    let revision = await revise(server, root, 1);
    await client.until((items) => items.some((r) => r.revision === revision));
    revision = await revise(server, root, 2);
    const items = await client.until((list) => list.some((r) => r.revision === revision));
    expect(items.at(-1)?.revision).toBe(revision);
    await client.close();
  });

  it('a client resuming with its last revision gets every revision, in order, none twice, across a Redis restart', async () => {
    const redis = await startRedis();
    const root = copyFixture('incremental');
    const server = await startServer(root, { redisUrl: redis.url });
    await expect
      .poll(async () => (await readiness(server)).components.pubsub.state, { timeout: 20_000 })
      .toBe('ready');
    const live = subscribeWs(server.url, {
      since: (await server.gql<Data>('{ stats { revision } }')).data!.stats.revision,
    });
    const produced: number[] = [];
    for (let n = 1; n <= 3; n++) produced.push(await revise(server, root, n));
    await live.until((items) => items.length >= 3);
    const lastSeen = live.items.at(-1)!.revision;
    await live.close();

    await redis.kill();
    // Edits go on while Redis is down: their revisions wait in the outbox.
    for (let n = 4; n <= 6; n++) produced.push(await revise(server, root, n));
    await redis.start();
    await expect
      .poll(async () => (await readiness(server)).components.pubsub.state, { timeout: 20_000 })
      .toBe('ready');
    for (let n = 7; n <= 8; n++) produced.push(await revise(server, root, n));

    const resumed = subscribeWs(server.url, { since: lastSeen });
    const items = await resumed.until((list) => list.length >= 5);
    expect(items.map((r) => r.revision)).toEqual(produced.slice(3));
    await resumed.close();
  });
});

describe('Redis away at a restart', () => {
  it('a client resuming with the restored revision is told the log is unavailable, not that its revision expired', async () => {
    const port = await freePort();
    const root = copyFixture('incremental');
    const cacheDir = tempDir();
    const first = await startServer(root, { redisUrl: `redis://127.0.0.1:${port}`, cacheDir });
    await first.stop();
    // Restored from its snapshot with nothing changed: no revision of this run, Redis never seen.
    const server = await startServer(root, { redisUrl: `redis://127.0.0.1:${port}`, cacheDir });
    const since = (await server.gql<Data>('{ stats { revision } }')).data!.stats.revision;
    expect(since).toBeGreaterThan(0);
    const client = subscribeWs(server.url, { since });
    await expect.poll(() => client.errors.length).toBe(1);
    expect(JSON.stringify(client.errors[0])).toContain('EVENTS_UNAVAILABLE');
    expect(JSON.stringify(client.errors[0])).not.toContain('REVISION_EXPIRED');
    await client.close();
  });
});

describe('two processes, one store, one Redis', () => {
  it('a client on an API instance receives the indexer instance’s revisions through Redis', async () => {
    const redis = await startRedis();
    const store = createMemoryStore();
    const root = copyFixture('incremental');
    const indexer = await startServer(root, { redisUrl: redis.url }, { store });
    const api = await startServer(root, { redisUrl: redis.url, role: 'api', store: 'memgraph' }, { store });
    for (const server of [indexer, api]) {
      await expect
        .poll(async () => (await readiness(server)).components.pubsub.state, { timeout: 20_000 })
        .toBe('ready');
    }
    const since = (await api.gql<Data>('{ stats { revision } }')).data!.stats.revision;
    expect(since).toBeGreaterThan(0);
    const client = subscribeWs(api.url, { since });
    const revision = await revise(indexer, root, 1);
    const [received] = await client.until((items) => items.length >= 1);
    expect(received!.revision).toBe(revision);
    expect(received!.files).toEqual(['src/math.ts']);
    const refused = await api.gql('mutation { reanalyze(paths: ["src/math.ts"]) { revision } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_AVAILABLE');
    await client.close();
  });
});

describe('projects on one Redis', () => {
  const pubsubReady = (server: TestServer) =>
    expect
      .poll(async () => (await readiness(server)).components.pubsub.state, { timeout: 20_000 })
      .toBe('ready');

  it('a client resuming with since on one project never receives another project’s revisions', async () => {
    const redis = await startRedis();
    const rootA = copyFixture('incremental');
    const rootB = copyFixture('incremental');
    const a = await startServer(rootA, { redisUrl: redis.url });
    const b = await startServer(rootB, { redisUrl: redis.url });
    await Promise.all([pubsubReady(a), pubsubReady(b)]);
    const since = (await a.gql<Data>('{ stats { revision } }')).data!.stats.revision;
    // The other project moves ahead of this one: its revisions are numbered past `since`.
    for (let n = 1; n <= 3; n++) {
      writeFileSync(path.join(rootB, `src/b${n}.ts`), `export const b${n} = ${n};\n`);
      await b.gql(`mutation { reanalyze(paths: ["src/b${n}.ts"]) { revision } }`);
    }
    const client = subscribeWs(a.url, { since });
    const first = await revise(a, rootA, 1);
    const second = await revise(a, rootA, 2);
    const items = await client.until((list) => list.some((r) => r.revision === second));
    expect(items.map((r) => [r.revision, r.files])).toEqual([
      [first, ['src/math.ts']],
      [second, ['src/math.ts']],
    ]);
    await client.close();
  });

  it('codenav serve refuses to be a second writer of a project, in one line, with exit code 1', async () => {
    const redis = await startRedis();
    const root = copyFixture('incremental');
    const first = await startServer(root, { redisUrl: redis.url });
    await pubsubReady(first);
    const cli = fileURLToPath(new URL('../../bin/codenav.mjs', import.meta.url));
    const second = spawn(
      process.execPath,
      [cli, 'serve', root, '--port', '0', '--no-watch', '--redis-url', redis.url, '--log-level', 'silent'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    second.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(code).toBe(1);
    const line = stderr.trim().split('\n').at(-1);
    expect(line).toMatch(
      /^codenav serve: another codenav process is the writer of project "[\w.-]+-[0-9a-f]{12}" on redis at redis:\/\/127\.0\.0\.1:\d+ \(host ".+", pid \d+, writing since .+\): stop it, or give this server its own --project-id$/,
    );
    // The first writer carries on.
    const client = subscribeWs(first.url, {
      since: (await first.gql<Data>('{ stats { revision } }')).data!.stats.revision,
    });
    const revision = await revise(first, root, 1);
    await client.until((items) => items.some((r) => r.revision === revision));
    await client.close();
  }, 40_000);
});

describe('revision numbers across restarts, with Redis and no cache', () => {
  const pubsubReady = (server: TestServer) =>
    expect
      .poll(async () => (await readiness(server)).components.pubsub.state, { timeout: 20_000 })
      .toBe('ready');
  const revisionOf = async (server: TestServer): Promise<number> =>
    (await server.gql<Data>('{ stats { revision } }')).data!.stats.revision;
  const expired = async (server: TestServer, since: number): Promise<string> => {
    const client = subscribeWs(server.url, { since });
    await expect.poll(() => client.errors.length).toBe(1);
    await client.close();
    return JSON.stringify(client.errors[0]);
  };

  it('a restarted server numbers after the log, and a client resuming from the earlier graph is told to re-query', async () => {
    const redis = await startRedis();
    const root = copyFixture('incremental');
    const first = await startServer(root, { redisUrl: redis.url });
    await pubsubReady(first);
    await revise(first, root, 1);
    const lastSeen = await revise(first, root, 2);
    await first.stop();

    // No snapshot: the graph is analyzed anew, and its revisions come after the log's.
    const second = await startServer(root, { redisUrl: redis.url });
    await pubsubReady(second);
    const now = await revisionOf(second);
    expect(now).toBeGreaterThan(lastSeen);
    for (const since of [lastSeen, 1]) expect(await expired(second, since)).toContain('REVISION_EXPIRED');

    const client = subscribeWs(second.url, { since: now });
    const next = await revise(second, root, 3);
    expect(next).toBe(now + 1);
    const items = await client.until((list) => list.some((r) => r.revision === next));
    expect(items.map((r) => r.revision)).toEqual([next]);
    await client.close();
  });

  it('a server started while Redis is away moves its numbers above the log once Redis is back', async () => {
    const port = await freePort();
    const redis = await startRedis({ port, dataDir: tempDir('codenav-redis-') });
    const root = copyFixture('incremental');
    const first = await startServer(root, { redisUrl: redis.url });
    await pubsubReady(first);
    for (let n = 1; n <= 3; n++) await revise(first, root, n);
    const lastSeen = await revisionOf(first);
    await first.stop();
    await redis.stop();

    // Redis away: the first analysis numbers from 1, and answers at once.
    const second = await startServer(root, { redisUrl: redis.url });
    const shownBefore = await revisionOf(second);
    expect(shownBefore).toBeLessThanOrEqual(lastSeen);
    await redis.start();
    await pubsubReady(second);
    const now = await revisionOf(second);
    expect(now).toBeGreaterThan(lastSeen);
    // Neither the earlier graph's revision nor the number shown before Redis was back resumes.
    for (const since of [lastSeen, shownBefore])
      expect(await expired(second, since)).toContain('REVISION_EXPIRED');

    const client = subscribeWs(second.url, { since: now });
    const next = await revise(second, root, 4);
    const items = await client.until((list) => list.some((r) => r.revision === next));
    expect(items.map((r) => r.revision)).toEqual([next]);
    await client.close();
  });
});
