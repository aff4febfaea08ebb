import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CODENAV_VERSION,
  decodeSnapshot,
  encodeSnapshot,
  readSnapshotFile,
  SnapshotError,
  writeSnapshot,
} from '../../server/durability/snapshot-file.ts';
import { createMemoryEvents } from '../../server/events/memory-engine.ts';
import type { RevisionEvent } from '../../server/events/port.ts';
import { removeCopies, tempDir } from '../helpers/fixtures.ts';

afterAll(removeCopies);

const CHILD = fileURLToPath(new URL('./snapshot-writer.child.ts', import.meta.url));

describe('the snapshot file', () => {
  it('round-trips the graph, its revision and its log', async () => {
    const snapshot = {
      root: '/r',
      revision: 12,
      nodes: [{ key: 'a.ts', kind: 'FILE' as const, props: { path: 'a.ts', lines: 3, tags: ['x'] } }],
      edges: [{ type: 'IMPORTS' as const, from: 'a.ts', to: 'a.ts', props: { names: ['b'] } }],
      log: [{ revision: 12, files: ['a.ts'], timestamp: 5, changes: [] }],
      layout: 'abc',
    };
    expect(decodeSnapshot(Buffer.concat(await encodeSnapshot(snapshot)), '/r')).toEqual({
      ...snapshot,
      writtenBy: CODENAV_VERSION,
    });
  });

  it('refuses a revision log that would restart or reorder the log it seeds', async () => {
    const event = (revision: number) => ({ revision, files: ['a.ts'], timestamp: 1, changes: [] });
    const problemOf = async (log: unknown[]) => {
      const bytes = Buffer.concat(
        await encodeSnapshot({ root: '/r', revision: 5, nodes: [], edges: [], log: log as RevisionEvent[] }),
      );
      try {
        return `kept ${decodeSnapshot(bytes, '/r').log.length}`;
      } catch (error) {
        return `${(error as SnapshotError).problem}: ${(error as Error).message}`;
      }
    };
    expect(await problemOf([event(4), event(5)])).toBe('kept 2');
    expect(await problemOf([event(5), event(9)])).toBe(
      'corrupted: its revision log holds revision 9 after 5, in a snapshot of revision 5',
    );
    expect(await problemOf([event(4), event(3)])).toBe(
      'corrupted: its revision log holds revision 3 after 4, in a snapshot of revision 5',
    );
    expect(await problemOf([event(4), { revision: 5 }])).toBe(
      'corrupted: its revision log holds something that is not a revision',
    );
    // Only the unbroken run up to the snapshot's revision can be replayed without a silent gap.
    expect(await problemOf([event(2), event(4), event(5)])).toBe('kept 2');
    expect(await problemOf([event(3), event(4)])).toBe('kept 0');
  });

  it('never writes a snapshot larger than a start reads: the previous one stays, and the refusal reads the same each time', async () => {
    const dir = tempDir('codenav-cache-');
    const file = path.join(dir, 'x.snapshot');
    const graph = (revision: number, count: number) => ({
      root: '/r',
      revision,
      nodes: Array.from({ length: count }, (_, i) => ({
        key: `f${i}.ts`,
        kind: 'FILE' as const,
        props: { path: `f${i}.ts`, lines: i },
      })),
      edges: [],
      log: [],
    });
    const limit = await writeSnapshot(file, graph(1, 10));
    // At the limit it is written, and read back.
    expect(decodeSnapshot(await readSnapshotFile(file, limit), '/r').revision).toBe(1);
    const refusals: unknown[] = [];
    for (const [revision, count] of [
      [2, 20],
      [3, 200],
    ] as const)
      refusals.push(
        await writeSnapshot(file, graph(revision, count), limit).catch((error: unknown) => error),
      );
    expect(refusals).toEqual([expect.any(SnapshotError), expect.any(SnapshotError)]);
    const [first, second] = refusals as SnapshotError[];
    expect(first!.problem).toBe('too-large');
    expect(second!.message).toBe(first!.message);
    expect(readdirSync(dir)).toEqual(['x.snapshot']);
    expect(decodeSnapshot(readFileSync(file), '/r').revision).toBe(1);
  });

  it('survives kill -9 in the middle of a write: the previous snapshot stays whole', async () => {
    const dir = tempDir('codenav-cache-');
    const file = path.join(dir, 'x.snapshot');
    let strays = 0;
    for (let round = 0; round < 3; round += 1) {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let written = 0;
      child.stdout.on('data', (chunk: Buffer) => {
        written = Number(/wrote (\d+)\n$/.exec(String(chunk))?.[1] ?? written);
      });
      // Killed as soon as a temporary file appears once a snapshot is there: in the middle of a write.
      const watcher = watch(dir, (_event, name) => {
        if (written >= 1 && String(name).endsWith('.tmp')) child.kill('SIGKILL');
      });
      await new Promise((resolve) => child.on('exit', resolve));
      watcher.close();
      strays += readdirSync(dir).filter((name) => name.endsWith('.tmp')).length > 0 ? 1 : 0;
      const snapshot = decodeSnapshot(readFileSync(file), '/synthetic');
      expect(snapshot.revision).toBeGreaterThanOrEqual(written);
      expect(snapshot.nodes).toHaveLength(20_000);
    }
    // At least one kill landed while a temporary file was being written.
    expect(strays).toBeGreaterThan(0);
    // The killed writers' temporary files are removed by the next write, and so are those of
    // its lock and its revision mark, and only those of processes that are gone.
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    for (const name of [`${gone}.revision`, `${gone}.0a1b2c3d4e5f6a7b`, `${process.pid}.revision`])
      writeFileSync(`${file}.${name}.tmp`, 'x');
    await writeSnapshot(file, { root: '/synthetic', revision: 99, nodes: [], edges: [], log: [] });
    expect(readdirSync(dir).sort()).toEqual([`x.snapshot`, `x.snapshot.${process.pid}.revision.tmp`]);
  }, 60_000);
});

