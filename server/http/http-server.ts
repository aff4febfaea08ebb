import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { openFileLimit } from '../util/open-file-limit.ts';
import type { CodenavYoga } from './create-yoga.ts';
import type { WebSocketLimits } from './graphql-ws.ts';
import { trackOpenSockets } from './open-sockets.ts';
import type { RequestGuard } from './request-guard.ts';
import { createStaticHandler } from './static-files.ts';

/** Each component's state, as `/readyz` reports it. */
export interface Readiness {
  /** True when queries can be answered. */
  readonly ready: boolean;
  readonly components: Readonly<Record<string, { readonly state: string; readonly message?: string }>>;
}

export interface HttpServerOptions {
  readonly logger: Logger;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly readiness: () => Readiness;
  /** False for an indexer process, which serves health and readiness only. */
  readonly graphql: boolean;
  /** What every request passes first: `Host`, `Origin`, token, media type; a handler's throw becomes a 500. */
  readonly guard: RequestGuard;
  /** Limits of graphql-ws connections (`maxPayload` below is their largest message). */
  readonly webSocketLimits?: Partial<Omit<WebSocketLimits, 'maxPayload'>>;
  /** The built web UI. */
  readonly clientDir: string;
  /** Largest WebSocket message accepted. @default 1 MiB */
  readonly maxPayload?: number;
  /**
   * How long a `/graphql` request (or WebSocket) that arrives before the GraphQL server has
   * loaded waits for it, before a 503; an `/mcp` request the same for the MCP server. @default 5 s
   */
  readonly graphqlWaitMs?: number;
  /**
   * How long a client may take to send a request's headers, and its whole request (body
   * included), before a 408 and the end of the connection; a connection that sends nothing
   * more holds a socket only this long.
   * The headers' time is at most the request's.
   * @default headers 10 s, request 30 s (Node's own: 60 s and 300 s)
   */
  readonly timeouts?: HttpTimeouts;
  /**
   * Most sockets open at once, of every kind (requests, keep-alive, SSE streams, WebSockets);
   * a connection beyond is closed as soon as it is accepted, before anything is read from it,
   * and those already open are served as before.
   * @default {@link maxSocketsFor}(1000, the open-file limit): for `--max-connections`' default
   * @remarks
   * Each socket is a file handle: without a bound, a flood of connections takes the handles
   * the process needs for its files, git, the store and the connections it serves. Keep it
   * under the process's open-file limit, with room for those.
   */
  readonly maxSockets?: number;
}

/**
 * The socket cap that leaves room for `maxConnections` WebSockets and as many SSE streams, and
 * 1,000 more for requests and MCP streams ({@link HttpServerOptions.maxSockets} by default: for
 * the default 1,000 of `--max-connections`, 3,000), lowered to fit `fileLimit`, the process's
 * open-file limit when known.
 *
 * @remarks
 * Every socket is a file handle, and may hold one more while it is answered (a web UI file
 * streamed, a source file read); the process keeps {@link RESERVED_FILES} for its own files,
 * git, the store and the analysis worker. So at most half of what is left goes to sockets: a
 * flood then meets the cap, and is closed at once, before `accept` runs into `EMFILE` (which
 * would refuse connections unlogged and fail every file the server opens meanwhile).
 */
export function maxSocketsFor(maxConnections: number, fileLimit?: number): number {
  const wanted = 2 * maxConnections + 1000;
  if (fileLimit === undefined) return wanted;
  const reserved = Math.min(RESERVED_FILES, Math.floor(fileLimit / 2));
  return Math.max(1, Math.min(wanted, Math.floor((fileLimit - reserved) / 2)));
}

/** File handles kept out of the socket cap's reach (see {@link maxSocketsFor}). */
const RESERVED_FILES = 256;

/** Least time between two log lines about connections the socket cap closed. */
const DROP_LOG_MS = 10_000;

