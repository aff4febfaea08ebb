/**
 * The indexer's start on a graph Memgraph already holds: the decisions and what is applied,
 * without a server (a memory store stands in for Memgraph's storage and revision counter);
 * and readGraph / raiseRevision against a real Memgraph whenever MEMGRAPH_URI is set.
 */
import { appendFileSync } from 'node:fs';
import * as path from 'node:path';
import pino, { type Logger } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { decideStoredStart, storedGraphOf } from '../../server/durability/memgraph-start.ts';
import { decodeSnapshot } from '../../server/durability/snapshot-file.ts';
import { createMemoryEvents } from '../../server/events/memory-engine.ts';
import type { EventsEngine, RevisionEvent } from '../../server/events/port.ts';
import { createRedisEvents } from '../../server/events/redis-engine.ts';
import * as cypher from '../../server/graph/memgraph/cypher.ts';
import type { MemgraphStore } from '../../server/graph/memgraph/memgraph-store.ts';
import { createMemoryStore } from '../../server/graph/memory/memory-store.ts';
import { GraphStoreError } from '../../server/graph/port.ts';
import { createAnalysisRunner } from '../../server/indexer/analysis-runner.ts';
import { createIndexer } from '../../server/indexer/indexer.ts';
import { changeKey } from '../../server/model/index.ts';
import { eventually, follow, publishAll, range, revisions } from '../events/event-utils.ts';
import { copyFixture, removeCopies, tempDir, writeFiles } from '../helpers/fixtures.ts';
import { capturedLogger } from '../helpers/log.ts';
import { startRedis } from '../helpers/redis.ts';
import { startServer, stopServers, type TestServer } from '../helpers/server.ts';
import { subscribeWs } from '../helpers/subscriptions.ts';

afterAll(async () => {
  await stopServers();
  removeCopies();
});
const silent = pino({ level: 'silent' });

/** A stand-in for Memgraph: a memory store for the graph, and a stored revision counter of its own. */
function fakeMemgraph(initial: { revision: number } = { revision: 0 }): MemgraphStore & { raised: number[] } {
  const inner = createMemoryStore();
  let revision = initial.revision;
  const raised: number[] = [];
  return {
    ...inner,
    raised,
    async apply(changeSet) {
      await inner.apply(changeSet);
      revision += 1;
      return revision;
    },
    async revision() {
      return revision;
    },
    async stats() {
      return { ...(await inner.stats()), revision };
    },
    async readGraph() {
      const { nodes, edges } = inner.capture();
      return { revision, nodes, edges };
    },
    async raiseRevision(floor) {
      raised.push(floor);
      revision = Math.max(revision, floor);
      return revision;
    },
  };
}

/** Runs an indexer's first analysis on `store` the way app.ts does with Memgraph; returns the revisions published. */
async function startIndexer(
  root: string,
  store: MemgraphStore,
  events: EventsEngine = createMemoryEvents(),
  logger: Logger = silent,
) {
  const published: RevisionEvent[] = [];
  const controller = new AbortController();
  void (async () => {
    for await (const event of events.subscribe({ signal: controller.signal })) published.push(event);
  })();
  const runner = createAnalysisRunner({ root });
  const indexer = createIndexer({
    runner,
    store,
    events,
    logger,
    snapshot: (signal) => storedGraphOf({ store, events, root, logger, signal, retryMs: 20 }),
  });
  indexer.start();
  await indexer.ready;
  await indexer.close();
  controller.abort();
  return { published, status: indexer.status() };
}

