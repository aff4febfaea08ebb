/**
 * How a tool answers: structured content (the graph's keys, as plain JSON) with a short text,
 * or a tool error with a clear message. Knows no question: only the shape of answers.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { GitUnavailableError } from '../diff-impact/errors.ts';
import { EventsError } from '../events/port.ts';
import { GraphStoreError, type Page } from '../graph/port.ts';
import type { GraphNode } from '../model/index.ts';
import { QUERY_BOUNDS, QueryInputError, type Walked } from '../queries/index.ts';
import { whenGraphBuilt } from './graph-built.ts';
import type { McpServices } from './mcp-services.ts';
import { describeNode, nodeRecord } from './node-record.ts';
import type { ToolContext } from './tool-context.ts';
import { codedError, type ToolErrorCode, ToolInputError } from './tool-error.ts';

/** Most items a tool's short text lists; the structured content holds them all. */
const TEXT_ITEMS = 50;
/** Most characters of listed items in a short text: fifty long signatures are no short text. */
const TEXT_CHARS = 8_000;
/** Most changed files an answer names (in its note and in `analysis.changedFiles`). */
const CHANGED_FILES_NAMED = 10;

type AnalysisStatus = ReturnType<McpServices['analysis']>;

/**
 * What a model must know about an answer given while the graph is not READY, as the first line
 * of its text; empty when READY.
 */
export function analysisNote(status: AnalysisStatus): string {
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

/** What `filesDone`/`filesTotal` count while the analysis runs. */
function passOf(phase: string): 'FIRST_ANALYSIS' | 'SNAPSHOT_CHECK' | 'UPDATE' {
  if (phase === 'UPDATING') return 'UPDATE';
  if (phase === 'VERIFYING') return 'SNAPSHOT_CHECK';
  return 'FIRST_ANALYSIS';
}

/**
 * While the analysis runs, what its counts count (`pass`) and the counts; nothing once it is done:
 * the counts of the last pass (an edit's `1/1`) beside `READY` read as the project's.
 */
export function passProgress(
  status: AnalysisStatus,
): { pass: ReturnType<typeof passOf>; filesDone: number; filesTotal: number } | Record<string, never> {
  return status.state === 'RUNNING'
    ? { pass: passOf(status.phase), filesDone: status.filesDone, filesTotal: status.filesTotal }
    : {};
}

/** Options of {@link toolResult}. */
export interface ToolResultOptions {
  /** The answer read a file that no longer matches the graph (get_symbol's source): not complete. */
  readonly sourceChanged?: boolean;
}

/**
 * A tool's answer, with `analysis` in its structured content: `state`, `phase`, and `complete`
 * (the graph is READY and no file is known to have changed since it was analyzed); while the
 * analysis runs, `pass` (`FIRST_ANALYSIS`, `SNAPSHOT_CHECK` or `UPDATE`: what `filesDone` and
 * `filesTotal` count — an update counts the files of the edit, not the project's); when the
 * watcher has seen files change that the analysis has not been handed yet, `changedFiles`. The
 * text starts with {@link analysisNote} and a note on those files.
 */
export function toolResult(
  services: Pick<McpServices, 'analysis' | 'changedFiles'>,
  structured: Record<string, unknown>,
  text: string,
  options: ToolResultOptions = {},
): CallToolResult {
  const status = services.analysis();
  const changed = services.changedFiles?.() ?? [];
  const notes = [analysisNote(status), changedNote(changed)].filter((note) => note !== '');
  return {
    content: [{ type: 'text', text: [...notes, text].join('\n') }],
    structuredContent: {
      ...structured,
      analysis: {
        state: status.state,
        phase: status.phase,
        complete: status.state === 'READY' && changed.length === 0 && options.sourceChanged !== true,
        ...passProgress(status),
        ...(changed.length > 0
          ? { changedFiles: changed.slice(0, CHANGED_FILES_NAMED), changedFilesCount: changed.length }
          : {}),
      },
    },
  };
}

/** The note on files saved a moment ago, which the watcher holds until their burst of saves ends. */
function changedNote(changed: readonly string[]): string {
  if (changed.length === 0) return '';
  const named = changed.slice(0, CHANGED_FILES_NAMED).join(', ');
  return `Note: ${changed.length} file(s) changed a moment ago and are not analyzed yet (${named}${changed.length > CHANGED_FILES_NAMED ? ', …' : ''}); this answer may not show the change. Ask again in a moment.`;
}

/**
 * A page of symbols as tools answer it: `totalCount`, `symbols`, `hasNextPage` and `endCursor`
 * (for `after`), and a text headed by the count of `what` (e.g. `symbol(s) match`).
 */
export function pageResult(
  services: Pick<McpServices, 'analysis' | 'changedFiles'>,
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

/**
 * Lines listing the first items (at most {@link TEXT_ITEMS}, and {@link TEXT_CHARS} characters)
 * and how many more there are.
 */
export function listText(heading: string, items: readonly string[]): string {
  if (items.length === 0) return heading;
  const shown: string[] = [];
  let length = 0;
  for (const item of items) {
    if (shown.length === TEXT_ITEMS || (shown.length > 0 && length + item.length > TEXT_CHARS)) break;
    shown.push(`- ${item}`);
    length += item.length + 3;
  }
  if (items.length > shown.length)
    shown.push(`… and ${items.length - shown.length} more (see the structured content)`);
  return `${heading}\n${shown.join('\n')}`;
}

/** Options of {@link answer}. */
export interface AnswerOptions {
  /**
   * Wait for the first analysis to build the graph before answering (`whenGraphBuilt`).
   * @default true
   */
  readonly fromGraph?: boolean;
  /**
   * Give the answer the graph's `revision` it was asked at (in its structured content, and a last
   * line of its text): `changes_since` with it as `since` later tells what changed since.
   * `changes_since` sets its own. @default true
   */
  readonly revision?: boolean;
}

/**
 * Runs a tool's body: what it throws becomes a tool error (`isError`), never a failed session.
 * Errors about the arguments, the store or the revision log keep their message; anything else is
 * logged with its stack and answered as an internal error. The revision is read before the body
 * asks its question: an edit landing meanwhile may show in the answer, and `changes_since` from
 * that revision then tells it again, where reading it after would skip it.
 */
export async function answer(
  context: ToolContext,
  tool: string,
  body: () => Promise<CallToolResult>,
  options: AnswerOptions = {},
): Promise<CallToolResult> {
  const { services, logger } = context;
  try {
    if (options.fromGraph !== false) await whenGraphBuilt(services);
    const revision = options.revision === false ? undefined : await services.store.revision();
    const result = await body();
    if (revision === undefined || result.isError) return result;
    const [first, ...rest] = result.content;
    return {
      ...result,
      content:
        first?.type === 'text'
          ? [{ ...first, text: `${first.text}\n(answered at graph revision ${revision})` }, ...rest]
          : result.content,
      structuredContent: { ...result.structuredContent, revision },
    };
  } catch (error) {
    return toolError(logger, tool, error);
  }
}

/**
 * A tool error: the text `tool: CODE: message` (what a model reads) and the same as structured
 * content `{ error: { code, message, …details } }` (what a program reads).
 */
function toolError(logger: ToolContext['logger'], tool: string, error: unknown): CallToolResult {
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
  return codedError(tool, code, message, details);
}
