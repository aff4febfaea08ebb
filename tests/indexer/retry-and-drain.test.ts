/**
 * The indexer's two loops: applying a change set until the store takes it (retrying while the
 * store is unavailable), and draining queued paths one update at a time, coalescing what is
 * saved meanwhile. The analysis runner is a stand-in whose updates the test finishes by hand.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryEvents } from '../../server/events/memory-engine.ts';
import type { RevisionEvent } from '../../server/events/port.ts';
import { createMemoryStore } from '../../server/graph/memory/memory-store.ts';
import { type GraphStore, GraphStoreError } from '../../server/graph/port.ts';
import type { AnalysisRunner } from '../../server/indexer/analysis-runner.ts';
import { createIndexer, type Indexer } from '../../server/indexer/indexer.ts';
import type { ChangeSet } from '../../server/model/index.ts';
import { capturedLogger } from '../helpers/log.ts';

/** A FILE node per path: a change set the memory store takes. */
function addFiles(paths: readonly string[]): ChangeSet {
  return {
    files: [...paths],
    changes: paths.map((path) => ({
      op: 'NODE_ADDED' as const,
      node: { key: path, kind: 'FILE' as const, props: { path } },
    })),
  };
}

interface Update {
  readonly paths: readonly string[];
  finish(changeSet?: ChangeSet): void;
  fail(error: Error): void;
}

/**
 * A runner whose first analysis yields `initial` change sets, and whose updates wait until the
 * test finishes them; `nextUpdate()` resolves with the next update asked for.
 */
function manualRunner(initial: readonly ChangeSet[] = []) {
  const asked: Update[] = [];
  const waiting: ((update: Update) => void)[] = [];
  const runner: AnalysisRunner = {
    async analyze({ onChangeSet }) {
      for (const changeSet of initial) onChangeSet(changeSet);
      return { files: initial.length, nodes: 0, edges: 0, durationMs: 0, problems: [] };
    },
    update(paths) {
      return new Promise<ChangeSet>((resolve, reject) => {
        const update: Update = {
          paths: [...paths],
          finish: (changeSet) => resolve(changeSet ?? addFiles(paths)),
          fail: reject,
        };
        const taker = waiting.shift();
        if (taker) taker(update);
        else asked.push(update);
      });
    },
    verify: () => Promise.reject(new Error('no snapshot in this test')),
    layout: () => undefined,
    problems: () => [],
    close: async () => {},
  };
  const nextUpdate = (): Promise<Update> => {
    const update = asked.shift();
    return update ? Promise.resolve(update) : new Promise((resolve) => waiting.push(resolve));
  };
  return { runner, nextUpdate };
}

/** A memory store whose `apply` fails with `error` the next `times` times it is called. */
function flakyStore(times: number, error: () => Error) {
  const store = createMemoryStore();
  let failures = times;
  let calls = 0;
  const flaky = new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'apply') return Reflect.get(target, property, receiver);
      return (changeSet: ChangeSet) => {
        calls += 1;
        if (failures > 0) {
          failures -= 1;
          return Promise.reject(error());
        }
        return target.apply(changeSet);
      };
    },
  }) as GraphStore;
  return { store: flaky, calls: () => calls };
}

const unavailable = () => new GraphStoreError('STORE_UNAVAILABLE', 'memgraph is away');

async function startIndexer(runner: AnalysisRunner, store: GraphStore = createMemoryStore()) {
  const events = createMemoryEvents();
  const published: RevisionEvent[] = [];
  const subscription = events.subscribe();
  void (async () => {
    for await (const event of subscription) published.push(event);
  })();
  const { logger, lines } = capturedLogger();
  const indexer: Indexer = createIndexer({ runner, store, events, logger, retryMs: 1 });
  indexer.start();
  await indexer.ready;
  return { indexer, store, events, published, lines };
}

describe('the indexer applying a change set', () => {
  it('applies it again while the store is unavailable, then publishes it once', async () => {
    const flaky = flakyStore(3, unavailable);
    const { runner, nextUpdate } = manualRunner();
    const { indexer, store, published, lines, events } = await startIndexer(runner, flaky.store);

    const done = indexer.reanalyze(['src/a.ts']);
    (await nextUpdate()).finish();
    await expect(done).resolves.toEqual({ revision: 1, changes: 1 });
    expect(flaky.calls()).toBe(4);
    expect((await store.getNodes(['src/a.ts']))[0]?.key).toBe('src/a.ts');
    expect(
      lines.filter((l) => l.includes('store unavailable: will apply the change set again')),
    ).toHaveLength(3);
    expect(await events.latestRevision()).toBe(1);
    expect(published.map((e) => [e.revision, e.files])).toEqual([[1, ['src/a.ts']]]);
    expect(indexer.status()).toMatchObject({ state: 'READY', phase: 'DONE' });
    await indexer.close();
  });

  it('does not retry another store error: the update fails and the analysis is FAILED', async () => {
    const flaky = flakyStore(1, () => new GraphStoreError('INVALID_CHANGE_SET', 'an edge to nowhere'));
    const { runner, nextUpdate } = manualRunner();
    const { indexer } = await startIndexer(runner, flaky.store);

    const done = indexer.reanalyze(['src/a.ts']);
    (await nextUpdate()).finish();
    await expect(done).rejects.toThrow('an edge to nowhere');
    expect(flaky.calls()).toBe(1);
    expect(indexer.status()).toMatchObject({ state: 'FAILED', message: 'an edge to nowhere' });
    await indexer.close();
  });

  it('stops retrying once closed: the waiting update fails instead of spinning on', async () => {
    const flaky = flakyStore(Number.POSITIVE_INFINITY, unavailable);
    const { runner, nextUpdate } = manualRunner();
    const { indexer, lines } = await startIndexer(runner, flaky.store);

    const done = indexer.reanalyze(['src/a.ts']);
    (await nextUpdate()).finish();
    await until(() => flaky.calls() >= 2);
    await indexer.close();
    // The store's error ends the loop (it is not retried once closed), and closing is no failure.
    await expect(done).rejects.toThrow('memgraph is away');
    expect(lines.some((l) => l.includes('analysis failed'))).toBe(false);
  });

  it('applies the first analysis’s change sets in the order they came, and is ready after the last', async () => {
    const { runner } = manualRunner([addFiles(['a.ts']), addFiles(['b.ts']), addFiles(['c.ts'])]);
    const flaky = flakyStore(2, unavailable);
    const { indexer, published, store } = await startIndexer(runner, flaky.store);
    expect(await store.revision()).toBe(3);
    await until(() => published.length === 3);
    expect(published.map((e) => e.files)).toEqual([['a.ts'], ['b.ts'], ['c.ts']]);
    expect(indexer.status()).toMatchObject({ state: 'READY', filesDone: 3 });
    await indexer.close();
  });
});

