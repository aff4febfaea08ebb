/**
 * The arguments tools share, as zod schemas (the SDK turns them into each tool's JSON input
 * schema) with descriptions written for a model, and the checks that need the server: keys that
 * exist, paths inside the root. Bounds are the GraphQL API's.
 */
import { z } from 'zod';
import { LIMITS } from '../graph/port.ts';
import { type GraphNode, SYMBOL_KINDS } from '../model/index.ts';
import { QUERY_BOUNDS } from '../queries/index.ts';
import { quote } from '../util/quote.ts';
import type { McpServices } from './mcp-services.ts';
import { ToolInputError } from './tool-error.ts';
import { analysisNote } from './tool-result.ts';

const KEY_FORMAT =
  'Keys look like `src/cart.ts#Cart.add` (a symbol: file path, `#`, qualified name), `src/cart.ts` (a file) or `npm:react` (an external module).';

/**
 * A tool's input schema: `shape`, refusing arguments it does not name. A model that guessed an
 * argument's name (`name` for `query`, `limit` for `first`) is told so, with the names the tool
 * takes, instead of getting an answer to a question it did not ask (every symbol, a page of 50).
 * The JSON schema clients see says it too (`additionalProperties: false`).
 */
export function toolInput<Shape extends z.ZodRawShape>(shape: Shape) {
  const names = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown argument${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map(quote).join(', ')}: this tool takes ${names.length > 0 ? names.join(', ') : 'no arguments'}`
        : undefined,
  });
}

/** One node's key. */
export const keyArgument = z
  .string()
  .min(1)
  .max(1000)
  .describe(`The key of a node, as returned by search_symbols or any other tool. ${KEY_FORMAT}`);

/** How many edges a walk follows. */
export function depthArgument(fallback: number, what: string) {
  return z
    .number()
    .int()
    .min(1)
    .max(QUERY_BOUNDS.walkDepth)
    .default(fallback)
    .describe(
      `${what} (1..${QUERY_BOUNDS.walkDepth}, default ${fallback}). Start small: each level can multiply the answer.`,
    );
}

export const pathPrefixArgument = z
  .string()
  .max(1000)
  .optional()
  .describe(
    'Only results in files whose root-relative path starts with this, e.g. `src/billing/` (posix separators, no leading `/`, no `..`).',
  );

export const kindsArgument = z
  .array(z.enum(SYMBOL_KINDS))
  .max(SYMBOL_KINDS.length)
  .optional()
  .describe('Only symbols of these kinds. Default: every kind of symbol.');

export const firstArgument = z
  .number()
  .int()
  .min(1)
  .max(LIMITS.pageSize)
  .default(50)
  .describe(`Page size (1..${LIMITS.pageSize}, default 50).`);

/** Nodes a walk's answer lists unless asked for more: a few thousand tokens, not a context. */
export const DEFAULT_WALK_FIRST = 100;

/** How many of a walk's nodes (callers, callees, impacted, affected) to return. */
export const walkFirstArgument = z
  .number()
  .int()
  .min(1)
  .max(QUERY_BOUNDS.walkNodes)
  .default(DEFAULT_WALK_FIRST)
  .describe(
    `Most nodes to return, nearest first (1..${QUERY_BOUNDS.walkNodes}, default ${DEFAULT_WALK_FIRST}); \`truncated\` says when more were found.`,
  );

/** `find_callers`' `includeOverrides`: the meaning of GraphQL's `callers(includeOverrides:)`. */
export const includeOverridesArgument = z
  .boolean()
  .default(false)
  .describe(
    'Also the callers of the members it overrides or implements, directly or not: a call through a base class or an interface (`shape.area()`) may run it. Default false.',
  );

export const afterArgument = z
  .string()
  .max(1000)
  .optional()
  .describe('The `endCursor` of the previous page, to get the next one (when `hasNextPage` was true).');

/** A user-given path prefix, checked like every path the API takes. */
export function checkedPathPrefix(
  services: Pick<McpServices, 'checkPath'>,
  pathPrefix: string | undefined,
): string | undefined {
  if (pathPrefix === undefined || pathPrefix === '') return undefined;
  const checked = services.checkPath(pathPrefix);
  if ('error' in checked) throw new ToolInputError(`pathPrefix: ${checked.error}`);
  return checked.path === '' ? undefined : checked.path;
}

/** The nodes of `keys`, in order, or a {@link ToolInputError} naming the keys the graph does not hold. */
export async function existingNodes(
  services: Pick<McpServices, 'store' | 'analysis'>,
  keys: readonly string[],
): Promise<GraphNode[]> {
  const nodes = await services.store.getNodes(keys);
  const missing = keys.filter((_, i) => nodes[i] === undefined);
  if (missing.length > 0) {
    const listed = missing.slice(0, 5).map(quote).join(', ');
    const hint = await keyHint(services, missing[0]!);
    // A key of a file not analyzed yet is no mistake of the model's: say so, or it gives up on it.
    const note = analysisNote(services.analysis());
    throw new ToolInputError(
      `no node has the key ${listed}${missing.length > 5 ? ` (and ${missing.length - 5} more)` : ''}${hint ? `. ${hint}` : ''}: find keys with search_symbols. ${KEY_FORMAT}${note ? ` ${note}` : ''}`,
      'NOT_FOUND',
    );
  }
  return nodes as GraphNode[];
}

/**
 * What a model most likely meant by a key the graph does not hold: the same key written as paths
 * often are (`./src/a.ts`, `/src/a.ts`, `src\\a.ts`), or, when only the symbol is wrong, its file.
 */
async function keyHint(services: Pick<McpServices, 'store'>, key: string): Promise<string | undefined> {
  const hash = key.indexOf('#');
  const path = hash === -1 ? key : key.slice(0, hash);
  const normalized = path.replaceAll('\\', '/').replace(/^(?:\.\/|\/)+/, '');
  const rewritten = normalized === path ? undefined : `${normalized}${hash === -1 ? '' : key.slice(hash)}`;
  const file = hash === -1 ? undefined : normalized;
  const asked = [rewritten, file].filter((k): k is string => k !== undefined && k !== '');
  if (asked.length === 0) return undefined;
  const found = await services.store.getNodes(asked);
  const nodeOf = (k: string | undefined) => (k === undefined ? undefined : found[asked.indexOf(k)]);
  if (rewritten !== undefined && nodeOf(rewritten))
    return `Did you mean ${quote(rewritten)}? Keys are root-relative`;
  if (nodeOf(file)?.kind === 'FILE')
    return `The file ${quote(normalized)} is analyzed: get_symbol with its key lists the keys of what it contains`;
  return undefined;
}
