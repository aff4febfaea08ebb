import type { IncomingMessage, Server } from 'node:http';
import { type DocumentNode, type ExecutionArgs, type ExecutionResult, GraphQLError } from 'graphql';
import { CloseCode, handleProtocols, makeServer, type OperationResult } from 'graphql-ws';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';
import { GraphStoreError } from '../graph/port.ts';
import { forWebSocket, parseFailed, resultForWebSocket, storeFailure } from './coded-errors.ts';
import type { CodenavYoga } from './create-yoga.ts';
import { documentWeight } from './document-cache.ts';
import type { RequestGuard } from './request-guard.ts';
import { encodedResult } from './shared-results.ts';

/** Limits of the WebSocket transport; each keeps one client from taking the server's memory. */
export interface WebSocketLimits {
  /** Concurrent connections; one more is closed with 1013 (try again later). @default 1000 */
  readonly maxConnections: number;
  /** Operations at once on one connection; one more is a GraphQL error for that operation. @default 100 */
  readonly maxSubscriptions: number;
  /** Largest message accepted from a client. @default 1 MiB */
  readonly maxPayload: number;
  /**
   * Data waiting for one client (bytes held, a payload shared by several subscriptions counted
   * once, and 1 KiB per message for its bookkeeping). A client that lets more pile up is closed
   * with {@link SLOW_CONSUMER}; a single waiting payload, whatever its size, never closes it.
   * @default 16 MiB
   */
  readonly maxBufferedBytes: number;
  /**
   * What the documents of the operations open at once on one connection may hold, estimated
   * as the parsed-document cache weighs them (document-cache.ts: the text, and 512 bytes a
   * token); one more is a `TOO_MANY_SUBSCRIPTIONS` error for that operation. A subscription
   * holds its document (and the message it came in) for as long as it runs: 100 subscriptions
   * of 1 MB (a long comment) held 300 MB per connection. A usual subscription weighs 20 KB.
   * @default 16 MiB
   */
  readonly maxDocumentBytes: number;
  /** How long a connection may wait before `connection_init`; then 4408. @default 3 s */
  readonly connectionInitWaitMs: number;
  /** Ping interval; a client that neither answers nor reads within it is dropped. @default 12 s */
  readonly keepAliveMs: number;
}

const DEFAULT_WEBSOCKET_LIMITS: WebSocketLimits = {
  maxConnections: 1000,
  maxSubscriptions: 100,
  maxPayload: 1024 * 1024,
  maxBufferedBytes: 16 * 1024 * 1024,
  maxDocumentBytes: 16 * 1024 * 1024,
  connectionInitWaitMs: 3_000,
  keepAliveMs: 12_000,
};

/**
 * The close code for a client that does not keep up: it should reconnect and subscribe
 * with `since` (its last revision), which the revision log answers without a gap.
 */
export const SLOW_CONSUMER = 4100;
/** The standard "try again later" close code, for a connection beyond the cap. */
const TRY_AGAIN_LATER = 1013;
/**
 * How long a client closed before it was let in (refused by the cap, giving way, no or a bad
 * `connection_init`) has to answer the close before its socket is dropped. ws waits 30 s, and
 * such a socket no longer counts under the cap: clients that never answer would hold sockets
 * beyond it. The close frame is sent first, so a client that reads it still sees the code.
 */
const UNADMITTED_CLOSE_GRACE_MS = 1_000;
/** Below this much buffered in the socket, the next queued message is written. */
const LOW_WATER = 256 * 1024;
/**
 * What a queued message holds in memory besides its text, counted toward
 * {@link WebSocketLimits.maxBufferedBytes}: its entry and promise, and graphql-ws's handler of
 * the client message it answers, waiting on it (about 1 KB measured). Counting the text alone,
 * a client that sent `ping`s (or operations refused at once) without reading queued a million
 * 15-byte pongs, 570 MB, under a 16 MiB bound.
 */
