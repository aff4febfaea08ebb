import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../server/graph/memory/memory-store.ts';
import type { GraphStore } from '../../server/graph/port.ts';
import { DEPENDENCY_EDGES } from '../../server/model/index.ts';
import {
  findCallees,
  findCallers,
  findPath,
  getFile,
  impact,
  impactGraph,
  importCycles,
  neighbourhood,
  QueryInputError,
  searchSymbols,
} from '../../server/queries/index.ts';
import { project } from '../graph/fixture.ts';

const keys = (nodes: readonly { key: string }[]) => nodes.map((n) => n.key);

describe('query functions over the store port', () => {
  let store: GraphStore;
  beforeAll(async () => {
    store = createMemoryStore();
    await store.apply(project);
  });

  it('walks callers and callees through one implementation, nearest first, leaving files out', async () => {
    expect(keys(await findCallers(store, 'src/b.ts#parse'))).toEqual([
      'src/a.ts#helper',
      'src/c.ts#parseAll',
    ]);
    expect(keys(await findCallers(store, 'src/b.ts#parse', 2))).toEqual([
      'src/a.ts#helper',
      'src/c.ts#parseAll',
      'lib/d.ts#reparse',
      'src/a.ts#main',
    ]);
    expect(keys(await findCallees(store, 'src/a.ts#main'))).toEqual(['src/a.ts#helper', 'src/b.ts#Parser']);
  });

  it('refuses a depth out of bounds with a QueryInputError that says the bounds', async () => {
    await expect(findCallers(store, 'src/b.ts#parse', 11)).rejects.toThrow(
      new QueryInputError('depth must be 1..10, got 11'),
    );
    await expect(impact(store, [])).rejects.toThrow(QueryInputError);
    await expect(findPath(store, 'a', 'b', { maxDepth: 0 })).rejects.toThrow('maxDepth must be 1..15, got 0');
  });

  it('finds what depends on a symbol, with its depth', async () => {
    expect((await impact(store, ['src/c.ts#parseAll'], 2)).map((r) => `${r.depth} ${r.node.key}`)).toEqual([
      '1 lib/d.ts#reparse',
    ]);
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
