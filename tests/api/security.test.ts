/**
 * The attacks a local web server invites (cross-site WebSocket hijacking, DNS rebinding,
 * cross-site requests, guessing the token), tried as an attacker would, against real servers on loopback: each
 * is refused, while GraphiQL, the browser UI's requests and non-browser clients still work.
 */
import { createClient } from 'graphql-ws';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { copyFixture, fixturePath, removeCopies, tempDir, writeFiles } from '../helpers/fixtures.ts';
import { capturedLogger } from '../helpers/log.ts';
import { openWebSocket, RawSession, rawRequest } from '../helpers/raw-http.ts';
import { errorCodes, startServer, stopServers } from '../helpers/server.ts';

afterAll(async () => {
  await stopServers();
  removeCopies();
});

const TOKEN = 'a-test-token-of-24-chars';
const STATS = JSON.stringify({ query: '{ stats { files } }' });

/** The answer of a graphql-ws client (no Origin: not a browser) to `{ stats { files } }`. */
function statsOverWebSocket(url: string, connectionParams?: Record<string, unknown>): Promise<unknown> {
  const client = createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    ...(connectionParams ? { connectionParams } : {}),
  });
  return new Promise((resolve) => {
    client.subscribe(
      { query: '{ stats { files } }' },
      {
        next: resolve,
        error: (error) => resolve({ error: (error as { code?: number }).code ?? String(error) }),
        complete: () => {},
      },
    );
  }).finally(() => client.dispose());
}

describe('cross-site WebSocket hijacking', () => {
  it('refuses a WebSocket from another site’s page at the upgrade with 403, and logs the origin once', async () => {
    const { logger, lines } = capturedLogger();
    const server = await startServer(fixturePath('incremental'), {}, { logger });
    for (let attempt = 0; attempt < 2; attempt++) {
      const handshake = await openWebSocket(server.url, { origin: 'https://evil.example' });
      expect(handshake).toMatchObject({ open: false, status: 403 });
      expect(handshake.open ? '' : handshake.body).toMatch(/--cors-origin/);
    }
    expect(lines.filter((line) => line.includes('https://evil.example'))).toHaveLength(1);
  });

  it('accepts the server’s own pages, the configured origins, and clients that send no Origin', async () => {
    const server = await startServer(fixturePath('incremental'), { corsOrigins: ['https://ui.example'] });
    const host = new URL(server.url).host;
    for (const origin of [`http://${host}`, 'https://ui.example']) {
      const handshake = await openWebSocket(server.url, { origin });
      expect(handshake.open, origin).toBe(true);
      if (!handshake.open) continue;
      const session = new RawSession(handshake.socket);
      expect(await session.init()).toBe('ack');
      handshake.socket.close();
    }
    expect(await statsOverWebSocket(server.url)).toEqual({ data: { stats: { files: 5 } } });
  });
});

