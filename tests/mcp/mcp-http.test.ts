/**
 * `/mcp` on `codenav serve`: MCP's Streamable HTTP transport, with sessions, the token and the
 * `Origin` check, tested with the SDK's own client over real sockets.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeCopies } from '../helpers/fixtures.ts';
import { closeMcpClients, connectHttp, postMcp } from '../helpers/mcp.ts';
import { rawRequest } from '../helpers/raw-http.ts';
import { startServer, stopServers, type TestServer } from '../helpers/server.ts';
import { checkEditNotified, checkToolCalls, checkToolList, mcpFixture } from './tool-cases.ts';

const TOKEN = 'mcp-test-token-0123456789';

/** The body of an `initialize` request, as a client sends it first. */
const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});

function post(url: string, headers: Record<string, string>, body = INITIALIZE): Promise<Response> {
  return postMcp(url, body, headers);
}

describe('MCP over Streamable HTTP at /mcp', () => {
  let dir: string;
  let server: TestServer;

  beforeAll(async () => {
    dir = mcpFixture();
    server = await startServer(dir, { watch: true });
    await server.app.watching;
  });

  afterAll(async () => {
    await closeMcpClients();
    await stopServers();
    removeCopies();
  });

  it('lists the ten tools, each with a described input schema', async () => {
    await checkToolList(await connectHttp(`${server.url}/mcp`));
  });

  it('answers each tool with the graph keys, and bad arguments with tool errors that leave the session open', async () => {
    await checkToolCalls(await connectHttp(`${server.url}/mcp`));
  });

  it('gives each client its own session, and forgets a session the client ends', async () => {
    const first = await connectHttp(`${server.url}/mcp`);
    const second = await connectHttp(`${server.url}/mcp`);
    const transport = first.client.transport as unknown as {
      sessionId?: string;
      terminateSession(): Promise<void>;
    };
    const sessionId = transport.sessionId!;
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect((second.client.transport as { sessionId?: string }).sessionId).not.toBe(sessionId);
    await transport.terminateSession();
    const ended = await post(
      `${server.url}/mcp`,
      { 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-06-18' },
      JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    );
    expect(ended.status).toBe(404);
    expect(((await ended.json()) as { error: { message: string } }).error.message).toMatch(
      /session not found/,
    );
    // The other session is untouched.
    expect((await second.call('search_symbols', { query: 'mul' })).isError).toBeFalsy();
  });

  it('answers a tools/call whose arguments are no object with -32602 and a sentence, and keeps the session', async () => {
    const opened = await post(`${server.url}/mcp`, {});
    const session = {
      'mcp-session-id': opened.headers.get('mcp-session-id')!,
      'mcp-protocol-version': '2025-06-18',
    };
    await opened.body?.cancel();
    const call = (id: number, params: unknown) =>
      post(
        `${server.url}/mcp`,
        session,
        JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params }),
      );
    const malformed = await call(2, { name: 'get_symbol', arguments: 'str' });
    // It was -32603, "internal error", with zod's issues as JSON.
    expect(await malformed.json()).toEqual({
      jsonrpc: '2.0',
      id: 2,
      error: {
        code: -32602,
        message:
          'Invalid params: params.arguments must be an object of the tool\'s arguments by name (e.g. {"key": "src/a.ts#f"}), got the string "str"',
      },
    });
    const fine = await call(3, { name: 'get_symbol', arguments: { key: 'src/math.ts#mul', maxLines: 0 } });
    expect(await fine.json()).toMatchObject({
      id: 3,
      result: { structuredContent: { symbol: { key: 'src/math.ts#mul' } } },
    });
  });

  it('refuses a request without a session that is not an initialize', async () => {
    const response = await fetch(`${server.url}/mcp`, { headers: { accept: 'text/event-stream' } });
    expect(response.status).toBe(400);
  });

  it('refuses a page of another origin (DNS rebinding, cross-site) and lets the server own origin in', async () => {
    const refused = await post(`${server.url}/mcp`, { origin: 'http://evil.example' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      error: { code: -32000, message: expect.stringMatching(/origin/) },
    });
    const own = await post(`${server.url}/mcp`, { origin: server.url });
    expect(own.status).toBe(200);
    expect(own.headers.get('mcp-session-id')).toBeTruthy();
    await own.body?.cancel();
  });

  it('refuses a Host that is not this server (DNS rebinding)', async () => {
    const response = await rawRequest(server.url, '/mcp', {
      method: 'POST',
      headers: {
        host: 'evil.example:4000',
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: INITIALIZE,
    });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({
      error: { message: expect.stringMatching(/DNS rebinding/) },
    });
  });

  it('tells a subscriber of codenav://revision about the revision a file edit makes', async () => {
    const mcp = await connectHttp(`${server.url}/mcp`);
    await mcp.untilAnalysed();
    await checkEditNotified(mcp, dir, 'src/calc.ts', 'half');
  });
});

