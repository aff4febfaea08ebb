import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ExecutionArgs, GraphQLError } from 'graphql';
import type { OperationResult } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { CodenavYoga } from './create-yoga.ts';
import { createStaticHandler } from './static-files.ts';

/** Each component's state, as `/readyz` reports it. */
export interface Readiness {
  /** True when queries can be answered. */
  readonly ready: boolean;
  readonly components: Readonly<Record<string, { readonly state: string; readonly message?: string }>>;
}

export interface HttpServerOptions {
  readonly yoga: CodenavYoga;
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
    if (pathname === '/graphql') return void yoga.handle(request, response);
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
  const wsServer = new WebSocketServer({
    server,
    path: '/graphql',
    maxPayload: options.maxPayload ?? 1024 * 1024,
  });
  // biome-ignore lint/correctness/useHookAtTopLevel: graphql-ws's useServer is not a React hook.
  const graphqlWs = useServer(
    {
      execute: (args: ExecutionArgs) => (args.rootValue as Enveloped).execute(args),
      subscribe: (args: ExecutionArgs) => (args.rootValue as Enveloped).subscribe(args),
      // Errors are returned, never thrown: a throw here would close the socket and every subscription on it.
      onSubscribe: async (ctx, _id, payload) => {
        try {
          const enveloped = yoga.getEnveloped({
            ...ctx,
            req: ctx.extra.request,
            socket: ctx.extra.socket,
            params: payload,
            connectionParams: ctx.connectionParams,
          });
          const document = enveloped.parse(payload.query);
          const errors = enveloped.validate(enveloped.schema, document);
          if (errors.length > 0) return errors;
          return {
            schema: enveloped.schema,
            operationName: payload.operationName,
            document,
            variableValues: payload.variables,
            contextValue: await enveloped.contextFactory(),
            rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe },
          };
        } catch (error) {
          // Parse errors and graphql-armor's limits arrive as throws.
          return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
        }
      },
    },
    wsServer,
  );
  wsServer.on('error', (error) => logger.warn({ err: error }, 'websocket server error'));

  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `http://${host}:${port}`,
    port,
    async close() {
      await graphqlWs.dispose();
      for (const client of wsServer.clients) client.terminate();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      // SSE streams and keep-alive sockets would hold close() open.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await yoga.dispose?.();
    },
  };
}

type Enveloped = {
  execute: (args: ExecutionArgs) => OperationResult;
  subscribe: (args: ExecutionArgs) => OperationResult;
};