describe('DNS rebinding', () => {
  it('answers a request for another host name with 403 naming --allowed-hosts, over HTTP and WebSocket', async () => {
    const server = await startServer(fixturePath('incremental'));
    const port = new URL(server.url).port;
    const post = await rawRequest(server.url, '/graphql', {
      method: 'POST',
      headers: { host: `evil.example:${port}`, 'content-type': 'application/json' },
      body: STATS,
    });
    expect(post.status).toBe(403);
    expect(post.body).toMatch(/--allowed-hosts/);
    expect(post.body).not.toContain('"files"');
    expect((await rawRequest(server.url, '/', { headers: { host: `evil.example:${port}` } })).status).toBe(
      403,
    );
    const upgrade = await openWebSocket(server.url, {
      host: `evil.example:${port}`,
      origin: `http://evil.example:${port}`,
    });
    expect(upgrade).toMatchObject({ open: false, status: 403 });
  });

  it('serves loopback names, IP addresses and the names given with --allowed-hosts', async () => {
    const server = await startServer(fixturePath('incremental'), {
      allowedHosts: ['codenav.test', '.dev.test'],
    });
    const port = new URL(server.url).port;
    for (const host of [
      'localhost',
      `localhost:${port}`,
      `127.0.0.1:${port}`,
      `[::1]:${port}`,
      'app.localhost',
      'codenav.test',
      `api.dev.test:${port}`,
    ]) {
      const response = await rawRequest(server.url, '/graphql', {
        method: 'POST',
        headers: { host, 'content-type': 'application/json' },
        body: STATS,
      });
      expect(response.status, host).toBe(200);
      expect(JSON.parse(response.body)).toEqual({ data: { stats: { files: 5 } } });
    }
    const other = await rawRequest(server.url, '/healthz', {
      headers: { host: 'codenav.test.evil.example' },
    });
    expect(other.status).toBe(403);
  });

  it('refuses odd spellings of another host and of another origin on every endpoint, and serves loopback spelled oddly', async () => {
    const server = await startServer(fixturePath('incremental'));
    const port = new URL(server.url).port;
    const endpoints: [string, string, Record<string, string>, string?][] = [
      ['GET', '/healthz', {}],
      ['GET', '/readyz', {}],
      ['GET', '/', {}],
      ['GET', '/assets/x.js', {}],
      ['GET', `/graphql?query=${encodeURIComponent('{ stats { files } }')}`, {}],
      ['GET', '/graphql', { accept: 'text/html' }],
      ['POST', '/graphql', { 'content-type': 'application/json' }, STATS],
      [
        'GET',
        '/graphql?query=subscription%7BanalysisProgress%7Bstate%7D%7D',
        { accept: 'text/event-stream' },
      ],
      [
        'POST',
        '/mcp',
        { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        '{}',
      ],
    ];
    for (const host of [
      `EVIL.EXAMPLE:${port}`,
      `evil.example.:${port}`,
      `localhost.evil.example:${port}`,
      `127.0.0.1.nip.io:${port}`,
      `evil.example:${port}, localhost`,
    ]) {
      for (const [method, path, headers, body] of endpoints) {
        const response = await rawRequest(server.url, path, { method, headers: { ...headers, host }, body });
        expect(response.status, `${method} ${path} Host: ${host}`).toBe(403);
        expect(response.body).not.toContain('"files"');
        // An MCP client reads a JSON-RPC error (it was a line of text).
        if (path === '/mcp')
          expect(JSON.parse(response.body)).toEqual({
            jsonrpc: '2.0',
            error: {
              code: -32000,
              message: expect.stringContaining('DNS rebinding protection'),
              data: { code: 'FORBIDDEN' },
            },
            id: null,
          });
      }
      // The refusal quotes the Host: as text, never as HTML (ws's own label).
      expect(await openWebSocket(server.url, { host }), host).toMatchObject({
        open: false,
        status: 403,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
      });
    }
    for (const host of [
      `LOCALHOST:${port}`,
      `localhost.:${port}`,
      `[::1]:${port}`,
      `[::ffff:127.0.0.1]:${port}`,
    ]) {
      const response = await rawRequest(server.url, '/graphql', {
        method: 'POST',
        headers: { host, 'content-type': 'application/json' },
        body: STATS,
      });
      expect(response.status, host).toBe(200);
    }
    // Pages of other origins, however spelled (a sandboxed frame says "null"), open no WebSocket nor MCP session.
    const host = `localhost:${port}`;
    for (const origin of [
      'null',
      `http://localhost:${Number(port) + 1}`,
      `http://127.0.0.1:${port}`,
      `file://`,
      `http://${host}.evil.example`,
    ]) {
      expect(await openWebSocket(server.url, { host, origin }), origin).toMatchObject({
        open: false,
        status: 403,
      });
      const mcp = await rawRequest(server.url, '/mcp', {
        method: 'POST',
        headers: {
          host,
          origin,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: '{}',
      });
      expect(mcp.status, origin).toBe(403);
      // A JSON-RPC error, as an MCP client reads it (it was a GraphQL `errors` body).
      expect(JSON.parse(mcp.body), origin).toEqual({
        jsonrpc: '2.0',
        error: {
          code: -32000,
          message: 'this origin may not use /mcp: allow it with --cors-origin',
          data: { code: 'FORBIDDEN' },
        },
        id: null,
      });
    }
    const own = await openWebSocket(server.url, { host, origin: `HTTP://LOCALHOST:${port}` });
    expect(own.open).toBe(true);
    if (own.open) own.socket.close();
  });

  it('does not check Host when bound beyond loopback (the token guards it there)', async () => {
    const server = await startServer(fixturePath('incremental'), { host: '0.0.0.0', token: TOKEN });
    const url = server.url.replace('0.0.0.0', '127.0.0.1');
    const response = await rawRequest(url, '/graphql', {
      method: 'POST',
      headers: {
        host: 'codenav.internal:4000',
        'content-type': 'application/json',
        authorization: `Bearer ${TOKEN}`,
      },
      body: STATS,
    });
    expect(response.status).toBe(200);
  });
});

describe('cross-site requests', () => {
  it('runs no operation from a cross-site form post or simple request: 415 for anything but JSON', async () => {
    const server = await startServer(copyFixture('incremental'));
    const revision = async () => ((await server.gql('{ stats { revision } }')).data as any).stats.revision;
    const before = await revision();
    const mutation = 'mutation { reanalyze(paths: ["src/math.ts"]) { revision } }';
    const attempts: [string, string][] = [
      ['application/x-www-form-urlencoded', `query=${encodeURIComponent(mutation)}`],
      ['text/plain', JSON.stringify({ query: mutation })],
      [
        'multipart/form-data; boundary=x',
        `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n${mutation}\r\n--x--\r\n`,
      ],
    ];
    for (const [contentType, body] of attempts) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body,
      });
      expect(response.status, contentType).toBe(415);
      expect(errorCodes(await response.json())).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
    }
    // Nor can a GET (an <img>, a link) run a mutation.
    const get = await fetch(`${server.url}/graphql?query=${encodeURIComponent(mutation)}`);
    expect(get.status).toBe(405);
    expect(await revision()).toBe(before);
  });
  it('takes JSON however its media type is spelled (case, parameters, spaces), on /graphql and /mcp', async () => {
    const server = await startServer(fixturePath('incremental'));
    const initialize = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '1' } },
    });
    for (const contentType of [
      'Application/JSON',
      'APPLICATION/JSON; Charset=UTF-8',
      'application/json ; charset=utf-8',
      'application/json;charset=utf-8;',
    ]) {
      const graphql = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: STATS,
      });
      expect([graphql.status, await graphql.text()], contentType).toEqual([
        200,
        '{"data":{"stats":{"files":5}}}',
      ]);
      const mcp = await fetch(`${server.url}/mcp`, {
        method: 'POST',
        headers: { 'content-type': contentType, accept: 'application/json, text/event-stream' },
        body: initialize,
      });
      expect(mcp.status, contentType).toBe(200);
      expect(await mcp.json(), contentType).toMatchObject({ result: { serverInfo: { name: 'codenav' } } });
    }
    const query = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'Application/GraphQL' },
      body: '{ stats { files } }',
    });
    expect(await query.json()).toEqual({ data: { stats: { files: 5 } } });
    // A type a path does not take is refused with a code and what to send, on /mcp as on /graphql.
    for (const [path, contentType] of [
      ['/graphql', 'Text/Plain'],
      ['/mcp', 'application/graphql'],
      ['/mcp', 'Application/GraphQL; charset=utf-8'],
    ] as const) {
      const refused = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': contentType, accept: 'application/json, text/event-stream' },
        body: '{}',
      });
      expect(refused.status, `${path} ${contentType}`).toBe(415);
      const refusal = refusalOf(path, await refused.json());
      expect(refusal.code, `${path} ${contentType}`).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(refusal.message).toMatch(/takes Content-Type: application\/json/);
    }
  });
});