describe('the start decision', () => {
  it('analyzes from scratch only when nothing was stored or published', () => {
    expect(decideStoredStart({ revision: 0, nodes: 0 }, 0)).toEqual({ kind: 'cold' });
    expect(decideStoredStart({ revision: 4, nodes: 10 }, 0)).toEqual({ kind: 'verify' });
    expect(decideStoredStart({ revision: 4, nodes: 10 }, 4)).toEqual({ kind: 'verify' });
  });

  it('rebuilds after the log when Memgraph came back empty or older than the log', () => {
    expect(decideStoredStart({ revision: 0, nodes: 0 }, 7)).toMatchObject({ kind: 'rebuild', floor: 7 });
    expect(decideStoredStart({ revision: 3, nodes: 10 }, 7)).toMatchObject({ kind: 'rebuild', floor: 7 });
  });

  it('raises the stored revision with a statement that never lowers it', () => {
    expect(cypher.RAISE_REVISION).toMatch(
      /CASE WHEN coalesce\(meta\.revision, 0\) < \$floor THEN \$floor ELSE meta\.revision END/,
    );
  });
});

describe('an indexer starting on a stored graph', () => {
  it('applies nothing when the stored graph matches the files, and only the difference when not', async () => {
    const root = copyFixture('incremental');
    const store = fakeMemgraph();
    const first = await startIndexer(root, store);
    expect(first.status.state).toBe('READY');
    const before = await store.stats();
    expect(before.revision).toBeGreaterThan(0);

    const again = await startIndexer(root, store);
    expect(again.published).toEqual([]);
    expect(await store.stats()).toEqual(before);

    appendFileSync(path.join(root, 'src/math.ts'), '\nexport const half = (x: number) => x / 2;\n');
    const edited = await startIndexer(root, store);
    expect(edited.published.map((e) => e.revision)).toEqual([before.revision + 1]);
    // Memgraph keeps no layout fingerprint: every file was resolved again, and only math.ts differs.
    const changed = edited.published[0]!.changes.map((c) => changeKey(c));
    expect(changed).toContain('src/math.ts#half');
    expect(changed.filter((key) => !key.includes('src/math.ts'))).toEqual([]);
    expect(store.raised).toEqual([]);
  }, 60_000);

  it('re-applies the whole graph as one revision after the log, a number left out, when Memgraph came back empty', async () => {
    const root = copyFixture('incremental');
    const reference = fakeMemgraph();
    await startIndexer(root, reference);
    const whole = await reference.readGraph();

    // The log went up to 9; Memgraph restarted without a volume: empty, revision 0.
    const events = createMemoryEvents({ history: { revision: 9, events: [] } });
    const store = fakeMemgraph();
    const { published } = await startIndexer(root, store, events);
    expect(store.raised).toEqual([10]);
    expect(published.map((e) => e.revision)).toEqual([11]);
    const graph = await store.readGraph();
    expect(graph.nodes.length).toBe(whole.nodes.length);
    expect(graph.edges.length).toBe(whole.edges.length);
    expect(published[0]!.changes).toHaveLength(whole.nodes.length + whole.edges.length);
  }, 60_000);

  it('hands the worker the stored graph as a snapshot of this root', async () => {
    const root = copyFixture('incremental');
    const store = fakeMemgraph();
    await startIndexer(root, store);
    const bytes = await storedGraphOf({ store, events: createMemoryEvents(), root, logger: silent });
    const snapshot = decodeSnapshot(Buffer.from(bytes!), root);
    expect(snapshot.nodes.length).toBe((await store.readGraph()).nodes.length);
  }, 60_000);
});

