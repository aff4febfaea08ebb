/**
 * The indexer when an update fails as a whole: the other files of the batch still reach the
 * graph. The analysis runner is a stand-in whose update fails whenever one path is in it, as a
 * file that breaks analysis in a way the analyzer does not catch would.
 */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createMemoryEvents } from '../../server/events/memory-engine.ts';
import { createMemoryStore } from '../../server/graph/memory/memory-store.ts';
import type { AnalysisRunner } from '../../server/indexer/analysis-runner.ts';
import { createIndexer } from '../../server/indexer/indexer.ts';
import { capturedLogger } from '../helpers/log.ts';

const POISON = 'src/poison.ts';

/** Analyzes nothing at first; an update adds a FILE node per path, and fails with POISON among them. */
function runnerFailingOn(poison: string): AnalysisRunner & { updates: string[][] } {
  const updates: string[][] = [];
  return {
    updates,
    analyze: async () => ({ files: 0, nodes: 0, edges: 0, durationMs: 0, problems: [] }),
    async update(paths) {
      updates.push([...paths]);
      if (paths.includes(poison)) throw new Error('analysis failed on src/poison.ts');
      return {
        files: [...paths],
        changes: paths.map((path) => ({
          op: 'NODE_ADDED' as const,
          node: { key: path, kind: 'FILE' as const, props: { path } },
        })),
      };
    },
    verify: () => Promise.reject(new Error('no snapshot in this test')),
    layout: () => undefined,
    problems: () => [],
    close: async () => {},
  };
}

describe('indexer', () => {
  it('applies the other files of a batch whose update fails as a whole, and goes on', async () => {
    const store = createMemoryStore();
    const runner = runnerFailingOn(POISON);
    const indexer = createIndexer({
      runner,
      store,
      events: createMemoryEvents(),
      logger: pino({ level: 'silent' }),
    });
    indexer.start();
    await indexer.ready;

    await expect(indexer.reanalyze(['src/a.ts', POISON, 'src/b.ts'])).rejects.toThrow(
      'analysis failed on src/poison.ts',
    );
    const present = async (...keys: string[]) => (await store.getNodes(keys)).map((n) => n?.key);
    expect(await present('src/a.ts', 'src/b.ts', POISON)).toEqual(['src/a.ts', 'src/b.ts', undefined]);
    // The batch, then each of its paths alone.
    expect(runner.updates).toEqual([['src/a.ts', POISON, 'src/b.ts'], ['src/a.ts'], [POISON], ['src/b.ts']]);
    expect(indexer.status()).toMatchObject({ state: 'READY' });

    await expect(indexer.reanalyze(['src/c.ts'])).resolves.toMatchObject({ changes: 1 });
    expect(await present('src/c.ts')).toEqual(['src/c.ts']);
    await indexer.close();
  });

  it('marks the analysis FAILED when every path of a batch fails', async () => {
    const runner = runnerFailingOn(POISON);
    const indexer = createIndexer({
      runner,
      store: createMemoryStore(),
      events: createMemoryEvents(),
      logger: pino({ level: 'silent' }),
    });
    indexer.start();
    await indexer.ready;
    await expect(indexer.reanalyze([POISON])).rejects.toThrow('analysis failed on src/poison.ts');
    expect(indexer.status()).toMatchObject({ state: 'FAILED', message: 'analysis failed on src/poison.ts' });
    await indexer.close();
  });

  it('logs a configuration problem when an update brings it, once, and says when they are resolved', async () => {
    const runner = runnerFailingOn(POISON);
    // What the analyzer reports after each update, in turn.
    const reported = [
      ['tsconfig.json: Unknown compiler option'],
      ['tsconfig.json: Unknown compiler option'],
      [],
    ];
    let current: readonly string[] = [];
    const update = runner.update;
    runner.update = async (paths) => {
      const changeSet = await update(paths);
      current = reported.shift() ?? [];
      return changeSet;
    };
    runner.problems = () => current;
    const log = capturedLogger();
    const indexer = createIndexer({
      runner,
      store: createMemoryStore(),
      events: createMemoryEvents(),
      logger: log.logger,
    });
    indexer.start();
    await indexer.ready;
    const warnings = () => log.lines.filter((l) => l.includes('Unknown compiler option'));

    await indexer.reanalyze(['tsconfig.json']);
    expect(warnings()).toHaveLength(1);
    expect(JSON.parse(warnings()[0]!)).toMatchObject({
      level: 40,
      msg: 'tsconfig.json: Unknown compiler option',
    });
    await indexer.reanalyze(['src/a.ts']);
    expect(warnings()).toHaveLength(1);
    await indexer.reanalyze(['tsconfig.json']);
    expect(log.lines.filter((l) => l.includes('configuration problems resolved'))).toHaveLength(1);
    await indexer.close();
  });
});
