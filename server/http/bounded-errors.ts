import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** The longest error message sent as it is. */
const MESSAGE_LENGTH = 300;

/**
 * Errors from graphql-js itself of bounded length, each with a code. Its request errors — a
 * variable's value that does not coerce, a literal that does not validate — quote the user's
 * whole input (a 512 KB string came back whole in the message); they are the user's mistakes,
 * so they get `BAD_USER_INPUT` when they carry no code. Resolver errors are bounded where they
 * are made (`quote`) and masked by Yoga.
 */
export function boundedErrorsPlugin(): Plugin {
  return {
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
