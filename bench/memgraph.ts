/**
 * Memgraph benchmark: the store benchmark's load and read mix (bench/store.ts) against the
 * Memgraph at MEMGRAPH_URI, after the same run on the memory store as the baseline, so anyone
 * with a Memgraph compares the two adapters in one command:
 *
 *   MEMGRAPH_URI=bolt://localhost:7687 npm run bench -- memgraph
 *   MEMGRAPH_URI=bolt://localhost:7687 npx tsx --expose-gc bench/memgraph.ts [graph.json]
 *
 * Without MEMGRAPH_URI it says so and exits 0. It writes the graph into Memgraph, so it
 * refuses a database that is not empty, and empties it again afterwards.
 */
import neo4j from 'neo4j-driver';
import { DELETE_EVERYTHING } from '../server/graph/memgraph/cypher.ts';
import { createMemgraphStore } from '../server/graph/memgraph/memgraph-store.ts';
import { benchStore, loadGraph, syntheticGraph } from './store.ts';

const uri = process.env.MEMGRAPH_URI;
if (!uri) {
  console.log(
    'memgraph: MEMGRAPH_URI is unset, so nothing was measured; set it to the bolt:// URI of an empty Memgraph (docker compose -f docker/compose.yaml up memgraph) to compare the two stores',
  );
  process.exit(0);
}
const user = process.env.MEMGRAPH_USER;
const password = process.env.MEMGRAPH_PASSWORD;

const path = process.argv[2];
const graph = path ? loadGraph(path) : syntheticGraph();
if (!path) console.log('no graph file given: using a synthetic graph');

await benchStore(graph, { name: 'memory store (baseline)' });

const store = createMemgraphStore({ uri, user, password });
try {
  // The first call waits for the connection (schema set up, storage mode checked).
  const before = await store.stats().catch((error: unknown) => {
    console.error(`memgraph: ${(error as Error).message}`);
    process.exit(1);
  });
  const nodes = Object.values(before.nodes).reduce((sum, n) => sum + n, 0);
  if (before.revision !== 0 || nodes > 0) {
    console.error(
      `memgraph: the database at ${uri} is not empty (revision ${before.revision}, ${nodes} nodes); the benchmark writes a whole graph into it, so point MEMGRAPH_URI at an empty Memgraph`,
    );
    process.exitCode = 1;
  } else {
    try {
      await benchStore(graph, { store, name: `memgraph at ${uri}` });
    } finally {
      await emptyDatabase();
    }
  }
} finally {
  await store.close();
}

/** Removes what the benchmark wrote (the database was empty before). */
async function emptyDatabase(): Promise<void> {
  const driver = neo4j.driver(uri!, neo4j.auth.basic(user ?? '', password ?? ''));
  const session = driver.session();
  try {
    await session.run(DELETE_EVERYTHING);
  } finally {
    await session.close();
    await driver.close();
  }
}
