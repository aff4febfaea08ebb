import type { IncomingMessage } from 'node:http';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError } from 'graphql';
import {
  createYoga,
  maskError as maskUnexpected,
  type Plugin,
  shouldRenderGraphiQL,
  type YogaServerInstance,
} from 'graphql-yoga';
import type { Logger } from 'pino';
import {
  AnswerBudget,
  createLoaders,
  listSizesOf,
  type SchemaContext,
  type SchemaServices,
  schema,
} from '../../schema/index.ts';
import { GitUnavailableError } from '../diff-impact/errors.ts';
import { EventsError } from '../events/port.ts';
import { GraphStoreError } from '../graph/port.ts';
import { QueryInputError } from '../queries/index.ts';
import type { AccessToken } from './access-token.ts';
import { answerBudgetPlugin } from './answer-budget.ts';
import { boundedErrorsPlugin } from './bounded-errors.ts';
import { refuseOverLimit, storeFailure } from './coded-errors.ts';
import { createDocumentCache, documentWeight, errorWeight } from './document-cache.ts';
import { GRAPHIQL_PAGE_HEADERS, renderGraphiQL } from './graphiql.ts';
import { responseCachePlugin } from './response-cache.ts';
import { sharedSubscriptionResultsPlugin } from './shared-results.ts';

/** What GraphiQL opens with (Yoga's own text only explains what GraphiQL is): a query that runs as it is. */
const GRAPHIQL_FIRST_QUERY = `# codenav: the graph of this project. Run this (Ctrl-Enter), then explore with Ctrl-Space
# and the Docs panel: codeNode(key:), callers, callees, impact, path, importCycles, diffImpact,
# and subscription { graphChanged(since: N) { revision semantic { kind key message } } }.
{
  stats {
    files
    symbols
    edges
    revision
  }
  symbols(first: 5) {
    totalCount
    edges {
      node {
        key
        kind
        signature
        callers(depth: 2) {
          key
        }
      }
    }
  }
}
`;

/** Limits that graphql-armor enforces while parsing and validating (HTTP and WebSocket alike). */
export const ARMOR_LIMITS = { aliases: 15, tokens: 5_000, directives: 50 } as const;

/**
 * Fields whose answer is no function of the graph's revision, so never cached: the analysis
 * state; `source`, the file as it is now (an edit is on disk before it is a revision, and
 * without a watcher never one); `diffImpact`, against the commit a git ref names now (a commit
 * changes no analyzed file, so makes no revision).
 */
const VOLATILE_FIELDS = ['analysis', 'source', 'diffImpact'];

/** graphql-armor's refusals carry a code (`QUERY_TOO_COMPLEX`), over HTTP and WebSocket alike. */
const ARMOR_REFUSAL = { propagateOnRejection: false, onReject: [refuseOverLimit] };

/**
 * Largest HTTP request body (bytes); beyond it, 413. A document is at most 5,000 tokens, and
 * the largest legitimate variables (1,000 paths for `reanalyze`) fit many times over.
 */
const MAX_REQUEST_BODY = 1024 * 1024;

/**
 * What parsed documents (with their validation results, held beside them) may take, estimated
 * (document-cache.ts): the web UI's documents weigh about 100 KB each, a 5,000-token one 2.5 MB.
 */
const DOCUMENT_CACHE_BYTES = 64 * 1024 * 1024;

export interface YogaOptions {
  readonly services: SchemaServices;
  readonly logger: Logger;
  /**
   * The server's token, when it has one: mutations check it (every other request was checked
   * before it reached Yoga, or is open with `--public-read`).
   */
  readonly access?: AccessToken;
  /** Origins allowed by CORS; empty turns CORS off (Yoga's default would allow every origin). */
  readonly corsOrigins: readonly string[];
}

/** What each request starts from: Yoga's server context plus, over WebSocket, the upgrade request and connection params. */
interface ServerContext {
  readonly connectionParams?: Readonly<Record<string, unknown>>;
  readonly req?: IncomingMessage;
}

export type CodenavYoga = YogaServerInstance<ServerContext, SchemaContext>;

