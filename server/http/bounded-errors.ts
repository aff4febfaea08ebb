import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '../util/json-depth.ts';

/** The longest error message sent as it is. */
const MESSAGE_LENGTH = 300;

/**
 * The deepest nesting of brackets (`{`, `[`, `(`) a document may have. graphql-js parses
 * recursively: 2,400 `[` in one list literal (4,800 tokens, under the token limit) overflowed
 * its stack, a 500 with a stack in the log. Selections deeper than 12 fields are refused
 * anyway, GraphiQL's introspection query nests 11 levels, and no argument nests lists or
 * objects more than two.
 */
export const MAX_DOCUMENT_NESTING = 64;

/**
 * Errors from graphql-js itself of bounded length, each with a code. A document that does not
 * parse is `GRAPHQL_PARSE_FAILED` (HTTP 400) when it is made, not after: Yoga caches the error
 * per document and throws it again without its own hooks, and a WebSocket has none of them.
 * Its request errors — a
 * variable's value that does not coerce, a literal that does not validate — quote the user's
 * whole input (a 512 KB string came back whole in the message); they are the user's mistakes,
 * so they get `BAD_USER_INPUT` when they carry no code. Resolver errors are bounded where they
 * are made (`quote`) and masked by Yoga.
 */
export function boundedErrorsPlugin(): Plugin {
  return {
    onParams({ params }) {
      // Yoga checks the query, variables and extensions, not this: an array 400,000 deep went on
      // to be joined into a string, overflowing the stack (a 500 and a stack in the log).
      const operationName: unknown = params.operationName;
      if (operationName != null && typeof operationName !== 'string') {
        throw new GraphQLError(
          `Expected "operationName" param to be a string, but given ${Array.isArray(operationName) ? 'array' : typeof operationName}.`,
          { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
        );
      }
      // Before anything walks the variables (the response cache keys on them; graphql-js coerces
      // them): the first recursive walk of a deep one, the cache's `JSON.stringify`, overflowed
      // the stack, a 500.
      if (nestedDeeperThan(params.variables, MAX_JSON_DEPTH)) {
        throw new GraphQLError(
          `variables are nested more than ${MAX_JSON_DEPTH} levels deep: no argument of this API takes such a value`,
          { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } },
        );
      }
    },
    onParse({ parseFn, setParseFn }) {
      setParseFn((source, options) => {
        try {
          // Before graphql-js's recursive descent (and armor's token count) sees it.
          const text = typeof source === 'string' ? source : source.body;
          if (bracketsNestedDeeperThan(text, MAX_DOCUMENT_NESTING)) {
            throw new GraphQLError(
              `the document nests brackets more than ${MAX_DOCUMENT_NESTING} levels deep: nest fewer selections, lists or objects`,
              { extensions: { code: 'QUERY_TOO_COMPLEX' } },
            );
          }
          return parseFn(source, options);
        } catch (error) {
          throw error instanceof GraphQLError ? parseFailed(error) : error;
        }
      });
    },
    onValidate() {
      return ({ result, setResult }) => {
        // Yoga gives these their code (GRAPHQL_VALIDATION_FAILED) after this hook.
        if (result.some(isLong)) {
          setResult(result.map((e) => (e instanceof GraphQLError && isLong(e) ? bounded(e, false) : e)));
        }
      };
    },
    onExecute() {
      return { onExecuteDone: boundResult };
    },
    onSubscribe() {
      return { onSubscribeResult: boundResult };
    },
  };
}

/**
 * Whether GraphQL text nests `{`, `[` or `(` deeper than `limit`, brackets in strings, block
 * strings and comments aside. One pass, no recursion: it runs before the recursive parser.
 */
export function bracketsNestedDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char === '{' || char === '[' || char === '(') {
      depth += 1;
      if (depth > limit) return true;
    } else if (char === '}' || char === ']' || char === ')') {
      if (depth > 0) depth -= 1;
    } else if (char === '#') {
      while (at < text.length && text[at] !== '\n' && text[at] !== '\r') at += 1;
    } else if (char === '"' && text.startsWith('"""', at)) {
      // A block string ends at the first """ not escaped as \""".
      at += 3;
      while (at < text.length && !text.startsWith('"""', at)) at += text.startsWith('\\"""', at) ? 4 : 1;
      at += 2;
    } else if (char === '"') {
      // A string ends at an unescaped " or at its line's end (a syntax error the parser reports).
      at += 1;
      while (at < text.length && text[at] !== '"' && text[at] !== '\n' && text[at] !== '\r') {
        at += text[at] === '\\' ? 2 : 1;
      }
    }
  }
  return false;
}

/** A copy of a parse error with a code (its own, e.g. a limit's, or `GRAPHQL_PARSE_FAILED`) and Yoga's HTTP status. */
function parseFailed(error: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, {
    source: error.source,
    positions: error.positions,
    originalError: error.originalError,
    extensions: {
      ...error.extensions,
      code: error.extensions.code ?? 'GRAPHQL_PARSE_FAILED',
      // As Yoga gives a parse error: 400, or 200 to a client that accepts only application/json.
      http: error.extensions.http ?? { spec: true, status: 400 },
    },
  });
}

/** Replaces a finished result whose errors need bounding with its bounded copy. */
function boundResult<R>({ result, setResult }: { result: R; setResult: (result: R) => void }): void {
  if (isResult(result) && result.errors?.some(needsBound)) setResult(boundedResult(result));
}

interface Result {
  readonly errors?: readonly GraphQLError[];
}

function isResult<T>(result: T): result is T & Result {
  return typeof result === 'object' && result !== null && !(Symbol.asyncIterator in result);
}

function isLong(error: Error): boolean {
  return error.message.length > MESSAGE_LENGTH;
}

/** A request error (no field's path; at most graphql-js's own error inside) without a code. */
function isUncodedRequestError(error: GraphQLError): boolean {
  return (
    error.extensions.code === undefined &&
    error.path === undefined &&
    (error.originalError == null || error.originalError instanceof GraphQLError)
  );
}

function needsBound(error: GraphQLError): boolean {
  return isLong(error) || isUncodedRequestError(error);
}

function boundedResult<T extends Result>(result: T): T {
  return { ...result, errors: result.errors?.map((e) => (needsBound(e) ? bounded(e) : e)) };
}

function bounded(error: GraphQLError, coded = isUncodedRequestError(error)): GraphQLError {
  const message = isLong(error)
    ? `${error.message.slice(0, MESSAGE_LENGTH)}… (${error.message.length} characters)`
    : error.message;
  return new GraphQLError(message, {
    nodes: error.nodes,
    path: error.path,
    originalError: error.originalError,
    extensions: {
      ...error.extensions,
      ...(coded ? { code: 'BAD_USER_INPUT', http: { status: 400 } } : {}),
    },
  });
}
