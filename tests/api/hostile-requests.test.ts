/**
 * Single requests that once crashed, stalled or misled the server (a malformed URL, a handler
 * that throws, an oversized body, queries that read a whole busy neighbourhood, deep or broad
 * selections), and how each is now refused or bounded.
 */
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../server/graph/memory/memory-store.ts';
import { maxSocketsFor, startHttpServer } from '../../server/http/http-server.ts';
import { createRequestGuard } from '../../server/http/request-guard.ts';
import { openFileLimit } from '../../server/util/open-file-limit.ts';
import { CLI, killCommands, listeningUrl, spawnCommand } from '../helpers/cli.ts';
import { fixturePath, removeCopies, tempDir, writeFiles } from '../helpers/fixtures.ts';
import { capturedLogger } from '../helpers/log.ts';
import { openWebSocket, RawSession, rawRequest } from '../helpers/raw-http.ts';
import { errorCodes, startInProcess, startServer, stopServers } from '../helpers/server.ts';

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
  await stopServers();
  killCommands();
  removeCopies();
});

/** A built web UI: one page and one asset. */
function builtUi(): string {
  const dir = tempDir('codenav-ui-');
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>codenav ui</title>');
  writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  return dir;
}

/** `src/hub.ts` imported by `importers` files. */
function hubProject(importers: number): string {
  const dir = tempDir('codenav-hub-');
  mkdirSync(path.join(dir, 'src'));
  writeFileSync(path.join(dir, 'src', 'hub.ts'), 'export const hub = 1;\n');
  for (let i = 0; i < importers; i++) {
    writeFileSync(
      path.join(dir, 'src', `user${i}.ts`),
      `import { hub } from './hub';\nexport const user${i} = hub;\n`,
    );
  }
  return dir;
}