describe('get_symbol on a file edited or deleted since its analysis (a server that does not watch)', () => {
  let dir: string;
  let server: TestServer;

  beforeAll(async () => {
    dir = mcpFixture();
    server = await startServer(dir);
  });

  afterAll(async () => {
    await closeMcpClients();
    await stopServers();
    removeCopies();
  });

  it('says first, in the text, that the lines shown may be other code, or that the file is gone', async () => {
    const mcp = await connectHttp(`${server.url}/mcp`);
    await mcp.untilAnalysed();
    const math = path.join(dir, 'src/math.ts');
    writeFileSync(math, `// one\n// two\n// three\n${readFileSync(math, 'utf8')}`);
    const edited = await mcp.call('get_symbol', { key: 'src/math.ts#mul' });
    // The text showed lines 5–7 as `mul` (now `add`'s end), with no word; only `source.matchesGraph` said it.
    expect(edited.text.split('\n')[0]).toMatch(
      /^Note: src\/math\.ts has changed since it was analyzed, and the graph does not show the change yet: the lines below are lines 5–7/,
    );
    expect(edited.structured).toMatchObject({
      fileState: 'CHANGED_SINCE_ANALYZED',
      source: { matchesGraph: false },
      analysis: { state: 'READY', complete: false },
    });
    rmSync(path.join(dir, 'src/calc.ts'));
    const gone = await mcp.call('get_symbol', { key: 'src/calc.ts#total' });
    expect(gone.text.split('\n')[0]).toMatch(/^Note: src\/calc\.ts can not be read now \(deleted, moved/);
    expect(gone.structured).toMatchObject({
      fileState: 'UNREADABLE',
      source: null,
      analysis: { complete: false },
    });
    // A file as analyzed: no note, complete.
    const same = await mcp.call('get_symbol', { key: 'src/app.ts#run' });
    expect(same.structured).toMatchObject({ fileState: 'ANALYZED', analysis: { complete: true } });
    expect(same.text).not.toContain('Note:');
  });
});

describe('/mcp on a server with a token', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer(mcpFixture(), { token: TOKEN, corsOrigins: ['https://agent.example'] });
  });

  afterAll(async () => {
    await closeMcpClients();
    await stopServers();
    removeCopies();
  });

  it('needs the token', async () => {
    const response = await post(`${server.url}/mcp`, {});
    expect(response.status).toBe(401);
    await expect(connectHttp(`${server.url}/mcp`)).rejects.toThrow();
    await expect(
      connectHttp(`${server.url}/mcp`, { authorization: 'Bearer wrong-token-0123456789' }),
    ).rejects.toThrow();
  });

  it('answers a client that sends it', async () => {
    const mcp = await connectHttp(`${server.url}/mcp`, { authorization: `Bearer ${TOKEN}` });
    const answer = await mcp.call('get_symbol', { key: 'src/math.ts#mul' });
    expect(answer.structured?.symbol).toMatchObject({ key: 'src/math.ts#mul', kind: 'FUNCTION' });
  });

  it('lets a page of an allowed origin in, with CORS headers that expose the session id', async () => {
    const preflight = await fetch(`${server.url}/mcp`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://agent.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, mcp-session-id',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://agent.example');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('mcp-session-id');
    const response = await post(`${server.url}/mcp`, {
      authorization: `Bearer ${TOKEN}`,
      origin: 'https://agent.example',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://agent.example');
    expect(response.headers.get('access-control-expose-headers')).toContain('mcp-session-id');
    await response.body?.cancel();
  });

  it('gives a page of another origin no CORS answer', async () => {
    const preflight = await fetch(`${server.url}/mcp`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});
