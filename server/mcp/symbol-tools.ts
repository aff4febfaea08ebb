/**
 * The tools about symbols: `search_symbols`, `get_symbol`, `find_callers`, `find_callees`. Each
 * checks its arguments, calls the question in `server/queries`, and shapes the answer.
 */
import { z } from 'zod';
import { fileOfKey, fileProps, type GraphNode } from '../model/index.ts';
import {
  callerFiles,
  contentsOf,
  findCallees,
  findCallers,
  getNode,
  referenceSites,
  searchSymbols,
} from '../queries/index.ts';
import { type LineSlice, MAX_SOURCE_LINES, sliceLines, splitLines } from '../source/source-slice.ts';
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
import type { ToolRegistrar } from './tool-calls.ts';
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

/** Kinds of node with code that runs, and so may call: for the others, no callees is no finding. */
const CALLING_KINDS = new Set([...CALLED_KINDS, 'FILE', 'NAMESPACE']);

/** `A FUNCTION`, `An INTERFACE`. */
function aKind(kind: string): string {
  return `${/^[AEIOU]/.test(kind) ? 'An' : 'A'} ${kind}`;
}

/**
 * Why `find_callers` or `find_callees` found nothing, when that is no finding: the kind of node
 * is never called or calls nothing, a file's callees are its top-level calls, or the symbol is
 * used without calls (`references`, for callers).
 */
function emptyHint(
  direction: 'callers' | 'callees',
  node: GraphNode,
  references: { readonly sites: number; readonly users: number } | undefined,
): string {
  if (direction === 'callees') {
    if (node.kind === 'FILE')
      return ` A file's callees are the calls of its top-level code (outside any function or class), and ${node.key} has none: get_symbol lists what it contains, whose callees find_callees tells.`;
    return CALLING_KINDS.has(node.kind)
      ? ''
      : ` ${aKind(node.kind)} has no code that runs: it calls nothing.`;
  }
  const never = CALLED_KINDS.has(node.kind)
    ? ''
    : ` ${aKind(node.kind)} is never called: impact lists what depends on it.`;
  const used =
    references && references.sites > 0
      ? ` It is referenced ${references.sites} time(s) by ${references.users} symbol(s) or file(s) without a call (passed or stored as a value, or named as a type; \`references\`): it is used, not dead.${never ? '' : ' impact lists what uses it.'}`
      : '';
  return `${never}${used}`;
}

/** Whether the file of a node is still what the graph analyzed (`get_symbol`'s `fileState`). */
type FileState = 'ANALYZED' | 'CHANGED_SINCE_ANALYZED' | 'UNREADABLE';

/** `get_symbol`'s `source`: lines of the file as it is now. */
type SourceRecord = LineSlice & { readonly matchesGraph: boolean };

/**
 * The first line of `get_symbol`'s text when the file is no longer what the graph analyzed: the
 * declaration's lines read now may be other code (3 lines inserted above it shift it down), and a
 * file deleted a moment ago is still in the graph until its re-analysis.
 */
function staleNote(file: string, state: FileState, source: SourceRecord | null, linesAsked: boolean): string {
  if (state === 'UNREADABLE')
    return `Note: ${file} can not be read now (deleted, moved, or no longer a readable text file): the graph still shows it as it was last analyzed, until the change is analyzed. Ask again in a moment.`;
  const lines = !linesAsked
    ? ''
    : source
      ? `: the lines below are lines ${source.startLine}–${source.endLine} of the file as it is now, where the graph last saw this declaration, and may no longer be it`
      : ': the lines where the graph last saw this declaration are no longer in it';
  return `Note: ${file} has changed since it was analyzed, and the graph does not show the change yet${lines}. Ask again in a moment, once the edit is analyzed.`;
}

/** A name as JavaScript spells one (a qualified name's last part must be one). */
const IDENTIFIER = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;

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
  if (query.includes('.') && last && IDENTIFIER.test(last))
    return `No symbol's qualified name contains it: try its last part, query "${last.slice(0, 200)}" (members' keys end in \`#${query.slice(0, 200)}\`).`;
  // `(.*)+$` used to be told to try `*)+$`.
  if (/[^\p{L}\p{N}_$.\s-]/u.test(query))
    return 'Names are matched as plain text, not as a pattern (no wildcards or regular expressions): query a part of a name, e.g. "parse".';
  return undefined;
}