describe('requests that crashed the server', () => {
  it('answers a malformed percent-encoding (/%ff) with 400 and keeps serving', async () => {
    const server = await startServer(fixturePath('incremental'), {}, { clientDir: builtUi() });
    for (const address of ['/%ff', '/%E0%A4%A', '/assets/%c0%af']) {
      const response = await rawRequest(server.url, address);
      expect(response.status, address).toBe(400);
      expect(response.body).toMatch(/malformed percent-encoding/);
    }
    expect((await fetch(`${server.url}/assets/app.js`)).status).toBe(200);
    expect(await (await fetch(`${server.url}/explore`)).text()).toContain('codenav ui');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('turns a request handler that throws into a 500 and a log line, never an exit', async () => {
    const { logger, until } = capturedLogger();
    const server = await startHttpServer({
      logger,
      host: '127.0.0.1',
      port: 0,
      readiness: () => {
        throw new Error('readiness exploded');
      },
      graphql: false,
      clientDir: builtUi(),
      guard: createRequestGuard({
        logger,
        hosts: { enabled: true, allowedHosts: [] },
        corsOrigins: [],
        publicRead: false,
      }),
    });
    closers.push(() => server.close());
    const response = await fetch(`${server.url}/readyz?secret=x`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'internal error: see the server log' });
    const line = JSON.parse(await until('request handler failed'));
    expect(line).toMatchObject({ level: 50, path: '/readyz', err: { message: 'readiness exploded' } });
    expect(JSON.stringify(line)).not.toContain('secret');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('refuses a body over 1 MiB with 413, before reading it all', async () => {
    const server = await startServer(fixturePath('incremental'));
    const padding = ' '.repeat(1024 * 1024);
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"query":"{ stats { files } }"${padding}}`,
    });
    expect(response.status).toBe(413);
    expect(errorCodes(await response.json())).toEqual(['REQUEST_ENTITY_TOO_LARGE']);
  });
});

describe('the web UI’s files', () => {
  it('answers a missing asset with 404, not the app’s HTML, and keeps routing pages to the app', async () => {
    const server = await startServer(fixturePath('incremental'), {}, { clientDir: builtUi() });
    const gone = await fetch(`${server.url}/assets/index-0ld.js`);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await gone.text()).toMatch(/no such file/);
    const asset = await fetch(`${server.url}/assets/app.js`);
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    for (const page of ['/explore', '/file/src/math.ts', '/assets/../x.js']) {
      expect(await (await fetch(`${server.url}${page}`)).text(), page).toContain('codenav ui');
    }
    const put = await fetch(`${server.url}/`, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(await put.text()).toMatch(/not served here/);
  });
});

describe('deeply nested variables', () => {
  it('answers variables nested 400,000 deep with BAD_USER_INPUT (400), not a 500 and a stack in the log', async () => {
    const { logger, lines } = capturedLogger();
    const server = await startServer(fixturePath('incremental'), {}, { logger });
    const depth = 400_000;
    const bodies = [
      `{"query":"{ stats { files } }","variables":{"a":${'['.repeat(depth)}${']'.repeat(depth)}}}`,
      `{"query":"query($p: String) { stats { files } }","variables":{"p":${'{"a":'.repeat(depth / 4)}1${'}'.repeat(depth / 4)}}}`,
    ];
    for (const body of bodies) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(400);
      const answer = (await response.json()) as {
        errors: { message: string; extensions: { code: string } }[];
      };
      expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
      expect(answer.errors[0]!.message).toMatch(/nested more than 64 levels/);
    }
    expect(lines.filter((line) => JSON.parse(line).level >= 50)).toEqual([]);
    // Variables as deep as an argument can take still pass.
    const shallow = await server.gql(
      'query($kinds: [SymbolKind!]) { symbols(kinds: $kinds, first: 1) { totalCount } }',
      { kinds: ['FUNCTION'] },
    );
    expect(shallow.errors).toBeUndefined();
    expect(shallow.data).toHaveProperty('symbols.totalCount');
  });
});

describe('parameters of the wrong type', () => {
  it('answers an operationName that is no string (an array 400,000 deep) with 400 BAD_REQUEST, not a 500', async () => {
    const { logger, lines } = capturedLogger();
    const server = await startServer(fixturePath('incremental'), {}, { logger });
    const depth = 400_000;
    for (const operationName of [`${'['.repeat(depth)}${']'.repeat(depth)}`, '{"a":1}', '5']) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `{"query":"{ stats { files } }","operationName":${operationName}}`,
      });
      expect(response.status).toBe(400);
      const answer = (await response.json()) as {
        errors: { message: string; extensions: { code: string } }[];
      };
      expect(errorCodes(answer)).toEqual(['BAD_REQUEST']);
      expect(answer.errors[0]!.message).toMatch(/"operationName" param to be a string/);
    }
    expect(lines.filter((line) => JSON.parse(line).level >= 50)).toEqual([]);
    const named = await server.gql('query Files { stats { files } }');
    expect(named.data).toEqual({ stats: { files: 5 } });
  });
});

describe('deeply nested documents', () => {
  it('refuses brackets nested thousands deep in a document with QUERY_TOO_COMPLEX (400), over HTTP and WebSocket, not a 500', async () => {
    const { logger, lines } = capturedLogger();
    const server = await startServer(fixturePath('incremental'), {}, { logger });
    // Each under the 5,000-token limit; each overflowed graphql-js's recursive parser.
    const documents = [
      `{ impact(keys: ${'['.repeat(2400)}"a"${']'.repeat(2400)}) { key } }`,
      `{ files(first: 1, pathPrefix: ${'{a:'.repeat(1600)}1${'}'.repeat(1600)}) { totalCount } }`,
      `{ stats @skip(if: ${'['.repeat(2000)}true${']'.repeat(2000)}) { files } }`,
    ];
    for (const query of documents) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query }),
      });
      expect(response.status).toBe(400);
      const answer = (await response.json()) as {
        errors: { message: string; extensions: { code: string } }[];
      };
      expect(errorCodes(answer)).toEqual(['QUERY_TOO_COMPLEX']);
      expect(answer.errors[0]!.message).toMatch(/nests brackets more than 64 levels/);
    }
    const handshake = await openWebSocket(server.url);
    if (!handshake.open) throw new Error(`refused: ${handshake.status}`);
    const ws = new RawSession(handshake.socket);
    expect(await ws.init()).toBe('ack');
    ws.send({ id: 'deep', type: 'subscribe', payload: { query: documents[0] } });
    const error = await ws.until((m) => m.id === 'deep' && m.type === 'error');
    expect(error.payload.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual([
      'QUERY_TOO_COMPLEX',
    ]);
    handshake.socket.close();
    expect(lines.filter((line) => JSON.parse(line).level >= 50)).toEqual([]);

    // Brackets in strings and comments do not count, and a nesting as deep as a client's is served.
    const { data, errors } = await server.gql(
      `# ${'{'.repeat(100)}\nquery { files(first: 1, pathPrefix: "${'['.repeat(100)}") { totalCount } __schema { types { fields { type { ofType { ofType { ofType { ofType { name } } } } } } } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data).toHaveProperty('files.totalCount', 0);
  });
});

/** Sends `text` on a raw connection and resolves, once the server closes it, with the status line, headers and body. */
function rawExchange(
  serverUrl: string,
  text: string,
): Promise<{ status: string; head: string; body: string }> {
  const url = new URL(serverUrl);
  return new Promise((resolve, reject) => {
    let received = '';
    const socket = connect(Number(url.port), url.hostname, () => socket.write(text));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = received.split('\r\n\r\n');
      resolve({ status: head.split('\r\n')[0]!, head, body });
    });
  });
}