const MESSAGE_OVERHEAD = 1024;
/** The longest close reason a WebSocket frame carries (RFC 6455: 125 bytes less the code's 2). */
const MAX_CLOSE_REASON_BYTES = 123;

type Enveloped = {
  execute: (args: ExecutionArgs) => OperationResult;
  subscribe: (args: ExecutionArgs) => OperationResult;
};

/** What graphql-ws's context carries of the transport. */
interface Extra {
  readonly request: IncomingMessage;
  readonly connection: Connection;
}

/** Returned by `onNext` once the message is sent: graphql-ws's own copy of it is dropped. */
const SENT = { extensions: { codenav: 'sent' } };
const SENT_SUFFIX = `"type":"next","payload":${JSON.stringify(SENT)}}`;

export interface GraphqlWsOptions {
  readonly logger: Logger;
  readonly guard: RequestGuard;
  /** Each one missing takes its {@link DEFAULT_WEBSOCKET_LIMITS} value. */
  readonly limits?: Partial<WebSocketLimits>;
}

/**
 * graphql-ws (`graphql-transport-ws`) on `/graphql`, executing through Yoga's envelop so that
 * the same plugins (limits, error masking, logging, context) apply as over HTTP.
 *
 * @remarks
 * Our own adapter over graphql-ws's `makeServer` (its `use/ws` has no limits): upgrades are
 * checked by the request guard (`Host`, `Origin`), `connection_init` by the token. Each
 * connection sends through a queue that writes to the socket only as the client reads, so the
 * socket holds at most one large message, and each subscription waits for its message to be
 * written before it takes the next revision (the log keeps the rest). A client that lets more
 * than {@link WebSocketLimits.maxBufferedBytes} pile up is closed with {@link SLOW_CONSUMER};
 * one that stops reading altogether misses its pings and is dropped. A subscription payload is
 * encoded once for all its subscribers.
 */
