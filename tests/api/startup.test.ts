/**
 * Start-up: the HTTP server listens before the GraphQL server has loaded; what arrives at
 * `/graphql` (and `/mcp`) meanwhile waits for it (bounded), and `/` says how to build a missing web UI.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryEvents } from '../../server/events/memory-engine.ts';
import { createMemoryStore } from '../../server/graph/memory/memory-store.ts';
import { createCodenavYoga } from '../../server/http/create-yoga.ts';
import { type RunningServer, startHttpServer } from '../../server/http/http-server.ts';
import { createPathGuard } from '../../server/http/path-guard.ts';
import { createRequestGuard } from '../../server/http/request-guard.ts';
import { fixturePath, removeCopies, tempDir } from '../helpers/fixtures.ts';
import { capturedLogger } from '../helpers/log.ts';
import { subscribeWs } from '../helpers/subscriptions.ts';

const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  removeCopies();
});

async function startUnloaded(options: { graphqlWaitMs?: number; clientDir?: string } = {}) {
  const { logger, until: logged } = capturedLogger();
  const events = createMemoryEvents();
  const server = await startHttpServer({
    logger,
    host: '127.0.0.1',
    port: 0,
    graphql: true,
    clientDir: options.clientDir ?? tempDir(),
    readiness: () => ({ ready: true, components: {} }),
    graphqlWaitMs: options.graphqlWaitMs,
    guard: createRequestGuard({
      logger,
      hosts: { enabled: true, allowedHosts: [] },
      corsOrigins: [],
      publicRead: false,
    }),
  });
  servers.push(server);
  const load = () =>
    server.serveGraphql(
      createCodenavYoga({
        services: {
          store: createMemoryStore(),
          events,
          analysis: () => ({ state: 'READY', phase: 'READY', filesDone: 0, filesTotal: 0, durationMs: 0 }),
          checkPath: createPathGuard(fixturePath('incremental')),
        },
        logger,
        corsOrigins: [],
      }),
    );
  return { server, events, logged, load };
}

const statsQuery = (url: string) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ stats { files } }' }),
  });

describe('start-up', () => {
  it('answers a /graphql request that arrived before the GraphQL server loaded, once it has', async () => {
    const { server, logged, load } = await startUnloaded();
    const early = statsQuery(server.url);
    await logged('a /graphql request waits for the GraphQL server');
    await load();
    const response = await early;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { stats: { files: 0 } } });
  });

  it('subscribes a WebSocket that connected before the GraphQL server loaded, once it has', async () => {
    const { server, events, logged, load } = await startUnloaded();
    await events.publishProgress({
      state: 'READY',
      phase: 'READY',
      filesDone: 5,
      filesTotal: 5,
      durationMs: 9,
    });
    const progress = subscribeWs<{ state: string; filesDone: number }>(
      server.url,
      {},
      'subscription { analysisProgress { state filesDone } }',
    );
    await logged('a WebSocket waits for the GraphQL server');
    await load();
    expect(await progress.until((items) => items.length > 0)).toEqual([{ state: 'READY', filesDone: 5 }]);
    await progress.close();
  });

  it('gives up on a GraphQL server that does not load in time with a 503 to retry', async () => {
    const { server } = await startUnloaded({ graphqlWaitMs: 50 });
    const response = await statsQuery(server.url);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
  });

  it('answers an /mcp request that arrived before the MCP server loaded once it has, or a JSON-RPC 503', async () => {
    const { server, logged } = await startUnloaded();
    const initialize = () =>
      fetch(`${server.url}/mcp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: '{}',
      });
    // It was a 503 at once, its body `{ "error": "starting: …" }`, which MCP clients do not read.
    const early = initialize();
    await logged('an /mcp request waits for the MCP server to load');
    server.serveMcp((_request, response) => void response.writeHead(200).end('served'));
    expect(await (await early).text()).toBe('served');

    const { server: slow } = await startUnloaded({ graphqlWaitMs: 50 });
    const refused = await fetch(`${slow.url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: '{}',
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toEqual({
      jsonrpc: '2.0',
      error: { code: -32000, message: 'starting: try again in a moment' },
      id: null,
    });
  });

  it('names the command that builds the web UI when it is missing', async () => {
    const { server } = await startUnloaded({ clientDir: tempDir() });
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(
      /The web UI is not built\. In the codenav clone, build it with <code>npm run build<\/code>/,
    );
  });
});
