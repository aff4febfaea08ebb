/**
 * The Memgraph adapter without a server: the statements it would send, how it reads driver
 * errors, and how it fails when Memgraph cannot be reached.
 */
import net from 'node:net';
import neo4j, { Neo4jError } from 'neo4j-driver';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApplyStatements } from '../../server/graph/memgraph/apply-statements.ts';
import * as cypher from '../../server/graph/memgraph/cypher.ts';
import { isConflictError, mapMemgraphError } from '../../server/graph/memgraph/map-error.ts';
import { createMemgraphStore } from '../../server/graph/memgraph/memgraph-store.ts';
import { withConflictRetry } from '../../server/graph/memgraph/with-conflict-retry.ts';
import { type GraphStore, GraphStoreError } from '../../server/graph/port.ts';
import { type ChangeSet, EDGE_TYPES, NODE_KINDS } from '../../server/model/index.ts';
import { adding, edge, file, symbol } from './fixture.ts';

const URI = 'bolt://memgraph.test:7687';

/** An error as the driver raises it (driver 6 no longer exports `newError`). */
function driverError(message: string, code = 'N/A'): Neo4jError {
  return new Neo4jError(message, code, '50N42', 'error: general processing exception - unexpected error');
}

/** What each statement does, from its text. */
function describeStatement(statement: cypher.Statement): string {
  const text = statement.text;
  if (text === cypher.NEXT_REVISION) return 'revision';
  if (text === cypher.REMOVE_NODES) return 'remove nodes';
  if (text === cypher.MISSING_NODES) return 'check endpoints';
  const label = /SET node:`(\w+)`$/.exec(text)?.[1];
  if (label) return `upsert ${label}`;
  const type = /\[edge:`(\w+)`\]/.exec(text)?.[1];
  if (type && text.includes('DELETE edge')) return `remove ${type}`;
  if (type && text.includes('MERGE')) return `upsert ${type}`;
  return 'unknown';
}

function rowsOf(statements: readonly cypher.Statement[], what: string): { props: Record<string, unknown> }[] {
  const statement = statements.find((s) => describeStatement(s) === what);
  return (statement?.params.rows ?? []) as { props: Record<string, unknown> }[];
}

const sample: ChangeSet = {
  files: ['src/a.ts'],
  changes: [
    { op: 'EDGE_ADDED', edge: edge('CALLS', 'src/a.ts#f', 'src/a.ts#g', { count: 2, line: 7 }) },
    {
      op: 'NODE_ADDED',
      node: symbol('src/a.ts#f', 'FUNCTION', { startLine: 3, ratio: 0.5, spans: [[1, 2]] }),
    },
    { op: 'EDGE_REMOVED', edge: { type: 'REFERENCES', from: 'src/a.ts#f', to: 'src/b.ts#T' } },
    { op: 'NODE_REMOVED', key: 'src/b.ts#T', kind: 'TYPE_ALIAS' },
    { op: 'NODE_UPDATED', node: file('src/a.ts', { lines: 40, hash: null }) },
    { op: 'NODE_ADDED', node: symbol('src/a.ts#g', 'FUNCTION') },
    {
      op: 'EDGE_ADDED',
      edge: edge('IMPORTS', 'src/a.ts', 'npm:react', { names: ['useState'], typeOnly: false }),
    },
    { op: 'EDGE_ADDED', edge: edge('CONTAINS', 'src/a.ts', 'src/a.ts#f') },
  ],
};

