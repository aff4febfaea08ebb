/**
 * Roles past one machine, in process: one indexer and API instances that share one store object
 * (standing in for Memgraph: the api and indexer configs say `store: 'memgraph'`) and a real
 * redis-server that carries revisions and analysis progress between them.
 */
import { appendFileSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memgraphStoreOptions } from '../../server/app.ts';
import { parseConfig, projectIdFor, type ServeConfig, UsageError } from '../../server/config.ts';
import { createMemoryStore } from '../../server/graph/memory/memory-store.ts';
import type { GraphStore } from '../../server/graph/port.ts';
import { copyFixture, fixturePath, removeCopies, tempDir } from '../helpers/fixtures.ts';
import { type RedisServer, startRedis } from '../helpers/redis.ts';
import { startServer, stopServers, type TestServer } from '../helpers/server.ts';
import { type Revision, subscribeWs } from '../helpers/subscriptions.ts';

type Data = Record<string, any>;

let redis: RedisServer;
let store: GraphStore;
let root: string;
let indexer: TestServer;
let apis: TestServer[];

/** An API instance on the shared store and Redis. */
function startApi(): Promise<TestServer> {
  return startServer(root, { role: 'api', store: 'memgraph', redisUrl: redis.url }, { store });
}

async function readiness(server: TestServer): Promise<Data> {
  return (await fetch(`${server.url}/readyz`)).json() as Promise<Data>;
}

