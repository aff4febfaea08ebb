/**
 * The session bounds of `/mcp` (server/mcp/mcp-http-handler.ts) on a real socket: a cap on open
 * sessions and the end of idle ones.
 */
import { type ClientRequest, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryEvents } from '../../server/events/memory-engine.ts';
import { createMemoryStore } from '../../server/graph/memory/memory-store.ts';
import { createMcpFront, type McpFront, type McpHttpHandler } from '../../server/mcp/index.ts';
import { postMcp } from '../helpers/mcp.ts';

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});

const open: { server: Server; front: McpFront }[] = [];
afterEach(async () => {
  for (const { server, front } of open.splice(0)) {
    await front.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(limits: { maxSessions?: number; idleMs?: number; giveWayAfterMs?: number }) {
  const front = createMcpFront({
    services: {
      store: createMemoryStore(),
      events: createMemoryEvents(),
      analysis: () => ({ state: 'READY', phase: 'DONE', filesDone: 0, filesTotal: 0 }),
      checkPath: (path) => ({ path }),
    },
    logger: pino({ level: 'silent' }),
    version: '0.0.0-test',
  });
  const handler: McpHttpHandler = front.httpHandler(limits);
  let requests = 0;
  const server = createServer((request, response) => {
    requests += 1;
    handler.handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push({ server, front });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
  const post = (body: string, headers: Record<string, string> = {}) => postMcp(url, body, headers);
  return { handler, post, url, requests: () => requests };
}

/** A POST whose headers go now and whose body goes when `send` is called. */
function slowPost(url: string, body: string): { send(): void; answer: Promise<number> } {
  let request!: ClientRequest;
  const answer = new Promise<number>((resolve, reject) => {
    request = httpRequest(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'content-length': Buffer.byteLength(body),
      },
    });
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.flushHeaders();
  });
  return { send: () => request.end(body), answer };
}

describe('MCP sessions over HTTP', () => {
  it('refuses a session beyond the cap with a 503, and takes one again once a session ends', async () => {
    const { handler, post } = await serve({ maxSessions: 1 });
    const first = await post(INITIALIZE);
    expect(first.status).toBe(200);
    const id = first.headers.get('mcp-session-id')!;
    await first.body?.cancel();

    const second = await post(INITIALIZE);
    expect(second.status).toBe(503);
    expect(((await second.json()) as { error: { message: string } }).error.message).toMatch(
      /too many MCP sessions/,
    );

    const ended = await fetch(second.url, {
      method: 'DELETE',
      headers: { 'mcp-session-id': id, 'mcp-protocol-version': '2025-06-18' },
    });
    expect(ended.status).toBe(200);
    expect(handler.sessions).toBe(0);
    const third = await post(INITIALIZE);
    expect(third.status).toBe(200);
    await third.body?.cancel();
  });

  it('lets a new session in when every place is held by sessions idle over the give-way time: the one idle longest ends', async () => {
    const { handler, post } = await serve({ maxSessions: 2, giveWayAfterMs: 50 });
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const opened = await post(INITIALIZE);
      expect(opened.status).toBe(200);
      ids.push(opened.headers.get('mcp-session-id')!);
      await opened.body?.cancel();
    }
    // Before, a 503 for the whole idle time (30 minutes) once a flood of initialize requests held every place.
    await expect
      .poll(
        async () => {
          const next = await post(INITIALIZE);
          await next.body?.cancel();
          return next.status;
        },
        { timeout: 5000, interval: 20 },
      )
      .toBe(200);
    expect(handler.sessions).toBe(2);
    const list = (id: string) =>
      post(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }), {
        'mcp-session-id': id,
        'mcp-protocol-version': '2025-06-18',
      });
    // The first, idle longest, gave way: its client starts over; the second goes on.
    expect((await list(ids[0]!)).status).toBe(404);
    const second = await list(ids[1]!);
    expect(second.status).toBe(200);
    await second.body?.cancel();
  });

  it('gives way only to an initialize: other requests without a session leave idle sessions alone', async () => {
    const { handler, post } = await serve({ maxSessions: 1, giveWayAfterMs: 50 });
    const opened = await post(INITIALIZE);
    const id = opened.headers.get('mcp-session-id')!;
    await opened.body?.cancel();
    const idleSince = Date.now();
    await expect.poll(() => Date.now() - idleSince, { interval: 20 }).toBeGreaterThan(100);
    // Not JSON, and a request that is no initialize: refused, and before, each ended the session.
    for (const body of ['not json', JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' })]) {
      const refused = await post(body);
      expect(refused.status).toBe(400);
      await refused.body?.cancel();
    }
    expect(handler.sessions).toBe(1);
    const listed = await post(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }), {
      'mcp-session-id': id,
      'mcp-protocol-version': '2025-06-18',
    });
    expect(listed.status).toBe(200);
    await listed.body?.cancel();
  });

  it('holds the cap against initialize requests that arrive together and send their bodies late', async () => {
    const { handler, url, requests } = await serve({ maxSessions: 2 });
    const posts = Array.from({ length: 12 }, () => slowPost(url, INITIALIZE));
    // Every request has passed the cap's check before any body (and so any session) exists.
    await expect.poll(requests, { timeout: 5000, interval: 10 }).toBe(12);
    for (const post of posts) post.send();
    const statuses = (await Promise.all(posts.map((post) => post.answer))).sort();
    expect(statuses).toEqual([200, 200, ...Array<number>(10).fill(503)]);
    expect(handler.sessions).toBe(2);
  });

  it('refuses a message nested 200,000 deep with a JSON-RPC error of its own, telling nothing of the server’s insides', async () => {
    const { post } = await serve({});
    const first = await post(INITIALIZE);
    const id = first.headers.get('mcp-session-id')!;
    await first.body?.cancel();
    const session = { 'mcp-session-id': id, 'mcp-protocol-version': '2025-06-18' };
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    for (const message of [
      `{"jsonrpc":"2.0","id":7,"result":{"x":${deep}}}`,
      `{"jsonrpc":"2.0","id":8,"method":"tools/list","params":{"_meta":{"x":${deep}}}}`,
    ]) {
      const answer = await post(message, session);
      expect(answer.status).toBe(400);
      const body = (await answer.json()) as { error: { code: number; message: string; data?: unknown } };
      expect(body.error).toEqual({
        code: -32600,
        message: 'Invalid Request: the message nests more than 64 levels deep',
      });
    }
    // The session goes on.
    const list = await post(JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }), session);
    expect(list.status).toBe(200);
    expect(((await list.json()) as { result: { tools: unknown[] } }).result.tools).toHaveLength(10);
  });

  it('ends a session that has had no request for its idle time', async () => {
    const { handler, post } = await serve({ idleMs: 50 });
    const first = await post(INITIALIZE);
    const id = first.headers.get('mcp-session-id')!;
    await first.body?.cancel();
    expect(handler.sessions).toBe(1);
    // The sweep runs every idleMs: wait for it to close the session.
    await expect.poll(() => handler.sessions, { timeout: 5000, interval: 20 }).toBe(0);
    const late = await post(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }), {
      'mcp-session-id': id,
      'mcp-protocol-version': '2025-06-18',
    });
    expect(late.status).toBe(404);
  });
});