describe("the stored graph's bytes handed to the analysis worker", () => {
  it('are moved when they are a buffer of their own, copied when they are part of one', async () => {
    const root = tempDir('codenav-tiny-');
    writeFiles(root, { 'src/a.ts': 'export const a = 1;\n' });
    const store = fakeMemgraph();
    await startIndexer(root, store);
    const stored = () => storedGraphOf({ store, events: createMemoryEvents(), root, logger: silent });
    const runner = createAnalysisRunner({ root });
    try {
      const bytes = (await stored())!;
      // Bytes that are part of a larger buffer: the rest of it stays the caller's.
      const shared = new Uint8Array(bytes.byteLength + 16);
      shared.set(bytes);
      const part = shared.subarray(0, bytes.byteLength);
      expect((await runner.verify(part)).changeSet.changes).toEqual([]);
      expect(shared.byteLength).toBe(bytes.byteLength + 16);
      expect(decodeSnapshot(Buffer.from(part), root).nodes.length).toBeGreaterThan(1);
      // A small graph's bytes are a slice of Node's pool, where other Buffers of the process live.
      expect(bytes.byteLength).toBeLessThan(bytes.buffer.byteLength);
      const neighbour = Buffer.from(bytes.buffer);
      const before = Buffer.from(neighbour);
      expect((await runner.verify(bytes)).changeSet.changes).toEqual([]);
      expect(neighbour).toEqual(before);

      // A buffer of its own (a snapshot file as read) moves: the main thread keeps no copy.
      const own = new Uint8Array(bytes.byteLength);
      own.set(bytes);
      expect((await runner.verify(own)).changeSet.changes).toEqual([]);
      expect(own.byteLength).toBe(0);
    } finally {
      await runner.close();
    }
  }, 60_000);
});

describe('a start while the stored graph or the revision log cannot be read', () => {
  it('waits for Memgraph instead of analyzing from scratch over the graph it holds', async () => {
    const root = copyFixture('incremental');
    const store = fakeMemgraph();
    await startIndexer(root, store);
    const before = await store.stats();
    const readGraph = store.readGraph;
    let refused = 0;
    store.readGraph = async () => {
      if (refused++ < 2)
        throw new GraphStoreError('STORE_UNAVAILABLE', 'Memgraph at bolt://x is unavailable');
      return readGraph();
    };
    const log = capturedLogger();

    const again = await startIndexer(root, store, createMemoryEvents(), log.logger);
    expect(again.status.state).toBe('READY');
    expect(again.published).toEqual([]);
    expect(await store.stats()).toEqual(before);
    expect(log.lines.filter((line) => line.includes('Memgraph at bolt://x is unavailable'))).toHaveLength(1);
  }, 60_000);

  it("waits for Redis to learn the log's latest revision, then continues the numbers after it", async () => {
    const root = copyFixture('incremental');
    const redis = await startRedis({ dataDir: tempDir('codenav-redis-') });
    const projectId = 'test:memgraph-start-outage';
    const engine = (writer: boolean) =>
      createRedisEvents({ url: redis.url, projectId, writer, maxReconnectDelayMs: 100 });
    // An earlier writer published revisions 1..9; then Redis went down, and Memgraph came back empty.
    const earlier = engine(true);
    await eventually(() => earlier.health().state === 'ready', 'the earlier writer to connect');
    await publishAll(earlier, range(1, 9));
    await earlier.close();
    await redis.stop();

    const writer = engine(true);
    const store = fakeMemgraph();
    const log = capturedLogger();
    const starting = startIndexer(root, store, writer, log.logger);
    await Promise.race([log.until('waiting for it before the first analysis writes'), starting]);
    expect(store.raised).toEqual([]);
    await redis.start();
    const { status } = await starting;
    expect(status.state).toBe('READY');
    // 10 is left out: the rebuilt graph (11) is no difference from revision 9.
    expect(store.raised).toEqual([10]);
    expect(await store.revision()).toBe(11);

    // A client that saw revision 9 before the outage resumes: it is told to re-query, and a
    // client that did re-query follows on from 11.
    const reader = engine(false);
    await eventually(() => reader.health().state === 'ready', 'the reader to connect');
    const resumed = follow(reader.subscribe({ since: 9 }));
    const current = follow(reader.subscribe({ since: 11 }));
    try {
      await eventually(() => resumed.done, 'the resume from 9 to end');
      expect(resumed.error).toMatchObject({ code: 'REVISION_EXPIRED' });
      await publishAll(writer, [12]);
      expect(revisions(await current.receive(1))).toEqual([12]);
    } finally {
      await current.stop();
      await resumed.stop();
      await reader.close();
      await writer.close();
    }
  }, 60_000);
});