/** See {@link HttpServerOptions.timeouts}. */
export interface HttpTimeouts {
  readonly headersMs?: number;
  readonly requestMs?: number;
  /**
   * How long a socket may hold an answer its client does not take (no byte of it accepted)
   * before the socket is closed; 0 is never. WebSockets keep their own rule (pings, 4100).
   * @default 30 s
   * @remarks
   * Node keeps a written answer in memory until the client reads it, and closes no socket for
   * it: 300 clients that asked for a 700 KB answer and read nothing held 2.6 GB, for good.
   */
  readonly sendStallMs?: number;
}

/** A JSON-RPC error body with no id (the request was not read), as `/mcp` answers refusals. */
function jsonRpcError(message: string) {
  return { jsonrpc: '2.0', error: { code: -32000, message }, id: null };
}

/** What Node's HTTP parser refused, as a status, a code and one line (the body of the answer). */
const CLIENT_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'REQUEST_TIMEOUT',
    message: 'the request was not sent in time: send its headers and body without pausing',
  },
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
    message: 'the address or headers are over 16 KiB: send a long query as a POST body',
  },
};
const MALFORMED = { status: 400, code: 'BAD_REQUEST', message: 'the request is not well-formed HTTP/1.1' };

export interface RunningServer {
  /** `http://HOST:PORT` with the real port. */
  readonly url: string;
  readonly port: number;
  /** True once `/graphql` answers. */
  readonly serving: boolean;
  /** Starts answering `/graphql` (HTTP, SSE and graphql-ws). */
  serveGraphql(yoga: CodenavYoga): Promise<void>;
  /** Starts answering `/mcp` (MCP's Streamable HTTP transport) with this handler. */
  serveMcp(handler: (request: IncomingMessage, response: ServerResponse) => void): void;
  /** graphql-ws first (subscriptions end cleanly), then WebSockets, then HTTP. */
  close(): Promise<void>;
}