/** The GraphQL server: the schema over the services, limits, error mapping, request logging. */
export function createCodenavYoga(options: YogaOptions): CodenavYoga {
  const { services, logger, access } = options;
  return createYoga<ServerContext, SchemaContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    cors: options.corsOrigins.length > 0 ? { origin: [...options.corsOrigins], credentials: true } : false,
    graphiql: { title: 'codenav', subscriptionsProtocol: 'WS', defaultQuery: GRAPHIQL_FIRST_QUERY },
    // From the package itself, not Yoga's default page, which loads GraphiQL from a CDN.
    renderGraphiQL,
    logging: false,
    maxRequestBodySize: MAX_REQUEST_BODY,
    // Bounded by the memory the documents hold, not Yoga's count of 1,024 (which held gigabytes).
    parserAndValidationCache: {
      documentCache: createDocumentCache(DOCUMENT_CACHE_BYTES, documentWeight),
      errorCache: createDocumentCache(DOCUMENT_CACHE_BYTES / 4, errorWeight),
      validationCache: true,
    },
    context: async ({ request, req, connectionParams }) => ({
      ...services,
      loaders: createLoaders(services.store),
      listSizes: await listSizesOf(services.store),
      budget: new AnswerBudget(),
      mutationsAllowed:
        access === undefined ||
        access.allows({
          authorization:
            request?.headers.get('authorization') ??
            connectionParams?.authorization ??
            req?.headers.authorization,
          token: connectionParams?.token,
          cookie: request?.headers.get('cookie') ?? req?.headers.cookie,
        }),
    }),
    maskedErrors: {
      maskError(error, message, isDev) {
        const original = error instanceof GraphQLError ? error.originalError : error;
        if (original instanceof GraphStoreError)
          return storeFailure(original, error instanceof GraphQLError ? error : undefined);
        if (original instanceof QueryInputError) {
          // An argument out of bounds, as the schema's own checks answer it: a code, the status left alone.
          return new GraphQLError(original.message, {
            ...(error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {}),
            extensions: { code: 'BAD_USER_INPUT' },
          });
        }
        if (original instanceof EventsError) {
          return new GraphQLError(original.message, { extensions: { code: original.code } });
        }
        if (original instanceof GitUnavailableError) {
          // The server's problem, not the caller's: whoever runs it should hear of a git that
          // does not start; a full queue is load, and the client's to retry.
          if (original.reason === 'BUSY') logger.debug({ code: original.code }, original.message);
          else logger.warn({ code: original.code, reason: original.reason }, original.message);
          return new GraphQLError(original.message, {
            ...(error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {}),
            extensions: { code: original.code, http: { status: 503 } },
          });
        }
        if (error instanceof GraphQLError && error.extensions.code) {
          // A user's mistake (a limit, a bad argument): one line, no stack.
          logger.debug(
            { code: error.extensions.code, message: error.message.slice(0, 200) },
            'request refused',
          );
        } else if (original) {
          logger.error({ err: original }, 'unexpected error in a resolver');
        }
        return maskUnexpected(error, message, isDev);
      },
    },
    plugins: [
      maxAliasesPlugin({ n: ARMOR_LIMITS.aliases, ...ARMOR_REFUSAL }),
      maxTokensPlugin({ n: ARMOR_LIMITS.tokens, ...ARMOR_REFUSAL }),
      maxDirectivesPlugin({ n: ARMOR_LIMITS.directives, ...ARMOR_REFUSAL }),
      // Before the other plugins' onExecuteDone, the response cache's and Yoga's masking: they
      // see one error, never the partial answer with an error for every field cut.
      answerBudgetPlugin(),
      boundedErrorsPlugin(),
      graphiqlPageHeaders(),
      requestLogging(logger),
      responseCachePlugin({ revision: () => services.store.revision(), volatileFields: VOLATILE_FIELDS }),
      sharedSubscriptionResultsPlugin(),
    ],
  });
}

/** GraphiQL's page gets its Content-Security-Policy and `nosniff` (Yoga sends a bare content type). */
function graphiqlPageHeaders(): Plugin {
  return {
    onResponse({ request, response }) {
      if (response.headers.get('content-type')?.startsWith('text/html') && shouldRenderGraphiQL(request)) {
        for (const [name, value] of Object.entries(GRAPHIQL_PAGE_HEADERS)) {
          // Deleted first: Yoga's `Content-Type` would otherwise stay beside a `content-type`
          // (@whatwg-node's headers compare the case of names given at construction).
          response.headers.delete(name);
          response.headers.set(name, value);
        }
      }
    },
  };
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
