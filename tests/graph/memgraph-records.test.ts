/**
 * The Memgraph adapter on a fake connection: each statement answers one row holding exactly
 * the columns its RETURN clause names, so a column the adapter reads but the statement does
 * not return (a renamed alias) fails here, without a server.
 */
import neo4j, { Record as Neo4jRecord, Node, Path, PathSegment, Relationship } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { decodeCursor, END, encodeCursor, START } from '../../server/graph/cursor.ts';
import * as cypher from '../../server/graph/memgraph/cypher.ts';
import type { MemgraphConnection } from '../../server/graph/memgraph/memgraph-connection.ts';
import { createMemgraphStore } from '../../server/graph/memgraph/memgraph-store.ts';
import { adding, edge, symbol } from './fixture.ts';

/** Stored nodes carry the reserved properties beside their own (`neo4j-values.ts`). */
const stored = (key: string, name: string) =>
  new Node(1, ['CodeNode', 'FUNCTION'], {
    key,
    kind: 'FUNCTION',
    file: 'src/a.ts',
    nameLower: name.toLowerCase(),
    nameLength: name.length,
    name,
    path: 'src/a.ts',
  });
const f = stored('src/a.ts#f', 'f');
const g = stored('src/a.ts#g', 'g');
const long = stored('src/a.ts#Stuff', 'Stuff');
const calls = new Relationship(7, 1, 2, 'CALLS', { count: 1 });

/** A value for every column name a statement returns. */
const VALUES: Readonly<Record<string, unknown>> = {
  node: f,
  edge: calls,
  path: new Path(f, g, [new PathSegment(f, calls, g)]),
  key: 'src/a.ts#f',
  otherKey: 'src/a.ts#g',
  importer: 'src/b.ts',
  source: 'src/a.ts',
  target: 'src/b.ts',
  total: 3,
  tier: 1,
  length: 5,
  depth: 2,
  revision: 7,
  kind: 'FUNCTION',
  type: 'CALLS',
  page: [long],
  entries: ['src/index.ts'],
  reached: ['src/all.ts'],
  nodePath: 'src/',
  files: 4,
  imports: 2,
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
  readonly params: Readonly<Record<string, unknown>>;
}

