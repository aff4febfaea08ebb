/**
 * MCP's Streamable HTTP transport at `/mcp`, with sessions: an `initialize` POST without a
 * session id opens one (its id in the `Mcp-Session-Id` header), later requests carry the id,
 * `DELETE` ends it. Each session has its own SDK server and transport. The request guard has
 * already checked `Host`, `Origin`, the token and the media type.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';
import { createOriginCheck } from '../http/request-origin.ts';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '../util/json-depth.ts';

export interface McpHttpOptions {
  /** A new SDK server for a new session. */
  readonly createServer: () => McpServer;
  readonly logger: Logger;
  /** Sessions open at once; an `initialize` beyond it is a 503. @default 1000 */
  readonly maxSessions?: number;
  /** A session without a request (or an open stream) for this long is closed. @default 30 min */
  readonly idleMs?: number;
  /**
   * When every place is taken, an `initialize` closes the session idle longest, if it has had no
   * request (and no open stream) for this long, instead of a 503; its client's next request is
   * a 404 and it starts over, as after the idle time. @default 1 min
   * @remarks
   * 1,000 `initialize` requests took five seconds and, before, locked every new client out for
   * the 30 minutes of the idle time; a session in use within the minute never gives way.
   */
  readonly giveWayAfterMs?: number;
  /** Largest POST body. @default 1 MiB, as the GraphQL API's */
  readonly maxBodyBytes?: number;
  /** Origins whose pages may call `/mcp` from a browser (CORS), as for `/graphql`. @default none */
  readonly corsOrigins?: readonly string[];
}

/** What a browser page of an allowed origin may send and read (MCP's own headers included). */
const CORS_HEADERS = {
  'access-control-allow-methods': 'GET, POST, DELETE',
  'access-control-allow-headers':
    'authorization, content-type, accept, mcp-session-id, mcp-protocol-version, last-event-id',
  'access-control-expose-headers': 'mcp-session-id, mcp-protocol-version',
  'access-control-max-age': '600',
};

/** The `/mcp` endpoint. */
export interface McpHttpHandler {
  handle(request: IncomingMessage, response: ServerResponse): void;
  /** Sessions open now. */
  readonly sessions: number;
  /** Closes every session. */
  close(): Promise<void>;
}

interface Session {
  readonly server: McpServer;
  readonly transport: StreamableHTTPServerTransport;
  /** Requests (and streams) of it still open. */
  open: number;
  lastUsed: number;
}

