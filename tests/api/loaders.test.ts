import { describe, expect, it } from 'vitest';
import { loaderOf } from '../../schema/code-node.ts';
import { createLoaders, type SchemaContext } from '../../schema/context.ts';
import { createMemoryStore } from '../../server/graph/memory/memory-store.ts';
import { type GraphStore, GraphStoreError, LIMITS } from '../../server/graph/port.ts';
import type { Change } from '../../server/model/index.ts';
import { file } from '../graph/fixture.ts';
import { countingStore } from '../helpers/counting-store.ts';

async function withFiles(store: GraphStore, count: number): Promise<string[]> {
  const paths = Array.from({ length: count }, (_, i) => `src/f${i}.ts`);
  const changes: Change[] = paths.map((p) => ({ op: 'NODE_ADDED', node: file(p) }));
  await store.apply({ files: paths, changes });
  return paths;
}

describe("a request's loaders", () => {
  it('split a tick of more keys than one store call takes instead of failing the query', async () => {
    const { store, calls } = countingStore();
    const paths = await withFiles(store, LIMITS.batchKeys + 1_000);
    calls.length = 0;
    const { batched } = createLoaders(store);
    const [first, second] = await Promise.all([
      batched.getNodes(paths.slice(0, 3_000)),
      batched.getNodes(paths.slice(3_000)),
    ]);
    expect([...first, ...second].map((n) => n?.key)).toEqual(paths);
    expect(calls).toEqual(['getNodes', 'getNodes']);
  });

  it('do not read again the nodes a search or a walk returned', async () => {
    const { store, calls } = countingStore();
    await withFiles(store, 5);
    const { batched } = createLoaders(store);
    calls.length = 0;
    const page = await batched.findNodes({ kinds: ['FILE'] }, { first: 5 });
    const again = await batched.getNodes(page.items.map((n) => n.key));
    expect(again).toEqual(page.items);
    expect(calls).toEqual(['findNodes']);
  });

  it('give node(id) the store\'s failure, not "no such node"', async () => {
    const store = createMemoryStore();
    const failing = Object.assign(Object.create(store) as GraphStore, {
      getNodes: async () => {
        throw new GraphStoreError('STORE_UNAVAILABLE', 'the store is down');
      },
    });
    const ctx = { loaders: createLoaders(failing) } as unknown as SchemaContext;
    await expect(loaderOf('FILE')(['src/a.ts'], ctx)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });
});
