import { describe, expect, it } from 'vitest';
import {
  dependentsOfKeys,
  findAllNodes,
  getEdgesInBatches,
  getNodesInBatches,
} from '../../server/graph/batched-reads.ts';
import { createMemoryStore } from '../../server/graph/memory/memory-store.ts';
import { LIMITS } from '../../server/graph/port.ts';
import type { Change } from '../../server/model/index.ts';
import { edge, file, symbol } from './fixture.ts';

/** More files than one store call may name, each with a function that calls the first file's. */
async function bigStore() {
  const store = createMemoryStore();
  const count = LIMITS.batchKeys * 2 + 7;
  const paths = Array.from({ length: count }, (_, i) => `src/f${i}.ts`);
  const changes: Change[] = [];
  for (const path of paths) {
    changes.push({ op: 'NODE_ADDED', node: file(path) });
    changes.push({ op: 'NODE_ADDED', node: symbol(`${path}#run`, 'FUNCTION') });
    changes.push({ op: 'EDGE_ADDED', edge: edge('CALLS', `${path}#run`, 'src/f0.ts#run', { count: 1 }) });
    changes.push({ op: 'EDGE_ADDED', edge: edge('IMPORTS', path, 'src/f0.ts') });
  }
  await store.apply({ files: paths, changes });
  return { store, paths };
}

describe('reads in batches', () => {
  it('reads more keys than one store call takes, in the keys’ order', async () => {
    const { store, paths } = await bigStore();
    await expect(store.getNodes(paths)).rejects.toThrow(/at most/);
    const keys = [...paths].reverse().concat('src/missing.ts');
    const nodes = await getNodesInBatches(store, keys);
    expect(nodes).toHaveLength(keys.length);
    expect(nodes.map((n) => n?.key)).toEqual([...keys.slice(0, -1), undefined]);
  });

  it('gives each key its edges and its dependents across batches', async () => {
    const { store, paths } = await bigStore();
    const lists = await getEdgesInBatches(store, paths, { types: ['IMPORTS'], direction: 'OUT' });
    expect(lists.flat()).toHaveLength(paths.length);
    const last = paths.at(-1)!;
    const dependents = await dependentsOfKeys(store, ['src/f0.ts#run', `${last}#run`], ['CALLS']);
    expect(dependents.get('src/f0.ts#run')).toHaveLength(paths.length);
    expect(dependents.get(`${last}#run`)).toEqual([]);
  });

  it('finds every node a filter matches, past one page', async () => {
    const { store, paths } = await bigStore();
    const files = await findAllNodes(store, { kinds: ['FILE'] });
    expect(files.map((n) => n.key).sort()).toEqual([...paths].sort());
  });
});
