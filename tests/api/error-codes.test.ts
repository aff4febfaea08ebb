/**
 * A refused operation is a GraphQL error with a code, the same over HTTP and WebSocket:
 * graphql-armor's limits, syntax errors and validation errors alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../server/graph/memory/memory-store.ts';
import { type GraphStore, GraphStoreError } from '../../server/graph/port.ts';
import { fixturePath } from '../helpers/fixtures.ts';
import { openWebSocket, RawSession } from '../helpers/raw-http.ts';
import { startServer, stopServers, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let client: RawSession;
let operations = 0;

beforeAll(async () => {
  server = await startServer(fixturePath('incremental'));
  const handshake = await openWebSocket(server.url);
  if (!handshake.open) throw new Error(`refused: ${handshake.status} ${handshake.body}`);
  client = new RawSession(handshake.socket);
  expect(await client.init()).toBe('ack');
});
afterAll(async () => {
  client.socket.close();
  await stopServers();
});

interface SentError {
  readonly message: string;
  readonly extensions?: Record<string, unknown>;
}

/** The errors of an operation sent over the WebSocket (an `error` message, or a `next` with errors). */
async function overWebSocket(query: string): Promise<SentError[]> {
  operations += 1;
  const id = String(operations);
  client.send({ id, type: 'subscribe', payload: { query } });
  const answer = await client.until((m) => m.id === id && (m.type === 'error' || m.type === 'next'));
  return answer.type === 'error' ? answer.payload : answer.payload.errors;
}

/** The HTTP status and errors of an operation POSTed. */
async function overHttp(query: string): Promise<{ status: number; errors: SentError[] }> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, errors: (await response.json()).errors };
}

const tooManyAliases = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: stats { files }`).join(' ')} }`;

describe('refused operations carry a code over HTTP and WebSocket', () => {
  // Each document goes over the WebSocket first: Yoga caches a parse per document, and an
  // HTTP request's parse would otherwise hand its coded error to the WebSocket.
  it('answers an alias-limit breach with QUERY_TOO_COMPLEX, saying the limit and what to do', async () => {
    const ws = await overWebSocket(tooManyAliases);
    expect(ws).toEqual([
      {
        message: 'Aliases limit of 15 exceeded, found 20: split the operation into smaller ones',
        extensions: { code: 'QUERY_TOO_COMPLEX' },
      },
    ]);
    const http = await overHttp(tooManyAliases);
    expect(http).toEqual({ status: 400, errors: ws });
  });

  it('answers a token-limit or directive-limit breach with QUERY_TOO_COMPLEX', async () => {
    const tooManyTokens = `{ ${'stats { files } '.repeat(1_300)} }`;
    const tooManyDirectives = `{ stats { files ${'@include(if: true) '.repeat(60)}} }`;
    for (const query of [tooManyTokens, tooManyDirectives]) {
      const ws = await overWebSocket(query);
      expect(ws[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX' });
      expect(ws[0]?.message).toMatch(/limit of \d+ exceeded/);
      expect((await overHttp(query)).errors[0]).toEqual(ws[0]);
    }
  });

  it('answers a syntax error with GRAPHQL_PARSE_FAILED, without Yoga’s internal extensions', async () => {
    const broken = '{ stats { files ';
    const ws = await overWebSocket(broken);
    expect(ws).toEqual([
      {
        message: 'Syntax Error: Expected Name, found <EOF>.',
        locations: [{ line: 1, column: 17 }],
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      },
    ]);
    const http = await overHttp(broken);
    expect(http).toEqual({ status: 400, errors: ws });
    // Parsed over HTTP first, a document is answered the same over the WebSocket.
    expect(await overWebSocket(broken)).toEqual(ws);
  });

  it('answers a validation error with GRAPHQL_VALIDATION_FAILED, without Yoga’s internal extensions', async () => {
    const unknownField = '{ noSuchField }';
    const ws = await overWebSocket(unknownField);
    expect(ws.map((e) => e.extensions)).toEqual([{ code: 'GRAPHQL_VALIDATION_FAILED' }]);
    expect((await overHttp(unknownField)).errors).toEqual(ws);
  });
});

describe('a field the store refuses', () => {
  it('is that field’s BAD_USER_INPUT, with status 200 as for the schema’s own argument checks', async () => {
    const answer = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({
        query: '{ stats { files } files(first: 1, after: "not-a-cursor") { totalCount } }',
      }),
    });
    expect(answer.status).toBe(200);
    const body = await answer.json();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ path: ['files'], extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('errors of a running operation over WebSocket', () => {
  it('sends a store outage with its code, as over HTTP, without Yoga’s internal extensions', async () => {
    let down = false;
    const memory = createMemoryStore();
    const store = new Proxy(memory, {
      get(target, property) {
        if (property === 'stats' && down) {
          return async () => {
            throw new GraphStoreError('STORE_UNAVAILABLE', 'the graph store is down');
          };
        }
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as GraphStore;
    const outage = await startServer(fixturePath('incremental'), {}, { store });
    const handshake = await openWebSocket(outage.url);
    if (!handshake.open) throw new Error(`refused: ${handshake.status} ${handshake.body}`);
    const session = new RawSession(handshake.socket);
    expect(await session.init()).toBe('ack');
    down = true;

    session.send({ id: 'stats', type: 'subscribe', payload: { query: '{ stats { files } }' } });
    const next = await session.until((m) => m.id === 'stats' && m.type === 'next');
    expect(next.payload.errors).toEqual([
      {
        message: 'the graph store is down',
        locations: [{ line: 1, column: 3 }],
        path: ['stats'],
        extensions: { code: 'STORE_UNAVAILABLE' },
      },
    ]);
    const http = await fetch(`${outage.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ stats { files } }' }),
    });
    expect(http.status).toBe(503);
    expect((await http.json()).errors).toEqual(next.payload.errors);
    session.socket.close();
  });
});