describe('requests another site’s page makes', () => {
  it('refuses them on the API (no query runs, no stream opens) but for GraphiQL’s page and allowed origins', async () => {
    const server = await startServer(fixturePath('incremental'), {
      corsOrigins: ['https://ui.example'],
      maxConnections: 1,
    });
    const query = `/graphql?query=${encodeURIComponent('{ stats { files } }')}`;
    const subscription = `/graphql?query=${encodeURIComponent('subscription { analysisProgress { state } }')}`;
    // What <img>, <script> or fetch(…, { mode: 'no-cors' }) on evil.example sends: no Origin, no preflight.
    const noCors = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'empty' };
    for (const [path, accept] of [
      [query, 'application/json'],
      [subscription, 'text/event-stream'],
      ['/mcp', 'text/event-stream'],
    ] as const) {
      const response = await rawRequest(server.url, path, { headers: { ...noCors, accept } });
      expect(response.status, path).toBe(403);
      expect(refusalOf(path, JSON.parse(response.body)).code).toBe('FORBIDDEN');
      expect(response.body).toMatch(/--cors-origin/);
    }
    // An EventSource of evil.example (CORS mode, with its Origin) neither.
    // Nor a page of another port of localhost (the same site, another origin).
    const otherPort = await rawRequest(server.url, query, {
      headers: { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors', accept: 'application/json' },
    });
    expect(otherPort.status).toBe(403);
    const eventSource = await rawRequest(server.url, subscription, {
      headers: {
        'sec-fetch-site': 'cross-site',
        'sec-fetch-mode': 'cors',
        origin: 'https://evil.example',
        accept: 'text/event-stream',
      },
    });
    expect(eventSource.status).toBe(403);

    // A link to GraphiQL from another site opens it; a page of an allowed origin is served; so are
    // the server's own pages and clients that are no browser.
    const graphiql = await rawRequest(server.url, '/graphql', {
      headers: {
        'sec-fetch-site': 'cross-site',
        'sec-fetch-mode': 'navigate',
        'sec-fetch-dest': 'document',
        accept: 'text/html',
      },
    });
    expect(graphiql.status).toBe(200);
    expect(graphiql.body).toContain('GraphiQL');
    for (const headers of <Record<string, string>[]>[
      { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors', origin: 'https://ui.example' },
      { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' },
      {},
    ]) {
      const response = await rawRequest(server.url, query, {
        headers: { ...headers, accept: 'application/json' },
      });
      expect(response.status, JSON.stringify(headers)).toBe(200);
      expect(JSON.parse(response.body)).toEqual({ data: { stats: { files: 5 } } });
    }
    // The refused streams took no place: the one allowed is free.
    const stream = await fetch(`${server.url}${subscription}`, { headers: { accept: 'text/event-stream' } });
    expect(stream.status).toBe(200);
    await stream.body?.cancel();
  });
});

describe('clickjacking', () => {
  /** Whether a response keeps its page out of every other site's frame, with one policy header. */
  const framing = (headers: Headers) => ({
    policies: (headers.get('content-security-policy') ?? '').split(', ').length,
    frameAncestors: (headers.get('content-security-policy') ?? '')
      .split(';')
      .map((directive) => directive.trim())
      .filter((directive) => directive.startsWith('frame-ancestors')),
    xFrameOptions: headers.get('x-frame-options'),
  });
  const NOT_FRAMED = { policies: 1, frameAncestors: ["frame-ancestors 'none'"], xFrameOptions: 'DENY' };

  it('forbids other sites to frame the web UI, any of its routes, and GraphiQL', async () => {
    const clientDir = tempDir();
    writeFiles(clientDir, {
      'index.html': '<!doctype html><title>codenav</title><script src="/assets/app.js"></script>',
      'assets/app.js': 'console.log(1);',
    });
    const server = await startServer(fixturePath('incremental'), {}, { clientDir });
    for (const path of ['/', '/graph?level=2', '/symbols/src%2Fa.ts']) {
      const page = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } });
      expect([page.status, page.headers.get('content-type')], path).toEqual([
        200,
        'text/html; charset=utf-8',
      ]);
      expect(framing(page.headers), path).toEqual(NOT_FRAMED);
    }
    const graphiql = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await graphiql.text()).toContain('GraphiQL');
    expect(framing(graphiql.headers)).toEqual(NOT_FRAMED);
    // Its own policy stays whole, beside the frame rule.
    expect(graphiql.headers.get('content-security-policy')).toMatch(
      /^default-src 'none'; script-src 'self';/,
    );
  });

  it('forbids framing the page shown when the web UI is not built', async () => {
    const server = await startServer(fixturePath('incremental'), {}, { clientDir: tempDir() });
    const page = await fetch(server.url);
    expect(await page.text()).toMatch(/The web UI is not built/);
    expect(framing(page.headers)).toEqual(NOT_FRAMED);
  });
});

