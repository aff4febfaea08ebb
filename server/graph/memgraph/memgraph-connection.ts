/**
 * One neo4j-driver connection to Memgraph: connected in the background, schema ensured at
 * connect, state for readiness, and every transaction's failures mapped to
 * {@link GraphStoreError}s.
 */
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { GraphStoreError, type StoreHealth, type StoreState } from '../port.ts';
import { SCHEMA } from './cypher.ts';
import { mapMemgraphError } from './map-error.ts';
import { withConflictRetry } from './with-conflict-retry.ts';

/** Where the adapter reports what it does. pino's logger fits. */
export interface StoreLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface MemgraphConnectionOptions {
  /** One Memgraph instance, `bolt://host:7687` (routing `neo4j://` is for Enterprise HA only). */
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
  /** Further attempts of a write after a conflict. @default 3 */
  readonly conflictRetries?: number;
  /** @default silent */
  readonly logger?: StoreLogger;
}

export interface MemgraphConnection {
  readonly uri: string;
  health(): StoreHealth;
  /** Runs `work` in a read transaction. */
  read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
  /** Runs `work` in one write transaction, again after a conflict. */
  write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
  /** Stops reconnecting and closes the driver. */
  close(): Promise<void>;
}

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
 */
export function createMemgraphConnection(options: MemgraphConnectionOptions): MemgraphConnection {
  const { uri } = options;
  const logger = options.logger ?? SILENT;
  let driver: Driver;
  try {
    driver = neo4j.driver(uri, neo4j.auth.basic(options.user ?? '', options.password ?? ''), {
      disableLosslessIntegers: true,
      connectionTimeout: options.connectionTimeoutMs ?? 2000,
      connectionAcquisitionTimeout: options.connectionAcquisitionTimeoutMs ?? 5000,
      // The driver's managed retry would repeat permanent failures (Memgraph reports them as
      // transient too); withConflictRetry retries conflicts only.
      maxTransactionRetryTime: 0,
      userAgent: 'codenav',
    });
  } catch (error) {
    throw new Error(`Memgraph URI ${JSON.stringify(uri)} is not usable: ${(error as Error).message}`, {
      cause: error,
    });
  }

  let state: StoreState = 'connecting';
  let message: string | undefined = `connecting to Memgraph at ${uri}`;
  let attempt: Promise<void> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryDelay = FIRST_RETRY_MS;
  let closed = false;

  const markUnavailable = (error: unknown): void => {
    const mapped = mapMemgraphError(error, uri);
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

  const ensureSchema = async (): Promise<void> => {
    for (const statement of SCHEMA) {
      const session = driver.session({ defaultAccessMode: neo4j.session.WRITE });
      try {
        await session.run(statement);
      } catch (error) {
        const mapped = mapMemgraphError(error, uri);
        if (mapped instanceof GraphStoreError) throw mapped;
        // Memgraph has no IF NOT EXISTS: a repeated index or constraint is fine.
        if (!/already exists/i.test((error as Error).message)) {
          logger.warn(
            `Memgraph at ${uri}: "${statement}" failed (${(error as Error).message}); queries may be slower`,
          );
        }
      } finally {
        await session.close();
      }
    }
  };

  const connect = (): Promise<void> => {
    if (closed) return Promise.resolve();
    clearTimeout(retryTimer);
    retryTimer = undefined;
    attempt ??= (async () => {
      try {
        const info = await driver.getServerInfo();
        await ensureSchema();
        state = 'ready';
        message = undefined;
        retryDelay = FIRST_RETRY_MS;
        logger.info(
          `Memgraph at ${uri} is ready (${info.agent ?? 'unknown server'}, Bolt ${info.protocolVersion ?? '?'})`,
        );
      } catch (error) {
        markUnavailable(error);
      } finally {
        attempt = undefined;
      }
    })();
    return attempt;
  };

  const ready = async (): Promise<void> => {
    if (closed) throw new GraphStoreError('STORE_UNAVAILABLE', `the Memgraph store for ${uri} is closed`);
    if (state !== 'ready') await connect();
    if (state !== 'ready')
      throw new GraphStoreError('STORE_UNAVAILABLE', message ?? `Memgraph at ${uri} is unavailable`);
  };

  const run = async <T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>): Promise<T> => {
    await ready();
    const session = driver.session({
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    try {
      return mode === 'READ' ? await session.executeRead(work) : await session.executeWrite(work);
    } catch (error) {
      const mapped = mapMemgraphError(error, uri);
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
    read: (work) => run('READ', work),
    write: (work) => withConflictRetry(() => run('WRITE', work), { retries: options.conflictRetries ?? 3 }),
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      state = 'unavailable';
      message = `the Memgraph store for ${uri} is closed`;
      await driver.close();
    },
  };
}