/** Resolves once the server's events engine is connected to Redis (polls /readyz). */
async function pubsubReady(server: TestServer, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = (await readiness(server)).components.pubsub.state;
    if (state === 'ready') return;
    if (Date.now() > deadline) throw new Error(`pubsub of ${server.url} is still ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function revisionOf(server: TestServer): Promise<number> {
  const { data, errors } = await server.gql<Data>('{ stats { revision } }');
  expect(errors).toBeUndefined();
  return data!.stats.revision;
}

let edits = 0;
/**
 * Adds an exported constant to src/math.ts and has the indexer re-analyze it (the indexer
 * serves no /graphql, so its reanalysis is called directly): one new revision.
 */
async function revise(): Promise<{ revision: number; key: string }> {
  edits += 1;
  const name = `r${edits}`;
  appendFileSync(path.join(root, 'src/math.ts'), `\nexport const ${name} = ${edits};\n`);
  const { revision, changes } = await indexer.app.indexer!.reanalyze(['src/math.ts']);
  expect(changes).toBeGreaterThan(0);
  return { revision, key: `src/math.ts#${name}` };
}

const revisionsOf = (items: Revision[]) => items.map((r) => r.revision);

describe('an indexer and two API instances sharing a store and Redis', () => {
  beforeAll(async () => {
    redis = await startRedis();
    store = createMemoryStore();
    root = copyFixture('incremental');
    // startServer waits for the indexer's first analysis to be applied.
    indexer = await startServer(root, { role: 'indexer', store: 'memgraph', redisUrl: redis.url }, { store });
    apis = [await startApi(), await startApi()];
    for (const server of [indexer, ...apis]) await pubsubReady(server);
  });

  afterAll(async () => {
    await stopServers();
    removeCopies();
  });

  it('the indexer serves /healthz and /readyz with its analysis progress, and /graphql answers 404', async () => {
    expect((await fetch(`${indexer.url}/healthz`)).status).toBe(200);

    const ready = await fetch(`${indexer.url}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as Data;
    expect(body.status).toBe('ready');
    expect(body.components.store.state).toBe('ready');
    expect(body.components.analysis).toMatchObject({
      state: 'READY',
      phase: 'DONE',
      filesDone: 5,
      filesTotal: 5,
    });

    const query = await fetch(`${indexer.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ stats { revision } }' }),
    });
    expect(query.status).toBe(404);
    expect(query.headers.get('content-type')).toMatch(/application\/json/);
    expect(((await query.json()) as Data).error).toMatch(/api/);
  });

  it('an API instance reports the indexer’s analysis state, learnt through the events engine', async () => {
    const own = indexer.app.indexer!.status();
    expect(own.state).toBe('READY');
    for (const api of apis) {
      // The API runs no analysis of its own.
      expect(api.app.indexer).toBeUndefined();
      await expect
        .poll(
          async () =>
            (await api.gql<Data>('{ analysis { state phase filesDone filesTotal } }')).data?.analysis,
          { timeout: 20_000 },
        )
        .toEqual({ state: 'READY', phase: 'DONE', filesDone: own.filesDone, filesTotal: own.filesTotal });
      expect((await readiness(api)).components.analysis.state).toBe('READY');
    }
  });

  it('a client on each API instance receives every revision the indexer produces, in order', async () => {
    const since = await revisionOf(apis[0]!);
    expect(since).toBeGreaterThan(0);
    expect(await revisionOf(apis[1]!)).toBe(since);
    const clients = apis.map((api) => subscribeWs(api.url, { since }));

    const produced: { revision: number; key: string }[] = [];
    for (let i = 0; i < 3; i++) produced.push(await revise());

    for (const client of clients) {
      const items = await client.until((list) => list.length >= produced.length);
      expect(revisionsOf(items)).toEqual(produced.map((p) => p.revision));
      items.forEach((item, i) => {
        expect(item.files).toEqual(['src/math.ts']);
        expect(item.changes).toContainEqual({ op: 'NODE_ADDED', key: produced[i]!.key, kind: 'VARIABLE' });
      });
    }
    // Both instances passed on the same revisions, change for change.
    expect(clients[1]!.items).toEqual(clients[0]!.items);
    await Promise.all(clients.map((client) => client.close()));
  });

  it('an API instance started after several revisions serves them and resumes subscriptions from the Redis log', async () => {
    const produced: { revision: number; key: string }[] = [];
    for (let i = 0; i < 3; i++) produced.push(await revise());
    // One more: change a symbol the graph already has.
    const math = path.join(root, 'src/math.ts');
    writeFileSync(
      math,
      readFileSync(math, 'utf8').replace(
        'export function mul(a: number, b: number): number',
        'export function mul(a: number, b: number, c = 1): number',
      ),
    );
    const changed = await indexer.app.indexer!.reanalyze(['src/math.ts']);
    produced.push({ revision: changed.revision, key: 'src/math.ts#mul' });

    const late = await startApi();
    expect(await revisionOf(late)).toBe(changed.revision);
    const { data } = await late.gql<Data>(
      `query($added: String!) {
        mul: codeNode(key: "src/math.ts#mul") { key ... on CodeSymbol { signature } }
        last: codeNode(key: $added) { key kind }
      }`,
      { added: produced[2]!.key },
    );
    expect(data?.mul.signature).toContain('c = 1');
    expect(data?.last).toEqual({ key: produced[2]!.key, kind: 'VARIABLE' });
    await pubsubReady(late);
    await expect
      .poll(async () => (await late.gql<Data>('{ analysis { state } }')).data?.analysis.state, {
        timeout: 20_000,
      })
      .toBe('READY');

    // Resume from the first of them: every later one from the log, in order, then live.
    const resumed = subscribeWs(late.url, { since: produced[0]!.revision });
    const replayed = await resumed.until((list) => list.length >= produced.length - 1);
    expect(revisionsOf(replayed)).toEqual(produced.slice(1).map((p) => p.revision));
    expect(replayed.at(-1)!.changes).toContainEqual({
      op: 'NODE_UPDATED',
      key: 'src/math.ts#mul',
      kind: 'FUNCTION',
    });
    const next = await revise();
    const items = await resumed.until((list) => list.some((r) => r.revision === next.revision));
    expect(revisionsOf(items)).toEqual([...produced.slice(1), next].map((p) => p.revision));
    await resumed.close();
  });

  it('an API instance refuses to re-analyze: that is the indexer’s job', async () => {
    const { errors } = await apis[0]!.gql('mutation { reanalyze(paths: ["src/math.ts"]) { revision } }');
    expect(errors?.[0]?.extensions?.code).toBe('NOT_AVAILABLE');
  });
});