/**
 * One port for everything: `/graphql` (queries over GET and POST, SSE subscriptions,
 * GraphiQL, and graphql-ws over WebSocket), `/healthz`, `/readyz`, and the web UI at `/`.
 *
 * @remarks
 * It listens before the GraphQL server is loaded (Yoga and the schema take a few hundred
 * milliseconds to load): `/healthz` answers from the first moments, and a `/graphql` request
 * that arrives before {@link RunningServer.serveGraphql} waits for it (no GraphQL client
 * retries a 503), up to {@link HttpServerOptions.graphqlWaitMs}.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const { logger } = options;
  const serveStatic = createStaticHandler(options.clientDir);
  let yoga: CodenavYoga | undefined;
  let mcp: ((request: IncomingMessage, response: ServerResponse) => void) | undefined;
  let webSockets: { close(): Promise<void> } | undefined;
  let graphqlLoaded!: (yoga: CodenavYoga | undefined) => void;
  const loading = new Promise<CodenavYoga | undefined>((resolve) => {
    graphqlLoaded = resolve;
  });
  type McpHandler = (request: IncomingMessage, response: ServerResponse) => void;
  let mcpLoaded!: (handler: McpHandler | undefined) => void;
  const loadingMcp = new Promise<McpHandler | undefined>((resolve) => {
    mcpLoaded = resolve;
  });
  /** What `loaded` resolves to, or undefined when it does not in time (or the server closed). */
  const inTime = <T>(loaded: Promise<T | undefined>): Promise<T | undefined> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), options.graphqlWaitMs ?? 5000);
    });
    return Promise.race([loaded, timeout]).finally(() => clearTimeout(timer));
  };
  /** The GraphQL server once loaded, or undefined when it did not load in time (or the server closed). */
  const untilGraphql = (): Promise<CodenavYoga | undefined> => inTime(loading);
  const json = (
    response: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) =>
    response
      .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers })
      .end(JSON.stringify(body));

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const pathname = (request.url ?? '/').split('?')[0];
    if (
      (pathname === '/healthz' || pathname === '/readyz') &&
      request.method !== 'GET' &&
      request.method !== 'HEAD'
    )
      return json(
        response,
        405,
        {
          errors: [
            { message: `${pathname} answers GET and HEAD only`, extensions: { code: 'METHOD_NOT_ALLOWED' } },
          ],
        },
        { allow: 'GET, HEAD' },
      );
    if (pathname === '/healthz') return json(response, 200, { status: 'ok' });
    if (pathname === '/readyz') {
      const readiness = options.readiness();
      return json(response, readiness.ready ? 200 : 503, {
        status: readiness.ready ? 'ready' : 'not ready',
        components: readiness.components,
      });
    }
    if (pathname === '/graphql') {
      if (yoga) return void yoga.handle(request, response);
      if (!options.graphql)
        return json(response, 404, {
          error: 'this process only indexes (role indexer): query an api process',
        });
      logger.debug({ method: request.method }, 'a /graphql request waits for the GraphQL server to load');
      return void untilGraphql().then((loaded) => {
        if (loaded) void loaded.handle(request, response);
        else json(response, 503, { error: 'starting: try again in a moment' }, { 'retry-after': '1' });
      });
    }
    if (pathname === '/mcp') {
      if (mcp) return mcp(request, response);
      // JSON-RPC errors, which MCP clients read; and a request that comes as the server starts
      // waits for MCP to load, as one to /graphql does (an agent connecting at once got a 503).
      if (!options.graphql)
        return json(
          response,
          404,
          jsonRpcError('this process only indexes (role indexer): ask an api process'),
        );
      logger.debug({ method: request.method }, 'an /mcp request waits for the MCP server to load');
      return void inTime(loadingMcp).then((loaded) => {
        if (loaded) loaded(request, response);
        else json(response, 503, jsonRpcError('starting: try again in a moment'), { 'retry-after': '1' });
      });
    }
    return serveStatic(request, response);
  };
  const requestTimeout = options.timeouts?.requestMs ?? 30_000;
  // Node refuses a headers timeout over the request timeout (ERR_OUT_OF_RANGE); 0 is none.
  const headersTimeout = Math.min(
    options.timeouts?.headersMs ?? 10_000,
    requestTimeout > 0 ? requestTimeout : Number.POSITIVE_INFINITY,
  );
  const server = createServer(
    {
      headersTimeout,
      requestTimeout,
      // Node looks for late requests this often (its default, 30 s, would triple a 10 s bound).
      connectionsCheckingInterval: Math.min(1000, headersTimeout),
    },
    options.guard.wrap(handle),
  );
  // Node closes a connection beyond it at once (net.Server's own count: upgraded sockets too).
  server.maxConnections = options.maxSockets ?? maxSocketsFor(1000, openFileLimit());
  const openSockets = trackOpenSockets(server);
  const stallSweep = sweepStalledSockets(
    openSockets.sockets,
    options.timeouts?.sendStallMs ?? 30_000,
    logger,
  );
  let dropped = 0;
  let droppedLogged = 0;
  server.on('drop', () => {
    dropped += 1;
    // One line now and then, not one per refused connection of a flood.
    if (Date.now() - droppedLogged < DROP_LOG_MS) return;
    droppedLogged = Date.now();
    logger.warn(
      { maxSockets: server.maxConnections, dropped },
      'too many open connections: new ones are closed at once',
    );
    dropped = 0;
  });
  // Node answers these with a status and no body; ours says what was wrong, with a code, as
  // the request guard's refusals do.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // Node's own check: no answer begun on this socket (a response in flight keeps its bytes).
    const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
    if (!socket.writable || inFlight?.headersSent) return void socket.destroy();
    const { status, code, message } = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED;
    const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\ncache-control: no-store\r\nconnection: close\r\n\r\n${body}`,
    );
    // Closed once sent, whether or not the client reads or closes its side.
    socket.destroySoon();
  });

  // A WebSocket that arrives before graphql-ws is attached waits like an HTTP request; once
  // attached, graphql-ws's own listener answers every upgrade.
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    stallSweep.release(socket);
    if (webSockets) return;
    if (!options.graphql || (request.url ?? '/').split('?')[0] !== '/graphql') return void socket.destroy();
    logger.debug('a WebSocket waits for the GraphQL server to load');
    void untilGraphql().then((loaded) => {
      if (loaded) server.emit('upgrade', request, socket, head);
      else socket.end('HTTP/1.1 503 Service Unavailable\r\nretry-after: 1\r\ncontent-length: 0\r\n\r\n');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `http://${host}:${port}`,
    port,
    get serving() {
      return yoga !== undefined;
    },
    async serveGraphql(next) {
      const { attachGraphqlWs } = await import('./graphql-ws.ts');
      webSockets = attachGraphqlWs(server, next, {
        logger,
        guard: options.guard,
        limits: { ...options.webSocketLimits, maxPayload: options.maxPayload ?? 1024 * 1024 },
      });
      yoga = next;
      graphqlLoaded(next);
    },
    serveMcp(handler) {
      mcp = handler;
      mcpLoaded(handler);
    },
    async close() {
      stallSweep.stop();
      await webSockets?.close();
      // SSE streams and keep-alive sockets would hold close() open; so would an upgrade that
      // came after graphql-ws let go of upgrades, which closeAllConnections does not reach.
      server.closeAllConnections();
      const unanswered = openSockets.destroyAll();
      if (unanswered > 0) logger.debug({ sockets: unanswered }, 'closed sockets no handler had taken');
      await new Promise<void>((resolve) => server.close(() => resolve()));
      graphqlLoaded(undefined);
      mcpLoaded(undefined);
      await yoga?.dispose?.();
    },
  };
}