export function registerSymbolTools(server: ToolRegistrar, context: ToolContext): void {
  const { services } = context;

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
      answer(context, 'search_symbols', async () => {
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
        '(at most `maxLines` lines; `source.truncated` says when it was cut). `fileState` says whether the file is still what the graph analyzed: `CHANGED_SINCE_ANALYZED` (an edit not analyzed yet: the lines are read where the graph last saw the declaration, and may be other code; `source.matchesGraph` false) or `UNREADABLE` (deleted or moved: `source` null); the text says so first. ' +
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
      answer(context, 'get_symbol', async () => {
        const [node] = await existingNodes(services, [args.key]);
        const { hash: _hash, ...props } = node!.props;
        const contents = await contentsOf(services.store, args.key);
        const file = fileOfKey(args.key);
        const read =
          file !== undefined
            ? await sourceText(file, node!.kind === 'FILE' ? undefined : props, args.maxLines)
            : undefined;
        const source = read?.source ?? null;
        const record = nodeRecord(node!);
        const stale = read !== undefined && read.fileState !== 'ANALYZED';
        return toolResult(
          services,
          {
            symbol: { key: node!.key, kind: node!.kind, ...props },
            contains: contents.slice(0, MAX_CONTAINS).map((member) => member.key),
            containsCount: contents.length,
            source,
            ...(read ? { fileState: read.fileState } : {}),
          },
          [
            ...(stale ? [staleNote(file!, read.fileState, source, args.maxLines > 0)] : []),
            describeNode(record),
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
          { sourceChanged: stale },
        );
      }),
  );

  /**
   * The declaration's lines (or a file's first lines) as the file is now, and whether the file is
   * still what the graph analyzed: undefined where nothing reads files (or the graph has no node
   * of the file).
   */
  async function sourceText(
    file: string,
    props: Record<string, unknown> | undefined,
    maxLines: number,
  ): Promise<{ source: SourceRecord | null; fileState: FileState } | undefined> {
    if (!services.readSource) return undefined;
    const [read, fileNode] = await Promise.all([services.readSource(file), getNode(services.store, file)]);
    if (fileNode?.kind !== 'FILE') return undefined;
    if (!read) return { source: null, fileState: 'UNREADABLE' };
    const matchesGraph = read.hash === fileProps(fileNode).hash;
    const start = typeof props?.startLine === 'number' ? props.startLine : 1;
    const end = typeof props?.endLine === 'number' ? props.endLine : props ? start : Number.MAX_SAFE_INTEGER;
    // `maxLines: 0` asks for no lines, but for the file's state all the same.
    const slice = maxLines > 0 ? sliceLines(splitLines(read.text), start, end, maxLines) : undefined;
    return {
      source: slice ? { ...slice, matchesGraph } : null,
      fileState: matchesGraph ? 'ANALYZED' : 'CHANGED_SINCE_ANALYZED',
    };
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
              'A symbol with no `callers` but some `callerFiles` is used, not dead; with no `callers` at all, `references` counts the places that use it without a call (`sites`, e.g. a function passed as a callback) and the symbols or files they are in (`users`).'
            : 'What a function or method calls (or instantiates with `new`), resolved by the type checker; for a file key, what its top-level code calls. ' +
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
        answer(context, name, async () => {
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
          // No callers is no finding for a symbol used as a value or a type: say how much it is.
          const references =
            direction === 'callers' && found.totalCount === 0
              ? await referenceSites(services.store, args.key)
              : undefined;
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
              ...(references ? { references } : {}),
            },
            listText(
              `${shown.count} ${direction} of ${args.key} within ${args.depth} call(s).${shown.note}${filesText}${
                found.totalCount === 0 ? emptyHint(direction, node!, references) : ''
              }`,
              nodes.map(describeNode),
            ),
          );
        }),
    );
  }
}