describe('the revision log after a restart (memory events with history)', () => {
  const event = (revision: number): RevisionEvent => ({
    revision,
    files: [`f${revision}.ts`],
    timestamp: 1,
    changes: [],
  });
  const collect = async (events: ReturnType<typeof createMemoryEvents>, since: number, count: number) => {
    const got: number[] = [];
    for await (const e of events.subscribe({ since })) {
      got.push(e.revision);
      if (got.length === count) break;
    }
    return got;
  };

  it('replays the revisions the snapshot kept, then continues without reusing a number', async () => {
    const events = createMemoryEvents({ history: { revision: 10, events: [event(9), event(10)] } });
    expect(await events.latestRevision()).toBe(10);
    const resumed = collect(events, 8, 3);
    const current = collect(events, 10, 1);
    await events.publish(event(11));
    expect(await resumed).toEqual([9, 10, 11]);
    expect(await current).toEqual([11]);
  });

  it('says REVISION_EXPIRED for a client further behind than the kept revisions, never a silent gap', async () => {
    const kept = createMemoryEvents({ history: { revision: 10, events: [event(9), event(10)] } });
    await expect(collect(kept, 5, 1)).rejects.toMatchObject({ code: 'REVISION_EXPIRED' });
    const none = createMemoryEvents({ history: { revision: 10, events: [] } });
    await expect(collect(none, 7, 1)).rejects.toMatchObject({ code: 'REVISION_EXPIRED' });
    // From a revision ahead of the log (another history): REVISION_EXPIRED as well.
    await expect(collect(none, 12, 1)).rejects.toMatchObject({ code: 'REVISION_EXPIRED' });
    const waiting = collect(none, 10, 1);
    await none.publish(event(11));
    expect(await waiting).toEqual([11]);
  });
});
