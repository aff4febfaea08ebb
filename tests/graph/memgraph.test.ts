/**
 * The store contract against a real Memgraph, whenever MEMGRAPH_URI is set:
 *   docker compose -f docker/compose.yaml up memgraph
 *   MEMGRAPH_URI=bolt://localhost:7687 npm test
 * Each test starts from an empty database.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, describe } from 'vitest';
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
});
