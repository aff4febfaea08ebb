/**
 * The store contract against a real Memgraph, whenever MEMGRAPH_URI is set:
 *   docker compose -f docker/compose.yaml up memgraph
 *   MEMGRAPH_URI=bolt://localhost:7687 npm test
 * Each test starts from an empty database.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { DELETE_EVERYTHING } from '../../server/graph/memgraph/cypher.ts';
import { createMemgraphStore } from '../../server/graph/memgraph/memgraph-store.ts';
import { describeGraphStoreContract } from './contract.ts';

const uri = process.env.MEMGRAPH_URI;
if (!uri)
  console.warn(
    'Memgraph contract suite did not run: MEMGRAPH_URI is unset (see tests/graph/memgraph.test.ts)',
  );

describe.skipIf(!uri)('Memgraph at MEMGRAPH_URI', () => {
  let driver: Driver | undefined;

  afterAll(async () => {
    await driver?.close();
  });

  describeGraphStoreContract('memgraph', {
    async create() {
      driver ??= neo4j.driver(
        uri!,
        neo4j.auth.basic(process.env.MEMGRAPH_USER ?? '', process.env.MEMGRAPH_PASSWORD ?? ''),
      );
      const session = driver.session();
      try {
        await session.run(DELETE_EVERYTHING);
      } finally {
        await session.close();
      }
      return createMemgraphStore({
        uri: uri!,
        user: process.env.MEMGRAPH_USER,
        password: process.env.MEMGRAPH_PASSWORD,
      });
    },
    destroy: (store) => store.close(),
  });

  // What the indexer's start reads and writes (server/durability/memgraph-start.ts).
  it('reads back what was applied, and raises the revision without ever lowering it', async () => {
    const driver = neo4j.driver(
      uri!,
      neo4j.auth.basic(process.env.MEMGRAPH_USER ?? '', process.env.MEMGRAPH_PASSWORD ?? ''),
    );
    const session = driver.session();
    await session.run(DELETE_EVERYTHING).finally(() => session.close());
    await driver.close();
    const store = createMemgraphStore({
      uri: uri!,
      user: process.env.MEMGRAPH_USER,
      password: process.env.MEMGRAPH_PASSWORD,
    });
    try {
      await store.apply({
        files: ['a.ts'],
        changes: [
          { op: 'NODE_ADDED', node: { key: 'a.ts', kind: 'FILE', props: { path: 'a.ts', hash: 'h1' } } },
          { op: 'NODE_ADDED', node: { key: 'a.ts#f', kind: 'FUNCTION', props: { name: 'f' } } },
          { op: 'EDGE_ADDED', edge: { type: 'CONTAINS', from: 'a.ts', to: 'a.ts#f', props: {} } },
        ],
      });
      const graph = await store.readGraph();
      expect(graph.revision).toBe(1);
      expect(graph.nodes.map((n) => n.key).sort()).toEqual(['a.ts', 'a.ts#f']);
      expect(graph.nodes.find((n) => n.key === 'a.ts')!.props).toEqual({ path: 'a.ts', hash: 'h1' });
      expect(graph.edges).toEqual([{ type: 'CONTAINS', from: 'a.ts', to: 'a.ts#f', props: {} }]);
      expect(await store.raiseRevision(5)).toBe(5);
      expect(await store.raiseRevision(2)).toBe(5);
      expect(await store.apply({ files: [], changes: [] })).toBe(6);
    } finally {
      await store.close();
    }
  });
});
