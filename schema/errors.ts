import { GraphQLError } from 'graphql';

/** Stable codes of codenav's GraphQL errors (`extensions.code`). */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'STORE_UNAVAILABLE'
  | 'EVENTS_UNAVAILABLE'
  | 'REVISION_EXPIRED'
  | 'NOT_AVAILABLE'
  /** Over the depth, breadth or complexity limit, or the answer's budget (README: Limits). */
  | 'QUERY_TOO_COMPLEX';

/**
 * A user-facing error: its message says what was wrong and what to do.
 *
 * @remarks
 * Errors of one field leave the HTTP status alone: the rest of the response may hold data
 * (GraphQL over HTTP answers 200 then), and browsers log every 4xx as a console error.
 */
export function userError(
  code: ErrorCode,
  message: string,
  /** What a program needs beside the code (the keys not found), in `extensions`. */
  details: Readonly<Record<string, unknown>> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { ...details, code } });
}

export function badInput(message: string): GraphQLError {
  return userError('BAD_USER_INPUT', message);
}
