/**
 * One neo4j-driver connection to Memgraph: connected in the background, the storage mode
 * checked and (in the writing process) the schema set up at connect, state for readiness,
 * explicit transactions with the adapter's own retry, and failures mapped to
 * {@link GraphStoreError}s.
 */
import neo4j, {
  type AuthToken,
  type Config,
  type Driver,
  type Record as Neo4jRecord,
  type Transaction,
} from 'neo4j-driver';
import { maskedUrl } from '../../util/masked-url.ts';
import { GraphStoreError, type StoreHealth, type StoreState } from '../port.ts';
import { isTimeoutError, mapMemgraphError } from './map-error.ts';
import {
  missingSchema,
  releaseWarning,
  SHOW_CONSTRAINTS,
  SHOW_DATABASE_STORAGE,
  SHOW_INDEXES,
  SHOW_STORAGE,
  SHOW_VERSION,
  storageModeOf,
  storageModeProblem,
} from './requirements.ts';
import { withRetry } from './with-retry.ts';

/** Where the adapter reports what it does. pino's logger fits. */
export interface StoreLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface MemgraphConnectionOptions {
  /**
   * One Memgraph instance, `bolt://host:7687` (or `bolt+s://`, `bolt+ssc://`). Routing URIs
   * (`neo4j://`) are refused: they would send reads to replicas that may lag behind the
   * revision clients were told of.
   */
  readonly uri: string;
  /** @default '' — Memgraph without auth still expects basic auth with empty strings. */
  readonly user?: string;
  /** @default '' */
  readonly password?: string;
  /** TCP connect timeout. @default 2000 */
  readonly connectionTimeoutMs?: number;
  /**
   * How long a transaction waits for a connection, which bounds a peer that accepts TCP and
   * never answers Bolt (60 s otherwise). @default 5000
   */
  readonly connectionAcquisitionTimeoutMs?: number;
  /**
   * Memgraph stops a read transaction that runs longer (it becomes `BAD_REQUEST`), so a
   * runaway query cannot hold a worker. @default 30000
   */
  readonly readTimeoutMs?: number;
  /** Further attempts of a transaction after a failure a retry can cure (`isRetryableError`). @default 3 */
  readonly retries?: number;
  /**
   * Create the missing indexes and constraints at connect. Only the process that writes (the
   * indexer, or the `all` role) should: creating one takes exclusive storage access, which
   * would block, or fail behind, the writer's load. @default true
   */
  readonly setUpSchema?: boolean;
  /** @default silent */
  readonly logger?: StoreLogger;
}

/** What a unit of work runs its statements on: one open transaction. */
export interface StatementRunner {
  run(text: string, params?: Readonly<Record<string, unknown>>): PromiseLike<{ records: Neo4jRecord[] }>;
}

export interface MemgraphConnection {
  readonly uri: string;
  health(): StoreHealth;
  /** Runs `work` in one read transaction (with the read timeout); again after a retryable failure. */
  read<T>(work: (tx: StatementRunner) => Promise<T>): Promise<T>;
  /** Runs `work` in one write transaction; again after a retryable failure. */
  write<T>(work: (tx: StatementRunner) => Promise<T>): Promise<T>;
  /** Stops reconnecting and closes the driver. */
  close(): Promise<void>;
}

/** What the connection uses of a driver (tests pass a fake). */
export type MemgraphDriver = Pick<Driver, 'session' | 'getServerInfo' | 'close'>;
export type DriverFactory = (uri: string, auth: AuthToken, config: Config) => MemgraphDriver;

const SILENT: StoreLogger = { info: () => {}, warn: () => {} };
const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 30_000;

/**
 * Creates the driver and starts connecting in the background; returns at once.
 *
 * @remarks
 * A transaction first waits for the connection attempt in flight, or starts one when the
 * store is unavailable, so a request never waits longer than the connection timeouts and
 * learns that Memgraph is back as soon as it is. Meanwhile a background timer retries with
 * back-off (1 s to 30 s), so readiness recovers without traffic.
 *
 * Transactions are explicit (`beginTransaction`, then commit or rollback): the driver's
 * managed transactions retry on their own, at least once even with `maxTransactionRetryTime`
 * 0, on every transient error — and Memgraph reports permanent failures (a query timeout, the
 * memory limit) as transient too. {@link withRetry} is the only retry.
 *
 * @throws Error at once for a URI the driver cannot use, or a routing (`neo4j://`) URI.
 */