function fakeConnection(
  rowsFor: (text: string) => boolean = () => true,
  values: Readonly<Record<string, unknown>> | ((text: string) => Readonly<Record<string, unknown>>) = {},
) {
  const ran: Ran[] = [];
  const tx = (mode: Ran['mode']) => ({
    async run(text: string, params: Readonly<Record<string, unknown>> = {}) {
      ran.push({ mode, text, params });
      const columns = columnsOf(text);
      if (columns.length === 0 || !rowsFor(text)) return { records: [] };
      const own = typeof values === 'function' ? values(text) : values;
      const row = columns.map((column) => {
        if (!(column in VALUES)) throw new Error(`the fake has no value for column ${column}`);
        return column in own ? own[column] : VALUES[column];
      });
      return { records: [new Neo4jRecord(columns, row)] };
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
const longNode = { key: 'src/a.ts#Stuff', kind: 'FUNCTION', props: { name: 'Stuff', path: 'src/a.ts' } };
const fCallsG = edge('CALLS', 'src/a.ts#f', 'src/a.ts#g', { count: 1 });

describe('the Memgraph store reading its statements’ rows', () => {
  it('applies a change set in one write transaction and returns the revision Memgraph counted', async () => {
    const { ran, store } = fakeConnection((text) => text === cypher.NEXT_REVISION);
    const revision = await store.apply(adding([symbol('src/a.ts#f', 'FUNCTION')], []));
    expect(revision).toBe(7);
    expect(ran.map((r) => r.mode)).toEqual(['write', 'write']);
    expect(ran[0]?.text).toBe(cypher.NEXT_REVISION);
  });

  it('creates edges on the first change set (revision 1) and merges them on later ones', async () => {
    const changeSet = adding(
      [symbol('src/a.ts#f', 'FUNCTION'), symbol('src/a.ts#g', 'FUNCTION')],
      [edge('CALLS', 'src/a.ts#f', 'src/a.ts#g')],
    );
    const first = fakeConnection((text) => text === cypher.NEXT_REVISION, { revision: 1 });
    expect(await first.store.apply(changeSet)).toBe(1);
    expect(first.ran.at(-1)?.text).toBe(cypher.createEdgesText('CALLS'));
    const later = fakeConnection((text) => text === cypher.NEXT_REVISION, { revision: 2 });
    expect(await later.store.apply(changeSet)).toBe(2);
    expect(later.ran.at(-1)?.text).toBe(cypher.upsertEdgesText('CALLS'));
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

  it('reads nodes back without the reserved properties stored beside theirs, in input order', async () => {
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

  it('searches prefixes by index, then counts and collects substring matches in the same scan', async () => {
    const { ran, store } = fakeConnection();
    const page = await store.findNodes({ text: 'F' }, { first: 2 });
    expect(ran.map((r) => r.text)).toEqual([
      cypher.searchByPrefix(
        { text: 'f', kinds: undefined, pathPrefix: undefined, exported: undefined },
        START,
        3,
      ).text,
      cypher.countWithSubstrings(
        { text: 'f', kinds: undefined, pathPrefix: undefined, exported: undefined },
        START,
        2,
      ).text,
    ]);
    expect(ran[1]?.params.limit).toEqual(neo4j.int(2));
    expect(page).toMatchObject({ items: [fNode, longNode], totalCount: 3, hasNextPage: false });
    // Substring matches rank by the stored JavaScript length of their lowercased name.
    expect(page.cursors.map((cursor) => decodeCursor(cursor))).toEqual([
      { tier: 1, length: 5, key: 'src/a.ts#f' },
      { tier: 2, length: 5, key: 'src/a.ts#Stuff' },
    ]);
  });

  it('ranks the substring matches of a query with a `.` by their stored qualified names, read back without them', async () => {
    const member = new Node(3, ['CodeNode', 'METHOD'], {
      key: 'src/o.ts#Legacy.Orders.place',
      kind: 'METHOD',
      file: 'src/o.ts',
      nameLower: 'place',
      nameLength: 5,
      qualifiedLower: 'legacy.orders.place',
      qualifiedLength: 19,
      name: 'place',
      path: 'src/o.ts',
    });
    const { ran, store } = fakeConnection((text) => !text.includes('STARTS WITH $text\n'), {
      page: [member],
    });
    const page = await store.findNodes({ text: 'Orders.place' }, { first: 5 });
    expect(ran.map((r) => r.text.includes('node.qualifiedLower'))).toEqual([true, true]);
    expect(page.items).toEqual([
      { key: 'src/o.ts#Legacy.Orders.place', kind: 'METHOD', props: { name: 'place', path: 'src/o.ts' } },
    ]);
    expect(page.cursors.map((cursor) => decodeCursor(cursor))).toEqual([
      { tier: 2, length: 19, key: 'src/o.ts#Legacy.Orders.place' },
    ]);
  });

  it('searches backward from the last item: substring tier and count first, then the prefix tiers, the page turned around', async () => {
    const { ran, store } = fakeConnection();
    const page = await store.findNodes({ text: 'F' }, { last: 2 });
    const filter = { text: 'f', kinds: undefined, pathPrefix: undefined, exported: undefined };
    expect(ran.map((r) => r.text)).toEqual([
      cypher.countWithSubstrings(filter, END, 3, true).text,
      cypher.searchByPrefix(filter, END, 2, true).text,
    ]);
    expect(ran[0]?.params.beforeTier).toEqual(neo4j.int(END.tier));
    expect(page).toEqual({
      items: [fNode, longNode],
      cursors: page.cursors,
      totalCount: 3,
      hasNextPage: false,
      hasPreviousPage: false,
    });
    expect(page.cursors.map((cursor) => decodeCursor(cursor))).toEqual([
      { tier: 1, length: 5, key: 'src/a.ts#f' },
      { tier: 2, length: 5, key: 'src/a.ts#Stuff' },
    ]);
    // Before a prefix-tier cursor the substring tier is not read: the count is a statement of its own.
    const earlier = fakeConnection();
    await earlier.store.findNodes({ text: 'F' }, { last: 1, before: page.cursors[0] });
    expect(earlier.ran.map((r) => r.text)).toEqual([
      cypher.searchByPrefix(filter, { tier: 1, length: 5, key: 'src/a.ts#f' }, 2, true).text,
      cypher.countMatches(filter).text,
    ]);
  });

  it('lists and reads unused exports backward before a key, the page in key order', async () => {
    const { ran, store } = fakeConnection();
    const listed = await store.findNodes(
      { kinds: ['FUNCTION'] },
      { last: 1, before: encodeCursor({ tier: 0, length: 0, key: 'src/b.ts' }) },
    );
    expect(ran[0]?.params).toMatchObject({ beforeKey: 'src/b.ts', limit: neo4j.int(2) });
    expect(ran[0]?.text).toContain('ORDER BY node.key DESC');
    expect(listed).toMatchObject({
      items: [fNode],
      totalCount: 3,
      hasPreviousPage: false,
      hasNextPage: false,
    });
    const unused = fakeConnection();
    const page = await unused.store.unusedExports({}, { last: 1 });
    expect(unused.ran.at(-1)?.params).toEqual({
      entries: ['src/index.ts'],
      exposing: ['src/index.ts', 'src/all.ts'],
      limit: neo4j.int(2),
    });
    expect(page).toMatchObject({ items: [longNode], totalCount: 3, hasPreviousPage: false });
  });

  it('only counts when exact and prefix matches fill the page', async () => {
    const { ran, store } = fakeConnection();
    const page = await store.findNodes({ text: 'f' }, { first: 0 });
    expect(ran.map((r) => r.text.includes('RETURN count(node) AS total'))).toEqual([false, true]);
    expect(page).toEqual({
      items: [],
      cursors: [],
      totalCount: 3,
      hasNextPage: true,
      hasPreviousPage: false,
    });
  });

  it('lists without text in key order from the cursor, and counts', async () => {
    const { ran, store } = fakeConnection();
    const page = await store.findNodes({ kinds: ['FUNCTION'] }, { first: 1 });
    expect(ran.map((r) => r.params.afterKey ?? null)).toEqual(['', null]);
    expect(page).toMatchObject({ items: [fNode], totalCount: 3, hasNextPage: false });
    expect(decodeCursor(page.cursors[0])).toEqual({ tier: 0, length: 0, key: 'src/a.ts#f' });
  });

  it("reads unused exports and their total from one statement, after the public API's files in the same transaction", async () => {
    const { ran, store } = fakeConnection();
    const unused = await store.unusedExports({ pathPrefix: 'src/' }, { first: 0 });
    expect(ran.map((r) => [r.mode, r.text === cypher.PUBLIC_API_FILES])).toEqual([
      ['read', true],
      ['read', false],
    ]);
    expect(ran[1]?.params).toMatchObject({
      entries: ['src/index.ts'],
      exposing: ['src/index.ts', 'src/all.ts'],
    });
    expect(unused).toMatchObject({ items: [], totalCount: 3, hasNextPage: true });
    expect((await store.unusedExports({}, { first: 5 })).items).toEqual([longNode]);
    ran.length = 0;
    await store.unusedExports({ includePublicApi: true }, { first: 5 });
    expect(ran).toHaveLength(1);
    expect(ran[0]?.params).not.toHaveProperty('entries');
  });

  it('traverses level by level, skipping nodes seen, and stops at the depth or the limit', async () => {
    const { ran, store } = fakeConnection();
    // Each level answers f; once seen, nothing new is reached and the walk ends.
    expect(await store.traverse(['src/a.ts#g'], { direction: 'IN', maxDepth: 3 })).toEqual([
      { node: fNode, depth: 1 },
    ]);
    expect(ran.map((r) => [r.params.frontier, r.params.seen])).toEqual([
      [['src/a.ts#g'], ['src/a.ts#g']],
      [['src/a.ts#f'], ['src/a.ts#g', 'src/a.ts#f']],
    ]);
    expect(ran[0]?.params.limit).toEqual(neo4j.int(1000));
    const limited = fakeConnection();
    expect(
      await limited.store.traverse(['src/a.ts#g', 'x'], { direction: 'OUT', maxDepth: 3, limit: 1 }),
    ).toHaveLength(1);
    expect(limited.ran).toHaveLength(1);
  });

  it('traverses with importsByName by a second statement per level, merged in key order, cut at the limit', async () => {
    // Both statements of a level answer f: reached once.
    const { ran, store } = fakeConnection();
    const options = {
      direction: 'IN',
      types: ['CALLS', 'IMPORTS'],
      maxDepth: 1,
      importsByName: true,
    } as const;
    expect(await store.traverse(['src/a.ts#g'], options)).toEqual([{ node: fNode, depth: 1 }]);
    expect(ran.map((r) => r.text)).toEqual([
      cypher.traverseLevel(['src/a.ts#g'], ['src/a.ts#g'], options, 1000).text,
      cypher.importersByNameLevel(['src/a.ts#g'], ['src/a.ts#g'], 1000).text,
    ]);
    // The edges' level answers f, the importers' a (first in key order): the limit keeps a.
    const a = stored('src/a.ts#a', 'a');
    const merged = fakeConnection(
      () => true,
      (text) => (text.includes('imports:IMPORTS') ? { node: a } : {}),
    );
    expect((await merged.store.traverse(['x'], { ...options, limit: 1 })).map((r) => r.node.key)).toEqual([
      'src/a.ts#a',
    ]);
    // Cut in Memgraph's order (code points), in which each statement kept its first: U+FF21
    // before U+1F600, although its UTF-16 unit (FF21) is above the surrogate's (D83D).
    const [wide, astral] = [stored('src/\uff21.ts', 'A'), stored('src/😀.ts', 'smile')];
    const astralLast = fakeConnection(
      () => true,
      (text) => ({ node: text.includes('imports:IMPORTS') ? astral : wide }),
    );
    expect((await astralLast.store.traverse(['x'], { ...options, limit: 1 })).map((r) => r.node.key)).toEqual(
      ['src/\uff21.ts'],
    );
    // Without importsByName, one statement per level.
    const plain = fakeConnection();
    expect(await plain.store.traverse(['x'], { ...options, importsByName: false })).toHaveLength(1);
    expect(plain.ran).toHaveLength(1);
  });

  it('reads importers by name per key, in input order, sorted, none for a key without rows', async () => {
    const { ran, store } = fakeConnection();
    expect(await store.importersByName(['src/a.ts#f', 'missing', 'src/a.ts#f'])).toEqual([
      ['src/b.ts'],
      [],
      ['src/b.ts'],
    ]);
    expect(ran.map((r) => r.params)).toEqual([{ keys: ['src/a.ts#f', 'missing'] }]);
    expect(await store.importersByName([])).toEqual([]);
    expect(ran).toHaveLength(1);
  });

  it('reads the folder graph’s nodes and edges by their column names, in one read transaction', async () => {
    // The fake answers one row per statement: node src/ with 4 files, and an edge src/ → src/.
    const { ran, store } = fakeConnection(() => true, { source: 'src/', target: 'src/' });
    expect(await store.folderGraph({ expanded: ['lib'] })).toEqual({
      nodes: [{ path: 'src/', folder: true, files: 4 }],
      edges: [{ from: 'src/', to: 'src/', imports: 2 }],
      truncated: false,
    });
    expect(ran.map((r) => [r.mode, r.params.expanded])).toEqual([
      ['read', ['lib/']],
      ['read', ['lib/']],
    ]);
  });

  it('reads paths, import edges and counts', async () => {
    const { store } = fakeConnection();
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