describe('a Memgraph writer without Redis, across a Memgraph that comes back empty', () => {
  type Data = Record<string, any>;
  const revise = async (server: TestServer, root: string, n: number): Promise<number> => {
    appendFileSync(path.join(root, 'src/math.ts'), `\nexport const r${n} = ${n};\n`);
    const { data } = await server.gql<Data>('mutation { reanalyze(paths: ["src/math.ts"]) { revision } }');
    return data!.reanalyze.revision;
  };
  const revisionOf = async (server: TestServer): Promise<number> =>
    (await server.gql<Data>('{ stats { revision } }')).data!.stats.revision;

  it("numbers after the cache folder's revision mark, and a client resuming from before is told to re-query", async () => {
    const root = copyFixture('incremental');
    const cacheDir = tempDir('codenav-cache-');
    const first = await startServer(root, { store: 'memgraph', cacheDir }, { store: fakeMemgraph() });
    await revise(first, root, 1);
    const lastSeen = await revise(first, root, 2);
    expect(lastSeen).toBeGreaterThan(1);
    await first.stop();

    // Memgraph restarted without persistence: no graph, revision 0; nothing else remembers.
    const empty = fakeMemgraph();
    const second = await startServer(root, { store: 'memgraph', cacheDir }, { store: empty });
    // Like a rebuild after the Redis log: the whole graph is one revision, a number after the mark left out.
    expect(empty.raised).toEqual([lastSeen + 1]);
    expect(await revisionOf(second)).toBe(lastSeen + 2);
    const client = subscribeWs(second.url, { since: lastSeen });
    await expect.poll(() => client.errors.length).toBe(1);
    expect(JSON.stringify(client.errors[0])).toContain('REVISION_EXPIRED');
    await client.close();
    const current = subscribeWs(second.url, { since: lastSeen + 2 });
    const next = await revise(second, root, 3);
    expect(next).toBe(lastSeen + 3);
    const items = await current.until((list) => list.some((r) => r.revision === next));
    expect(items.map((r) => r.revision)).toEqual([next]);
    await current.close();
  }, 60_000);

  it('a client resuming with the revision Memgraph kept across the restart waits for the next one', async () => {
    const root = copyFixture('incremental');
    const store = fakeMemgraph();
    const keep = { ...store, close: async () => {} };
    const first = await startServer(root, { store: 'memgraph' }, { store: keep });
    const lastSeen = await revise(first, root, 1);
    await first.stop();

    const second = await startServer(root, { store: 'memgraph' }, { store: keep });
    expect(await revisionOf(second)).toBe(lastSeen);
    const resumed = subscribeWs(second.url, { since: lastSeen });
    const older = subscribeWs(second.url, { since: lastSeen - 1 });
    const next = await revise(second, root, 2);
    const items = await resumed.until((list) => list.some((r) => r.revision === next));
    expect(items.map((r) => r.revision)).toEqual([next]);
    // Revisions before the restart are not in this process's log: re-query.
    await expect.poll(() => older.errors.length).toBe(1);
    expect(JSON.stringify(older.errors[0])).toContain('REVISION_EXPIRED');
    await resumed.close();
    await older.close();
  }, 60_000);

  it('keeps no mark with --no-cache: the numbers start again from 1', async () => {
    const root = copyFixture('incremental');
    const first = await startServer(root, { store: 'memgraph' }, { store: fakeMemgraph() });
    await revise(first, root, 1);
    await first.stop();
    const empty = fakeMemgraph();
    const second = await startServer(root, { store: 'memgraph' }, { store: empty });
    expect(empty.raised).toEqual([]);
    expect(await revisionOf(second)).toBe(1);
  }, 60_000);
});
