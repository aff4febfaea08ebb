/**
 * The tools about symbols: `search_symbols`, `get_symbol`, `find_callers`, `find_callees`. Each
 * checks its arguments, calls the question in `server/queries`, and shapes the answer.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { fileOfKey, fileProps } from '../model/index.ts';
import {
  callerFiles,
  contentsOf,
  findCallees,
  findCallers,
  getNode,
  searchSymbols,
} from '../queries/index.ts';
import { MAX_SOURCE_LINES, sliceLines, splitLines } from '../source/source-slice.ts';
import { whenGraphBuilt } from './graph-built.ts';
import { describeNode, nodeRecord } from './node-record.ts';
import {
  afterArgument,
  checkedPathPrefix,
  depthArgument,
  existingNodes,
  firstArgument,
  includeOverridesArgument,
  keyArgument,
  kindsArgument,
  pathPrefixArgument,
  toolInput,
  walkFirstArgument,
} from './tool-arguments.ts';
import { READ_ONLY, type ToolContext } from './tool-context.ts';
import { answer, firstOfWalk, listText, pageResult, toolResult } from './tool-result.ts';

/** Most keys of `get_symbol`'s `contains` (a generated file can hold thousands of declarations). */
const MAX_CONTAINS = 200;

/** Lines of a declaration `get_symbol` returns unless asked for another number. */
const DEFAULT_SOURCE_LINES = 400;

/** Most paths of `callerFiles` the text names; the structured content holds them all. */
const TEXT_FILES = 10;

/** Kinds of node a call or `new` can reach: for the others, no callers is no finding. */
const CALLED_KINDS = new Set(['FUNCTION', 'METHOD', 'CLASS', 'VARIABLE', 'PROPERTY']);

/**
 * Why a query found nothing, when it looks like a qualified name or a key: search matches a
 * symbol's own name, or with a `.` its qualified name.
 */
function searchHint(query: string): string | undefined {
  if (query.includes('#'))
    return 'The query looks like a key: get_symbol takes keys; search_symbols matches names (the part after the last `.`).';
  if (query.includes('/') || /\.[cm]?[jt]sx?$/i.test(query))
    return "The query looks like a file: files are not searched; a file's key is its root-relative path (get_symbol `src/cart.ts` tells what it contains).";
  const last = query.split('.').at(-1);
  if (query.includes('.') && last)
    return `No symbol's qualified name contains it: try its last part, query "${last.slice(0, 200)}" (members' keys end in \`#${query.slice(0, 200)}\`).`;
  return undefined;
}

