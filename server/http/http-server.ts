import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { CodenavYoga } from './create-yoga.ts';
import type { WebSocketLimits } from './graphql-ws.ts';
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
}

export interface RunningServer {
  /** `http://HOST:PORT` with the real port. */
  readonly url: string;
  readonly port: number;
  /** True once `/graphql` answers. */
  readonly serving: boolean;
  /** Starts answering `/graphql` (HTTP, SSE and graphql-ws). */
  serveGraphql(yoga: CodenavYoga): Promise<void>;
  /** graphql-ws first (subscriptions end cleanly), then WebSockets, then HTTP. */
  close(): Promise<void>;
}

/**
 * One port for everything: `/graphql` (queries over GET and POST, SSE subscriptions,
 * GraphiQL, and graphql-ws over WebSocket), `/healthz`, `/readyz`, and the web UI at `/`.
 *
 * @remarks
 * It listens before the GraphQL server is loaded (Yoga and the schema take about a second to
 * load): `/healthz` answers from the first moments, `/graphql` says 503 until
 * {@link RunningServer.serveGraphql}.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const { logger } = options;
  const serveStatic = createStaticHandler(options.clientDir);
  let yoga: CodenavYoga | undefined;
  let webSockets: { close(): Promise<void> } | undefined;
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
      if (options.graphql)
        return json(response, 503, { error: 'starting: try again in a moment' }, { 'retry-after': '1' });
      return json(response, 404, { error: 'this process only indexes (role indexer): query an api process' });
    }
    return serveStatic(request, response);
  };
  const server = createServer(options.guard.wrap(handle));

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
    },
    async close() {
      await webSockets?.close();
      // SSE streams and keep-alive sockets would hold close() open.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await yoga?.dispose?.();
    },
  };
}
