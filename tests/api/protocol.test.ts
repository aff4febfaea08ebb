import { serverAudits } from 'graphql-http';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { fixturePath } from '../helpers/fixtures.ts';
import { rawRequest } from '../helpers/raw-http.ts';
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

  it('serves GraphiQL to a browser from the server itself: every script and style it names is the server’s', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    // Scripts, styles, workers and connections of the page's own origin only; no inline script.
    const policy = response.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "worker-src 'self'",
      "connect-src 'self'",
    ])
      expect(policy.split('; ')).toContain(directive);
    const html = await response.text();
    expect(html).toContain('GraphiQL');
    // No address of another host anywhere in the page (Yoga's own page names unpkg.com).
    expect(html.match(/(?:https?:)?\/\/[^\s"'<>]+/g) ?? []).toEqual([]);
    const names = [...html.matchAll(/<(script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map(
      ([, tag, url]) => ({ tag, url: url! }),
    );
    const expectedTypes: Record<string, RegExp> = {
      'graphiql.js': /^text\/javascript; charset=utf-8$/,
      'start.js': /^text\/javascript; charset=utf-8$/,
      'graphiql.css': /^text\/css; charset=utf-8$/,
      'favicon.ico': /^image\/x-icon$/,
    };
    expect(names.map(({ url }) => url.split('/').pop()).sort()).toEqual(Object.keys(expectedTypes).sort());
    for (const { url } of names) {
      const asset = new URL(url, server.url);
      expect(asset.origin).toBe(new URL(server.url).origin);
      const answer = await fetch(asset);
      expect(answer.status, url).toBe(200);
      expect(answer.headers.get('content-type'), url).toMatch(expectedTypes[url.split('/').pop()!]!);
      expect(answer.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(answer.headers.get('cache-control'), url).toBe('public, max-age=31536000, immutable');
      expect((await answer.arrayBuffer()).byteLength, url).toBeGreaterThan(100);
    }
    // The editor's workers, which the start script names, beside them.
    const folder = new URL(names[0]!.url, server.url);
    for (const worker of ['editor.worker.js', 'json.worker.js', 'graphql.worker.js']) {
      const answer = await fetch(new URL(worker, folder));
      expect([answer.status, answer.headers.get('content-type')], worker).toEqual([
        200,
        'text/javascript; charset=utf-8',
      ]);
      await answer.arrayBuffer();
    }
    // Its largest file goes gzipped to a client that accepts it (fetch does), as it is to one that does not.
    const script = new URL(names.find(({ url }) => url.endsWith('/graphiql.js'))!.url, server.url);
    const gzipped = await fetch(script, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    const plain = await rawRequest(server.url, script.pathname);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(await gzipped.text());
    expect(plain.body).toContain('renderYogaGraphiQL');
    // Another build's file (a page left open across an upgrade) is missing, not another file.
    const stale = await fetch(`${server.url}/graphiql/000000000000/graphiql.js`);
    expect([stale.status, stale.headers.get('content-type')]).toEqual([404, 'text/plain; charset=utf-8']);
    await stale.text();
  });
});

describe('GraphiQL', () => {
  it('opens with a query that runs as it is, on this graph', async () => {
    const html = await (await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    const options = /<script type="application\/json" id="graphiql-options">(.*?)<\/script>/s.exec(html)?.[1];
    const { defaultQuery } = JSON.parse(options ?? '{}') as { defaultQuery?: string };
    expect(defaultQuery).toContain('callers');
    const body = await server.gql<{ stats: { files: number }; symbols: { totalCount: number } }>(
      defaultQuery!,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.stats.files).toBe(5);
    expect(body.data?.symbols.totalCount).toBeGreaterThan(0);
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
