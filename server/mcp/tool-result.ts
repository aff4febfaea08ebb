/**
 * How a tool answers: structured content (the graph's keys, as plain JSON) with a short text,
 * or a tool error with a clear message. Knows no question: only the shape of answers.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';
import { GitUnavailableError } from '../diff-impact/git.ts';
import { EventsError } from '../events/port.ts';
import { GraphStoreError, type Page } from '../graph/port.ts';
import type { GraphNode } from '../model/index.ts';
import { QueryInputError } from '../queries/index.ts';
import type { McpServices } from './mcp-services.ts';
import { describeNode, nodeRecord } from './node-record.ts';

/** An argument a tool cannot take (unknown key, path outside the root): its message goes to the model as is. */
export class ToolInputError extends Error {
  override readonly name = 'ToolInputError';
}

/** Most keys a tool's short text lists; the structured content holds them all. */
const TEXT_ITEMS = 20;

/**
 * A tool's answer. While the first analysis runs, the structured content carries `analysis`
 * (`complete: false` and the progress) and the text says the answer comes from the graph so far.
 */
export function toolResult(
  services: Pick<McpServices, 'analysis'>,
  structured: Record<string, unknown>,
  text: string,
): CallToolResult {
  const status = services.analysis();
  const complete = status.state === 'READY';
  const note = complete
    ? ''
    : status.state === 'FAILED'
      ? 'Note: the analysis failed; this answer comes from the graph as it was left.\n'
      : `Note: the analysis is still running (${status.filesDone}/${status.filesTotal} files); this answer comes from the graph so far and may be incomplete.\n`;
  return {
    content: [{ type: 'text', text: `${note}${text}` }],
    structuredContent: {
      ...structured,
      analysis: {
        state: status.state,
        complete,
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

function toolError(logger: Logger, tool: string, error: unknown): CallToolResult {
  let message: string;
  if (error instanceof ToolInputError || error instanceof QueryInputError) message = error.message;
  else if (error instanceof GraphStoreError)
    message =
      error.code === 'STORE_UNAVAILABLE'
        ? `the graph store is unavailable: ${error.message} (try again shortly)`
        : error.message;
  else if (error instanceof EventsError) message = `${error.code}: ${error.message}`;
  else if (error instanceof GitUnavailableError) {
    if (error.reason !== 'BUSY') logger.warn({ reason: error.reason, tool }, error.message);
    message = `${error.code}: ${error.message}`;
  } else {
    logger.error({ err: error, tool }, 'MCP tool failed');
    message = 'internal error: codenav could not answer (the server log has the details)';
  }
  return { content: [{ type: 'text', text: `${tool}: ${message}` }], isError: true };
}
