/**
 * Tool errors: `tool: CODE: message` for a model to read, `{ error: { code, message, … } }` for a
 * program, and `isError`, which tells both that the call did not succeed.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** Codes of a tool error of codenav's own, as the GraphQL API's `extensions.code`. */
export type ToolErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'REVISION_EXPIRED'
  | 'EVENTS_UNAVAILABLE'
  | 'STORE_UNAVAILABLE'
  | 'GIT_UNAVAILABLE'
  | 'NOT_AVAILABLE'
  | 'ANALYZING'
  | 'INTERNAL_SERVER_ERROR';

/**
 * A question a tool cannot answer as asked (unknown key, path outside the root, a revision the
 * log no longer holds): its message goes to the model as is, with its code and `details` (what
 * the model needs to recover, e.g. the latest revision).
 */
export class ToolInputError extends Error {
  override readonly name = 'ToolInputError';
  constructor(
    message: string,
    readonly code: ToolErrorCode = 'BAD_USER_INPUT',
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/** The tool error `tool: CODE: message`, with the same as structured content. */
export function codedError(
  tool: string,
  code: ToolErrorCode,
  message: string,
  details: Readonly<Record<string, unknown>> = {},
): CallToolResult {
  return {
    content: [{ type: 'text', text: `${tool}: ${code}: ${message}` }],
    structuredContent: { error: { code, message, ...details } },
    isError: true,
  };
}
