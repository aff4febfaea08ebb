/**
 * The indexer's start on a graph Memgraph already holds: the decisions and what is applied,
 * without a server (a memory store stands in for Memgraph's storage and revision counter);
 * and readGraph / raiseRevision against a real Memgraph whenever MEMGRAPH_URI is set.
 */
import { appendFileSync } from 'node:fs';
import * as path from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { decideStoredStart, storedGraphOf } from '../../server/durability/memgraph-start.ts';
import { decodeSnapshot } from '../../server/durability/snapshot-file.ts';
import { createMemoryEvents } from '../../server/events/memory-engine.ts';
import type { RevisionEvent } from '../../server/events/port.ts';
import * as cypher from '../../server/graph/memgraph/cypher.ts';
import type { MemgraphStore } from '../../server/graph/memgraph/memgraph-store.ts';
import { createMemoryStore } from '../../server/graph/memory/memory-store.ts';
import { createAnalysisRunner } from '../../server/indexer/analysis-runner.ts';
import { createIndexer } from '../../server/indexer/indexer.ts';
import { changeKey } from '../../server/model/index.ts';
import { copyFixture, removeCopies } from '../helpers/fixtures.ts';

afterAll(removeCopies);
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
async function startIndexer(root: string, store: MemgraphStore, events = createMemoryEvents()) {
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
    logger: silent,
    snapshot: () => storedGraphOf({ store, events, root, logger: silent }),
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

  it('re-applies the whole graph as one revision after the log when Memgraph came back empty', async () => {
    const root = copyFixture('incremental');
    const reference = fakeMemgraph();
    await startIndexer(root, reference);
    const whole = await reference.readGraph();

    // The log went up to 9; Memgraph restarted without a volume: empty, revision 0.
    const events = createMemoryEvents({ history: { revision: 9, events: [] } });
    const store = fakeMemgraph();
    const { published } = await startIndexer(root, store, events);
    expect(store.raised).toEqual([9]);
    expect(published.map((e) => e.revision)).toEqual([10]);
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
