/**
 * The Memgraph connection without a server: the driver configuration, explicit transactions
 * and the one retry, the storage-mode check and schema setup at connect (on a fake driver that
 * answers like Memgraph), error mapping, and real failures against a closed port and a peer
 * that never speaks Bolt.
 */
import net from 'node:net';
import neo4j, { Neo4jError, Record as Neo4jRecord } from 'neo4j-driver';
import { afterEach, describe, expect, it } from 'vitest';
import { isRetryableError, mapMemgraphError } from '../../server/graph/memgraph/map-error.ts';
import {
  createMemgraphConnection,
  type DriverFactory,
  type MemgraphConnection,
  type MemgraphConnectionOptions,
} from '../../server/graph/memgraph/memgraph-connection.ts';
import { createMemgraphStore } from '../../server/graph/memgraph/memgraph-store.ts';
import { CONSTRAINTS, INDEXES } from '../../server/graph/memgraph/requirements.ts';
import { withRetry } from '../../server/graph/memgraph/with-retry.ts';
import { type GraphStore, GraphStoreError } from '../../server/graph/port.ts';
import type { ChangeSet } from '../../server/model/index.ts';

const URI = 'bolt://memgraph.test:7687';
const TRANSIENT = 'Memgraph.TransientError.MemgraphError.MemgraphError';

/** An error as the driver raises it (driver 6 no longer exports `newError`). */
function driverError(message: string, code = 'N/A'): Neo4jError {
  return new Neo4jError(message, code, '50N42', 'error: general processing exception - unexpected error');
}

