import { serverAudits } from 'graphql-http';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { fixturePath } from '../helpers/fixtures.ts';
import { errorCodes, startServer, stopServers, type TestServer } from '../helpers/server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startServer(fixturePath('incremental'));
});
afterAll(stopServers);

describe('GraphQL over HTTP', () => {
  // graphql-http's audits of the GraphQL-over-HTTP spec: every MUST passes.
  for (const audit of serverAudits({ url: () => `${server.url}/graphql` })) {
    if (!audit.name.startsWith('MUST')) continue;
    it(audit.name, async () => {
      const result = await audit.fn();
      expect(result.status, 'reason' in result ? result.reason : '').toBe('ok');
    });
  }

  it('answers GET queries', async () => {
    const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ stats { files } }')}`, {
      headers: { accept: 'application/graphql-response+json' },
    });
    expect(await response.json()).toEqual({ data: { stats: { files: 5 } } });
  });

  it('serves GraphiQL to a browser', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('GraphiQL');
  });
});

describe('limits', () => {
  it('refuses a query nested too deep', async () => {
    let selection = 'key';
    for (let i = 0; i < 14; i++) selection = `members { ${selection} }`;
    const body = await server.gql<Record<string, unknown>>(
      `{ codeNode(key: "src/math.ts") { ... on CodeSymbol { ${selection} } } }`,
    );
    expect(body.errors?.[0]?.message).toMatch(/depth/i);
    expect(body.data?.codeNode ?? null).toBeNull();
  });

  it('refuses a query that would cost too much', async () => {
    const body = await server.gql(
      '{ symbols(first: 500) { edges { node { callers(depth: 10) { callers(depth: 10) { key } } } } } }',
    );
    expect(body.errors?.[0]?.message).toMatch(/complexity/i);
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: stats { files }`).join(' ');
    const body = await server.gql(`{ ${aliases} }`);
    expect(body.errors?.[0]?.message).toMatch(/aliases/i);
  });

  it('refuses a traversal deeper than 10', async () => {
    const body = await server.gql('{ impact(keys: ["src/math.ts#add"], depth: 11) { depth } }');
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
  });

  it('applies the same limits over WebSocket', async () => {
    const client = createClient({
      url: `${server.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      lazy: true,
    });
    try {
      const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: stats { files }`).join(' ');
      const result = await new Promise<{ errors?: readonly { message: string }[] }>((resolve) => {
        client.subscribe(
          { query: `{ ${aliases} }` },
          { next: resolve, error: (e) => resolve({ errors: e as never }), complete: () => {} },
        );
      });
      expect(JSON.stringify(result.errors)).toMatch(/aliases/i);
      const firstTooBig = await new Promise<{ errors?: readonly { extensions?: { code?: string } }[] }>(
        (resolve) => {
          client.subscribe(
            { query: '{ symbols(first: 501) { totalCount } }' },
            { next: resolve as never, error: () => {}, complete: () => {} },
          );
        },
      );
      expect(firstTooBig.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    } finally {
      await client.dispose();
    }
  });
});