/** A keep-alive connection that sends `GET path` and resolves with each answer's status line. */
function keepAlive(serverUrl: string): Promise<{ get(path: string): Promise<string>; socket: Socket }> {
  const url = new URL(serverUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () =>
      resolve({
        socket,
        get: (path) =>
          new Promise((answered, failed) => {
            let received = '';
            const onData = (chunk: string) => {
              received += chunk;
              // /healthz answers chunked: the answer ends with the last, empty chunk.
              if (!received.endsWith('\r\n0\r\n\r\n')) return;
              socket.off('data', onData).off('close', onClose);
              answered(received.split('\r\n')[0]!);
            };
            const onClose = () =>
              failed(new Error(`closed before an answer; received ${JSON.stringify(received)}`));
            socket.on('data', onData).once('close', onClose);
            socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
          }),
      }),
    );
    socket.setEncoding('utf8');
    socket.once('error', reject);
  });
}

describe('connection floods', () => {
  it('closes a connection beyond the socket cap at once, and keeps answering those already open', async () => {
    const { logger, until } = capturedLogger();
    const server = await startHttpServer({
      logger,
      host: '127.0.0.1',
      port: 0,
      readiness: () => ({ ready: true, components: {} }),
      graphql: false,
      clientDir: builtUi(),
      guard: createRequestGuard({
        logger,
        hosts: { enabled: true, allowedHosts: [] },
        corsOrigins: [],
        publicRead: false,
      }),
      maxSockets: 3,
    });
    closers.push(() => server.close());
    const open = await Promise.all([1, 2, 3].map(() => keepAlive(server.url)));
    for (const connection of open) expect(await connection.get('/healthz')).toBe('HTTP/1.1 200 OK');

    // The fourth: closed before a byte is read from it (it would have been kept alive for 5 s).
    const started = Date.now();
    const refused = await rawExchange(server.url, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n').catch(
      (error: NodeJS.ErrnoException) => ({ status: error.code ?? 'error' }),
    );
    expect(['', 'ECONNRESET']).toContain(refused.status);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(JSON.parse(await until('too many open connections'))).toMatchObject({ level: 40, maxSockets: 3 });

    // Those already open are served as before.
    for (const connection of open) expect(await connection.get('/healthz')).toBe('HTTP/1.1 200 OK');
    // A connection that ends gives its place to the next (once the server has seen it end).
    const closed = open.pop()!;
    await new Promise<void>((resolve) => closed.socket.end(() => resolve()));
    let next: string | undefined;
    for (let attempt = 0; next === undefined && attempt < 100; attempt++) {
      const answer = await rawExchange(
        server.url,
        'GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
      ).catch(() => undefined);
      if (answer?.status) next = answer.status;
    }
    expect(next).toBe('HTTP/1.1 200 OK');
    for (const connection of open) connection.socket.destroy();
  });
});

