import type { Server } from 'node:http';
import { type ExecutionArgs, GraphQLError } from 'graphql';
import type { OperationResult } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { CodenavYoga } from './create-yoga.ts';

type Enveloped = {
  execute: (args: ExecutionArgs) => OperationResult;
  subscribe: (args: ExecutionArgs) => OperationResult;
};

/**
 * graphql-ws (`graphql-transport-ws`) on `/graphql`, executing through Yoga's envelop so that
 * the same plugins (limits, error masking, logging, context) apply as over HTTP.
 */
export function attachGraphqlWs(server: Server, yoga: CodenavYoga, logger: Logger, maxPayload: number) {
  const wsServer = new WebSocketServer({ server, path: '/graphql', maxPayload });
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

  return {
    /** graphql-ws first (subscriptions complete), then the sockets. */
    async close() {
      await graphqlWs.dispose();
      for (const client of wsServer.clients) client.terminate();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
