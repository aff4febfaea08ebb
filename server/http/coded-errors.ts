import { type ExecutionResult, GraphQLError, type ValidationContext } from 'graphql';
import type { GraphStoreError } from '../graph/port.ts';

/**
 * graphql-armor's `onReject`: its limit becomes `QUERY_TOO_COMPLEX`, like the schema's own
 * depth, breadth and complexity limits. A validation rule's (aliases, directives) is reported
 * as a validation error (HTTP 400, and the rest of validation still runs); the parser's
 * (tokens, no validation context) is thrown, and the parse fails with it.
 *
 * @remarks
 * armor's own error has no code, and is thrown even from validation, which Yoga answers with
 * 200 and graphql-ws passes on as it is. Use with `propagateOnRejection: false`.
 */
export function refuseOverLimit(context: ValidationContext | null, error: GraphQLError): void {
  // armor's message says "Syntax Error: Aliases limit of 15 exceeded, found 20."
  const limit = error.message.replace(/^Syntax Error: /, '').replace(/\.$/, '');
  const refusal = new GraphQLError(`${limit}: split the operation into smaller ones`, {
    extensions: { code: 'QUERY_TOO_COMPLEX' },
  });
  if (context) context.reportError(refusal);
  else throw refusal;
}

/**
 * A store's failure as the client gets it: `STORE_UNAVAILABLE` (HTTP 503), or a request the
 * store refuses as that field's `BAD_USER_INPUT` (the status left alone). `at` gives the
 * error's place in the result, when it has one.
 */
export function storeFailure(original: GraphStoreError, at?: GraphQLError): GraphQLError {
  return new GraphQLError(original.message, {
    ...(at ? { nodes: at.nodes, path: at.path } : {}),
    extensions:
      original.code === 'STORE_UNAVAILABLE'
        ? { code: 'STORE_UNAVAILABLE', http: { status: 503 } }
        : { code: 'BAD_USER_INPUT' },
  });
}

/**
 * What parsing a WebSocket operation threw, as the error sent (the parse already gave a
 * graphql-js error its code: bounded-errors.ts).
 */
export function parseFailed(error: unknown): GraphQLError {
  return error instanceof GraphQLError
    ? forWebSocket(error, 'GRAPHQL_PARSE_FAILED')
    : new GraphQLError('Syntax Error: the query could not be parsed', {
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      });
}

/**
 * An error as sent over WebSocket: with a code (`code` when it has none), without Yoga's
 * internal extensions (`http`, `unexpected`), which Yoga drops from HTTP responses itself.
 *
 * @remarks
 * A copy: Yoga's parse and validation caches hand the same error object to every request
 * with the same document.
 */
export function forWebSocket(error: GraphQLError, code: string): GraphQLError {
  const { http: _http, unexpected: _unexpected, ...extensions } = error.extensions;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...extensions, code: extensions.code ?? code },
  });
}

/**
 * A result as sent over WebSocket: the same object unless one of its errors carries Yoga's
 * internal extensions (a masked error's `unexpected`, a store error's `http`), so that shared
 * results keep their one encoding.
 */
export function resultForWebSocket(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.some(hasInternals)) return result;
  return {
    ...result,
    errors: result.errors.map((error) =>
      hasInternals(error) ? forWebSocket(error, 'INTERNAL_SERVER_ERROR') : error,
    ),
  };
}

function hasInternals(error: GraphQLError): boolean {
  return error.extensions.http !== undefined || error.extensions.unexpected !== undefined;
}
