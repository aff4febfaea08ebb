import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../server/graph/memory/memory-store.ts';
import type { GraphStore } from '../../server/graph/port.ts';
import type { Change } from '../../server/model/index.ts';
import { DEPENDENCY_EDGES } from '../../server/model/index.ts';
import {
  findCallees,
  findCallers,
  findPath,
  folderGraph,
  getFile,
  impact,
  impactGraph,
  importCycles,
  neighbourhood,
  QueryInputError,
  searchSymbols,
} from '../../server/queries/index.ts';
import { edge, file, project, symbol } from '../graph/fixture.ts';

const keys = (nodes: readonly { key: string }[]) => nodes.map((n) => n.key);

describe('query functions over the store port', () => {
  let store: GraphStore;
  beforeAll(async () => {
    store = createMemoryStore();
    await store.apply(project);
  });

  it('walks callers and callees through one implementation, nearest first, leaving files out', async () => {
    expect(keys((await findCallers(store, 'src/b.ts#parse')).items)).toEqual([
      'src/a.ts#helper',
      'src/c.ts#parseAll',
    ]);
    expect(await findCallers(store, 'src/b.ts#parse', 2)).toMatchObject({ totalCount: 4, truncated: false });
    expect(keys((await findCallers(store, 'src/b.ts#parse', 2)).items)).toEqual([
      'src/a.ts#helper',
      'src/c.ts#parseAll',
      'lib/d.ts#reparse',
      'src/a.ts#main',
    ]);
    expect(keys((await findCallees(store, 'src/a.ts#main')).items)).toEqual([
      'src/a.ts#helper',
      'src/b.ts#Parser',
    ]);
  });

  it('refuses a depth out of bounds with a QueryInputError that says the bounds', async () => {
    await expect(findCallers(store, 'src/b.ts#parse', 11)).rejects.toThrow(
      new QueryInputError('depth must be 1..10, got 11'),
    );
    await expect(impact(store, [])).rejects.toThrow(QueryInputError);
    await expect(findPath(store, 'a', 'b', { maxDepth: 0 })).rejects.toThrow('maxDepth must be 1..15, got 0');
  });

  it('finds what depends on a symbol, with its depth', async () => {
    const found = await impact(store, ['src/c.ts#parseAll'], 2);
    expect(found.items.map((r) => `${r.depth} ${r.node.key}`)).toEqual(['1 lib/d.ts#reparse']);
    expect(found).toMatchObject({ totalCount: 1, truncated: false });
    const slice = await impactGraph(store, ['src/b.ts#parse'], { depth: 1, limit: 2 });
    expect(keys(slice.nodes)).toEqual(['src/b.ts#parse', 'src/a.ts#helper']);
    expect(slice.truncated).toBe(true);
    expect(slice.edgeTypes).toEqual(DEPENDENCY_EDGES);
    expect(slice.edges.map((e) => `${e.type} ${e.from} -> ${e.to}`)).toEqual([
      'CALLS src/a.ts#helper -> src/b.ts#parse',
    ]);
  });

  it('answers searches, files, cycles, paths and neighbourhoods as plain data', async () => {
    expect(keys((await searchSymbols(store, { query: 'parse', kinds: ['FUNCTION'] })).items)).toEqual([
      'src/b.ts#parse',
      'src/c.ts#parseAll',
      'lib/d.ts#reparse',
    ]);
    expect((await getFile(store, 'src/a.ts'))?.kind).toBe('FILE');
    expect(await getFile(store, 'src/a.ts#main')).toBeUndefined();
    expect((await importCycles(store)).map(keys)).toEqual([['lib/self.ts'], ['src/a.ts', 'src/b.ts']]);
    expect(keys((await findPath(store, 'lib/d.ts#reparse', 'src/b.ts#Parser.parse'))?.nodes ?? [])).toEqual([
      'lib/d.ts#reparse',
      'src/c.ts#parseAll',
      'src/b.ts#parse',
      'src/b.ts#Parser.parse',
    ]);
    expect(await neighbourhood(store, 'nowhere')).toBeUndefined();
    expect(
      keys((await neighbourhood(store, 'src/b.ts#Parser', { types: ['CONTAINS'] }))?.nodes ?? []),
    ).toEqual(['src/b.ts#Parser', 'src/b.ts', 'src/b.ts#Parser.parse']);
  });
});