describe('the open-file limit', () => {
  it('fits the socket cap under the limit, keeping half of the rest for the files answers read', () => {
    expect(maxSocketsFor(1000)).toBe(3000);
    expect(maxSocketsFor(1000, 1_048_576)).toBe(3000);
    expect(maxSocketsFor(1000, 1024)).toBe(384);
    expect(maxSocketsFor(1000, 4096)).toBe(1920);
    expect(maxSocketsFor(10, 4096)).toBe(1020);
    expect(maxSocketsFor(1000, 64)).toBe(16);
    expect(
      openFileLimit(() => 'Max open files            1024                 4096                 files\n'),
    ).toBe(1024);
    expect(
      openFileLimit(() => 'Max open files            unlimited            unlimited            files\n'),
    ).toBe(undefined);
    expect(
      openFileLimit(() => {
        throw new Error('ENOENT');
      }),
    ).toBe(undefined);
  });

  it.skipIf(process.platform !== 'linux')(
    'meets a flood of more connections than the open-file limit with the socket cap, and keeps serving files on open connections',
    async () => {
      const run = spawnCommand('sh', [
        '-c',
        'ulimit -n 512 && exec "$@"',
        'sh',
        process.execPath,
        CLI,
        'serve',
        fixturePath('incremental'),
        '--port',
        '0',
        '--no-watch',
        '--no-cache',
      ]);
      const url = await listeningUrl(run);
      await expect
        .poll(() => run.stdout() + run.stderr())
        .toMatch(/the open-file limit \(512\) leaves room for 128 open sockets/);
      const open = await keepAlive(url);
      expect(await open.get('/')).toBe('HTTP/1.1 200 OK');

      // More connections than the process has file handles: before, accept ran into EMFILE
      // (refused unlogged) and every file the server opened meanwhile failed.
      const { port, hostname } = new URL(url);
      const flood = Array.from({ length: 700 }, () =>
        connect(Number(port), hostname).on('error', () => undefined),
      );
      await expect
        .poll(() => run.stdout() + run.stderr(), { timeout: 10_000 })
        .toMatch(/too many open connections/);
      // The web UI's page is a file read for the answer.
      expect(await open.get('/')).toBe('HTTP/1.1 200 OK');
      for (const socket of flood) socket.destroy();
      open.socket.destroy();
    },
    30_000,
  );
});

describe('batches', () => {
  it('refuses a batch of operations in one POST with 400 BAD_REQUEST: one request, one operation', async () => {
    const server = await startServer(fixturePath('incremental'));
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(Array.from({ length: 10_000 }, () => ({ query: '{ stats { files } }' }))),
    });
    expect(response.status).toBe(400);
    expect(errorCodes(await response.json())).toEqual(['BAD_REQUEST']);
  });
});