/** Memgraph's own messages, as its sources word them. */
const MESSAGES = {
  conflict:
    'Cannot resolve conflicting transactions. Retry this transaction when the conflicting transaction is finished.',
  serialization: 'Unable to commit due to serialization error.',
  sharedAccess:
    "Cannot get shared access to the storage. Try stopping other parallel queries. You can increase the timeout via SET DATABASE SETTINGS 'storage.access_timeout_sec' TO 'value';",
  uniqueViolation: 'Unable to commit due to unique constraint violation on :CodenavMeta(id)',
  timeout: 'Transaction was asked to abort because of transaction timeout.',
  memory: 'Memory limit exceeded!',
};

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

  it('maps credentials refused with Memgraph’s code, or Neo4j’s, to STORE_UNAVAILABLE that says so', () => {
    for (const code of [
      'Memgraph.ClientError.Security.Unauthenticated',
      'Neo.ClientError.Security.Unauthorized',
    ]) {
      const mapped = mapMemgraphError(driverError('Authentication failure', code), URI) as GraphStoreError;
      expect(mapped.code).toBe('STORE_UNAVAILABLE');
      expect(mapped.message).toBe(
        `Memgraph at ${URI} refused the credentials (Authentication failure); check the user and password`,
      );
    }
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

  it('retries conflicts, storage-access timeouts and racing unique keys, and no other transient error', () => {
    for (const message of [
      MESSAGES.conflict,
      MESSAGES.serialization,
      MESSAGES.sharedAccess,
      MESSAGES.uniqueViolation,
    ])
      expect(isRetryableError(driverError(message, TRANSIENT)), message).toBe(true);
    for (const message of [MESSAGES.timeout, MESSAGES.memory, 'Query execution timed out'])
      expect(isRetryableError(driverError(message, TRANSIENT)), message).toBe(false);
    expect(isRetryableError(new GraphStoreError('STORE_UNAVAILABLE', MESSAGES.conflict))).toBe(false);
  });

  it('runs work again after a retryable failure, up to the retries, and never after another', async () => {
    let calls = 0;
    const conflict = driverError(MESSAGES.conflict, TRANSIENT);
    const result = await withRetry(
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
    const memory = driverError(MESSAGES.memory, TRANSIENT);
    await expect(
      withRetry(
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
      withRetry(
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

/** One thing the connection did with the fake driver. */
type Call =
  | { readonly what: 'auto-commit'; readonly mode: 'READ' | 'WRITE'; readonly text: string }
  | { readonly what: 'begin'; readonly mode: 'READ' | 'WRITE'; readonly config: unknown }
  | { readonly what: 'run'; readonly text: string }
  | { readonly what: 'commit' | 'rollback' };

/** How the fake answers a statement: rows, or an error to throw. */
type Answer = (text: string) => Record<string, unknown>[] | Error;

const TRANSACTIONAL = [{ 'storage info': 'storage_mode', value: 'IN_MEMORY_TRANSACTIONAL' }];

/** Answers like an empty Memgraph 3.10 in transactional mode. */
const emptyMemgraph: Answer = (text) => {
  if (text === 'SHOW VERSION') return [{ version: '3.10.1' }];
  return text === 'SHOW STORAGE INFO' ? TRANSACTIONAL : [];
};

/**
 * A driver with the session API the connection uses. It has no `executeRead` /
 * `executeWrite`: the driver's managed (self-retrying) transactions cannot be used by accident.
 */
function fakeDriver(answer: Answer = emptyMemgraph) {
  const calls: Call[] = [];
  const created: { uri: string; auth: unknown; config: Record<string, unknown> }[] = [];
  const respond = async (text: string) => {
    const rows = answer(text);
    if (rows instanceof Error) throw rows;
    return { records: rows.map((row) => new Neo4jRecord(Object.keys(row), Object.values(row))) };
  };
  const driver = {
    getServerInfo: async () => ({ address: 'fake:7687', agent: 'Memgraph/3.12.0', protocolVersion: 5.2 }),
    close: async () => {},
    session({ defaultAccessMode }: { defaultAccessMode: string }) {
      const mode = defaultAccessMode === neo4j.session.READ ? 'READ' : 'WRITE';
      return {
        run(text: string) {
          calls.push({ what: 'auto-commit', mode, text });
          return respond(text);
        },
        beginTransaction(config: unknown) {
          calls.push({ what: 'begin', mode, config });
          let open = true;
          return {
            run(text: string) {
              calls.push({ what: 'run', text });
              return respond(text);
            },
            async commit() {
              open = false;
              calls.push({ what: 'commit' });
            },
            async rollback() {
              open = false;
              calls.push({ what: 'rollback' });
            },
            isOpen: () => open,
          };
        },
        close: async () => {},
      };
    },
  };
  const factory = ((uri, auth, config) => {
    created.push({ uri, auth, config: config as Record<string, unknown> });
    return driver as never;
  }) satisfies DriverFactory;
  return { calls, created, factory };
}

describe('the Memgraph connection on a fake driver', () => {
  const connections: MemgraphConnection[] = [];
  afterEach(async () => {
    await Promise.all(connections.splice(0).map((connection) => connection.close()));
  });

  const connect = (
    answer?: Answer,
    options: Partial<MemgraphConnectionOptions> = {},
  ): ReturnType<typeof fakeDriver> & { connection: MemgraphConnection } => {
    const fake = fakeDriver(answer);
    const connection = createMemgraphConnection({ uri: URI, ...options }, fake.factory);
    connections.push(connection);
    return { ...fake, connection };
  };
  const autoCommits = (calls: readonly Call[]) =>
    calls.flatMap((call) => (call.what === 'auto-commit' ? [`${call.mode} ${call.text}`] : []));
  const allSchema = [...INDEXES, ...CONSTRAINTS].map((item) => `WRITE ${item.create}`);

  it('creates the driver with basic auth, lossless integers off, short timeouts and no database', () => {
    const { created } = connect(undefined, { user: 'reader', password: 'secret' });
    expect(created).toEqual([
      {
        uri: URI,
        auth: neo4j.auth.basic('reader', 'secret'),
        config: {
          disableLosslessIntegers: true,
          connectionTimeout: 2000,
          connectionAcquisitionTimeout: 5000,
          userAgent: 'codenav',
        },
      },
    ]);
    expect(connect().created[0]?.auth).toEqual(neo4j.auth.basic('', ''));
  });

  it('refuses a routing URI before creating a driver, saying why and what to use', () => {
    for (const uri of ['neo4j://memgraph:7687', 'neo4j+s://memgraph:7687']) {
      const fake = fakeDriver();
      expect(() => createMemgraphConnection({ uri }, fake.factory)).toThrow(
        `Memgraph URI "${uri}" asks for routing, which could send reads to a replica behind the revision clients were told of; use bolt://host:7687`,
      );
      expect(fake.created).toEqual([]);
    }
  });

  it('runs a read in one explicit read transaction with the read timeout, then commits', async () => {
    const { calls, connection } = connect();
    const rows = await connection.read(async (tx) => (await tx.run('RETURN 1 AS one')).records.length);
    expect(rows).toBe(0);
    const transaction = calls.slice(calls.findIndex((call) => call.what === 'begin'));
    expect(transaction).toEqual([
      { what: 'begin', mode: 'READ', config: { timeout: 30_000 } },
      { what: 'run', text: 'RETURN 1 AS one' },
      { what: 'commit' },
    ]);
    const custom = connect(undefined, { readTimeoutMs: 1234 });
    await custom.connection.read(async () => undefined);
    expect(custom.calls.find((call) => call.what === 'begin')).toMatchObject({ config: { timeout: 1234 } });
  });

  it('runs a write in one explicit write transaction without a timeout, then commits', async () => {
    const { calls, connection } = connect();
    await connection.write(async (tx) => tx.run('CREATE (:X)'));
    expect(calls.slice(calls.findIndex((call) => call.what === 'begin'))).toEqual([
      { what: 'begin', mode: 'WRITE', config: undefined },
      { what: 'run', text: 'CREATE (:X)' },
      { what: 'commit' },
    ]);
  });

  it('rolls back and fails at once on a transient error no retry can cure', async () => {
    const memory = driverError(MESSAGES.memory, TRANSIENT);
    const { calls, connection } = connect((text) =>
      text === 'MATCH (n) RETURN n' ? memory : emptyMemgraph(text),
    );
    await expect(connection.write(async (tx) => tx.run('MATCH (n) RETURN n'))).rejects.toBe(memory);
    expect(calls.filter((call) => call.what === 'begin')).toHaveLength(1);
    expect(calls.at(-1)).toEqual({ what: 'rollback' });
  });

  it('turns a read stopped by its timeout into BAD_REQUEST, without retrying it', async () => {
    const { calls, connection } = connect((text) =>
      text === 'MATCH p = ()-[*]->() RETURN p'
        ? driverError(MESSAGES.timeout, TRANSIENT)
        : emptyMemgraph(text),
    );
    const error = await connection
      .read(async (tx) => tx.run('MATCH p = ()-[*]->() RETURN p'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphStoreError);
    expect(error).toMatchObject({
      code: 'BAD_REQUEST',
      message:
        'the query ran longer than 30000 ms and was stopped; ask for less (a smaller depth, limit or page)',
    });
    expect(calls.filter((call) => call.what === 'begin')).toHaveLength(1);
    expect(connection.health().state).toBe('ready');
  });

  it('runs a transaction again after a conflict or a storage-access timeout, up to the retries', async () => {
    let failures = 2;
    const { calls, connection } = connect((text) => {
      if (text !== 'MERGE (m:M)') return emptyMemgraph(text);
      failures -= 1;
      return failures >= 0
        ? driverError(failures === 1 ? MESSAGES.conflict : MESSAGES.sharedAccess, TRANSIENT)
        : [];
    });
    await connection.write(async (tx) => tx.run('MERGE (m:M)'));
    expect(calls.filter((call) => call.what === 'begin')).toHaveLength(3);
    expect(calls.filter((call) => call.what === 'rollback')).toHaveLength(2);
    expect(calls.at(-1)).toEqual({ what: 'commit' });

    const always = connect(
      (text) =>
        text === 'MERGE (m:M)' ? driverError(MESSAGES.sharedAccess, TRANSIENT) : emptyMemgraph(text),
      { retries: 1 },
    );
    await expect(always.connection.read(async (tx) => tx.run('MERGE (m:M)'))).rejects.toThrow(
      /shared access/,
    );
    expect(always.calls.filter((call) => call.what === 'begin')).toHaveLength(2);
  });

  it('checks the storage mode, then reads the schema and creates only what is missing, auto-committed', async () => {
    const { calls, connection } = connect((text) => {
      if (text === 'SHOW STORAGE INFO') return TRANSACTIONAL;
      if (text === 'SHOW INDEX INFO')
        return [
          { 'index type': 'label', label: 'CodeNode', property: null, count: 0 },
          { 'index type': 'label+property', label: 'CodeNode', property: ['key'], count: 0 },
        ];
      if (text === 'SHOW CONSTRAINT INFO')
        return [{ 'constraint type': 'unique', label: 'CodeNode', properties: ['key'], data_type: '' }];
      return [];
    });
    await connection.read(async () => undefined);
    expect(autoCommits(calls)).toEqual([
      'READ SHOW VERSION',
      'READ SHOW STORAGE INFO',
      'READ SHOW INDEX INFO',
      'READ SHOW CONSTRAINT INFO',
      ...allSchema.filter(
        (statement) =>
          ![
            'WRITE CREATE INDEX ON :CodeNode',
            'WRITE CREATE INDEX ON :CodeNode(key)',
            'WRITE CREATE CONSTRAINT ON (n:CodeNode) ASSERT n.key IS UNIQUE',
          ].includes(statement),
      ),
    ]);
    // Schema statements never run inside a transaction (Memgraph refuses them there).
    expect(calls.filter((call) => call.what === 'run')).toEqual([]);
    expect(autoCommits(calls)).toContain('WRITE CREATE INDEX ON :CodeNode(nameLower)');
    expect(autoCommits(calls)).toContain('WRITE CREATE CONSTRAINT ON (n:CodenavMeta) ASSERT n.id IS UNIQUE');
  });

  it('sets no schema up when told not to (API processes), and reads nothing of it', async () => {
    const { calls, connection } = connect(undefined, { setUpSchema: false });
    await connection.read(async () => undefined);
    expect(autoCommits(calls)).toEqual(['READ SHOW VERSION', 'READ SHOW STORAGE INFO']);
  });

  it('reads the storage mode ON CURRENT DATABASE when the bare statement does not list it (3.11+)', async () => {
    const { calls, connection } = connect(
      (text) => {
        if (text === 'SHOW STORAGE INFO')
          return [{ 'storage info': 'global_storage_mode', value: 'IN_MEMORY_TRANSACTIONAL' }];
        if (text === 'SHOW STORAGE INFO ON CURRENT DATABASE')
          return [{ 'storage info': 'storage_mode', value: 'IN_MEMORY_ANALYTICAL' }];
        return [];
      },
      { setUpSchema: false },
    );
    await expect(connection.read(async () => undefined)).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
      message: expect.stringContaining('runs in IN_MEMORY_ANALYTICAL storage mode'),
    });
    expect(autoCommits(calls)).toEqual([
      'READ SHOW VERSION',
      'READ SHOW STORAGE INFO',
      'READ SHOW STORAGE INFO ON CURRENT DATABASE',
    ]);
  });

  it('refuses a Memgraph in analytical mode with a clear message and touches no schema', async () => {
    const { calls, connection } = connect((text) =>
      text === 'SHOW STORAGE INFO' ? [{ 'storage info': 'storage_mode', value: 'IN_MEMORY_ANALYTICAL' }] : [],
    );
    const error = await connection.write(async () => undefined).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect((error as Error).message).toBe(
      `Memgraph at ${URI} runs in IN_MEMORY_ANALYTICAL storage mode, which has no transactions (a change set would not be atomic) and no unique constraints; switch it with "STORAGE MODE IN_MEMORY_TRANSACTIONAL;" or start it with --storage-mode=IN_MEMORY_TRANSACTIONAL`,
    );
    expect(connection.health()).toEqual({ state: 'unavailable', message: (error as Error).message });
    expect(autoCommits(calls).some((text) => text.includes('CREATE'))).toBe(false);
    expect(calls.some((call) => call.what === 'begin')).toBe(false);
  });

  it('logs the release when ready, and warns about one the adapter was not written for', async () => {
    const lines: string[] = [];
    const logger = {
      info: (line: string) => lines.push(`info ${line}`),
      warn: (line: string) => lines.push(`warn ${line}`),
    };
    const newer = connect(
      (text) => (text === 'SHOW VERSION' ? [{ version: '3.13.1' }] : emptyMemgraph(text)),
      {
        setUpSchema: false,
        logger,
      },
    );
    await newer.connection.read(async () => undefined);
    expect(lines).toEqual([
      'warn Memgraph 3.13.1 is outside the releases the adapter was written for (3.0 to 3.12); see docs/DEPLOYMENT.md',
      `info Memgraph 3.13.1 at ${URI} is ready (Bolt 5.2)`,
    ]);
    lines.length = 0;
    await connect(undefined, { setUpSchema: false, logger }).connection.read(async () => undefined);
    expect(lines).toEqual([`info Memgraph 3.10.1 at ${URI} is ready (Bolt 5.2)`]);
  });

  it('goes on with a warning when the storage mode cannot be read', async () => {
    const warnings: string[] = [];
    const { connection } = connect(
      (text) =>
        text.startsWith('SHOW STORAGE') ? driverError('You are not authorized to execute this query') : [],
      { setUpSchema: false, logger: { info: () => {}, warn: (line) => warnings.push(line) } },
    );
    await connection.read(async () => undefined);
    expect(connection.health().state).toBe('ready');
    expect(warnings).toEqual([
      `Memgraph at ${URI}: could not read the storage mode (You are not authorized to execute this query)`,
    ]);
  });

  it('reports a refused schema statement as unavailable, naming the statement', async () => {
    const { connection } = connect((text) =>
      text === 'CREATE INDEX ON :CodeNode(nameLower)'
        ? driverError(
            'Index manipulation not allowed on replica.',
            'Memgraph.ClientError.MemgraphError.MemgraphError',
          )
        : emptyMemgraph(text),
    );
    await expect(connection.read(async () => undefined)).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
      message: `Memgraph at ${URI} refused "CREATE INDEX ON :CodeNode(nameLower)" (Index manipulation not allowed on replica.); the store retries`,
    });
  });

  it('says the credentials were refused when Memgraph rejects them at connect', async () => {
    const fake = fakeDriver();
    const factory: DriverFactory = (uri, auth, config) =>
      ({
        ...(fake.factory(uri, auth, config) as object),
        getServerInfo: async () => {
          throw driverError('Authentication failure', 'Memgraph.ClientError.Security.Unauthenticated');
        },
      }) as never;
    const connection = createMemgraphConnection({ uri: URI }, factory);
    connections.push(connection);
    await expect(connection.read(async () => undefined)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(connection.health().message).toBe(
      `Memgraph at ${URI} refused the credentials (Authentication failure); check the user and password`,
    );
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

  it('never shows a password written in the URI: errors and /readyz name it masked', async () => {
    const port = await closedPort();
    const store = createMemgraphStore({ uri: `bolt://admin:hunter2@127.0.0.1:${port}` });
    stores.push(store);
    const error = await store.getNodes(['src/a.ts']).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    const shown = [(error as Error).message, store.health().message ?? ''];
    for (const text of shown) {
      expect(text).toContain(`bolt://admin:***@127.0.0.1:${port}`);
      expect(text).not.toContain('hunter2');
    }
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
