/**
 * The Memgraph adapter on a fake connection: each statement answers one row holding exactly
 * the columns its RETURN clause names, so a column the adapter reads but the statement does
 * not return (a renamed alias) fails here, without a server.
 */
import { Record as Neo4jRecord, Node, Path, PathSegment, Relationship } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { decodeCursor } from '../../server/graph/cursor.ts';
import * as cypher from '../../server/graph/memgraph/cypher.ts';
import type { MemgraphConnection } from '../../server/graph/memgraph/memgraph-connection.ts';
import { createMemgraphStore } from '../../server/graph/memgraph/memgraph-store.ts';
import { adding, edge, symbol } from './fixture.ts';

const f = new Node(1, ['CodeNode', 'FUNCTION'], {
  key: 'src/a.ts#f',
  kind: 'FUNCTION',
  name: 'f',
  path: 'src/a.ts',
});
const g = new Node(2, ['CodeNode', 'FUNCTION'], {
  key: 'src/a.ts#g',
  kind: 'FUNCTION',
  name: 'g',
  path: 'src/a.ts',
});
const calls = new Relationship(7, 1, 2, 'CALLS', { count: 1 });

/** A value for every column name a statement returns. */
const VALUES: Readonly<Record<string, unknown>> = {
  node: f,
  edge: calls,
  path: new Path(f, g, [new PathSegment(f, calls, g)]),
  key: 'src/a.ts#f',
  otherKey: 'src/a.ts#g',
  source: 'src/a.ts',
  target: 'src/b.ts',
  total: 3,
  tier: 1,
  length: 5,
  depth: 2,
  revision: 7,
  kind: 'FUNCTION',
  type: 'CALLS',
};

/** The column names of a statement's RETURN clause (aliases, or the bare variables). */
function columnsOf(text: string): string[] {
  const at = text.lastIndexOf('RETURN ');
  if (at === -1) return [];
  const items = text.slice(at + 'RETURN '.length).split(/\n(?:ORDER BY|LIMIT)/)[0]!;
  return items.split(',').map((item) => /\bAS\s+(\w+)\s*$/.exec(item.trim())?.[1] ?? item.trim());
}

interface Ran {
  readonly mode: 'read' | 'write';
  readonly text: string;
}

function fakeConnection(rowsFor: (text: string) => boolean = () => true) {
  const ran: Ran[] = [];
  const tx = (mode: Ran['mode']) => ({
    async run(text: string) {
      ran.push({ mode, text });
      const columns = columnsOf(text);
      if (columns.length === 0 || !rowsFor(text)) return { records: [] };
      const values = columns.map((column) => {
        if (!(column in VALUES)) throw new Error(`the fake has no value for column ${column}`);
        return VALUES[column];
      });
      return { records: [new Neo4jRecord(columns, values)] };
    },
  });
  const connection = {
    uri: 'bolt://fake:7687',
    health: () => ({ state: 'ready' as const }),
    read: (work: (t: never) => Promise<unknown>) => work(tx('read') as never),
    write: (work: (t: never) => Promise<unknown>) => work(tx('write') as never),
    close: async () => {},
  } as unknown as MemgraphConnection;
  return { ran, store: createMemgraphStore({ uri: connection.uri }, connection) };
}

const fNode = { key: 'src/a.ts#f', kind: 'FUNCTION', props: { name: 'f', path: 'src/a.ts' } };
const gNode = { key: 'src/a.ts#g', kind: 'FUNCTION', props: { name: 'g', path: 'src/a.ts' } };
const fCallsG = edge('CALLS', 'src/a.ts#f', 'src/a.ts#g', { count: 1 });

describe('the Memgraph store reading its statements’ rows', () => {
  it('applies a change set in one write transaction and returns the revision Memgraph counted', async () => {
    const { ran, store } = fakeConnection((text) => text === cypher.NEXT_REVISION);
    const revision = await store.apply(adding([symbol('src/a.ts#f', 'FUNCTION')], []));
    expect(revision).toBe(7);
    expect(ran.map((r) => r.mode)).toEqual(['write', 'write']);
    expect(ran[0]?.text).toBe(cypher.NEXT_REVISION);
  });

  it('aborts the change set with the keys the endpoint check returns', async () => {
    const { store } = fakeConnection(
      (text) => text === cypher.NEXT_REVISION || text === cypher.MISSING_NODES,
    );
    const changeSet = adding([symbol('src/a.ts#g', 'FUNCTION')], [edge('CALLS', 'src/a.ts#f', 'src/a.ts#g')]);
    await expect(store.apply(changeSet)).rejects.toMatchObject({
      code: 'INVALID_CHANGE_SET',
      message: expect.stringContaining('src/a.ts#f'),
    });
  });

  it('reads nodes back without their stored key and kind properties, in input order', async () => {
    const { ran, store } = fakeConnection();
    expect(await store.getNodes(['missing', 'src/a.ts#f'])).toEqual([undefined, fNode]);
    expect(await store.revision()).toBe(7);
    expect(ran.every((r) => r.mode === 'read')).toBe(true);
  });

  it('reads edges with their ends in both directions', async () => {
    const { store } = fakeConnection();
    expect(await store.getEdges(['src/a.ts#f'], { direction: 'OUT' })).toEqual([[fCallsG]]);
    expect(await store.getEdges(['src/a.ts#f'], { direction: 'IN' })).toEqual([
      [edge('CALLS', 'src/a.ts#g', 'src/a.ts#f', { count: 1 })],
    ]);
    expect((await store.getEdges(['src/a.ts#f'], { direction: 'BOTH' }))[0]).toHaveLength(2);
  });

  it('reads search pages with their rank into cursors, and the total', async () => {
    const { store } = fakeConnection();
    const page = await store.findNodes({ text: 'f' }, { first: 1 });
    expect(page).toMatchObject({ items: [fNode], totalCount: 3, hasNextPage: false });
    expect(decodeCursor(page.cursors[0])).toEqual({ tier: 1, length: 5, key: 'src/a.ts#f' });
    const unused = await store.unusedExports({ pathPrefix: 'src/' }, { first: 1 });
    expect(unused).toMatchObject({ items: [fNode], totalCount: 3, hasNextPage: false });
  });

  it('reads traversals, paths, import edges and counts', async () => {
    const { store } = fakeConnection();
    expect(await store.traverse(['src/a.ts#g'], { direction: 'IN', maxDepth: 2 })).toEqual([
      { node: fNode, depth: 2 },
    ]);
    expect(await store.shortestPath('src/a.ts#f', 'src/a.ts#g')).toEqual({
      nodes: [fNode, gNode],
      edges: [fCallsG],
    });
    expect(await store.importCycles()).toEqual([]);
    const stats = await store.stats();
    expect(stats.revision).toBe(7);
    expect(stats.nodes.FUNCTION).toBe(3);
    expect(stats.edges.CALLS).toBe(3);
    expect(stats.nodes.CLASS).toBe(0);
  });
});
