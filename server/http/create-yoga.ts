import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError } from 'graphql';
import { createYoga, maskError as maskUnexpected, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { createLoaders, type SchemaContext, type SchemaServices, schema } from '../../schema/index.ts';
import { EventsError } from '../events/port.ts';
import { GraphStoreError } from '../graph/port.ts';
import { responseCachePlugin } from './response-cache.ts';

/** Limits that graphql-armor enforces while parsing and validating (HTTP and WebSocket alike). */
export const ARMOR_LIMITS = { aliases: 15, tokens: 5_000, directives: 50 } as const;

export interface YogaOptions {
  readonly services: SchemaServices;
  readonly logger: Logger;
  /** When set, mutations need `Authorization: Bearer <token>` (or the `token` connection param on WebSocket). */
  readonly token?: string;
  /** Origins allowed by CORS; empty turns CORS off (Yoga's default would allow every origin). */
  readonly corsOrigins: readonly string[];
}

/** What each request starts from: Yoga's server context plus graphql-ws's connection params. */
interface ServerContext {
  readonly connectionParams?: Readonly<Record<string, unknown>>;
}

export type CodenavYoga = YogaServerInstance<ServerContext, SchemaContext>;

/** The GraphQL server: the schema over the services, limits, error mapping, request logging. */
export function createCodenavYoga(options: YogaOptions): CodenavYoga {
  const { services, logger, token } = options;
  return createYoga<ServerContext, SchemaContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    cors: options.corsOrigins.length > 0 ? { origin: [...options.corsOrigins], credentials: true } : false,
    graphiql: { title: 'codenav', subscriptionsProtocol: 'WS' },
    logging: false,
    context: ({ request, connectionParams }) => ({
      ...services,
      loaders: createLoaders(services.store),
      mutationsAllowed: token === undefined || bearer(request, connectionParams) === token,
    }),
    maskedErrors: {
      maskError(error, message, isDev) {
        const original = error instanceof GraphQLError ? error.originalError : error;
        if (original instanceof GraphStoreError) {
          return new GraphQLError(original.message, {
            ...(error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {}),
            extensions:
              original.code === 'STORE_UNAVAILABLE'
                ? { code: 'STORE_UNAVAILABLE', http: { status: 503 } }
                : { code: 'BAD_USER_INPUT', http: { status: 400 } },
          });
        }
        if (original instanceof EventsError) {
          return new GraphQLError(original.message, { extensions: { code: original.code } });
        }
        if (!(error instanceof GraphQLError && error.extensions.code) && original) {
          logger.error({ err: original }, 'unexpected error in a resolver');
        }
        return maskUnexpected(error, message, isDev);
      },
    },
    plugins: [
      maxAliasesPlugin({ n: ARMOR_LIMITS.aliases }),
      maxTokensPlugin({ n: ARMOR_LIMITS.tokens }),
      maxDirectivesPlugin({ n: ARMOR_LIMITS.directives }),
      requestLogging(logger),
      responseCachePlugin({ revision: () => services.store.revision(), volatileFields: ['analysis'] }),
    ],
  });
}

function bearer(
  request: Request | undefined,
  connectionParams: Readonly<Record<string, unknown>> | undefined,
): string | undefined {
  const header =
    request?.headers.get('authorization') ?? (connectionParams?.authorization as string | undefined);
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7);
  const param = connectionParams?.token;
  return typeof param === 'string' ? param : undefined;
}

/** One debug line per operation: its name, type and duration. */
function requestLogging(logger: Logger): Plugin {
  return {
    onExecute({ args }) {
      const started = performance.now();
      return {
        onExecuteDone() {
          const operation = args.document.definitions.find(
            (d: { kind: string }) => d.kind === 'OperationDefinition',
          );
          logger.debug(
            {
              operation:
                args.operationName ?? (operation && 'name' in operation ? operation.name?.value : undefined),
              type: operation && 'operation' in operation ? operation.operation : undefined,
              ms: Math.round(performance.now() - started),
            },
            'graphql request',
          );
        },
      };
    },
  };
}