describe('the indexer draining queued paths', () => {
  it('coalesces paths saved during an update into one next update, and answers each caller', async () => {
    const { runner, nextUpdate } = manualRunner();
    const { indexer } = await startIndexer(runner);

    const first = indexer.reanalyze(['a.ts']);
    const running = await nextUpdate();
    expect(running.paths).toEqual(['a.ts']);
    // Saved while the update runs: they wait, then go together (a.ts again, once).
    const second = indexer.reanalyze(['b.ts', 'a.ts']);
    const third = indexer.reanalyze(['c.ts']);
    expect(indexer.status()).toMatchObject({ state: 'RUNNING', phase: 'UPDATING' });
    running.finish();
    await expect(first).resolves.toEqual({ revision: 1, changes: 1 });

    const next = await nextUpdate();
    expect(next.paths).toEqual(['b.ts', 'a.ts', 'c.ts']);
    next.finish(addFiles(['b.ts', 'c.ts']));
    await expect(second).resolves.toEqual({ revision: 2, changes: 2 });
    await expect(third).resolves.toEqual({ revision: 2, changes: 2 });
    expect(indexer.status()).toMatchObject({ state: 'READY', phase: 'DONE' });
    await indexer.close();
  });

  it('answers an update that changed nothing with the current revision, publishing nothing', async () => {
    const { runner, nextUpdate } = manualRunner([addFiles(['a.ts'])]);
    const { indexer, events } = await startIndexer(runner);
    const done = indexer.reanalyze(['a.ts']);
    (await nextUpdate()).finish({ files: ['a.ts'], changes: [] });
    await expect(done).resolves.toEqual({ revision: 1, changes: 0 });
    expect(await events.latestRevision()).toBe(1);
    await indexer.close();
  });

  it('keeps paths asked for before the first analysis is done until it is, then updates them', async () => {
    let finishAnalysis!: () => void;
    const { runner, nextUpdate } = manualRunner();
    const analyze = runner.analyze;
    runner.analyze = async (handlers) => {
      await new Promise<void>((resolve) => {
        finishAnalysis = resolve;
      });
      return analyze(handlers);
    };
    const { logger } = capturedLogger();
    const indexer = createIndexer({
      runner,
      store: createMemoryStore(),
      events: createMemoryEvents(),
      logger,
      retryMs: 1,
    });
    indexer.start();
    const done = indexer.reanalyze(['early.ts']);
    let asked = false;
    void nextUpdate().then((update) => {
      asked = true;
      update.finish();
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked).toBe(false);
    finishAnalysis();
    await expect(done).resolves.toEqual({ revision: 1, changes: 1 });
    expect(asked).toBe(true);
    await indexer.close();
  });

  it('goes on with the next batch after a failed one', async () => {
    const { runner, nextUpdate } = manualRunner();
    const { indexer } = await startIndexer(runner);
    const failing = indexer.reanalyze(['bad.ts']);
    const running = await nextUpdate();
    const after = indexer.reanalyze(['good.ts']);
    running.fail(new Error('analysis broke'));
    await expect(failing).rejects.toThrow('analysis broke');
    (await nextUpdate()).finish();
    await expect(after).resolves.toEqual({ revision: 1, changes: 1 });
    expect(indexer.status()).toMatchObject({ state: 'READY' });
    await indexer.close();
  });

  it('rejects what still waits when closed', async () => {
    const { runner, nextUpdate } = manualRunner();
    const { indexer } = await startIndexer(runner);
    const running = indexer.reanalyze(['a.ts']);
    await nextUpdate();
    const queued = indexer.reanalyze(['b.ts']);
    const closing = indexer.close();
    await expect(queued).rejects.toThrow('indexer closed');
    await closing;
    void running.catch(() => {});
  });

  it('refuses paths asked for once closed, rather than leaving the caller waiting for ever', async () => {
    const { runner } = manualRunner();
    const { indexer } = await startIndexer(runner);
    await indexer.close();
    // A reanalyze mutation that reaches a server while it stops: nothing would ever answer it.
    const late = indexer.reanalyze(['a.ts']);
    const answer = await Promise.race([
      late.then(
        () => 'resolved',
        (error: Error) => error.message,
      ),
      new Promise((resolve) => setTimeout(() => resolve('no answer in 2 s'), 2000)),
    ]);
    expect(answer).toBe('indexer closed');
  });
});

/** Waits for `condition`, checking after each turn of the event loop. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
