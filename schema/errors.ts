import { GraphQLError } from 'graphql';

/** Stable codes of codenav's GraphQL errors (`extensions.code`). */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'STORE_UNAVAILABLE'
  | 'EVENTS_UNAVAILABLE'
  | 'REVISION_EXPIRED'
  | 'NOT_AVAILABLE';

const STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  STORE_UNAVAILABLE: 503,
  EVENTS_UNAVAILABLE: 503,
  REVISION_EXPIRED: 410,
  NOT_AVAILABLE: 501,
};

/** A user-facing error: its message says what was wrong and what to do. */
export function userError(code: ErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: STATUS[code] } } });
}

export function badInput(message: string): GraphQLError {
  return userError('BAD_USER_INPUT', message);
}
