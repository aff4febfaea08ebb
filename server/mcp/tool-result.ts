/**
 * How a tool answers: structured content (the graph's keys, as plain JSON) with a short text,
 * or a tool error with a clear message. Knows no question: only the shape of answers.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';
import { GitUnavailableError } from '../diff-impact/errors.ts';
import { EventsError } from '../events/port.ts';
import { GraphStoreError, type Page } from '../graph/port.ts';
import type { GraphNode } from '../model/index.ts';
import { QUERY_BOUNDS, QueryInputError, type Walked } from '../queries/index.ts';
import type { McpServices } from './mcp-services.ts';
import { describeNode, nodeRecord } from './node-record.ts';

/** Codes of a tool error of codenav's own, as the GraphQL API's `extensions.code`. */
type ToolErrorCode =
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

/** Most keys a tool's short text lists; the structured content holds them all. */
const TEXT_ITEMS = 20;

/**
 * What a model must know about an answer given while the graph is not READY, as the first line
 * of its text; empty when READY.
 */
export function analysisNote(status: ReturnType<McpServices['analysis']>): string {
  if (status.state === 'READY') return '';
  if (status.state === 'FAILED')
    return 'Note: the analysis failed; this answer comes from the graph as it was left.';
  // An edit's update: the graph is whole, one revision behind the files just saved.
  if (status.phase === 'UPDATING')
    return `Note: an edit (${status.filesTotal} file(s)) is being analyzed; this answer may not show it yet. Ask again in a moment for the new revision.`;
  const progress =
    status.filesTotal === 0
      ? 'starting, no file analyzed yet'
      : status.phase === 'VERIFYING'
        ? `checking the last run's graph against the files: ${status.filesDone}/${status.filesTotal} files`
        : `${status.filesDone}/${status.filesTotal} files`;
  return `Note: the analysis is still running (${progress}); this answer comes from the graph so far and may be incomplete. codenav://revision says when it is READY.`;
}

/**
 * A tool's answer. While the analysis runs, the structured content carries `analysis`
 * (`complete: false`, the phase and the progress) and the text starts with {@link analysisNote}.
 */
export function toolResult(
  services: Pick<McpServices, 'analysis'>,
  structured: Record<string, unknown>,
  text: string,
): CallToolResult {
  const status = services.analysis();
  const note = analysisNote(status);
  return {
    content: [{ type: 'text', text: note ? `${note}\n${text}` : text }],
    structuredContent: {
      ...structured,
      analysis: {
        state: status.state,
        phase: status.phase,
        complete: status.state === 'READY',
        filesDone: status.filesDone,
        filesTotal: status.filesTotal,
      },
    },
  };
}

/**
 * A page of symbols as tools answer it: `totalCount`, `symbols`, `hasNextPage` and `endCursor`
 * (for `after`), and a text headed by the count of `what` (e.g. `symbol(s) match`).
 */
export function pageResult(
  services: Pick<McpServices, 'analysis'>,
  page: Page<GraphNode>,
  what: string,
): CallToolResult {
  const symbols = page.items.map(nodeRecord);
  return toolResult(
    services,
    {
      totalCount: page.totalCount,
      symbols,
      hasNextPage: page.hasNextPage,
      endCursor: page.cursors.at(-1) ?? null,
    },
    listText(
      `${page.totalCount} ${what}; ${symbols.length} shown${page.hasNextPage ? ' (more with `after`)' : ''}.`,
      symbols.map(describeNode),
    ),
  );
}

/**
 * The first `first` nodes of a walk (nearest first), how many it found, and whether some were
 * left out: by `first`, or by the walk itself, which stops at {@link QUERY_BOUNDS.walkNodes}
 * (its `truncated`; then `totalCount` is a lower bound). `count` says it for a text: `42`,
 * `more than 1000`.
 */
export function firstOfWalk<T>(
  found: Walked<T>,
  first: number,
): { items: T[]; totalCount: number; truncated: boolean; count: string; note: string } {
  const items = found.items.slice(0, first);
  const truncated = items.length < found.items.length || found.truncated;
  const total = found.truncated ? `more than ${found.items.length}` : String(found.totalCount);
  const note = !truncated
    ? ''
    : items.length < found.items.length
      ? ` Showing the nearest ${items.length} of ${total}: raise \`first\` (up to ${QUERY_BOUNDS.walkNodes}) for more, or narrow the question with a lower \`depth\`.`
      : ` Truncated: the walk stops at ${QUERY_BOUNDS.walkNodes} nodes and more lie within this depth; lower \`depth\` or ask about fewer keys.`;
  return { items, totalCount: found.totalCount, truncated, count: total, note };
}

/** Lines listing the first items and how many more there are. */
export function listText(heading: string, items: readonly string[]): string {
  if (items.length === 0) return heading;
  const shown = items.slice(0, TEXT_ITEMS).map((item) => `- ${item}`);
  if (items.length > TEXT_ITEMS)
    shown.push(`… and ${items.length - TEXT_ITEMS} more (see the structured content)`);
  return `${heading}\n${shown.join('\n')}`;
}

/**
 * Runs a tool's body: what it throws becomes a tool error (`isError`), never a failed session.
 * Errors about the arguments, the store or the revision log keep their message; anything else is
 * logged with its stack and answered as an internal error.
 */
export async function answer(
  logger: Logger,
  tool: string,
  body: () => Promise<CallToolResult>,
): Promise<CallToolResult> {
  try {
    return await body();
  } catch (error) {
    return toolError(logger, tool, error);
  }
}

/**
 * A tool error: the text `tool: CODE: message` (what a model reads) and the same as structured
 * content `{ error: { code, message, …details } }` (what a program reads).
 */
function toolError(logger: Logger, tool: string, error: unknown): CallToolResult {
  let code: ToolErrorCode;
  let message: string;
  let details: Readonly<Record<string, unknown>> = {};
  if (error instanceof ToolInputError) {
    code = error.code;
    message = error.message;
    details = error.details;
  } else if (error instanceof QueryInputError) {
    code = 'BAD_USER_INPUT';
    message = error.message;
  } else if (error instanceof GraphStoreError) {
    code = error.code === 'STORE_UNAVAILABLE' ? 'STORE_UNAVAILABLE' : 'BAD_USER_INPUT';
    message =
      error.code === 'STORE_UNAVAILABLE'
        ? `the graph store is unavailable: ${error.message} (try again shortly)`
        : error.message;
  } else if (error instanceof EventsError) {
    code = error.code;
    message = error.message;
  } else if (error instanceof GitUnavailableError) {
    if (error.reason !== 'BUSY') logger.warn({ reason: error.reason, tool }, error.message);
    code = error.code;
    message = error.message;
  } else {
    logger.error({ err: error, tool }, 'MCP tool failed');
    code = 'INTERNAL_SERVER_ERROR';
    message = 'internal error: codenav could not answer (the server log has the details)';
  }
  return {
    content: [{ type: 'text', text: `${tool}: ${code}: ${message}` }],
    structuredContent: { error: { code, message, ...details } },
    isError: true,
  };
}