export function createMemgraphConnection(
  options: MemgraphConnectionOptions,
  /** For tests: a fake driver. */
  newDriver: DriverFactory = neo4j.driver,
): MemgraphConnection {
  const { uri } = options;
  /** The URI as messages show it (a password in it masked). */
  const where = maskedUrl(uri);
  const logger = options.logger ?? SILENT;
  const readTimeoutMs = options.readTimeoutMs ?? 30_000;
  const retries = options.retries ?? 3;
  if (/^neo4j(\+s|\+ssc)?:/i.test(uri)) {
    throw new Error(
      `Memgraph URI ${JSON.stringify(where)} asks for routing, which could send reads to a replica behind the revision clients were told of; use bolt://host:7687 (one instance, or one replica per API process: docs/DEPLOYMENT.md)`,
    );
  }
  let driver: MemgraphDriver;
  try {
    driver = newDriver(uri, neo4j.auth.basic(options.user ?? '', options.password ?? ''), {
      disableLosslessIntegers: true,
      connectionTimeout: options.connectionTimeoutMs ?? 2000,
      connectionAcquisitionTimeout: options.connectionAcquisitionTimeoutMs ?? 5000,
      userAgent: 'codenav',
    });
  } catch (error) {
    throw new Error(`Memgraph URI ${JSON.stringify(where)} is not usable: ${(error as Error).message}`, {
      cause: error,
    });
  }

  let state: StoreState = 'connecting';
  let message: string | undefined = `connecting to Memgraph at ${where}`;
  let attempt: Promise<void> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryDelay = FIRST_RETRY_MS;
  let closed = false;

  const markUnavailable = (error: unknown): void => {
    const mapped = mapMemgraphError(error, where);
    const reason = mapped instanceof Error ? mapped.message : String(mapped);
    if (state !== 'unavailable' || message !== reason) logger.warn(reason);
    state = 'unavailable';
    message = reason;
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, retryDelay);
    retryTimer.unref();
    retryDelay = Math.min(retryDelay * 2, LAST_RETRY_MS);
  };

  /**
   * One auto-commit statement (`session.run`): schema statements and `SHOW … INFO` are
   * refused inside explicit transactions. Rows as plain objects.
   */
  const autoCommit = async (text: string, mode: 'READ' | 'WRITE'): Promise<Record<string, unknown>[]> => {
    const session = driver.session({
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    try {
      const { records } = await session.run(text);
      return records.map((record) => record.toObject());
    } finally {
      await session.close().catch(() => {});
    }
  };

  /** The server's release (`SHOW VERSION`), warned about when the adapter was not written for it. */
  const readRelease = async (): Promise<string> => {
    let version: string;
    try {
      version = String((await autoCommit(SHOW_VERSION, 'READ'))[0]?.version ?? 'of unknown version');
    } catch (error) {
      const mapped = mapMemgraphError(error, where);
      if (mapped instanceof GraphStoreError) throw mapped;
      return 'of unknown version';
    }
    const warning = releaseWarning(version);
    if (warning) logger.warn(warning);
    return version;
  };

  /**
   * Refuses a storage mode without transactions or unique constraints. Up to Memgraph 3.10
   * the bare statement lists `storage_mode`; since 3.11 the database's mode is listed only
   * `ON CURRENT DATABASE`. When the mode cannot be read (a user without the privilege), the
   * store goes on with a warning.
   */
  const checkStorageMode = async (): Promise<void> => {
    let mode: string | undefined;
    try {
      mode =
        storageModeOf(await autoCommit(SHOW_STORAGE, 'READ')) ??
        storageModeOf(await autoCommit(SHOW_DATABASE_STORAGE, 'READ'));
    } catch (error) {
      const mapped = mapMemgraphError(error, where);
      if (mapped instanceof GraphStoreError) throw mapped;
      logger.warn(`Memgraph at ${where}: could not read the storage mode (${(error as Error).message})`);
      return;
    }
    if (mode === undefined) {
      logger.warn(`Memgraph at ${where}: SHOW STORAGE INFO did not list a storage mode`);
      return;
    }
    const problem = storageModeProblem(mode, where);
    if (problem) throw new GraphStoreError('STORE_UNAVAILABLE', problem);
  };

  /** Creates what `SHOW INDEX INFO` / `SHOW CONSTRAINT INFO` do not list, one statement at a time. */
  const setUpSchema = async (): Promise<void> => {
    const missing = missingSchema(
      await autoCommit(SHOW_INDEXES, 'READ'),
      await autoCommit(SHOW_CONSTRAINTS, 'READ'),
    );
    for (const statement of missing) {
      try {
        await autoCommit(statement, 'WRITE');
      } catch (error) {
        const mapped = mapMemgraphError(error, where);
        if (mapped instanceof GraphStoreError) throw mapped;
        throw new GraphStoreError(
          'STORE_UNAVAILABLE',
          `Memgraph at ${where} refused "${statement}" (${(error as Error).message}); the store retries`,
          { cause: error },
        );
      }
      logger.info(`Memgraph at ${where}: ${statement}`);
    }
  };

  const connect = (): Promise<void> => {
    if (closed) return Promise.resolve();
    clearTimeout(retryTimer);
    retryTimer = undefined;
    attempt ??= (async () => {
      try {
        const info = await driver.getServerInfo();
        const release = await readRelease();
        await checkStorageMode();
        if (options.setUpSchema ?? true) await setUpSchema();
        state = 'ready';
        message = undefined;
        retryDelay = FIRST_RETRY_MS;
        logger.info(`Memgraph ${release} at ${where} is ready (Bolt ${info.protocolVersion ?? '?'})`);
      } catch (error) {
        markUnavailable(error);
      } finally {
        attempt = undefined;
      }
    })();
    return attempt;
  };

  const ready = async (): Promise<void> => {
    if (closed) throw new GraphStoreError('STORE_UNAVAILABLE', `the Memgraph store for ${where} is closed`);
    if (state !== 'ready') await connect();
    if (state !== 'ready')
      throw new GraphStoreError('STORE_UNAVAILABLE', message ?? `Memgraph at ${where} is unavailable`);
  };

  /** One explicit transaction: `work`, then commit; rollback on any failure. No retry here. */
  const transaction = async <T>(
    mode: 'READ' | 'WRITE',
    work: (tx: StatementRunner) => Promise<T>,
  ): Promise<T> => {
    await ready();
    const session = driver.session({
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    try {
      const tx: Transaction = session.beginTransaction(
        mode === 'READ' ? { timeout: readTimeoutMs } : undefined,
      );
      try {
        const result = await work(tx);
        await tx.commit();
        return result;
      } catch (error) {
        if (tx.isOpen()) await tx.rollback().catch(() => {});
        throw error;
      }
    } catch (error) {
      if (mode === 'READ' && isTimeoutError(error)) {
        throw new GraphStoreError(
          'BAD_REQUEST',
          `the query ran longer than ${readTimeoutMs} ms and was stopped; ask for less (a smaller depth, limit or page)`,
          { cause: error },
        );
      }
      const mapped = mapMemgraphError(error, where);
      if (mapped instanceof GraphStoreError && mapped.code === 'STORE_UNAVAILABLE') markUnavailable(error);
      throw mapped;
    } finally {
      // Closing a session whose connection died must not hide the error above.
      await session.close().catch(() => {});
    }
  };

  void connect();

  return {
    uri,
    health: () => (message === undefined ? { state } : { state, message }),
    read: (work) => withRetry(() => transaction('READ', work), { retries }),
    write: (work) => withRetry(() => transaction('WRITE', work), { retries }),
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      state = 'unavailable';
      message = `the Memgraph store for ${where} is closed`;
      await driver.close();
    },
  };
}