/**
 * Closes sockets whose client has taken none of the data waiting for it for `stallMs`,
 * checked every second or so: the data is an answer Node holds in memory until then. An idle
 * socket (nothing waiting: keep-alive, a quiet SSE or MCP stream) is not concerned, nor one
 * whose client reads, however slowly. `release` hands a socket over (a WebSocket's own rules).
 */
function sweepStalledSockets(
  sockets: ReadonlySet<Socket>,
  stallMs: number,
  logger: Logger,
): { release(socket: Duplex): void; stop(): void } {
  /** Per socket with data waiting: how far the kernel had taken it, and since when no further. */
  const watched = new Map<Socket, { sent: number; queued: number; since: number }>();
  const released = new WeakSet<Duplex>();
  if (stallMs <= 0) return { release: () => undefined, stop: () => undefined };
  const sweep = setInterval(
    () => {
      const now = Date.now();
      let closed = 0;
      for (const socket of watched.keys()) if (!sockets.has(socket)) watched.delete(socket);
      for (const socket of sockets) {
        if (released.has(socket) || socket.destroyed || socket.writableLength === 0) {
          watched.delete(socket);
          continue;
        }
        // bytesWritten counts what is still buffered too; the kernel has taken the rest. But a
        // write counts as taken only once all of it is (a GraphQL answer is one write of many
        // MB): libuv's queue of the write in flight, which shrinks as the kernel takes it, shows
        // a slow reader's progress meanwhile.
        const sent = socket.bytesWritten - socket.writableLength;
        const queued = (socket as { _handle?: { writeQueueSize?: number } })._handle?.writeQueueSize ?? 0;
        const seen = watched.get(socket);
        if (seen === undefined || seen.sent !== sent || seen.queued !== queued)
          watched.set(socket, { sent, queued, since: now });
        else if (now - seen.since >= stallMs) {
          socket.destroy();
          closed += 1;
        }
      }
      if (closed > 0) {
        logger.warn(
          { closed, stallMs },
          'closed connections whose clients took none of their answer in time',
        );
      }
    },
    Math.min(1000, stallMs),
  );
  sweep.unref();
  return {
    release(socket) {
      released.add(socket);
    },
    stop() {
      clearInterval(sweep);
    },
  };
}