describe('requests that are slow or not HTTP', () => {
  it('answers headers that never end, and a chunked body that never ends, with 408 and a code, then closes', async () => {
    const server = await startServer(
      fixturePath('incremental'),
      {},
      { httpTimeouts: { headersMs: 300, requestMs: 600 } },
    );
    const started = Date.now();
    const slowHeaders = await rawExchange(
      server.url,
      'GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1\r\n',
    );
    const endlessBody = await rawExchange(
      server.url,
      'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
        'Transfer-Encoding: chunked\r\n\r\n5\r\n{"que\r\n',
    );
    for (const answer of [slowHeaders, endlessBody]) {
      expect(answer.status).toBe('HTTP/1.1 408 Request Timeout');
      expect(answer.head).toMatch(/content-type: application\/json/);
      expect(errorCodes(JSON.parse(answer.body))).toEqual(['REQUEST_TIMEOUT']);
    }
    // Node's own bounds held each for a minute or five.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  /**
   * A server whose answer to `query` is 14 MB, more than the sockets' buffers take, so the rest
   * waits in the server's memory (ten functions of 2,000 lines, fifteen pages of their source),
   * and a raw client that has sent it.
   */
  const bigAnswer = async (logger: ReturnType<typeof capturedLogger>['logger'], sendStallMs: number) => {
    const dir = tempDir('codenav-big-');
    const body = Array.from(
      { length: 1990 },
      (_, i) => `  x = x + ${i} * 2; // padding padding padding\n`,
    ).join('');
    writeFiles(dir, {
      'tsconfig.json': '{ "include": ["src"] }',
      ...Object.fromEntries(
        Array.from({ length: 10 }, (_, f) => [
          `src/f${f}.ts`,
          `export function big${f}(x: number): number {\n${body}  return x;\n}\n`,
        ]),
      ),
    });
    const server = await startServer(dir, {}, { logger, httpTimeouts: { sendStallMs } });
    const query = `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: symbols(first: 20, kinds: [FUNCTION]) { edges { node { source(maxLines: 2000) { text } } } }`).join(' ')} }`;
    const request = JSON.stringify({ query });
    const { port, hostname } = new URL(server.url);
    const socket = connect(Number(port), hostname);
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(request)}\r\n\r\n${request}`,
    );
    return { server, query, socket };
  };

  it('keeps a connection whose client reads a large answer slowly, and sends all of it', async () => {
    const { logger, lines } = capturedLogger();
    const { socket } = await bigAnswer(logger, 3000);
    const chunks: Buffer[] = [];
    // About 2 MB a second, some 7 s in all: the answer, one write of 14 MB, counts as taken only
    // once whole, so before, no progress showed for longer than the 3 s stall bound. (The kernel
    // takes it in steps of about 1.4 MB: the bound leaves room for a reader slowed by a busy machine.)
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      socket.pause();
      setTimeout(() => socket.resume(), 30);
    });
    await once(socket, 'end');
    const text = Buffer.concat(chunks).toString('utf8');
    const [head, body] = [text.slice(0, text.indexOf('\r\n\r\n')), text.slice(text.indexOf('\r\n\r\n') + 4)];
    expect(head).toMatch(/^HTTP\/1\.1 200/);
    expect(Number(/content-length: (\d+)/i.exec(head)?.[1])).toBe(Buffer.byteLength(body));
    expect(JSON.parse(body).data.a0.edges).toHaveLength(10);
    expect(lines.some((l) => l.includes('took none of their answer'))).toBe(false);
  });

  it('closes a connection whose client takes none of a large answer in time, letting its memory go', async () => {
    const { logger, until } = capturedLogger();
    const { server, query, socket } = await bigAnswer(logger, 500);
    // The client reads nothing: before, the server held the rest of the answer for good.
    socket.pause();
    expect(JSON.parse(await until('took none of their answer'))).toMatchObject({ level: 40, closed: 1 });
    let received = 0;
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
    });
    socket.on('error', () => undefined);
    socket.resume();
    await once(socket, 'close');
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(14_000_000);
    // A client that reads gets the whole answer.
    const whole = await server.gql<Record<string, { edges: unknown[] }>>(query);
    expect(whole.data?.a0?.edges).toHaveLength(10);
  });

  it('starts with only a request timeout shorter than the default headers timeout, which then bounds the headers too', async () => {
    const server = await startServer(fixturePath('incremental'), {}, { httpTimeouts: { requestMs: 300 } });
    const slowHeaders = await rawExchange(
      server.url,
      'GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1\r\n',
    );
    expect(slowHeaders.status).toBe('HTTP/1.1 408 Request Timeout');
    expect(errorCodes(JSON.parse(slowHeaders.body))).toEqual(['REQUEST_TIMEOUT']);
  });

  it('answers an address over 16 KiB with 431 and malformed HTTP with 400, each with a code', async () => {
    const server = await startServer(fixturePath('incremental'));
    const longUrl = await rawExchange(
      server.url,
      `GET /graphql?query=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`,
    );
    expect(longUrl.status).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(errorCodes(JSON.parse(longUrl.body))).toEqual(['REQUEST_HEADER_FIELDS_TOO_LARGE']);
    const garbage = await rawExchange(server.url, 'HELLO THERE\r\n\r\n');
    expect(garbage.status).toBe('HTTP/1.1 400 Bad Request');
    expect(errorCodes(JSON.parse(garbage.body))).toEqual(['BAD_REQUEST']);
  });
});

