/**
 * A server for the API benchmark, in its own process: `codenav` over a store preloaded with a
 * graph file (no analysis running), or a bare Yoga answering `{ __typename }`. Prints its URL.
 *
 *   npx tsx bench/api-server.ts codenav graph.json [root] [clientDir] | npx tsx bench/api-server.ts bare
 *
 * `root` is the analyzed folder the graph came from (source text is read there; default: the
 * current folder), `clientDir` a built web UI to serve (default: client/dist).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';
import pino from 'pino';
import { createApp } from '../server/app.ts';
import { serveConfig } from '../server/config.ts';
import { createMemoryStore } from '../server/graph/memory/memory-store.ts';
import type { GraphEdge, GraphNode } from '../server/model/index.ts';

const [kind, graphFile, root, clientDir] = process.argv.slice(2);

if (kind === 'bare') {
  const yoga = createYoga({
    schema: createSchema({ typeDefs: 'type Query { hello: String }' }),
    logging: false,
  });
  const server = createServer(yoga);
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
  });
} else {
  const graph = JSON.parse(readFileSync(graphFile!, 'utf8')) as { nodes: GraphNode[]; edges: GraphEdge[] };
  const store = createMemoryStore();
  await store.apply({
    files: [],
    changes: [
      ...graph.nodes.map((node) => ({ op: 'NODE_ADDED' as const, node })),
      ...graph.edges.map((edge) => ({ op: 'EDGE_ADDED' as const, edge })),
    ],
  });
  // No indexer (role api): the graph is already in the store, and nothing else competes for the CPU.
  const app = await createApp(
    serveConfig(root ?? process.cwd(), { port: 0, watch: false, role: 'api', logLevel: 'silent' }),
    {
      store,
      logger: pino({ level: 'silent' }),
      ...(clientDir ? { clientDir } : {}),
    },
  );
  const running = await app.start();
  process.stdout.write(`${running.url}\n`);
}
