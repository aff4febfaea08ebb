/**
 * The composition root: builds the store, the events engine, the indexer and the HTTP server
 * from a validated config, and tears them down in order. Transports stay in their adapters.
 */
import { readFileSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import pino, { type Logger } from 'pino';
import type { AnalysisStatus, SchemaServices } from '../schema/index.ts';
import { isLoopback, type ServeConfig } from './config.ts';
import { memoryStoreFrom, openSnapshotSlot } from './durability/load-snapshot.ts';
import { type MemgraphMark, openMemgraphMark } from './durability/memgraph-mark.ts';
import { storedGraphOf } from './durability/memgraph-start.ts';
import { createSnapshotKeeper, type SnapshotKeeper } from './durability/snapshot-keeper.ts';
import { createMemoryEvents, type MemoryEventsEngine } from './events/memory-engine.ts';
import type { EventsEngine, ProgressEvent, RevisionEvent } from './events/port.ts';
import type { RevisionNumbering } from './events/redis-engine.ts';
import type { MemgraphStore, MemgraphStoreOptions } from './graph/memgraph/memgraph-store.ts';
import { createMemoryStore, type MemoryStore } from './graph/memory/memory-store.ts';
import type { GraphStore } from './graph/port.ts';
import { createAccessToken } from './http/access-token.ts';
import type { CodenavYoga } from './http/create-yoga.ts';
import type { WebSocketLimits } from './http/graphql-ws.ts';
import {
  type HttpTimeouts,
  maxSocketsFor,
  type Readiness,
  type RunningServer,
  startHttpServer,
} from './http/http-server.ts';
import { createPathGuard } from './http/path-guard.ts';
import { createRequestGuard } from './http/request-guard.ts';
import { createAnalysisRunner } from './indexer/analysis-runner.ts';
import { createFileWatcher, type FileWatcher } from './indexer/file-watcher.ts';
import { createIndexer, type Indexer } from './indexer/indexer.ts';
import type { McpFront } from './mcp/index.ts';
import { packageRoot } from './package-root.ts';
import { createSourceReader } from './source/source-reader.ts';
import { openFileLimit } from './util/open-file-limit.ts';

/** Parts a caller (a test, a second process sharing a store) may supply instead of the config's. */
export interface AppParts {
  readonly store?: GraphStore;
  readonly events?: EventsEngine;
  readonly logger?: Logger;
  /** Where the built web UI is. @default client/dist of this package */
  readonly clientDir?: string;
  /** WebSocket limits beyond the config's (buffer bound, init timeout), for embedding and tests. */
  readonly webSocketLimits?: Partial<Omit<WebSocketLimits, 'maxPayload'>>;
  /** How long a client may take to send a request, for embedding and tests. @default 10 s headers, 30 s in all */
  readonly httpTimeouts?: HttpTimeouts;
}

export interface App {
  readonly store: GraphStore;
  readonly events: EventsEngine;
  /** Absent in the `api` role. */
  readonly indexer?: Indexer;
  /** Resolves once file changes are being watched (at once when not watching). */
  readonly watching: Promise<void>;
  /**
   * Resolves with the reason when the app can no longer do its job and the process should stop
   * (another process is already the writer of this project on Redis). Never rejects.
   */
  readonly failure: Promise<Error>;
  /**
   * Listens, then starts analysis and watching in the background and loads the GraphQL server;
   * resolves once `/graphql` answers. `onListening` is called as soon as the port is bound
   * (requests to `/graphql` before the GraphQL server has loaded wait for it).
   */
  start(options?: { onListening?(server: RunningServer): void }): Promise<RunningServer>;
  /** Starts analysis and watching without listening: `codenav mcp` on stdio. */
  startIndexing(): void;
  /** The MCP front door over this app's services (loaded on first use, closed by {@link App.stop}). */
  mcp(): Promise<McpFront>;
  /**
   * The GraphQL server without a socket, for in-process callers (tests, embedding): answer
   * requests with its `fetch`. Loaded once, and the same one {@link start} serves. The HTTP
   * request guard (allowed hosts, CORS preflight, the token for reads) is not in front of it;
   * mutations still check the token.
   */
  graphql(): Promise<CodenavYoga>;
  /** Stops watching and analysis, closes the server (subscriptions first), events, then the store. */
  stop(): Promise<void>;
}

/**
 * Builds the app for a config. Adapters load only when the config needs them (neo4j-driver,
 * ioredis), so that the default start-up stays quick.
 */
export async function createApp(config: ServeConfig, parts: AppParts = {}): Promise<App> {
  const logger = parts.logger ?? pino({ level: config.logLevel }, pino.destination(2));
  let fail!: (error: Error) => void;
  const failure = new Promise<Error>((resolve) => {
    fail = resolve;
  });
  // The embedded store keeps a snapshot in the cache folder (server/durability).
  const slot =
    parts.store === undefined && config.store === 'memory' && config.cacheDir !== undefined
      ? await openSnapshotSlot(config.cacheDir, config.dir, logger)
      : undefined;
  const warm = slot ? memoryStoreFrom(slot, logger) : undefined;
  let store: GraphStore;
  let events: EventsEngine;
  try {
    store = parts.store ?? warm?.store ?? (await createStore(config, logger));
    // A writer whose store numbers revisions itself continues a Redis log that went further.
    const numbering: RevisionNumbering | undefined =
      config.role !== 'api' && isMemoryStore(store)
        ? { start: await store.revision(), shift: (by) => (store as MemoryStore).shiftRevision(by) }
        : undefined;
    events = parts.events ?? (await createEvents(config, logger, fail, warm?.history, numbering));
  } catch (error) {
    // No keeper will let go of the lock: a later app of this process on this root would be refused.
    await slot?.release();
    throw error;
  }
  // A Memgraph writer reads the stored graph at start (see memgraph-start.ts); its mark in the
  // cache folder carries the numbering on when Memgraph comes back empty and no Redis log remembers.
  const memgraph = config.store === 'memgraph' && isMemgraphStore(store) ? store : undefined;
  const mark: MemgraphMark | undefined =
    memgraph && config.role !== 'api' && config.cacheDir !== undefined
      ? await openMemgraphMark(config.cacheDir, realpathSync.native(config.dir), logger)
      : undefined;
  const runner = config.role === 'api' ? undefined : createAnalysisRunner({ root: config.dir });
  const indexer =
    runner &&
    createIndexer({
      runner,
      store,
      events,
      logger,
      snapshot:
        warm?.loaded?.bytes ??
        (memgraph
          ? (signal) =>
              storedGraphOf({
                store: memgraph,
                events,
                root: realpathSync.native(config.dir),
                logger,
                signal,
                ...(mark?.published !== undefined ? { published: mark.published } : {}),
                ...(isMemoryEvents(events)
                  ? { continuing: (revision: number) => events.continueAfter(revision) }
                  : {}),
              })
          : undefined),
    });
  const keeper: SnapshotKeeper | undefined =
    slot && warm && indexer && runner
      ? createSnapshotKeeper({
          file: slot.file,
          root: slot.root,
          store: warm.store,
          events,
          logger,
          settled: () => indexer.status().state === 'READY',
          layout: () => runner.layout(),
          history: warm.history?.events,
          written: warm.loaded && {
            revision: warm.loaded.snapshot.revision,
            layout: warm.loaded.snapshot.layout,
          },
          release: slot.release,
        })
      : undefined;
  // Nothing keeps the snapshot in this role: let another server keep it.
  if (slot && !keeper) await slot.release();
  if (indexer) mark?.follow(events);
  const remoteProgress = config.role === 'api' ? followProgress(events) : undefined;
  let watcher: FileWatcher | undefined;
  let server: RunningServer | undefined;
  let watchingReady!: () => void;
  const watching = new Promise<void>((resolve) => {
    watchingReady = resolve;
  });

  const analysis = (): AnalysisStatus => {
    const status: ProgressEvent | undefined = indexer?.status() ?? remoteProgress?.latest();
    return status ?? { state: 'PENDING', phase: 'PENDING', filesDone: 0, filesTotal: 0, durationMs: 0 };
  };

  const checkPath = createPathGuard(config.dir);
  const readSource = createSourceReader(config.dir, checkPath);
  // Loaded on demand: it parses old file text, and serve keeps the compiler off its main thread.
  // MCP passes its request's signal (a cancelled `diff_impact` kills its git); GraphQL none.
  const diffImpact = async (base: string, depth: number, first: number, signal?: AbortSignal) =>
    (await import('./diff-impact/index.ts')).diffImpact({
      root: config.dir,
      store,
      base,
      depth,
      first,
      readSource,
      ...(signal ? { signal } : {}),
    });
  const services: SchemaServices = {
    store,
    events,
    analysis,
    reanalyze: indexer ? (paths) => indexer.reanalyze(paths) : undefined,
    checkPath,
    readSource,
    diffImpact,
  };

  let mcpFront: Promise<McpFront> | undefined;
  const mcp = () => {
    mcpFront ??= import('./mcp/index.ts').then(({ createMcpFront }) =>
      createMcpFront({
        services: {
          store,
          events,
          analysis,
          // Tools wait for this process's own first analysis; an api process has none to wait for.
          ...(indexer ? { firstAnalysis: () => indexer.ready } : {}),
          // Saves the watcher holds until their burst ends: answers are not complete meanwhile.
          ...(indexer && config.watch ? { changedFiles: () => watcher?.pending() ?? [] } : {}),
          checkPath,
          readSource: services.readSource,
          diffImpact,
        },
        logger,
        version: codenavVersion(),
      }),
    );
    return mcpFront;
  };

  const startIndexing = () => {
    if (indexer) {
      indexer.start();
      void indexer.ready.then(() => keeper?.schedule(0));
      if (config.watch) {
        watcher = createFileWatcher({
          root: config.dir,
          onChange: (paths) => {
            logger.debug({ paths }, 'files changed');
            indexer.reanalyze(paths).catch((error: unknown) => logger.error({ err: error }, 'update failed'));
          },
          onError: (error) => logger.warn({ err: error }, 'watcher error'),
        });
        void watcher.ready.then(watchingReady);
      }
    }
    if (!watcher) watchingReady();
  };

  const access = config.token === undefined ? undefined : createAccessToken(config.token);
  const guard = createRequestGuard({
    logger,
    hosts: {
      enabled: isLoopback(config.host) || config.allowedHosts.length > 0,
      allowedHosts: config.allowedHosts,
    },
    corsOrigins: config.corsOrigins,
    access,
    publicRead: config.publicRead,
    maxEventStreams: config.maxConnections,
  });

  const readiness = (): Readiness => {
    const storeHealth = store.health();
    const eventsHealth = events.health();
    const status = analysis();
    // An api process: whether an indexer keeps the graph up to date. Reported, but it does not
    // decide readiness: the store still answers queries (docs/DEPLOYMENT.md, "Health and readiness").
    const writer = events.writerPresence?.();
    return {
      ready: storeHealth.state === 'ready' && (config.role === 'indexer' || server?.serving === true),
      components: {
        store: { state: storeHealth.state, ...(storeHealth.message ? { message: storeHealth.message } : {}) },
        pubsub: {
          state: eventsHealth.state,
          ...(eventsHealth.message ? { message: eventsHealth.message } : {}),
        },
        analysis: {
          state: status.state,
          phase: status.phase,
          filesDone: status.filesDone,
          filesTotal: status.filesTotal,
          ...(status.message ? { message: status.message } : {}),
        } as { state: string },
        ...(writer ? { indexer: writer } : {}),
      },
    };
  };

  let yoga: Promise<CodenavYoga> | undefined;
  const graphql = (): Promise<CodenavYoga> =>
    (yoga ??= import('./http/create-yoga.ts').then(({ createCodenavYoga }) =>
      createCodenavYoga({ services, logger, access, corsOrigins: config.corsOrigins }),
    ));

  return {
    store,
    events,
    indexer,
    watching,
    failure,
    graphql,
    async start({ onListening } = {}) {
      // Listen first: /healthz answers while the GraphQL server loads (a few hundred
      // milliseconds), then the analysis starts: the analysis worker's own start (ts-morph)
      // slowed the first answer by a third on a busy machine (docs/BENCHMARKS.md, "Start-up").
      server = await startHttpServer({
        logger,
        host: config.host,
        port: config.port,
        readiness,
        graphql: config.role !== 'indexer',
        clientDir: parts.clientDir ?? path.join(packageRoot, 'client', 'dist'),
        guard,
        webSocketLimits: {
          maxConnections: config.maxConnections,
          maxSubscriptions: config.maxSubscriptions,
          ...parts.webSocketLimits,
        },
        ...(parts.httpTimeouts ? { timeouts: parts.httpTimeouts } : {}),
        maxSockets: socketCap(config.maxConnections, logger),
      });
      onListening?.(server);
      // An indexer serves health and readiness only; API processes serve the graph.
      if (config.role !== 'indexer') {
        await server.serveGraphql(await graphql());
        const front = await mcp();
        server.serveMcp(
          front.httpHandler({ maxSessions: config.maxConnections, corsOrigins: config.corsOrigins }).handle,
        );
      }
      startIndexing();
      return server;
    },
    startIndexing,
    mcp,
    async stop() {
      await watcher?.close();
      await indexer?.close();
      await keeper?.close();
      await mark?.close();
      await (await mcpFront)?.close();
      await server?.close();
      remoteProgress?.stop();
      await events.close();
      await store.close();
    },
  };
}

async function createStore(config: ServeConfig, logger: Logger): Promise<GraphStore> {
  if (config.store === 'memory') return createMemoryStore();
  const { createMemgraphStore } = await import('./graph/memgraph/memgraph-store.ts');
  return createMemgraphStore(memgraphStoreOptions(config, logger));
}

/** The Memgraph store's options for a role. */
export function memgraphStoreOptions(config: ServeConfig, logger: Logger): MemgraphStoreOptions {
  return {
    uri: config.memgraphUri!,
    logger: logger.child({ component: 'memgraph' }),
    // Only the writer sets up indexes and constraints: that takes exclusive storage access, which
    // an API replica starting during the indexer's load would wait for and fail behind.
    setUpSchema: config.role !== 'api',
  };
}

/** The app's own memory store (or one like it): it numbers revisions itself, and can move the numbering up. */
function isMemoryStore(store: GraphStore): store is MemoryStore {
  return typeof (store as Partial<MemoryStore>).shiftRevision === 'function';
}

/** The in-process events engine: it learns where numbering continues from the store. */
function isMemoryEvents(events: EventsEngine): events is MemoryEventsEngine {
  return typeof (events as Partial<MemoryEventsEngine>).continueAfter === 'function';
}

/** A Memgraph store (or a stand-in): it can read its whole graph back and raise its revision. */
function isMemgraphStore(store: GraphStore): store is MemgraphStore {
  const candidate = store as Partial<MemgraphStore>;
  return typeof candidate.readGraph === 'function' && typeof candidate.raiseRevision === 'function';
}

async function createEvents(
  config: ServeConfig,
  logger: Logger,
  fail: (error: Error) => void,
  history?: { readonly revision: number; readonly events: readonly RevisionEvent[] },
  numbering?: RevisionNumbering,
): Promise<EventsEngine> {
  if (config.redisUrl === undefined) return createMemoryEvents(history && { history });
  const { createRedisEvents } = await import('./events/redis-engine.ts');
  return createRedisEvents({
    url: config.redisUrl,
    projectId: config.projectId,
    // Every role but api publishes revisions: claim the project's writer lease at once.
    writer: config.role !== 'api',
    ...(numbering ? { numbering } : {}),
    onWriterRefused: (message) => {
      logger.error(message);
      fail(new Error(message));
    },
    logger: logger.child({ component: 'redis' }),
  });
}

/**
 * The socket cap for `--max-connections`, fitted to the open-file limit; a warning when the
 * limit lowers it, naming the limit to raise.
 */
function socketCap(maxConnections: number, logger: Logger): number {
  const fileLimit = openFileLimit();
  const cap = maxSocketsFor(maxConnections, fileLimit);
  const wanted = maxSocketsFor(maxConnections);
  if (cap < wanted) {
    logger.warn(
      { openFileLimit: fileLimit, maxSockets: cap, wanted },
      `the open-file limit (${fileLimit}) leaves room for ${cap} open sockets, not the ${wanted} --max-connections ${maxConnections} asks for: raise it (ulimit -n) or lower --max-connections`,
    );
  }
  return cap;
}

/** In the api role, the analysis is another process's: follow its progress through the events engine. */
function followProgress(events: EventsEngine) {
  const controller = new AbortController();
  let latest: ProgressEvent | undefined;
  void (async () => {
    for (;;) {
      try {
        for await (const progress of events.subscribeProgress({ signal: controller.signal }))
          latest = progress;
        return;
      } catch {
        if (controller.signal.aborted) return;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  })();
  return { latest: () => latest, stop: () => controller.abort() };
}

/** The version in codenav's package.json, told to MCP clients. */
function codenavVersion(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string })
    .version;
}