export function registerSymbolTools(server: McpServer, context: ToolContext): void {
  const { services, logger } = context;

  server.registerTool(
    'search_symbols',
    {
      title: 'Search symbols',
      description:
        'Find functions, classes, methods, interfaces, types, variables and other declarations by name in the analyzed project. ' +
        'Use it first, to turn a name you know into the `key` the other tools take. ' +
        "Matching is on a symbol's own name (a query with a `.`, e.g. `Cart.add`: on its qualified name), case-insensitive: exact names first, then names starting with the query, then names containing it " +
        '(narrow with `pathPrefix` or `kinds`). Keys look like `src/cart.ts#Cart.add` (file path, `#`, qualified name). ' +
        'Returns a page of symbols, each with `key`, `kind`, `name`, `file`, `line` and `signature`, plus `totalCount`, `hasNextPage` and `endCursor`.',
      inputSchema: toolInput({
        query: z
          .string()
          .max(1000)
          .optional()
          .describe('Text to find in symbol names, e.g. `parseConfig`. Omit to list symbols by key.'),
        kinds: kindsArgument,
        pathPrefix: pathPrefixArgument,
        exported: z
          .boolean()
          .optional()
          .describe('true: only exported symbols; false: only unexported ones.'),
        first: firstArgument,
        after: afterArgument,
      }),
      annotations: READ_ONLY,
    },
    (args) =>
      answer(logger, 'search_symbols', async () => {
        await whenGraphBuilt(services);
        const page = await searchSymbols(
          services.store,
          {
            query: args.query,
            kinds: args.kinds,
            pathPrefix: checkedPathPrefix(services, args.pathPrefix),
            exported: args.exported,
          },
          { first: args.first, after: args.after },
        );
        const result = pageResult(services, page, 'symbol(s) match');
        const hint = page.totalCount === 0 && args.query ? searchHint(args.query) : undefined;
        if (hint) (result.content[0] as { text: string }).text += `\n${hint}`;
        return result;
      }),
  );

  server.registerTool(
    'get_symbol',
    {
      title: 'Get a symbol',
      description:
        'Everything about one node by its key: kind, name, qualified name, signature, JSDoc summary, exported or not, file and line range, ' +
        `metrics, what it contains (\`contains\`: keys of the members of a class or the symbols of a file, at most ${MAX_CONTAINS}; \`containsCount\`: all of them), ` +
        'and the text of its declaration read from the file as it is now ' +
        '(at most `maxLines` lines; `source.truncated` says when it was cut; `source.matchesGraph` is false while an edit waits for analysis). ' +
        'Use it to read code you found with the other tools.',
      inputSchema: toolInput({
        key: keyArgument,
        maxLines: z
          .number()
          .int()
          .min(0)
          .max(MAX_SOURCE_LINES)
          .default(DEFAULT_SOURCE_LINES)
          .describe(
            `Most lines of source text to return (0..${MAX_SOURCE_LINES}, default ${DEFAULT_SOURCE_LINES}); 0 for none.`,
          ),
      }),
      annotations: READ_ONLY,
    },
    (args) =>
      answer(logger, 'get_symbol', async () => {
        await whenGraphBuilt(services);
        const [node] = await existingNodes(services, [args.key]);
        const { hash: _hash, ...props } = node!.props;
        const contents = await contentsOf(services.store, args.key);
        const file = fileOfKey(args.key);
        const source =
          file !== undefined && args.maxLines > 0
            ? await sourceText(file, node!.kind === 'FILE' ? undefined : props, args.maxLines)
            : null;
        const record = nodeRecord(node!);
        return toolResult(
          services,
          {
            symbol: { key: node!.key, kind: node!.kind, ...props },
            contains: contents.slice(0, MAX_CONTAINS).map((member) => member.key),
            containsCount: contents.length,
            source,
          },
          [
            `${describeNode(record)}${record.file ? ` in ${record.file}${record.line ? `:${record.line}` : ''}` : ''}`,
            ...(record.signature ? [record.signature] : []),
            ...(contents.length > MAX_CONTAINS
              ? [
                  `Contains ${contents.length} nodes; \`contains\` lists the first ${MAX_CONTAINS} (search_symbols with \`pathPrefix\` lists them all).`,
                ]
              : []),
            ...(typeof props.docs === 'string' && props.docs ? [props.docs] : []),
            ...(source
              ? ['', '```', source.text, '```', ...(source.truncated ? ['(source truncated)'] : [])]
              : []),
          ].join('\n'),
        );
      }),
  );

  /** The declaration's lines (or a file's first lines) as the file is now; null when it cannot be read. */
  async function sourceText(file: string, props: Record<string, unknown> | undefined, maxLines: number) {
    const [read, fileNode] = await Promise.all([services.readSource?.(file), getNode(services.store, file)]);
    if (!read || fileNode?.kind !== 'FILE') return null;
    const start = typeof props?.startLine === 'number' ? props.startLine : 1;
    const end = typeof props?.endLine === 'number' ? props.endLine : props ? start : Number.MAX_SAFE_INTEGER;
    const slice = sliceLines(splitLines(read.text), start, end, maxLines);
    return slice ? { ...slice, matchesGraph: read.hash === fileProps(fileNode).hash } : null;
  }

  for (const direction of ['callers', 'callees'] as const) {
    const name = direction === 'callers' ? 'find_callers' : 'find_callees';
    server.registerTool(
      name,
      {
        title: direction === 'callers' ? 'Find callers' : 'Find callees',
        description:
          direction === 'callers'
            ? 'Who calls (or instantiates with `new`) a function, method or class, resolved by the type checker through imports, re-exports and aliases. ' +
              'depth 1: direct callers; depth 2 adds their callers, and so on. Use it before changing a signature. ' +
              'With `includeOverrides`, also the callers of the base-class or interface members it overrides or implements (calls through them may run it). ' +
              'Returns `callers`, nearest first, each with `key`, `kind`, `name`, `file`, `line`; at most `first` of them (`totalCount` found — at least that many when `truncated`, which says some were left out); ' +
              "and `callerFiles`: the files whose top-level code calls it (or one of its callers) outside any function, e.g. inside a test's `it(() => …)` (`callerFilesCount` found). " +
              'A symbol with no `callers` but some `callerFiles` is used, not dead.'
            : 'What a function or method calls (or instantiates with `new`), resolved by the type checker. ' +
              'depth 1: direct callees; more follows their calls. Use it to understand what code does without reading every file. ' +
              'Returns `callees`, nearest first, each with `key`, `kind`, `name`, `file`, `line`; at most `first` of them (`totalCount` found — at least that many when `truncated`, which says some were left out).',
        inputSchema: toolInput({
          key: keyArgument,
          depth: depthArgument(1, 'How many calls away to go'),
          first: walkFirstArgument,
          ...(direction === 'callers' ? { includeOverrides: includeOverridesArgument } : {}),
        }),
        annotations: READ_ONLY,
      },
      (args) =>
        answer(logger, name, async () => {
          await whenGraphBuilt(services);
          const [node] = await existingNodes(services, [args.key]);
          const includeOverrides = 'includeOverrides' in args && args.includeOverrides === true;
          const found =
            direction === 'callers'
              ? await findCallers(services.store, args.key, args.depth, { includeOverrides })
              : await findCallees(services.store, args.key, args.depth);
          const files =
            direction === 'callers'
              ? firstOfWalk(
                  await callerFiles(services.store, args.key, args.depth, { includeOverrides }),
                  args.first,
                )
              : undefined;
          const shown = firstOfWalk(found, args.first);
          const nodes = shown.items.map(nodeRecord);
          const filesText =
            files && files.totalCount > 0
              ? ` Also called from the top-level code of ${files.count} file(s)${args.depth > 1 ? ' (directly or through its callers)' : ''} (\`callerFiles\`): ${files.items
                  .slice(0, TEXT_FILES)
                  .map((file) => file.key)
                  .join(', ')}${files.totalCount > TEXT_FILES ? ', …' : ''}.`
              : '';
          return toolResult(
            services,
            {
              key: args.key,
              depth: args.depth,
              ...(includeOverrides ? { includeOverrides } : {}),
              [direction]: nodes,
              totalCount: shown.totalCount,
              truncated: shown.truncated,
              ...(files
                ? {
                    callerFiles: files.items.map((file) => file.key),
                    callerFilesCount: files.totalCount,
                    callerFilesTruncated: files.truncated,
                  }
                : {}),
            },
            listText(
              `${shown.count} ${direction} of ${args.key} within ${args.depth} call(s).${shown.note}${filesText}${
                found.totalCount === 0 && direction === 'callers' && !CALLED_KINDS.has(node!.kind)
                  ? ` A ${node!.kind} is never called: impact lists what depends on it.`
                  : ''
              }`,
              nodes.map(describeNode),
            ),
          );
        }),
    );
  }
}