describe('the token', () => {
  it('guards every read off loopback — queries, SSE, WebSockets — but /healthz and /readyz', async () => {
    const server = await startServer(fixturePath('incremental'), { host: '0.0.0.0', token: TOKEN });
    const url = server.url.replace('0.0.0.0', '127.0.0.1');

    const query = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: STATS,
    });
    expect(query.status).toBe(401);
    expect(query.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(errorCodes(await query.json())).toEqual(['UNAUTHENTICATED']);
    const get = await fetch(`${url}/graphql?query=${encodeURIComponent('{ stats { files } }')}`);
    expect(get.status).toBe(401);
    const sse = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { graphChanged { revision } }' }),
    });
    expect(sse.status).toBe(401);
    expect(await statsOverWebSocket(url)).toEqual({ error: 4403 });
    expect(await statsOverWebSocket(url, { token: 'a-wrong-token-of-24-char' })).toEqual({ error: 4403 });

    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.text()).not.toContain(TOKEN);
  });

  it('lets in a request with the token: Bearer in any case, or the token connection param', async () => {
    const server = await startServer(fixturePath('incremental'), { token: TOKEN });
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      expect(
        await server.gql('{ stats { files } }', undefined, { authorization: `${scheme} ${TOKEN}` }),
      ).toEqual({
        data: { stats: { files: 5 } },
      });
    }
    const expected = { data: { stats: { files: 5 } } };
    expect(await statsOverWebSocket(server.url, { token: TOKEN })).toEqual(expected);
    expect(await statsOverWebSocket(server.url, { authorization: `bearer ${TOKEN}` })).toEqual(expected);
    const withHeader = await openWebSocket(server.url, { authorization: `Bearer ${TOKEN}` });
    expect(withHeader.open).toBe(true);
    if (withHeader.open) {
      expect(await new RawSession(withHeader.socket).init()).toBe('ack');
      withHeader.socket.close();
    }
  });

  it('keeps reads open with --public-read, and mutations still need it', async () => {
    const server = await startServer(copyFixture('incremental'), { token: TOKEN, publicRead: true });
    expect(await server.gql('{ stats { files } }')).toEqual({ data: { stats: { files: 5 } } });
    expect(await statsOverWebSocket(server.url)).toEqual({ data: { stats: { files: 5 } } });
    const mutation = 'mutation { reanalyze(paths: ["src/math.ts"]) { changes } }';
    expect(errorCodes(await server.gql(mutation))).toEqual(['FORBIDDEN']);
    expect(await server.gql(mutation, undefined, { authorization: `Bearer ${TOKEN}` })).toEqual({
      data: { reanalyze: { changes: 0 } },
    });
  });

  it('lets a browser in once with /?token=: GraphiQL, the UI’s queries and its WebSocket then work', async () => {
    const server = await startServer(fixturePath('incremental'), { token: TOKEN });
    // GraphiQL's page holds no data: it is served without the token, and so are its files.
    const graphiql = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(graphiql.status).toBe(200);
    const page = await graphiql.text();
    expect(page).toContain('GraphiQL');
    const files = [...page.matchAll(/(?:src|href)="(\/graphiql\/[^"]+)"/g)].map(([, file]) => file!);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const answer = await fetch(`${server.url}${file}`, { headers: { 'sec-fetch-site': 'same-origin' } });
      expect(answer.status, file).toBe(200);
      await answer.arrayBuffer();
    }

    const wrong = await fetch(`${server.url}/?token=a-wrong-token-of-24-char`, { redirect: 'manual' });
    expect(wrong.status).toBe(401);
    const login = await fetch(`${server.url}/explore?token=${TOKEN}&q=x`, { redirect: 'manual' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/explore?q=x');
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(TOKEN);
    const cookie = setCookie.split(';')[0]!;

    expect(await server.gql('{ stats { files } }', undefined, { cookie })).toEqual({
      data: { stats: { files: 5 } },
    });
    const handshake = await openWebSocket(server.url, {
      cookie,
      origin: `http://${new URL(server.url).host}`,
    });
    expect(handshake.open).toBe(true);
    if (handshake.open) {
      expect(await new RawSession(handshake.socket).init()).toBe('ack');
      handshake.socket.close();
    }
    const forged = `${cookie.split('=')[0]}=${'0'.repeat(64)}`;
    expect(
      (
        await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: forged },
          body: STATS,
        })
      ).status,
    ).toBe(401);
  });

  it('never writes the token to the log, to errors or to /readyz', async () => {
    const { logger, lines } = capturedLogger();
    const server = await startServer(copyFixture('incremental'), { token: TOKEN }, { logger });
    const auth = { authorization: `Bearer ${TOKEN}` };
    const bodies = [
      await server.gql('{ stats { files } }', undefined, auth),
      await server.gql('{ file(path: "../x") { path } }', undefined, auth),
      await server.gql('{ nope }', undefined, auth),
      await server.gql('{ stats { files } }', undefined, { authorization: `Bearer ${TOKEN}x` }),
    ];
    await fetch(`${server.url}/?token=${TOKEN}`, { redirect: 'manual' });
    await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', ...auth },
      body: 'x',
    });
    expect(await statsOverWebSocket(server.url, { token: `${TOKEN}x` })).toEqual({ error: 4403 });
    const ready = await (await fetch(`${server.url}/readyz`)).text();

    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(TOKEN);
    expect(JSON.stringify(bodies)).not.toContain(TOKEN);
    expect(ready).not.toContain(TOKEN);
  });
});

/** A refusal's code and message: a GraphQL error on /graphql, a JSON-RPC error on /mcp. */
function refusalOf(path: string, body: unknown): { code?: string; message: string } {
  if (path === '/mcp') {
    const { error } = body as { jsonrpc: '2.0'; error: { message: string; data?: { code?: string } } };
    return { code: error.data?.code, message: error.message };
  }
  const graphql = body as { errors: { message: string; extensions?: { code?: string } }[] };
  return { code: errorCodes(graphql)[0], message: graphql.errors[0]!.message };
}