export function createMcpHttpHandler(options: McpHttpOptions): McpHttpHandler {
  const { logger } = options;
  const maxSessions = options.maxSessions ?? 1000;
  const idleMs = options.idleMs ?? 30 * 60_000;
  const giveWayAfterMs = options.giveWayAfterMs ?? 60_000;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const sessions = new Map<string, Session>();
  /**
   * Requests that may open a session and have not yet: a session exists only once its
   * `initialize` body has been read, so the cap counts these too (twelve slow bodies at once
   * all passed a cap of two).
   */
  let opening = 0;
  const corsAllowed = createOriginCheck(options.corsOrigins ?? []);

  /**
   * CORS for a page of an allowed origin (the request guard has refused every other origin,
   * but a preflight carries no credentials and comes here): true when the request is answered.
   */
  const cors = (request: IncomingMessage, response: ServerResponse): boolean => {
    const origin = request.headers.origin;
    const allowed = origin !== undefined && corsAllowed(origin, request.headers.host);
    if (allowed) {
      response.setHeader('access-control-allow-origin', origin);
      response.setHeader('vary', 'Origin');
      for (const [name, value] of Object.entries(CORS_HEADERS)) response.setHeader(name, value);
    }
    if (request.method !== 'OPTIONS') return false;
    response.writeHead(allowed || origin === undefined ? 204 : 403, { 'cache-control': 'no-store' }).end();
    return true;
  };

  const jsonRpcError = (response: ServerResponse, status: number, code: number, message: string) =>
    response
      .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      .end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));

  const closeSession = async (id: string, session: Session) => {
    sessions.delete(id);
    await session.server.close().catch((error: unknown) => logger.debug({ err: error }, 'MCP session close'));
  };

  const sweep = setInterval(
    () => {
      const now = Date.now();
      for (const [id, session] of sessions)
        if (session.open === 0 && now - session.lastUsed > idleMs) void closeSession(id, session);
    },
    Math.min(idleMs, 60_000),
  );
  sweep.unref();

  const track = (session: Session, response: ServerResponse) => {
    session.open += 1;
    session.lastUsed = Date.now();
    response.once('close', () => {
      session.open -= 1;
      session.lastUsed = Date.now();
    });
  };

  /**
   * Hands a request to its transport; a POST's body is read and checked here first (size, JSON,
   * nesting), so that the SDK only ever sees a bounded message: a deep one overflowed the stack
   * inside it, answered with the RangeError's text.
   */
  /**
   * A POST's message, read and checked before anything is built for it: `{ message }`, or
   * undefined once the request was answered (or its client went away).
   */
  const messageOf = async (
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<{ message: unknown } | undefined> => {
    if (request.method !== 'POST') return { message: undefined };
    const body = await readBody(request, maxBodyBytes).catch(() => null);
    // The client went away while sending it: nobody to answer.
    if (body === null) return void response.destroy();
    if (body === undefined)
      return void jsonRpcError(response, 413, -32000, `the request body is over ${maxBodyBytes} bytes`);
    let message: unknown;
    try {
      message = JSON.parse(body);
    } catch {
      return void jsonRpcError(response, 400, -32700, 'Parse error: the body is not JSON');
    }
    if (nestedDeeperThan(message, MAX_JSON_DEPTH))
      return void jsonRpcError(
        response,
        400,
        -32600,
        `Invalid Request: the message nests more than ${MAX_JSON_DEPTH} levels deep`,
      );
    return { message };
  };

  const served = async (
    transport: StreamableHTTPServerTransport,
    request: IncomingMessage,
    response: ServerResponse,
    message: unknown,
  ) => {
    await transport.handleRequest(request, response, message).catch((error: unknown) => {
      logger.error({ err: error }, 'MCP request failed');
      if (!response.headersSent) jsonRpcError(response, 500, -32603, 'internal error: see the server log');
      else response.destroy();
    });
  };

  /** A request without a session id: only an `initialize` POST, which opens a session. */
  const open = async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'POST')
      return void jsonRpcError(
        response,
        400,
        -32000,
        'no Mcp-Session-Id: start a session with an initialize POST',
      );
    // A body that is too large, not JSON or too deep is refused before a server is built for it,
    // and only an initialize may take a place, or make an idle session give way for it.
    const read = await messageOf(request, response);
    if (!read) return;
    // As the transport tells one (a batch holding an initialize, from a client of an older protocol, too).
    const messages: unknown[] = Array.isArray(read.message) ? read.message : [read.message];
    if (!messages.some(isInitializeRequest))
      return void jsonRpcError(
        response,
        400,
        -32000,
        'Bad Request: no Mcp-Session-Id: start a session with an initialize POST',
      );
    if (sessions.size + opening >= maxSessions && !giveWay())
      return void jsonRpcError(
        response,
        503,
        -32000,
        `too many MCP sessions (at most ${maxSessions}): try again later`,
      );
    opening += 1;
    let reserved = true;
    const release = () => {
      if (reserved) opening -= 1;
      reserved = false;
    };
    try {
      await openSession(request, response, read.message, release);
    } finally {
      release();
    }
  };

  /** Closes the session idle longest, if idle over {@link McpHttpOptions.giveWayAfterMs}: true when one gave way. */
  const giveWay = (): boolean => {
    let oldest: [string, Session] | undefined;
    for (const entry of sessions) {
      const [, session] = entry;
      if (session.open === 0 && (oldest === undefined || session.lastUsed < oldest[1].lastUsed))
        oldest = entry;
    }
    if (oldest === undefined || Date.now() - oldest[1].lastUsed < giveWayAfterMs) return false;
    logger.info(
      { sessions: sessions.size },
      'MCP sessions full: the session idle longest gave way to a new one',
    );
    // Out of the map at once (the place is taken by the new session); its server closes after.
    void closeSession(...oldest);
    return true;
  };

  /** Serves an `initialize`; `release` frees its place under the cap once its session counts. */
  const openSession = async (
    request: IncomingMessage,
    response: ServerResponse,
    message: unknown,
    release: () => void,
  ) => {
    const server = options.createServer();
    let session: Session | undefined;
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse: true,
      onsessioninitialized: (id) => {
        session = { server, transport, open: 0, lastUsed: Date.now() };
        sessions.set(id, session);
        release();
        track(session, response);
      },
      onsessionclosed: (id) => {
        const closing = sessions.get(id);
        if (closing) void closeSession(id, closing);
      },
    });
    await server.connect(transport);
    await served(transport, request, response, message);
    // The transport refused it after all (a bad protocol version, …): nothing to keep.
    if (!session) await server.close().catch(() => undefined);
  };

  return {
    handle(request, response) {
      if (cors(request, response)) return;
      const header = request.headers['mcp-session-id'];
      const id = Array.isArray(header) ? header[0] : header;
      if (id === undefined) {
        void open(request, response).catch((error: unknown) => {
          logger.error({ err: error }, 'could not open an MCP session');
          if (!response.headersSent)
            jsonRpcError(response, 500, -32603, 'internal error: see the server log');
        });
        return;
      }
      const session = sessions.get(id);
      // The spec's answer to an unknown or ended session: the client starts a new one.
      if (!session)
        return void jsonRpcError(
          response,
          404,
          -32001,
          'session not found: start a new session with initialize',
        );
      track(session, response);
      void messageOf(request, response).then(
        (read) => read && served(session.transport, request, response, read.message),
      );
    },
    get sessions() {
      return sessions.size;
    },
    async close() {
      clearInterval(sweep);
      await Promise.all([...sessions].map(([id, session]) => closeSession(id, session)));
    },
  };
}

/**
 * A request's body as text, up to `maxBytes`: undefined beyond it (reading stops there, and a
 * declared length over it is refused unread); rejects when the client goes away mid-body.
 */
function readBody(request: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  if (Number(request.headers['content-length']) > maxBytes) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        request.off('data', onData);
        // The rest is left to Node, which reads it away (or drops the connection) after the answer.
        resolve(undefined);
      } else chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.once('error', reject);
    request.once('close', () => {
      if (!request.complete) reject(new Error('the client closed the request before its end'));
    });
  });
}
