import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { decodeSnapshot, encodeSnapshot } from '../../server/durability/snapshot-file.ts';
import { createSnapshotKeeper } from '../../server/durability/snapshot-keeper.ts';
import { createMemoryEvents } from '../../server/events/memory-engine.ts';
import { createMemoryStore } from '../../server/graph/memory/memory-store.ts';
import type { ChangeSet } from '../../server/model/index.ts';
import { removeCopies, tempDir } from '../helpers/fixtures.ts';
import { capturedLogger } from '../helpers/log.ts';

/** Counts the snapshot encoder's runs (each packs with one new msgpackr Packr), and tells when one starts. */
const encoder = vi.hoisted(() => ({ runs: 0, started: undefined as (() => void) | undefined }));

vi.mock('msgpackr', async (importOriginal) => {
  const actual = await importOriginal<typeof import('msgpackr')>();
  class Packr extends actual.Packr {
    constructor(...options: ConstructorParameters<typeof actual.Packr>) {
      super(...options);
      encoder.runs += 1;
      encoder.started?.();
    }
  }
  return { ...actual, Packr };
});

afterAll(removeCopies);

const files = (from: number, count: number, op: 'NODE_ADDED' | 'NODE_REMOVED'): ChangeSet => ({
  files: [],
  changes: Array.from({ length: count }, (_, i) => {
    const key = `src/f${from + i}.ts`;
    return op === 'NODE_ADDED'
      ? { op, node: { key, kind: 'FILE' as const, props: { path: key, lines: from + i } } }
      : { op, key, kind: 'FILE' as const };
  }),
});

describe('the snapshot keeper', () => {
  it('packs a graph too large for a snapshot once, not again while it stays too large, and writes it once it fits again', async () => {
    const file = path.join(tempDir('codenav-cache-'), 'x.snapshot');
    const store = createMemoryStore();
    await store.apply(files(0, 100, 'NODE_ADDED'));
    // A snapshot may take twice what this graph of 100 files packs to: 300 files do not fit.
    const size = (await encodeSnapshot({ root: '/r', ...store.capture(), log: [] })).reduce(
      (sum, part) => sum + part.length,
      0,
    );
    const log = capturedLogger();
    const keeper = createSnapshotKeeper({
      file,
      root: '/r',
      store,
      events: createMemoryEvents(),
      logger: log.logger,
      settled: () => true,
      layout: () => 'layout',
      maxBytes: 2 * size,
    });
    /** Settles until the keeper logs `text`; resolves with how many times it packed meanwhile. */
    const settle = async (text: string) => {
      const runs = encoder.runs;
      keeper.schedule(0);
      await log.until(text);
      return encoder.runs - runs;
    };
    /** Settles at `revision`, which is not to be packed: resolves once the keeper says so, or starts packing. */
    const settleUnpacked = async (revision: number) => {
      const runs = encoder.runs;
      keeper.schedule(0);
      await Promise.race([
        log.until(`"revision":${revision},`),
        new Promise<void>((resolve) => {
          encoder.started = resolve;
        }),
      ]);
      encoder.started = undefined;
      return encoder.runs - runs;
    };
    const warnings = () => log.lines.filter((line) => line.includes('"level":40')).length;
    try {
      expect(await settle('"revision":1,')).toBe(1);
      expect(decodeSnapshot(readFileSync(file), '/r').revision).toBe(1);

      await store.apply(files(100, 200, 'NODE_ADDED'));
      expect(await settle('cannot write the snapshot')).toBe(1);
      expect(warnings()).toBe(1);

      // Still too large (a little larger, then a little smaller): not packed again, no new warning.
      await store.apply(files(300, 20, 'NODE_ADDED'));
      expect(await settleUnpacked(3)).toBe(0);
      await store.apply(files(310, 10, 'NODE_REMOVED'));
      expect(await settleUnpacked(4)).toBe(0);
      expect(warnings()).toBe(1);
      expect(decodeSnapshot(readFileSync(file), '/r').revision).toBe(1);

      // Back under the limit: written again.
      await store.apply(files(100, 170, 'NODE_REMOVED'));
      expect(await settle('"revision":5,')).toBe(1);
      expect(decodeSnapshot(readFileSync(file), '/r')).toMatchObject({ revision: 5 });
      expect(decodeSnapshot(readFileSync(file), '/r').nodes).toHaveLength(140);
      expect(warnings()).toBe(1);
    } finally {
      await keeper.close();
    }
  });
});
