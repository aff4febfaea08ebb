import { describe, expect, it } from 'vitest';
import {
  appendNotice,
  appendRevision,
  createEventLog,
  type EventLog,
  type RevisionEntry,
} from '../../client/src/live/event-log.ts';
import type { GraphChange, RevisionEvent } from '../../client/src/live/revision.ts';

const revision = (n: number, changes: GraphChange[] = []): RevisionEvent => ({
  revision: n,
  files: [`src/f${n}.ts`],
  timestamp: 1000 + n,
  changes,
});

const node = (key: string, op: GraphChange['op'] = 'NODE_ADDED'): GraphChange => ({
  op,
  key,
  kind: 'FUNCTION',
  properties: { name: key, signature: 'x'.repeat(1000) },
});
const edge = (from: string, to: string, op: GraphChange['op'] = 'EDGE_ADDED'): GraphChange => ({
  op,
  key: `CALLS:${from}->${to}`,
  kind: 'CALLS',
  from,
  to,
});

describe('event log', () => {
  it('keeps entries newest first', () => {
    let log = createEventLog();
    for (let n = 1; n <= 3; n++) log = appendRevision(log, revision(n));
    expect(log.entries.map((e) => (e as RevisionEntry).revision)).toEqual([3, 2, 1]);
  });

  it('drops the oldest entries beyond the cap and counts them', () => {
    let log: EventLog = createEventLog();
    const limits = { maxEntries: 5, maxChangesPerEntry: 10 };
    for (let n = 1; n <= 12; n++) log = appendRevision(log, revision(n), limits);
    expect(log.entries).toHaveLength(5);
    expect(log.entries.map((e) => (e as RevisionEntry).revision)).toEqual([12, 11, 10, 9, 8]);
    expect(log.dropped).toBe(7);
  });

  it('gives every entry a distinct id, even after dropping', () => {
    let log = createEventLog();
    const limits = { maxEntries: 3, maxChangesPerEntry: 10 };
    for (let n = 1; n <= 6; n++) log = appendRevision(log, revision(n), limits);
    log = appendNotice(log, 'hello', 'info', limits, 5);
    const ids = log.entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe(7);
  });

  it('keeps at most maxChangesPerEntry changes, nodes first, and counts all of them', () => {
    const changes = [
      edge('a', 'b'),
      edge('b', 'c', 'EDGE_REMOVED'),
      node('a'),
      node('b', 'NODE_UPDATED'),
      node('c', 'NODE_REMOVED'),
    ];
    const log = appendRevision(createEventLog(), revision(1, changes), {
      maxEntries: 10,
      maxChangesPerEntry: 3,
    });
    const entry = log.entries[0] as RevisionEntry;
    expect(entry.changes.map((c) => c.key)).toEqual(['a', 'b', 'c']);
    expect(entry.omittedChanges).toBe(2);
    expect(entry.counts).toEqual({
      nodesAdded: 1,
      nodesUpdated: 1,
      nodesRemoved: 1,
      edgesAdded: 1,
      edgesRemoved: 1,
    });
  });

  it('keeps the semantic changes, breaking ones first, capped like the changes', () => {
    const semantic = (kind: string, key: string, breaking: boolean) => ({
      kind,
      key,
      breaking,
      affected: breaking ? ['src/calc.ts#total'] : [],
      message: `${kind} ${key}`,
      before: 'a long signature',
    });
    const log = appendRevision(
      createEventLog(),
      {
        ...revision(1, [node('src/math.ts#plus')]),
        semantic: [
          semantic('SYMBOL_ADDED', 'src/math.ts#sub', false),
          semantic('SYMBOL_RENAMED', 'src/math.ts#plus', true),
          semantic('EXPORT_ADDED', 'src/math.ts#helper', false),
        ],
      },
      { maxEntries: 10, maxChangesPerEntry: 2 },
    );
    const entry = log.entries[0] as RevisionEntry;
    expect(entry.semantic.map((c) => [c.message, c.breaking])).toEqual([
      ['SYMBOL_RENAMED src/math.ts#plus', true],
      ['SYMBOL_ADDED src/math.ts#sub', false],
    ]);
    expect(entry.omittedSemantic).toBe(1);
    expect(entry.semantic[0]).not.toHaveProperty('before');
  });

  it('logs a revision from a server without semantic changes with none', () => {
    const log = appendRevision(createEventLog(), revision(1, [node('a')]));
    expect(log.entries[0]).toMatchObject({ semantic: [], omittedSemantic: 0 });
  });

  it('does not keep change properties (they can be large)', () => {
    const log = appendRevision(createEventLog(), revision(1, [node('a')]));
    expect((log.entries[0] as RevisionEntry).changes[0]).not.toHaveProperty('properties');
  });

  it('caps notices together with revisions', () => {
    let log = createEventLog();
    const limits = { maxEntries: 2, maxChangesPerEntry: 10 };
    log = appendRevision(log, revision(1), limits);
    log = appendNotice(log, 'reconnected', 'warning', limits, 42);
    log = appendRevision(log, revision(2), limits);
    expect(log.entries.map((e) => e.type)).toEqual(['revision', 'notice']);
    expect(log.entries[1]).toMatchObject({ message: 'reconnected', level: 'warning', timestamp: 42 });
    expect(log.dropped).toBe(1);
  });

  it('leaves the previous log untouched (immutable appends)', () => {
    const before = appendRevision(createEventLog(), revision(1));
    const after = appendRevision(before, revision(2));
    expect(before.entries).toHaveLength(1);
    expect(after.entries).toHaveLength(2);
  });
});