describe('Memgraph write statements', () => {
  it('apply a change set as revision, removals, node upserts by kind, endpoint check, edge upserts by type', () => {
    expect(buildApplyStatements(sample).map(describeStatement)).toEqual([
      'revision',
      'remove REFERENCES',
      'remove nodes',
      'upsert FUNCTION',
      'upsert FILE',
      'check endpoints',
      'upsert CALLS',
      'upsert IMPORTS',
      'upsert CONTAINS',
    ]);
  });

  it('send each node with its key and kind among its properties, without null properties', () => {
    const statements = buildApplyStatements(sample);
    const fileRows = statements.find((s) => describeStatement(s) === 'upsert FILE')?.params.rows;
    expect(fileRows).toEqual([
      {
        key: 'src/a.ts',
        props: { key: 'src/a.ts', kind: 'FILE', path: 'src/a.ts', language: 'ts', lines: neo4j.int(40) },
      },
    ]);
    expect(statements.find((s) => s.text === cypher.REMOVE_NODES)?.params).toEqual({ keys: ['src/b.ts#T'] });
  });

  it('send integer properties as neo4j Integers, deep inside lists too, and floats as numbers', () => {
    const statements = buildApplyStatements(sample);
    const [f] = rowsOf(statements, 'upsert FUNCTION');
    expect(neo4j.isInt(f?.props.startLine)).toBe(true);
    expect(f?.props.startLine).toEqual(neo4j.int(3));
    expect(f?.props.ratio).toBe(0.5);
    const spans = f?.props.spans as unknown[][];
    expect(neo4j.isInt(spans[0]?.[1])).toBe(true);
    const [calls] = rowsOf(statements, 'upsert CALLS');
    expect(neo4j.isInt(calls?.props.count)).toBe(true);
  });

  it('check every endpoint of the new edges and reject the change set when one is missing', () => {
    const check = buildApplyStatements(sample).find((s) => s.text === cypher.MISSING_NODES);
    expect(check?.rejectIfRows).toMatch(/do not exist/);
    expect([...((check?.params.keys ?? []) as string[])].sort()).toEqual([
      'npm:react',
      'src/a.ts',
      'src/a.ts#f',
      'src/a.ts#g',
    ]);
  });

  it('split every list into UNWIND batches of the batch size', () => {
    const nodes = Array.from({ length: 25 }, (_, i) => symbol(`src/x.ts#s${i}`, 'VARIABLE'));
    const edges = nodes.slice(1).map((n) => edge('REFERENCES', nodes[0]!.key, n.key));
    const statements = buildApplyStatements(adding([file('src/x.ts'), ...nodes], edges), { batchSize: 10 });
    const rowsOf = (what: string) =>
      statements.filter((s) => describeStatement(s) === what).map((s) => (s.params.rows as unknown[]).length);
    expect(rowsOf('upsert VARIABLE')).toEqual([10, 10, 5]);
    expect(rowsOf('upsert FILE')).toEqual([1]);
    expect(rowsOf('upsert REFERENCES')).toEqual([10, 10, 4]);
    const checks = statements
      .filter((s) => s.text === cypher.MISSING_NODES)
      .map((s) => (s.params.keys as unknown[]).length);
    expect(checks).toEqual([10, 10, 5]);
  });

  it('use the default batch size of 10k rows', () => {
    const nodes = Array.from({ length: 10_001 }, (_, i) => symbol(`src/y.ts#s${i}`, 'VARIABLE'));
    const upserts = buildApplyStatements(adding(nodes)).filter(
      (s) => describeStatement(s) === 'upsert VARIABLE',
    );
    expect(upserts.map((s) => (s.params.rows as unknown[]).length)).toEqual([10_000, 1]);
  });

  it('reject a change set with a kind or type outside the allow-list before writing a statement', () => {
    const injection = 'FILE) DETACH DELETE n //';
    const bogus: ChangeSet[] = [
      { files: [], changes: [{ op: 'NODE_ADDED', node: { key: 'a', kind: injection as never, props: {} } }] },
      {
        files: [],
        changes: [{ op: 'EDGE_ADDED', edge: { type: injection as never, from: 'a', to: 'b', props: {} } }],
      },
      { files: [], changes: [{ op: 'EDGE_REMOVED', edge: { type: 'HATES' as never, from: 'a', to: 'b' } }] },
    ];
    for (const changeSet of bogus) {
      expect(() => buildApplyStatements(changeSet)).toThrow(
        expect.objectContaining({ name: 'GraphStoreError', code: 'INVALID_CHANGE_SET' }),
      );
    }
    expect(() => cypher.upsertNodesText(injection)).toThrow(GraphStoreError);
    expect(() => cypher.upsertEdgesText(injection)).toThrow(GraphStoreError);
    expect(() => cypher.removeEdgesText(injection)).toThrow(GraphStoreError);
    expect(() => cypher.relationshipTypes([injection])).toThrow(GraphStoreError);
  });

  it('write only allow-listed labels and relationship types into statement text', () => {
    const allowed = new Set<string>([...NODE_KINDS, ...EDGE_TYPES, cypher.NODE_LABEL, 'CodenavMeta']);
    const texts = [
      ...buildApplyStatements(sample).map((s) => s.text),
      ...NODE_KINDS.map(cypher.upsertNodesText),
      ...EDGE_TYPES.map(cypher.upsertEdgesText),
      ...cypher.SCHEMA,
      cypher.traverse(['a'], { types: ['CALLS', 'REFERENCES'], direction: 'IN', maxDepth: 3, limit: 10 })
        .text,
      cypher.shortestPath('a', 'b', { types: undefined, maxDepth: 5 }).text,
    ];
    for (const text of texts) {
      const names = [...text.matchAll(/[:|]\s*`?([A-Za-z_]+)/g)]
        .map((m) => m[1]!)
        .filter((n) => /^[A-Z]/.test(n));
      for (const name of names) expect(allowed, `${name} in ${text}`).toContain(name);
    }
  });
});

describe('Memgraph read statements', () => {
  it('send page sizes, limits and cursor positions as neo4j Integers', () => {
    const page = cypher.searchPage(
      { text: 'parse', kinds: ['FUNCTION'], pathPrefix: 'src/', exported: true },
      { tier: 1, length: 6, key: 'src/b.ts#Parser' },
      51,
    );
    expect(page.params).toMatchObject({
      text: 'parse',
      kinds: ['FUNCTION'],
      pathPrefix: 'src/',
      exported: true,
    });
    for (const name of ['afterTier', 'afterLength', 'limit'])
      expect(neo4j.isInt(page.params[name])).toBe(true);
    expect(page.params.limit).toEqual(neo4j.int(51));
    expect(neo4j.isInt(cypher.unusedExportsPage(undefined, '', 10).params.limit)).toBe(true);
    const traverse = cypher.traverse(['a'], { types: undefined, direction: 'OUT', maxDepth: 3, limit: 1000 });
    expect(traverse.params.limit).toEqual(neo4j.int(1000));
  });

  it('send absent filters as nulls, which the statement reads as no filter', () => {
    expect(
      cypher.countSearch({ text: undefined, kinds: undefined, pathPrefix: undefined, exported: undefined })
        .params,
    ).toEqual({
      text: null,
      kinds: null,
      pathPrefix: null,
      exported: null,
    });
  });

  it('traverse and find paths breadth-first with the depth written into the pattern', () => {
    const callers = cypher.traverse(['k'], { types: ['CALLS'], direction: 'IN', maxDepth: 4, limit: 10 });
    expect(callers.text).toContain('(start)<-[edges:`CALLS` *BFS ..4]-(node:CodeNode)');
    const callees = cypher.traverse(['k'], { types: undefined, direction: 'OUT', maxDepth: 2, limit: 10 });
    expect(callees.text).toContain('(start)-[edges *BFS ..2]->(node:CodeNode)');
    const path = cypher.shortestPath('a', 'b', { types: ['IMPORTS', 'CALLS'], maxDepth: 15 });
    expect(path.text).toContain('-[edges:`IMPORTS`|`CALLS` *BFS ..15]->');
    expect(path.text).not.toContain('shortestPath(');
    expect(() => cypher.traverse(['k'], { types: [], direction: 'OUT', maxDepth: 2, limit: 1 })).toThrow(
      GraphStoreError,
    );
  });
});

describe('Memgraph error mapping', () => {
  it('maps ServiceUnavailable and SessionExpired to STORE_UNAVAILABLE naming the URI and the cause', () => {
    for (const code of ['ServiceUnavailable', 'SessionExpired']) {
      const error = driverError(
        'Failed to connect to server. Please ensure that your database is listening. Caused by: connect ECONNREFUSED 10.0.0.1:7687',
        code,
      );
      const mapped = mapMemgraphError(error, URI) as GraphStoreError;
      expect(mapped).toBeInstanceOf(GraphStoreError);
      expect(mapped.code).toBe('STORE_UNAVAILABLE');
      expect(mapped.message).toBe(
        `Memgraph at ${URI} is unavailable (connect ECONNREFUSED 10.0.0.1:7687); check that it is running and reachable`,
      );
      expect(mapped.cause).toBe(error);
    }
  });

  it('maps a connection acquisition timeout, which has no code, to STORE_UNAVAILABLE', () => {
    const error = driverError(
      'Connection acquisition timed out in 5000 ms. Pool status: Active conn count = 0',
    );
    expect(mapMemgraphError(error, URI)).toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });

  it('maps refused credentials to STORE_UNAVAILABLE that says so', () => {
    const error = driverError('Authentication failure', 'Neo.ClientError.Security.Unauthorized');
    const mapped = mapMemgraphError(error, URI) as GraphStoreError;
    expect(mapped.code).toBe('STORE_UNAVAILABLE');
    expect(mapped.message).toContain('refused the credentials');
  });

  it('passes query errors and its own errors through unchanged', () => {
    const syntax = driverError(
      "line 1:1 mismatched input 'MATC'",
      'Memgraph.ClientError.MemgraphError.MemgraphError',
    );
    expect(mapMemgraphError(syntax, URI)).toBe(syntax);
    const own = new GraphStoreError('INVALID_CHANGE_SET', 'no');
    expect(mapMemgraphError(own, URI)).toBe(own);
  });

  it('recognizes write conflicts and serialization errors, and nothing else, as conflicts', () => {
    const transient = 'Memgraph.TransientError.MemgraphError.MemgraphError';
    expect(
      isConflictError(
        driverError('Cannot resolve conflicting transactions. Retry this transaction.', transient),
      ),
    ).toBe(true);
    expect(isConflictError(driverError('Serialization error occurred', transient))).toBe(true);
    expect(isConflictError(driverError('Memory limit exceeded!', transient))).toBe(false);
    expect(isConflictError(driverError('Query execution timed out', transient))).toBe(false);
  });

  it('retries a write after a conflict, and only after a conflict', async () => {
    let calls = 0;
    const conflict = driverError('Cannot resolve conflicting transactions.', 'Memgraph.TransientError');
    const result = await withConflictRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw conflict;
        return 'done';
      },
      { retries: 3, delayMs: 1 },
    );
    expect(result).toBe('done');
    expect(calls).toBe(3);

    calls = 0;
    const memory = driverError('Memory limit exceeded!', 'Memgraph.TransientError');
    await expect(
      withConflictRetry(
        async () => {
          calls += 1;
          throw memory;
        },
        { retries: 3, delayMs: 1 },
      ),
    ).rejects.toBe(memory);
    expect(calls).toBe(1);

    calls = 0;
    await expect(
      withConflictRetry(
        async () => {
          calls += 1;
          throw conflict;
        },
        { retries: 2, delayMs: 1 },
      ),
    ).rejects.toBe(conflict);
    expect(calls).toBe(3);
  });
});

describe('the Memgraph store without a server', () => {
  const stores: GraphStore[] = [];
  const servers: net.Server[] = [];
  const sockets = new Set<net.Socket>();

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  const listen = async (onConnection?: (socket: net.Socket) => void): Promise<number> => {
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      onConnection?.(socket);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as net.AddressInfo).port;
  };

  const closedPort = async (): Promise<number> => {
    const port = await listen();
    await new Promise((resolve) => servers.pop()!.close(resolve));
    return port;
  };

  it('returns at once, connecting in the background', async () => {
    const store = createMemgraphStore({ uri: `bolt://127.0.0.1:${await closedPort()}` });
    stores.push(store);
    expect(store.name).toBe('memgraph');
    expect(store.health().state).toBe('connecting');
  });

  it('fails reads quickly with STORE_UNAVAILABLE when nothing listens, and reports itself unavailable', async () => {
    const uri = `bolt://127.0.0.1:${await closedPort()}`;
    const store = createMemgraphStore({ uri });
    stores.push(store);
    const started = Date.now();
    const error = await store.getNodes(['src/a.ts']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphStoreError);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect((error as Error).message).toContain(uri);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(store.health()).toMatchObject({ state: 'unavailable', message: expect.stringContaining(uri) });
    await expect(store.stats()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });

  it('fails with STORE_UNAVAILABLE within the acquisition timeout when the peer never answers Bolt', async () => {
    const port = await listen(); // accepts TCP, never writes a byte
    const store = createMemgraphStore({
      uri: `bolt://127.0.0.1:${port}`,
      connectionAcquisitionTimeoutMs: 1500,
    });
    stores.push(store);
    const started = Date.now();
    await expect(store.findNodes({ text: 'parse' })).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(1500 + 1000);
    expect(sockets.size).toBeGreaterThan(0);
    expect(store.health().state).toBe('unavailable');
  });

  it('rejects an invalid change set without contacting Memgraph', async () => {
    const store = createMemgraphStore({ uri: `bolt://127.0.0.1:${await closedPort()}` });
    stores.push(store);
    const bad = { files: [], changes: [{ op: 'NODE_ADDED', node: { key: 'a', kind: 'BOGUS', props: {} } }] };
    await expect(store.apply(bad as unknown as ChangeSet)).rejects.toMatchObject({
      code: 'INVALID_CHANGE_SET',
    });
  });

  it('rejects requests beyond the limits without contacting Memgraph', async () => {
    const store = createMemgraphStore({ uri: `bolt://127.0.0.1:${await closedPort()}` });
    stores.push(store);
    await expect(store.findNodes({}, { first: 501 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(store.traverse(['a'], { direction: 'OUT', maxDepth: 11 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(store.shortestPath('a', 'b', { maxDepth: 16 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});