describe('query cost', () => {
  it('weighs unpaged lists by the store’s real degrees: nested importers of a busy file are refused', async () => {
    const { logger, lines } = capturedLogger();
    const server = await startInProcess(hubProject(60), {}, { logger });
    // One level: what the hub really has.
    const one = await server.gql<any>('{ file(path: "src/hub.ts") { importedBy { from { path } } } }');
    expect(one.data.file.importedBy).toHaveLength(60);
    // Three levels: weighed 10 per list it passed (about 3,000); weighed 60 it is 650,000.
    const nested = await server.gql(
      '{ file(path: "src/hub.ts") { importedBy { from { importedBy { from { importedBy { from { path } } } } } } } }',
    );
    expect(errorCodes(nested)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(nested.errors?.[0]?.message).toMatch(/maximum complexity \(complexity: \d+, max: 20000\)/);
    // A user's mistake: no "unexpected error" with a stack, one debug line with the code.
    expect(lines.some((l) => l.includes('unexpected error'))).toBe(false);
    const refused = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'request refused');
    expect(refused).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    expect(JSON.stringify(refused)).not.toContain('stack');
  });

  it('gives depth and breadth errors the same code', async () => {
    const server = await startInProcess(fixturePath('incremental'));
    let selection = 'key';
    for (let i = 0; i < 14; i++) selection = `members { ${selection} }`;
    const deep = await server.gql(`{ codeNode(key: "src/math.ts") { ... on CodeSymbol { ${selection} } } }`);
    expect(errorCodes(deep)).toEqual(['QUERY_TOO_COMPLEX']);
    const broad = await server.gql(`{ stats { ${'files '.repeat(101)}} }`);
    expect(errorCodes(broad)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(broad.errors?.[0]?.message).toMatch(/maximum breadth/);
  });

  it('has the memory store report degree statistics per edge type, direction and group of node', async () => {
    const store = createMemoryStore();
    const file = (key: string) => ({ key, kind: 'FILE' as const, props: {} });
    const importing = (from: string, to: string) => ({
      op: 'EDGE_ADDED' as const,
      edge: { type: 'IMPORTS' as const, from, to, props: {} },
    });
    const users = Array.from({ length: 150 }, (_, i) => `u${i}.ts`);
    await store.apply({
      files: [],
      changes: [
        ...['hub.ts', 'side.ts', ...users].map((key) => ({ op: 'NODE_ADDED' as const, node: file(key) })),
        { op: 'NODE_ADDED', node: { key: 'hub.ts#f', kind: 'FUNCTION', props: {} } },
        ...users.map((user) => importing(user, 'hub.ts')),
        importing('u0.ts', 'side.ts'),
      ],
    });
    const stats = await store.degreeStats!();
    // Over the 152 files, those without such edges included: IN, hub.ts has 150, side.ts 1,
    // the rest 0; OUT, u0.ts has 2, every other user 1, hub.ts and side.ts 0.
    expect(stats.IMPORTS.in.FILE).toEqual({ p99: 1, max: 150 });
    expect(stats.IMPORTS.out.FILE).toEqual({ p99: 1, max: 2 });
    expect(stats.IMPORTS.in.SYMBOL).toEqual({ p99: 0, max: 0 });
    expect(stats.CALLS.in.EXTERNAL_MODULE).toEqual({ p99: 0, max: 0 });
    await store.close();
  });
});