describe('query bounds', () => {
  /** A target called by `callers` functions (and by the top-level code of one file). */
  async function busyStore(callers: number) {
    const busy = createMemoryStore();
    const changes: Change[] = [
      { op: 'NODE_ADDED', node: file('src/t.ts') },
      { op: 'NODE_ADDED', node: symbol('src/t.ts#target', 'FUNCTION') },
      { op: 'NODE_ADDED', node: file('src/0.ts') },
      { op: 'EDGE_ADDED', edge: edge('CALLS', 'src/0.ts', 'src/t.ts#target', { count: 1 }) },
    ];
    for (let i = 0; i < callers; i++) {
      const key = `src/c.ts#caller${String(i).padStart(4, '0')}`;
      changes.push({ op: 'NODE_ADDED', node: symbol(key, 'FUNCTION') });
      changes.push({ op: 'EDGE_ADDED', edge: edge('CALLS', key, 'src/t.ts#target', { count: 1 }) });
    }
    await busy.apply({ files: ['src/t.ts', 'src/0.ts', 'src/c.ts'], changes });
    return busy;
  }

  it('gives the nearest 1,000 callers, files (top-level code) taking no place among them, and says it cut', async () => {
    const callers = await findCallers(await busyStore(1_200), 'src/t.ts#target');
    expect(callers.items).toHaveLength(1_000);
    expect(callers.items.every((n) => n.kind === 'FUNCTION')).toBe(true);
    expect(callers).toMatchObject({ totalCount: 1_200, truncated: true });
  });

  it('says an answer of exactly 1,000 callers is whole, and 1,001 is not', async () => {
    expect(await findCallers(await busyStore(1_000), 'src/t.ts#target')).toMatchObject({
      totalCount: 1_000,
      truncated: false,
    });
    const over = await findCallers(await busyStore(1_001), 'src/t.ts#target');
    expect(over.items).toHaveLength(1_000);
    expect(over).toMatchObject({ totalCount: 1_001, truncated: true });
  });

  it('walks one level further when a level fills the 1,000 exactly, to tell whether more lie beyond', async () => {
    const busy = await busyStore(1_000);
    await busy.apply({
      files: ['src/far.ts'],
      changes: [
        { op: 'NODE_ADDED', node: symbol('src/far.ts#far', 'FUNCTION') },
        { op: 'EDGE_ADDED', edge: edge('CALLS', 'src/far.ts#far', 'src/c.ts#caller0000', { count: 1 }) },
      ],
    });
    expect(await findCallers(busy, 'src/t.ts#target', 1)).toMatchObject({
      totalCount: 1_000,
      truncated: false,
    });
    const deeper = await findCallers(busy, 'src/t.ts#target', 2);
    expect(deeper.items).toHaveLength(1_000);
    expect(deeper).toMatchObject({ totalCount: 1_001, truncated: true });
  });

  it('says when the store cut an impact at 1,000 nodes, and not when it holds them all', async () => {
    const over = await impact(await busyStore(1_001), ['src/t.ts#target'], 1);
    // The callers and the file whose top-level code calls it.
    expect(over.items).toHaveLength(1_000);
    expect(over).toMatchObject({ totalCount: 1_001, truncated: true });
    const whole = await impact(await busyStore(999), ['src/t.ts#target'], 1);
    expect(whole.items).toHaveLength(1_000);
    expect(whole).toMatchObject({ totalCount: 1_000, truncated: false });
  });

  it('counts a start key given twice once in an impact picture', async () => {
    const store = createMemoryStore();
    await store.apply(project);
    const once = await impactGraph(store, ['src/b.ts']);
    const twice = await impactGraph(store, ['src/b.ts', 'src/b.ts']);
    expect(keys(twice.nodes)).toEqual(keys(once.nodes));
    expect(new Set(keys(twice.nodes)).size).toBe(twice.nodes.length);
  });

  it('says an impact picture was cut when more depends on its keys than it holds', async () => {
    const store = createMemoryStore();
    await store.apply(project);
    const all = await impactGraph(store, ['src/b.ts#parse']);
    expect(all.truncated).toBe(false);
    const cut = await impactGraph(store, ['src/b.ts#parse'], { limit: 2 });
    expect(keys(cut.nodes)).toEqual(keys(all.nodes).slice(0, 2));
    expect(cut.truncated).toBe(true);
    const exact = await impactGraph(store, ['src/b.ts#parse'], { limit: all.nodes.length });
    expect(exact.truncated).toBe(false);
  });

  it('refuses a folder picture deeper than the store draws, as a QueryInputError', async () => {
    const store = createMemoryStore();
    await store.apply(project);
    await expect(folderGraph(store, { depth: 40 })).rejects.toThrow(QueryInputError);
    await expect(folderGraph(store, { depth: 40 })).rejects.toThrow('depth must be 1..32, got 40');
  });
});
