/**
 * The answer's budget (schema/answer-budget.ts): a query the complexity estimate accepts, whose
 * answer grows beyond 50,000 list items or 16 MiB of text as it executes, is refused whole with
 * one QUERY_TOO_COMPLEX error, over HTTP and WebSocket; queries within it are answered as before.
 */
import { type GraphQLNamedType, getNamedType, isInterfaceType, isObjectType, isUnionType } from 'graphql';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ANSWER_LIMITS, schema } from '../../schema/index.ts';
import { removeCopies, tempDir, writeFiles } from '../helpers/fixtures.ts';
import { errorCodes, startServer, stopServers, type TestServer } from '../helpers/server.ts';

type Body = Awaited<ReturnType<TestServer['gql']>>;

let server: TestServer;

beforeAll(async () => {
  // 1,001 callers of one function of 2,000 lines (about 100,000 characters).
  const project = tempDir();
  const callers = Array.from(
    { length: 1_001 },
    (_, i) => `export function caller${String(i).padStart(4, '0')}() {\n  return target();\n}\n`,
  );
  const body = Array.from({ length: 1_998 }, (_, i) => `  const line${i} = ${'1 + '.repeat(10)}1;`);
  writeFiles(project, {
    'src/target.ts': `export function target() {\n${body.join('\n')}\n}\n`,
    'src/callers.ts': `import { target } from './target';\n${callers.join('')}`,
  });
  server = await startServer(project);
});
afterAll(async () => {
  await stopServers();
  removeCopies();
});

/** Each of the 1,000 callers' callee (the target), with its 1,000 callers again: 1,000,000 items. */
const MANY_ITEMS = `{
  codeNode(key: "src/target.ts#target") {
    ... on CodeSymbol { callers { callees { callers { key } } } }
  }
}`;

/** The target's source under each of its 1,000 callers: 1,000 × 100,000 characters. */
const MUCH_TEXT = `{
  codeNode(key: "src/target.ts#target") {
    ... on CodeSymbol { callers { callees { source(maxLines: 2000) { text } } } }
  }
}`;

function expectRefusedWhole(body: Body, bound: RegExp): void {
  expect(errorCodes(body)).toEqual(['QUERY_TOO_COMPLEX']);
  expect(body.errors?.[0]?.message).toMatch(bound);
  expect(body.errors?.[0]?.message).toMatch(/ask for less/);
  expect(body.errors?.[0]?.path).toBeUndefined();
  expect(body.data ?? null).toBeNull();
}

/** One operation over a new graphql-ws connection: its first result. */
async function overWebSocket(query: string): Promise<Body> {
  const client = createClient({
    url: `${server.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
  });
  try {
    return await new Promise<Body>((resolve, reject) => {
      client.subscribe(
        { query },
        { next: (result) => resolve(result as Body), error: reject, complete: () => {} },
      );
    });
  } finally {
    await client.dispose();
  }
}

describe('the answer budget', () => {
  it('lets the estimate accept both queries: the budget is what refuses them', async () => {
    // Depth 1 and a small project's degrees: each nested list weighs a few items.
    const { data, errors } = await server.gql<Record<string, any>>(
      '{ codeNode(key: "src/target.ts#target") { ... on CodeSymbol { callers { key } } } }',
    );
    expect(errors).toBeUndefined();
    expect(data?.codeNode.callers).toHaveLength(1_000);
  });

  it('refuses over HTTP an answer of more list items than the bound, with one error and no data', async () => {
    expectRefusedWhole(await server.gql(MANY_ITEMS), /50,000 list items/);
  });

  it('refuses over HTTP an answer of more source text than the bound', async () => {
    expectRefusedWhole(await server.gql(MUCH_TEXT), /16 MiB of text/);
  });

  it('refuses both the same way over graphql-ws', async () => {
    expectRefusedWhole(await overWebSocket(MANY_ITEMS), /50,000 list items/);
    expectRefusedWhole(await overWebSocket(MUCH_TEXT), /16 MiB of text/);
  });

  it('counts each operation on its own: one connection runs more than the bound in all', async () => {
    // 1,000 items each: 60 of them on one connection hold 60,000 together.
    const query = '{ codeNode(key: "src/target.ts#target") { ... on CodeSymbol { callers { key } } } }';
    const client = createClient({
      url: `${server.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    try {
      for (let i = 0; i < Math.ceil(ANSWER_LIMITS.items / 1_000) + 10; i++) {
        const result = await new Promise<Body>((resolve, reject) => {
          client.subscribe({ query }, { next: (r) => resolve(r as Body), error: reject, complete: () => {} });
        });
        expect(result.errors).toBeUndefined();
        expect((result.data as Record<string, any>).codeNode.callers).toHaveLength(1_000);
      }
    } finally {
      await client.dispose();
    }
  });
});

describe('subscription payloads', () => {
  it('nest only the revision’s own records, which the budget need not count', () => {
    // A field under Subscription that reached the store or the files (a code node, source text)
    // would make a payload grow beyond the revision: it would need a budget per event.
    const reached = new Set<string>();
    const visit = (type: GraphQLNamedType) => {
      if (reached.has(type.name)) return;
      reached.add(type.name);
      if (isUnionType(type)) for (const member of type.getTypes()) visit(member);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) visit(getNamedType(field.type));
      }
    };
    for (const field of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) {
      visit(getNamedType(field.type));
    }
    expect([...reached].sort()).toEqual([
      'Analysis',
      'AnalysisState',
      'Boolean',
      'ChangeOp',
      'Float',
      'GraphChange',
      'GraphChangeEvent',
      'GraphElementKind',
      'Int',
      'JSON',
      'SemanticChange',
      'SemanticChangeKind',
      'String',
    ]);
  });
});