describe('an API instance whose indexer stops, then comes back', () => {
  let ownRedis: RedisServer;
  let shared: GraphStore;
  let project: string;

  /** An indexer on the shared store: stopping it leaves the graph in place, as Memgraph would. */
  const startIndexer = (): Promise<TestServer> =>
    startServer(
      project,
      { role: 'indexer', store: 'memgraph', redisUrl: ownRedis.url },
      { store: { ...shared, close: async () => {} } },
    );

  /** Polls the api's /readyz until `check` holds of its body (or fails with the last body seen). */
  async function readyzUntil(server: TestServer, check: (body: Data) => boolean, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const response = await fetch(`${server.url}/readyz`);
      const body = (await response.json()) as Data;
      if (check(body)) return { status: response.status, body };
      if (Date.now() > deadline)
        throw new Error(`/readyz of ${server.url} still says ${JSON.stringify(body)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    ownRedis = await startRedis();
    shared = createMemoryStore();
    project = copyFixture('incremental');
  });

  afterAll(async () => {
    await stopServers();
    removeCopies();
  });

  it('says no indexer holds the writer lease while it is stopped, stays ready for queries, and returns to normal', async () => {
    const first = await startIndexer();
    const api = await startServer(
      project,
      { role: 'api', store: 'memgraph', redisUrl: ownRedis.url },
      { store: shared },
    );
    for (const server of [first, api]) await pubsubReady(server);
    const present = await readyzUntil(api, (body) => body.components.analysis.state === 'READY');
    expect(present.body.components.indexer).toMatchObject({ state: 'present' });
    expect(present.body.components.indexer.message).toContain(`pid ${process.pid}`);
    expect(present.body.components.analysis.message).toBeUndefined();
    const revision = await revisionOf(api);

    // A stopped indexer (SIGTERM) lets go of its lease: nobody keeps the graph up to date.
    await first.stop();
    const absent = await readyzUntil(api, (body) => body.components.indexer?.state === 'absent');
    // Still ready: the store answers queries, as last written.
    expect(absent.status).toBe(200);
    expect(absent.body.status).toBe('ready');
    expect(absent.body.components.indexer.message).toMatch(
      /^no indexer holds the writer lease of project "[^"]+" on redis at redis:\/\/127\.0\.0\.1:\d+ since \d{4}-\d\d-\d\dT/,
    );
    expect(absent.body.components.indexer.since).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The last progress heard stays, saying that it is no longer kept up to date.
    expect(absent.body.components.analysis).toMatchObject({ state: 'READY', phase: 'DONE' });
    expect(absent.body.components.analysis.message).toContain('no indexer holds the writer lease');
    const { data } = await api.gql<Data>('{ analysis { state message } stats { revision } }');
    expect(data?.analysis.state).toBe('READY');
    expect(data?.analysis.message).toBe(absent.body.components.indexer.message);
    expect(data?.stats.revision).toBe(revision);

    // An indexer started again holds the lease: the api reports it, and no longer the absence.
    await startIndexer();
    const back = await readyzUntil(
      api,
      (body) => body.components.indexer?.state === 'present' && body.components.analysis.state === 'READY',
    );
    expect(back.status).toBe(200);
    expect(back.body.components.analysis.message).toBeUndefined();
    expect((await api.gql<Data>('{ analysis { message } }')).data?.analysis.message).toBeNull();
  });
});

describe('role combinations at start', () => {
  const dir = fixturePath('incremental');
  const refusal = (argv: string[], env: NodeJS.ProcessEnv = {}): string => {
    try {
      parseConfig(['serve', dir, ...argv], env);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    }
    throw new Error(`accepted: serve ${argv.join(' ')}`);
  };

  it.each([
    [['--role', 'api'], {}],
    [['--role', 'api', '--store', 'memgraph', '--memgraph-uri', 'bolt://memgraph:7687'], {}],
    [['--role', 'api', '--redis-url', 'redis://redis:6379'], {}],
    [['--redis-url', 'redis://redis:6379'], { CODENAV_ROLE: 'api' }],
  ])('refuses an api process without a shared store and Redis, in one line (%j %j)', (argv, env) => {
    const message = refusal(argv, env);
    expect(message).toBe(
      '--role api needs --store memgraph and --redis-url: it reads a shared graph and learns of revisions through Redis',
    );
    expect(message).not.toContain('\n');
  });

  it('refuses an indexer that would write to a store no API process can read', () => {
    const message = refusal(['--role', 'indexer', '--redis-url', 'redis://redis:6379']);
    expect(message).toBe('--role indexer needs --store memgraph: API processes read the graph it writes');
  });

  it('refuses the memgraph store without a URI, and an unknown role, each in one line', () => {
    expect(refusal(['--role', 'indexer', '--store', 'memgraph'])).toBe(
      '--store memgraph needs --memgraph-uri (or MEMGRAPH_URI)',
    );
    expect(refusal(['--role', 'worker'])).toBe('--role must be one of all, api, indexer, got "worker"');
  });

  it('names the project in Redis after the real path of its root, or as --project-id says', () => {
    const id = (parseConfig(['serve', dir]) as ServeConfig).projectId;
    expect(id).toMatch(/^incremental-[0-9a-f]{12}$/);
    // The same root under another path (a symlink) is the same project; another root is not.
    const link = path.join(tempDir('codenav-link-'), 'through-a-link');
    symlinkSync(dir, link);
    expect(projectIdFor(link)).toBe(id);
    expect(projectIdFor(fixturePath('resolution'))).not.toBe(id);
    expect(parseConfig(['serve', dir, '--project-id', 'shop.api_2'])).toMatchObject({
      projectId: 'shop.api_2',
    });
    expect(parseConfig(['serve', dir], { CODENAV_PROJECT_ID: 'shop' })).toMatchObject({ projectId: 'shop' });
    expect(refusal(['--project-id', 'a b'])).toBe(
      `--project-id must be 1..64 letters, digits, '.', '_' or '-' (starting with a letter or digit), got "a b"`,
    );
    expect(refusal(['--project-id', '{x}'])).toContain('--project-id must be');
  });

  it('accepts the combinations the compose stack uses, from flags or from the environment', () => {
    const env = {
      CODENAV_STORE: 'memgraph',
      MEMGRAPH_URI: 'bolt://memgraph:7687',
      REDIS_URL: 'redis://redis:6379',
    };
    for (const role of ['indexer', 'api'] as const) {
      expect(parseConfig(['serve', dir], { ...env, CODENAV_ROLE: role })).toMatchObject({
        command: 'serve',
        role,
        store: 'memgraph',
        memgraphUri: 'bolt://memgraph:7687',
        redisUrl: 'redis://redis:6379',
      });
    }
    expect(parseConfig(['serve', dir, '--role', 'indexer', '--store', 'memgraph'], env)).toMatchObject({
      role: 'indexer',
    });
  });

  it('has only the writing roles set up Memgraph’s indexes and constraints, never an API replica', () => {
    const env = {
      CODENAV_STORE: 'memgraph',
      MEMGRAPH_URI: 'bolt://memgraph:7687',
      REDIS_URL: 'redis://r:6379',
    };
    const setsUp = (role: string) =>
      memgraphStoreOptions(parseConfig(['serve', dir], { ...env, CODENAV_ROLE: role }) as ServeConfig, pino())
        .setUpSchema;
    expect({ api: setsUp('api'), indexer: setsUp('indexer'), all: setsUp('all') }).toEqual({
      api: false,
      indexer: true,
      all: true,
    });
  });
});
