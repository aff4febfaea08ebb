import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { AccessToken } from './access-token.ts';
import { createHostCheck, createOriginCheck, type HostCheckOptions } from './request-origin.ts';

export interface RequestGuardOptions {
  readonly logger: Logger;
  readonly hosts: HostCheckOptions;
  /** Origins allowed besides the server's own (the CORS list). */
  readonly corsOrigins: readonly string[];
  /** The token every request needs; undefined when the server has none. */
  readonly access?: AccessToken;
  /** With a token: reads need none (mutations check it themselves). */
  readonly publicRead: boolean;
  /**
   * Concurrent SSE streams (subscriptions over HTTP), like WebSocket connections: each holds
   * a subscription and up to a revision of unsent data. @default 1000
   */
  readonly maxEventStreams?: number;
}

/** Why a request is turned away: an HTTP status and one line saying what to do. */
export interface Refusal {
  readonly status: number;
  readonly message: string;
  /** `extensions.code` when it is a GraphQL request. */
  readonly code?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface RequestGuard {
  /**
   * Wraps the server's request handler: the `Host` check, the browser login (`?token=`), the
   * checks of `/graphql` and `/mcp` (token, media type), and a 500 (never a crash) for a
   * handler that throws.
   */
  wrap(handler: Handler): Handler;
  /** The `Host` and `Origin` checks of a WebSocket upgrade. */
  checkUpgrade(request: IncomingMessage): Refusal | undefined;
  /** Whether a WebSocket connection may run operations, from its connection params and upgrade request. */
  allowsConnection(request: IncomingMessage, params: Readonly<Record<string, unknown>> | undefined): boolean;
}

/** Where the graph is read and changed: GraphQL, and MCP's Streamable HTTP transport. */
const API_PATHS = new Set(['/graphql', '/mcp']);
/**
 * Media types a POST to each may carry: none can be sent cross-site without a CORS preflight.
 * MCP's Streamable HTTP transport takes JSON only.
 */
const POST_MEDIA_TYPES: Readonly<Record<string, ReadonlySet<string>>> = {
  '/graphql': new Set(['application/json', 'application/graphql']),
  '/mcp': new Set(['application/json']),
};
/** Origins logged as refused (each once), up to this many. */
const LOGGED_ORIGINS = 1000;

const UNAUTHENTICATED: Refusal = {
  status: 401,
  code: 'UNAUTHENTICATED',
  message:
    'this server needs its token: send Authorization: Bearer <token> (in a browser, open /?token=<token> once)',
  headers: { 'www-authenticate': 'Bearer realm="codenav"' },
};

/**
 * The checks every request passes before codenav answers it, from the outside in: is it
 * addressed to this server (DNS rebinding), from a page allowed to talk to it (WebSockets),
 * does it carry the token, and can it have been sent by another site's form.
 */
export function createRequestGuard(options: RequestGuardOptions): RequestGuard {
  const { logger, access } = options;
  const hostAllowed = createHostCheck(options.hosts);
  const originAllowed = createOriginCheck(options.corsOrigins);
  const loggedOrigins = new Set<string>();

  const hostRefusal = (host: string | undefined): Refusal | undefined =>
    hostAllowed(host)
      ? undefined
      : {
          status: 403,
          code: 'FORBIDDEN',
          message: `the Host "${String(host).slice(0, 100)}" is not served here (DNS rebinding protection): to serve a name, start codenav with --allowed-hosts NAME`,
        };

  const credentials = (request: IncomingMessage) => ({
    authorization: request.headers.authorization,
    cookie: request.headers.cookie,
  });

  /** The checks of the API paths; GraphiQL's page (no data in it) is served without a token. */
  const apiRefusal = (request: IncomingMessage, pathname: string): Refusal | undefined => {
    if (request.method === 'OPTIONS') return undefined;
    const graphiql =
      pathname === '/graphql' &&
      request.method === 'GET' &&
      (request.headers.accept ?? '').includes('text/html');
    if (access && !options.publicRead && !graphiql && !access.allows(credentials(request))) {
      return UNAUTHENTICATED;
    }
    if (crossSite(request) && !graphiql) {
      return {
        status: 403,
        code: 'FORBIDDEN',
        message: `another site's page may not use ${pathname}: allow its origin with --cors-origin`,
      };
    }
    // MCP's transport spec asks servers to check Origin against DNS rebinding; browsers also
    // apply CORS, but a page must not even start a session (the answer is a stream).
    if (pathname === '/mcp' && !originAllowed(request.headers.origin, request.headers.host)) {
      return {
        status: 403,
        code: 'FORBIDDEN',
        message: 'this origin may not use /mcp: allow it with --cors-origin',
      };
    }
    if (request.method === 'POST') {
      const { mediaType, canonical } = contentTypeOf(request.headers['content-type']);
      if (!POST_MEDIA_TYPES[pathname]?.has(mediaType)) {
        return {
          status: 415,
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: `POST ${pathname} takes Content-Type: application/json, got ${mediaType === '' ? 'none' : `"${mediaType.slice(0, 100)}"`}`,
          headers: { accept: 'application/json' },
        };
      }
      // Yoga compares the header as sent, case and spaces included (`Application/JSON` was its
      // empty 415): past this check, the handlers see the spelling they know.
      request.headers['content-type'] = canonical;
    }
    return undefined;
  };

  /**
   * A browser's request made by another origin's page (Fetch Metadata, sent by every current
   * browser), and not from an origin allowed to call the API. CORS keeps such a page from
   * reading the answer, but not from making the server work: a no-cors GET (no `Origin`, no
   * preflight) ran any query and held an SSE stream open for as long as the page liked.
   */
  const crossSite = (request: IncomingMessage): boolean =>
    // `same-site` too: another port of localhost is another origin of the same site.
    (request.headers['sec-fetch-site'] === 'cross-site' ||
      request.headers['sec-fetch-site'] === 'same-site') &&
    !(request.headers.origin !== undefined && originAllowed(request.headers.origin, request.headers.host));

  let eventStreams = 0;
  const maxEventStreams = options.maxEventStreams ?? 1000;
  /** An SSE stream is counted while its response is open; one beyond the cap is a 503. */
  const countEventStream = (request: IncomingMessage, response: ServerResponse): Refusal | undefined => {
    if (!(request.headers.accept ?? '').includes('text/event-stream')) return undefined;
    if (eventStreams >= maxEventStreams) {
      return {
        status: 503,
        code: 'TOO_MANY_CONNECTIONS',
        message: `too many event streams (at most ${maxEventStreams}): try again later`,
        headers: { 'retry-after': '5' },
      };
    }
    eventStreams += 1;
    response.once('close', () => {
      eventStreams -= 1;
    });
    return undefined;
  };

  /** `GET /?token=…` from a browser: a session cookie, then the same page without the token in its address. */
  const login = (
    request: IncomingMessage,
    response: ServerResponse,
    pathname: string,
    query: string,
  ): boolean => {
    const params = new URLSearchParams(query);
    if (!access || request.method !== 'GET' || !params.has('token')) return false;
    if (!access.matches(params.get('token') ?? '')) {
      refuse(response, {
        status: 401,
        message: 'wrong token: open this page with ?token=<the server token>',
      });
      return true;
    }
    params.delete('token');
    const rest = params.toString();
    response
      .writeHead(303, {
        // Relative to the page: a path of `//host` must not become another site's address.
        location: `/${pathname.replace(/^\/+/, '')}${rest === '' ? '' : `?${rest}`}`,
        'set-cookie': access.sessionCookie,
        'cache-control': 'no-store',
      })
      .end();
    return true;
  };

  return {
    wrap(handler) {
      return (request, response) => {
        try {
          // The same reading of the address as the server's routes.
          const address = request.url ?? '/';
          const at = address.indexOf('?');
          const pathname = at === -1 ? address : address.slice(0, at);
          const query = at === -1 ? '' : address.slice(at + 1);
          // An MCP client reads a JSON-RPC error wherever it is refused; the Host check always
          // answered in text, which no client of /graphql minded.
          const refusal = hostRefusal(request.headers.host);
          if (refusal) return refuse(response, refusal, pathname === '/mcp' ? 'jsonrpc' : 'text');
          if (API_PATHS.has(pathname)) {
            const api = apiRefusal(request, pathname) ?? countEventStream(request, response);
            if (api) return refuse(response, api, pathname === '/mcp' ? 'jsonrpc' : 'graphql');
          } else if (
            pathname !== '/healthz' &&
            pathname !== '/readyz' &&
            login(request, response, pathname, query)
          ) {
            return;
          }
          handler(request, response);
        } catch (error) {
          // The address only, never the query (it may hold a token).
          logger.error(
            { err: error, method: request.method, path: (request.url ?? '').split('?')[0] },
            'request handler failed',
          );
          if (!response.headersSent) {
            response
              .writeHead(500, { 'content-type': 'application/json', 'cache-control': 'no-store' })
              .end(JSON.stringify({ error: 'internal error: see the server log' }));
          } else {
            response.destroy();
          }
        }
      };
    },

    checkUpgrade(request) {
      const refusal = hostRefusal(request.headers.host);
      if (refusal) return refusal;
      const origin = request.headers.origin;
      if (originAllowed(origin, request.headers.host)) return undefined;
      if (!loggedOrigins.has(origin!) && loggedOrigins.size < LOGGED_ORIGINS) {
        loggedOrigins.add(origin!);
        logger.warn(
          { origin: origin!.slice(0, 200) },
          'refused a WebSocket from another site (allow an origin with --cors-origin)',
        );
      }
      return {
        status: 403,
        message: 'this origin may not open a WebSocket here: allow it with --cors-origin',
      };
    },

    allowsConnection(request, params) {
      if (!access || options.publicRead) return true;
      return access.allows({
        authorization: params?.authorization ?? request.headers.authorization,
        token: params?.token,
        cookie: request.headers.cookie,
      });
    },
  };
}

/**
 * A `Content-Type`'s media type, lowercased (media types are case-insensitive, RFC 9110 §8.3.1),
 * and the header spelled canonically: that type, then its parameters as sent, `; `-separated.
 */
function contentTypeOf(header: string | undefined): { mediaType: string; canonical: string } {
  const [type = '', ...parameters] = (header ?? '').split(';').map((part) => part.trim());
  const mediaType = type.toLowerCase();
  return { mediaType, canonical: [mediaType, ...parameters.filter((p) => p !== '')].join('; ') };
}

/**
 * A refusal as a GraphQL error (on `/graphql`), a JSON-RPC error (on `/mcp`: MCP's Streamable HTTP
 * transport answers errors so, `id` null as for a request it could not read; the refusal's code in
 * `data`), or one line of text.
 */
function refuse(
  response: ServerResponse,
  refusal: Refusal,
  format: 'graphql' | 'jsonrpc' | 'text' = 'text',
): void {
  const headers = { 'cache-control': 'no-store', ...refusal.headers };
  if (format === 'text') {
    response
      .writeHead(refusal.status, {
        'content-type': 'text/plain; charset=utf-8',
        'x-content-type-options': 'nosniff',
        ...headers,
      })
      .end(`codenav: ${refusal.message}\n`);
    return;
  }
  const body =
    format === 'graphql'
      ? { errors: [{ message: refusal.message, extensions: { code: refusal.code } }] }
      : {
          jsonrpc: '2.0',
          // -32000..-32099: the server's own errors, as the SDK's transport answers its refusals.
          error: {
            code: -32000,
            message: refusal.message,
            ...(refusal.code ? { data: { code: refusal.code } } : {}),
          },
          id: null,
        };
  response
    .writeHead(refusal.status, { 'content-type': 'application/json; charset=utf-8', ...headers })
    .end(JSON.stringify(body));
}