export function attachGraphqlWs(server: Server, yoga: CodenavYoga, options: GraphqlWsOptions) {
  const { logger, guard } = options;
  const limits = { ...DEFAULT_WEBSOCKET_LIMITS, ...options.limits };
  const wsServer = new WebSocketServer({
    server,
    path: '/graphql',
    maxPayload: limits.maxPayload,
    handleProtocols: (protocols) => handleProtocols(protocols),
    verifyClient: ({ req }, done) => {
      const refusal = guard.checkUpgrade(req);
      // As text: ws would label it text/html, and a refused Host is quoted in it.
      if (refusal)
        done(false, refusal.status, `codenav: ${refusal.message}`, {
          'Content-Type': 'text/plain; charset=utf-8',
          'X-Content-Type-Options': 'nosniff',
        });
      else done(true);
    },
  });

  const connections = new Set<Connection>();
  /** Open connections whose connection_init has not been accepted yet, oldest first. */
  const waiting = new Set<Connection>();

  const protocol = makeServer<Record<string, unknown>, Extra>({
    connectionInitWaitTimeout: limits.connectionInitWaitMs,
    execute: (args: ExecutionArgs) => (args.rootValue as Enveloped).execute(args),
    subscribe: (args: ExecutionArgs) => (args.rootValue as Enveloped).subscribe(args),
    onConnect: (ctx) => {
      const allowed = guard.allowsConnection(ctx.extra.request, ctx.connectionParams);
      if (allowed) waiting.delete(ctx.extra.connection);
      return allowed;
    },
    // Errors are returned, never thrown: a throw here would close the socket and every subscription on it.
    onSubscribe: async (ctx, id, payload) => {
      // The operation being subscribed is already counted.
      if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptions) {
        return [
          new GraphQLError(
            `too many operations on this connection (at most ${limits.maxSubscriptions}): complete one, or open another connection`,
            { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } },
          ),
        ];
      }
      try {
        const enveloped = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          params: payload,
          connectionParams: ctx.connectionParams,
        });
        let document: DocumentNode;
        try {
          document = enveloped.parse(payload.query);
        } catch (error) {
          // A syntax error, or graphql-armor's token limit.
          return [parseFailed(error)];
        }
        const held = ctx.extra.connection.holdDocument(
          id,
          documentWeight(payload.query, document),
          (open) => open in ctx.subscriptions,
          limits.maxDocumentBytes,
        );
        if (!held) {
          return [
            new GraphQLError(
              `the operations open on this connection hold over ${Math.round(limits.maxDocumentBytes / 1024 / 1024)} MiB of documents: complete one, send a shorter document, or open another connection`,
              { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } },
            ),
          ];
        }
        const errors = enveloped.validate(enveloped.schema, document);
        if (errors.length > 0)
          return errors.map((error: GraphQLError) => forWebSocket(error, 'GRAPHQL_VALIDATION_FAILED'));
        return {
          schema: enveloped.schema,
          operationName: payload.operationName,
          document,
          variableValues: payload.variables,
          contextValue: await enveloped.contextFactory(),
          rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe },
        };
      } catch (error) {
        // A validation rule that throws rather than reports, or the context that fails.
        if (error instanceof GraphQLError) return [forWebSocket(error, 'GRAPHQL_VALIDATION_FAILED')];
        if (error instanceof GraphStoreError) return [forWebSocket(storeFailure(error), 'STORE_UNAVAILABLE')];
        // Masked as over HTTP: the message of an unexpected error is the server's, not the client's.
        logger.error({ err: error }, 'preparing a WebSocket operation failed');
        return [new GraphQLError('Unexpected error.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })];
      }
    },
    onNext: async (ctx, id, _payload, _args, result) => {
      await ctx.extra.connection.sendNext(id, resultForWebSocket(result as ExecutionResult));
      return SENT;
    },
  });

  wsServer.on('connection', (socket, request) => {
    const connection = new Connection(socket, limits.maxBufferedBytes, logger);
    connections.add(connection);
    connection.onClose(() => {
      connections.delete(connection);
      waiting.delete(connection);
    });
    if (connections.size > limits.maxConnections) {
      // Full. A connection not yet let in by its connection_init gives way, the oldest first:
      // else clients without the token, never sending one, would hold every place (3 s each,
      // again and again) and keep out every client that has it.
      const oldest = waiting.values().next().value;
      const refused = oldest ?? connection;
      void refused.close(
        TRY_AGAIN_LATER,
        `too many connections (at most ${limits.maxConnections}): try again later`,
        UNADMITTED_CLOSE_GRACE_MS,
      );
      if (refused === connection) return;
    }
    waiting.add(connection);
    const closed = protocol.opened(
      {
        protocol: socket.protocol,
        send: (data) => (data.endsWith(SENT_SUFFIX) ? undefined : connection.send(data)),
        close: (code, reason) =>
          connection.close(
            code ?? 1000,
            reason ?? '',
            waiting.has(connection) ? UNADMITTED_CLOSE_GRACE_MS : undefined,
          ),
        onMessage: (handle) =>
          socket.on('message', async (data) => {
            // ws reads on until the client answers the close; graphql-ws has cleaned up by then
            // and would start each new operation afresh, with nobody left to end it.
            if (connection.closing) return;
            try {
              await handle(String(data));
            } catch (error) {
              logger.error({ err: error }, 'graphql-ws message failed');
              void connection.close(CloseCode.InternalServerError, 'Internal server error');
            }
          }),
      },
      { request, connection },
    );
    connection.onClose(closed);
    const ping = setInterval(() => connection.ping(), limits.keepAliveMs);
    socket.once('close', () => clearInterval(ping));
  });
  wsServer.on('error', (error) => logger.warn({ err: error }, 'websocket server error'));

  return {
    /** Subscriptions complete, then the sockets close. */
    async close() {
      wsServer.removeAllListeners('connection');
      await Promise.all([...connections].map((connection) => connection.close(1001, 'Going away')));
      for (const client of wsServer.clients) client.terminate();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}

interface Queued {
  readonly data: string;
  /** What the message carries that others may share (a result), for counting memory once. */
  readonly payload: object;
  readonly done: () => void;
}

/** One client: its outgoing queue, backpressure, keep-alive, and a close that happens once. */
class Connection {
  readonly #socket: WebSocket;
  readonly #maxBuffered: number;
  readonly #logger: Logger;
  /** Messages not yet handed to the socket, and the settle of whoever waits for each. */
  #queue: Queued[] = [];
  /**
   * What the queue holds in memory: a payload shared by several queued messages (one result
   * for many subscriptions) counts once.
   */
  readonly #payloads = new Map<object, { bytes: number; messages: number }>();
  #queuedBytes = 0;
  #closing = false;
  /** Called in order when the connection ends; each may return a promise (graphql-ws's cleanup). */
  readonly #onClose: ((code: number, reason: string) => unknown)[] = [];
  /** Set once ended: the cleanup's promise. */
  #ended: Promise<void> | undefined;
  #endedWith: [code: number, reason: string] | undefined;
  /** The estimated weight of each open operation's document, by operation id. */
  readonly #documents = new Map<string, number>();
  #awaitingPong = false;
  /** Data the socket wrote out since the last ping: the client is taking it. */
  #flushedSincePing = false;

  constructor(socket: WebSocket, maxBuffered: number, logger: Logger) {
    this.#socket = socket;
    this.#maxBuffered = maxBuffered;
    this.#logger = logger;
    socket.on('pong', () => {
      this.#awaitingPong = false;
    });
    socket.on('error', (error) => {
      logger.warn({ err: error }, 'websocket error');
      void this.close(CloseCode.InternalServerError, 'Internal server error');
    });
    socket.once('close', (code, reason) => this.#end(code, String(reason)));
  }

  /** True once the server has started to close the connection, or it has ended: its messages are no longer handled. */
  get closing(): boolean {
    return this.#closing;
  }

  /** Called once, when the connection ends (closed by either side, or dropped); at once if it has. */
  onClose(listener: (code: number, reason: string) => unknown): void {
    if (this.#endedWith) void listener(...this.#endedWith);
    else this.#onClose.push(listener);
  }

  /**
   * Counts operation `id`'s document toward `limit`, with those of the operations still open
   * (`open`; those that have ended are let go here): false, and nothing counted, when it would
   * go over.
   */
  holdDocument(id: string, weight: number, open: (id: string) => boolean, limit: number): boolean {
    let total = 0;
    for (const [held, bytes] of this.#documents) {
      if (held !== id && open(held)) total += bytes;
      else this.#documents.delete(held);
    }
    if (total + weight > limit) return false;
    this.#documents.set(id, weight);
    return true;
  }

  /** A subscription payload: encoded once for every subscriber of the same result. */
  sendNext(id: string, result: ExecutionResult): Promise<void> {
    const json = encodedResult(result);
    return this.#enqueue(`{"id":${JSON.stringify(id)},"type":"next","payload":${json}}`, result, json.length);
  }

  /** Resolves once the message is written out (graphql-ws waits for it before the next). */
  send(data: string): Promise<void> {
    return this.#enqueue(data, {}, data.length);
  }

  #enqueue(data: string, payload: object, bytes: number): Promise<void> {
    if (this.#closing || this.#socket.readyState !== WebSocket.OPEN) return Promise.resolve();
    return new Promise<void>((done) => {
      this.#queue.push({ data, payload, done });
      this.#queuedBytes += MESSAGE_OVERHEAD;
      const held = this.#payloads.get(payload);
      if (held) held.messages += 1;
      else {
        this.#payloads.set(payload, { bytes, messages: 1 });
        this.#queuedBytes += bytes;
      }
      this.#flush();
      // One payload waits whatever its size (it is all the client is behind by); beyond that,
      // the bound.
      if (this.#payloads.size > 1 && this.#queuedBytes > this.#maxBuffered) {
        this.#logger.info(
          { queuedBytes: this.#queuedBytes, limit: this.#maxBuffered },
          'closed a WebSocket that does not keep up with its messages',
        );
        void this.close(
          SLOW_CONSUMER,
          `slow consumer: over ${Math.round(this.#maxBuffered / 1024)} KiB unsent; reconnect and subscribe with since: your last revision`,
        );
      }
    });
  }

  /** Hands queued messages to the socket as the client reads (below {@link LOW_WATER} buffered). */
  #flush(): void {
    while (this.#queue.length > 0 && this.#socket.bufferedAmount < LOW_WATER && !this.#closing) {
      const { data, payload, done } = this.#queue.shift()!;
      this.#queuedBytes -= MESSAGE_OVERHEAD;
      const held = this.#payloads.get(payload)!;
      held.messages -= 1;
      if (held.messages === 0) {
        this.#payloads.delete(payload);
        this.#queuedBytes -= held.bytes;
      }
      this.#socket.send(data, () => {
        this.#flushedSincePing = true;
        done();
        this.#flush();
      });
    }
  }

  /**
   * Keep-alive: a client that neither answered the last ping nor took any data since is gone
   * (a ping waits behind the data before it, so a client busy reading large messages is not).
   */
  ping(): void {
    if (this.#socket.readyState !== WebSocket.OPEN) return;
    if (this.#awaitingPong && !this.#flushedSincePing) {
      this.#socket.terminate();
      return;
    }
    this.#awaitingPong = true;
    this.#flushedSincePing = false;
    this.#socket.ping();
  }

  /**
   * Closes with a code the client sees, and ends its operations at once: their work stops
   * even while the close handshake waits behind data the client has not read. With `dropAfterMs`,
   * a client that has not answered the close by then is dropped (ws would wait 30 s).
   */
  close(code: number, reason: string, dropAfterMs?: number): Promise<void> {
    if (!this.#closing) {
      this.#closing = true;
      try {
        this.#socket.close(code, closeReason(reason));
        if (dropAfterMs !== undefined) {
          const drop = setTimeout(() => this.#socket.terminate(), dropAfterMs).unref();
          this.#socket.once('close', () => clearTimeout(drop));
        }
      } catch (error) {
        // ws refuses (throws) before it changes state; a socket left open would never end.
        this.#logger.warn({ err: error, code }, 'closing a WebSocket failed; terminated it');
        this.#socket.terminate();
      }
    }
    return this.#end(code, reason);
  }

  #end(code: number, reason: string): Promise<void> {
    if (this.#ended) return this.#ended;
    this.#closing = true;
    this.#endedWith = [code, reason];
    this.#dropQueue();
    const listeners = this.#onClose.splice(0);
    this.#ended = Promise.all(listeners.map((listener) => listener(code, reason))).then(
      () => undefined,
      (error: unknown) => this.#logger.warn({ err: error }, 'ending a WebSocket connection failed'),
    );
    return this.#ended;
  }

  #dropQueue(): void {
    const queue = this.#queue;
    this.#queue = [];
    this.#payloads.clear();
    this.#queuedBytes = 0;
    for (const { done } of queue) done();
  }
}

/**
 * `reason` cut to what a close frame carries, at a character boundary, with an ellipsis when
 * cut (graphql-ws quotes the client's subscription id in some of its reasons).
 */
function closeReason(reason: string): string {
  const bytes = Buffer.from(reason);
  if (bytes.length <= MAX_CLOSE_REASON_BYTES) return reason;
  const ellipsis = '…';
  let end = MAX_CLOSE_REASON_BYTES - Buffer.byteLength(ellipsis);
  // Back off the continuation bytes (10xxxxxx) of a character the cut would split.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return `${bytes.subarray(0, end).toString()}${ellipsis}`;
}
