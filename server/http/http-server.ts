import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { CodenavYoga } from './create-yoga.ts';
import { attachGraphqlWs } from './graphql-ws.ts';
import { createStaticHandler } from './static-files.ts';

/** Each component's state, as `/readyz` reports it. */
export interface Readiness {
  /** True when queries can be answered. */
  readonly ready: boolean;
  readonly components: Readonly<Record<string, { readonly state: string; readonly message?: string }>>;
}

export interface HttpServerOptions {
  /** The GraphQL server; absent for an indexer process, which serves health and readiness only. */
  readonly yoga?: CodenavYoga;
  readonly logger: Logger;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly readiness: () => Readiness;
  /** The built web UI. */
  readonly clientDir: string;
  /** Largest WebSocket message accepted. @default 1 MiB */
  readonly maxPayload?: number;
}

export interface RunningServer {
  /** `http://HOST:PORT` with the real port. */
  readonly url: string;
  readonly port: number;
  /** graphql-ws first (subscriptions end cleanly), then WebSockets, then HTTP. */
  close(): Promise<void>;
}

/**
 * One port for everything: `/graphql` (queries over GET and POST, SSE subscriptions,
 * GraphiQL, and graphql-ws over WebSocket), `/healthz`, `/readyz`, and the web UI at `/`.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const { yoga, logger } = options;
  const serveStatic = createStaticHandler(options.clientDir);
  const json = (response: ServerResponse, status: number, body: unknown) =>
    response
      .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      .end(JSON.stringify(body));

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
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
      return json(response, 404, { error: 'this process only indexes (role indexer): query an api process' });
    }
    return serveStatic(request, response);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // WebSockets attach once listening: a failed listen is reported once, by the caller.
  const webSockets = yoga
    ? attachGraphqlWs(server, yoga, logger, options.maxPayload ?? 1024 * 1024)
    : undefined;

  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `http://${host}:${port}`,
    port,
    async close() {
      await webSockets?.close();
      // SSE streams and keep-alive sockets would hold close() open.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await yoga?.dispose?.();
    },
  };
}
