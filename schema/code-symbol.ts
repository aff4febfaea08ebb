import { MAX_REEXPORT_DEPTH } from '../server/graph/port.ts';
import type { GraphNode, SymbolKind } from '../server/model/index.ts';
import { CALL_EDGES, EDGE_TYPES, fileOfKey, symbolProps } from '../server/model/index.ts';
import {
  callerFiles,
  callHierarchy,
  checkRange,
  contentsOf,
  edgesOf,
  implementationsOf,
  isSymbol,
  QUERY_BOUNDS,
  related,
  searchSymbols,
  unusedExports,
} from '../server/queries/index.ts';
import { checkPathArg } from './args.ts';
import { builder } from './builder.ts';
import { loaderOf } from './code-node.ts';
import { nodeOrThrow, type SchemaContext } from './context.ts';
import { EdgeTypeEnum, SymbolKindEnum } from './enums.ts';
import { badInput } from './errors.ts';
import { listComplexity } from './list-sizes.ts';
import { edgesVia, nodesVia } from './neighbours.ts';
import { connectionOf, countedConnection, pageArgs, pageSizeOf } from './pagination.ts';
import { CallSiteRef, CodeNodeRef, CodeSymbolRef, FileRef, RelationRef } from './refs.ts';
import { MAX_SOURCE_LINES, SourceTextRef, sourceOf } from './source.ts';
import { SYMBOL_TYPE_NAMES, typeNameOf } from './type-names.ts';
import { WALK_NODES, walkObject } from './walk.ts';

/**
 * The estimated size of a `callers`/`callees` walk: a busy node's calls at each level, up to
 * the walk's own limit.
 */
function walkSize(ctx: SchemaContext, direction: 'IN' | 'OUT', depth: number | null | undefined): number {
  const perLevel = ctx.listSizes.of(CALL_EDGES, direction, 'SYMBOL');
  let size = 0;
  let level = 1;
  for (let d = 1; d <= Math.min(depth ?? 1, QUERY_BOUNDS.walkDepth) && size < QUERY_BOUNDS.walkNodes; d++) {
    level *= perLevel;
    size += level;
  }
  return Math.min(size, QUERY_BOUNDS.walkNodes);
}

/** The arguments of `callers` and `callerWalk`. */
const CALLER_ARGS = builder.args((t) => ({
  depth: t.int({ defaultValue: 1 }),
  includeOverrides: t.boolean({
    defaultValue: false,
    description:
      'Also the callers of the members it overrides or implements, directly or not: calls through a base class or an interface may run it.',
  }),
}));

/** The arguments of `callerFiles` and `callerFileWalk`. */
const CALLER_FILE_ARGS = builder.args((t) => ({
  depth: t.int({ defaultValue: 1 }),
  includeOverrides: t.boolean({
    defaultValue: false,
    description: 'Also the files calling the members it overrides or implements, as for `callers`.',
  }),
}));

/** The estimated size of a walk of callers: twice as many with the overridden members'. */
const callerWalkSize = (
  args: { depth?: number | null; includeOverrides?: boolean | null },
  ctx: SchemaContext,
) => ({ field: 2, multiplier: walkSize(ctx, 'IN', args.depth) * (args.includeOverrides ? 2 : 1) });

const RangeRef = builder.simpleObject('Range', {
  description: '1-based lines and columns of a declaration (after its JSDoc).',
  fields: (t) => ({
    startLine: t.int(),
    startColumn: t.int(),
    endLine: t.int(),
    endColumn: t.int(),
  }),
});

/** The texts of a walk of calls' type, for the `what` it lists. */
const callWalkTexts = (what: string) => ({
  description: `The ${what} a walk of calls found: the nearest ${WALK_NODES} at most, how many there are, and whether some were left out.`,
  stops: `the walk stops soon after ${WALK_NODES}`,
  narrower: 'Lower `depth` to see all of the nearer ones.',
});
const CodeSymbolWalkRef = walkObject('CodeSymbolWalk', CodeSymbolRef, callWalkTexts('symbols'));
const FileWalkRef = walkObject('FileWalk', FileRef, callWalkTexts('files'));

/** What `relations` lists without `types`: every edge type of the model. */
const RELATION_TYPES = EDGE_TYPES;

CodeSymbolRef.implement({
  description:
    'A declaration in the code: class, interface, type alias, enum, function, method, property, variable, namespace.',
  interfaces: [CodeNodeRef, builder.nodeInterfaceRef()],
  resolveType: (node) => typeNameOf(node.kind),
  fields: (t) => ({
    qualifiedName: t.string({ resolve: (n) => symbolProps(n).qualifiedName ?? n.key }),
    file: t.field({
      type: FileRef,
      resolve: (n, _, ctx) => nodeOrThrow(ctx, symbolProps(n).path ?? fileOfKey(n.key) ?? n.key),
    }),
    parent: t.field({
      type: CodeNodeRef,
      description: 'What contains it: its file, or a class, interface, enum or namespace.',
      nullable: true,
      resolve: async (n, _, ctx) =>
        (await related(ctx.loaders.batched, n.key, ['CONTAINS'], 'IN'))[0] ?? null,
    }),
    range: t.field({
      type: RangeRef,
      resolve: (n) => {
        const { startLine = 0, startColumn = 0, endLine = 0, endColumn = 0 } = symbolProps(n);
        return { startLine, startColumn, endLine, endColumn };
      },
    }),
    signature: t.string({
      description: 'The header as written (of a function or method with overloads, its implementation).',
      resolve: (n) => symbolProps(n).signature ?? '',
    }),
    overloads: t.stringList({
      description:
        'The headers of its overloads as written, in order: what callers see of a function or method declared with overloads. Empty for any other symbol.',
      resolve: (n) => [...(symbolProps(n).overloads ?? [])],
    }),
    source: t.field({
      type: SourceTextRef,
      nullable: true,
      description: `Its declaration's text (its range's lines, at most \`maxLines\` ≤ ${MAX_SOURCE_LINES}), read from its file as it is now; null when the file cannot be read.`,
      args: { maxLines: t.arg.int({ defaultValue: 400 }) },
      complexity: { field: 5, multiplier: 1 },
      resolve: (n, args, ctx) => {
        const maxLines = checkRange(args.maxLines, 400, 1, MAX_SOURCE_LINES, 'maxLines');
        const file = fileOfKey(n.key);
        const { startLine, endLine } = symbolProps(n);
        if (!file || startLine === undefined) return null;
        return sourceOf(ctx, file, startLine, endLine ?? startLine, maxLines);
      },
    }),
    docs: t.string({
      nullable: true,
      description: 'The JSDoc summary.',
      resolve: (n) => symbolProps(n).docs,
    }),
    linesOfCode: t.int({ resolve: (n) => symbolProps(n).linesOfCode ?? 0 }),
    complexity: t.int({
      nullable: true,
      description: 'Cyclomatic complexity (functions and methods).',
      resolve: (n) => symbolProps(n).complexity,
    }),
    exported: t.boolean({ resolve: (n) => symbolProps(n).exported === true }),
    defaultExport: t.boolean({ resolve: (n) => symbolProps(n).defaultExport === true }),
    async: t.boolean({ resolve: (n) => symbolProps(n).async === true }),
    static: t.boolean({ resolve: (n) => symbolProps(n).static === true }),
    visibility: t.string({
      nullable: true,
      description: '`public`, `protected` or `private` for class members.',
      resolve: (n) => symbolProps(n).visibility,
    }),
    unresolvedCalls: t.int({
      description: 'Call sites the type checker could not resolve (no edge is invented for them).',
      resolve: (n) => symbolProps(n).unresolvedCalls ?? 0,
    }),
    members: t.field({
      type: [CodeSymbolRef],
      description: 'Members of a class, interface, enum or namespace, in source order.',
      complexity: listComplexity(['CONTAINS'], 'OUT', 'SYMBOL'),
      resolve: (n, _, ctx) => contentsOf(ctx.loaders.batched, n.key),
    }),
    callers: t.field({
      type: [CodeSymbolRef],
      description: `Symbols that call (or instantiate) it, within \`depth\` calls: the nearest ${WALK_NODES} at most (\`callerWalk\` says whether some were left out, and how many there are).`,
      args: CALLER_ARGS,
      complexity: callerWalkSize,
      resolve: async (n, args, ctx) =>
        (
          await callHierarchy(ctx.loaders.batched, n.key, 'IN', args.depth, {
            includeOverrides: args.includeOverrides,
          })
        ).items,
    }),
    callerWalk: t.field({
      type: CodeSymbolWalkRef,
      description:
        '`callers` with how many there are and whether the walk left some out (`truncated`): the same arguments, the same nodes.',
      args: CALLER_ARGS,
      complexity: callerWalkSize,
      resolve: (n, args, ctx) =>
        callHierarchy(ctx.loaders.batched, n.key, 'IN', args.depth, {
          includeOverrides: args.includeOverrides,
        }),
    }),
    callerFiles: t.field({
      type: [FileRef],
      description:
        "Files whose top-level code calls (or instantiates) it, or calls one of its callers within `depth` calls: module initialisation and every call inside a test's `it(() => …)`, which no symbol owns. `callers` lists symbols only; a symbol called from here alone is not dead. Nearest first, then by path: the nearest 1,000 at most (`callerFileWalk` says whether some were left out, and how many there are).",
      args: CALLER_FILE_ARGS,
      complexity: callerWalkSize,
      resolve: async (n, args, ctx) =>
        (
          await callerFiles(ctx.loaders.batched, n.key, args.depth, {
            includeOverrides: args.includeOverrides,
          })
        ).items,
    }),
    callerFileWalk: t.field({
      type: FileWalkRef,
      description:
        '`callerFiles` with how many there are and whether the walk left some out (`truncated`): the same arguments, the same files.',
      args: CALLER_FILE_ARGS,
      complexity: callerWalkSize,
      resolve: (n, args, ctx) =>
        callerFiles(ctx.loaders.batched, n.key, args.depth, { includeOverrides: args.includeOverrides }),
    }),
    callees: t.field({
      type: [CodeSymbolRef],
      description: `Symbols it calls (or instantiates), within \`depth\` calls: the nearest ${WALK_NODES} at most (\`calleeWalk\` says whether some were left out, and how many there are).`,
      args: { depth: t.arg.int({ defaultValue: 1 }) },
      complexity: (args, ctx) => ({ field: 2, multiplier: walkSize(ctx, 'OUT', args.depth) }),
      resolve: async (n, args, ctx) =>
        (await callHierarchy(ctx.loaders.batched, n.key, 'OUT', args.depth)).items,
    }),
    calleeWalk: t.field({
      type: CodeSymbolWalkRef,
      description:
        '`callees` with how many there are and whether the walk left some out (`truncated`): the same arguments, the same nodes.',
      args: { depth: t.arg.int({ defaultValue: 1 }) },
      complexity: (args, ctx) => ({ field: 2, multiplier: walkSize(ctx, 'OUT', args.depth) }),
      resolve: (n, args, ctx) => callHierarchy(ctx.loaders.batched, n.key, 'OUT', args.depth),
    }),
    incomingCalls: t.field({
      type: [CallSiteRef],
      description: 'Each call of it, with its count and first line.',
      ...edgesVia(CALL_EDGES, 'IN', 'SYMBOL'),
    }),
    outgoingCalls: t.field({
      type: [CallSiteRef],
      description: 'Each call it makes, with its count and first line.',
      ...edgesVia(CALL_EDGES, 'OUT', 'SYMBOL'),
    }),
    references: t.field({
      type: [CodeSymbolRef],
      description: 'Symbols whose types or values it uses without calling them.',
      ...nodesVia(['REFERENCES'], 'OUT', 'SYMBOL', isSymbol),
    }),
    referencedBy: t.field({
      type: [CodeNodeRef],
      description: 'Symbols (or files, for top-level code) that use it without calling it.',
      ...nodesVia(['REFERENCES'], 'IN', 'SYMBOL'),
    }),
    extends: t.field({
      type: [CodeSymbolRef],
      description: 'Base classes or interfaces.',
      ...nodesVia(['EXTENDS'], 'OUT', 'SYMBOL'),
    }),
    implements: t.field({
      type: [CodeSymbolRef],
      description: 'Interfaces a class implements, or interface members a method implements.',
      ...nodesVia(['IMPLEMENTS'], 'OUT', 'SYMBOL'),
    }),
    subtypes: t.field({
      type: [CodeSymbolRef],
      description: 'Classes or interfaces that extend it.',
      ...nodesVia(['EXTENDS'], 'IN', 'SYMBOL'),
    }),
    implementations: t.field({
      type: [CodeSymbolRef],
      description: 'Classes implementing this interface, or methods implementing this interface member.',
      args: {
        includeOverrides: t.arg.boolean({
          defaultValue: false,
          description:
            'Also every method overriding it or them, directly or not: what may run when it is called.',
        }),
      },
      complexity: (args, ctx) => ({
        field: 1,
        multiplier:
          ctx.listSizes.of(['IMPLEMENTS', 'OVERRIDES'], 'IN', 'SYMBOL') * (args.includeOverrides ? 10 : 1),
      }),
      resolve: (n, args, ctx) => implementationsOf(ctx.loaders.batched, n.key, args.includeOverrides),
    }),
    relations: t.field({
      type: [RelationRef],
      description: 'Every edge leaving (OUT) or reaching (IN) it, optionally of some types.',
      args: {
        direction: t.arg.string({ defaultValue: 'OUT', description: '`OUT` or `IN`.' }),
        types: t.arg({ type: [EdgeTypeEnum], required: false }),
      },
      complexity: (args, ctx) => ({
        field: 1,
        multiplier: ctx.listSizes.of(
          args.types ?? RELATION_TYPES,
          args.direction === 'IN' ? 'IN' : 'OUT',
          'SYMBOL',
        ),
      }),
      resolve: (n, args, ctx) => {
        if (args.direction !== 'OUT' && args.direction !== 'IN')
          throw badInput('direction must be OUT or IN');
        return edgesOf(ctx.loaders.batched, n.key, args.types ?? RELATION_TYPES, args.direction);
      },
    }),
  }),
});

for (const [kind, name] of Object.entries(SYMBOL_TYPE_NAMES) as [SymbolKind, string][]) {
  builder.node(builder.objectRef<GraphNode>(name), {
    description: `A ${kind.toLowerCase().replace('_', ' ')} of the code.`,
    interfaces: [CodeSymbolRef, CodeNodeRef],
    isTypeOf: (value) => (value as GraphNode).kind === kind,
    id: { resolve: (n) => n.key },
    loadMany: loaderOf(kind),
    fields: () => ({}),
  });
}

const CodeSymbolConnection = countedConnection(CodeSymbolRef, 'CodeSymbol');

builder.queryFields((t) => ({
  symbols: t.connection(
    {
      type: CodeSymbolRef,
      description:
        'Search symbols by name (case-insensitive: exact, then prefix, then substring matches); a query with a `.` (`OrderService.place`) matches qualified names.',
      args: {
        query: t.arg.string(),
        kinds: t.arg({ type: [SymbolKindEnum] }),
        pathPrefix: t.arg.string(),
        exported: t.arg.boolean(),
      },
      complexity: (args) => ({ field: 1, multiplier: pageSizeOf(args) }),
      resolve: async (_, args, ctx) =>
        connectionOf(
          await searchSymbols(
            ctx.loaders.batched,
            {
              query: args.query ?? undefined,
              kinds: args.kinds ?? undefined,
              pathPrefix: checkPathArg(ctx, args.pathPrefix, 'pathPrefix'),
              exported: args.exported ?? undefined,
            },
            pageArgs(args),
          ),
        ),
    },
    CodeSymbolConnection,
  ),

  unusedExports: t.connection(
    {
      type: CodeSymbolRef,
      description: `Exported symbols that nothing outside their file calls, instantiates, references, extends, implements or imports by name. A package's public API — the exports of its entry points (\`File.entryPoint\`) and what they re-export, through chains of \`export … from\` up to ${MAX_REEXPORT_DEPTH} long — is left out unless \`includePublicApi\`.`,
      args: {
        pathPrefix: t.arg.string(),
        includePublicApi: t.arg.boolean({
          defaultValue: false,
          description: 'List the public API of packages too.',
        }),
      },
      complexity: (args) => ({ field: 5, multiplier: pageSizeOf(args) }),
      resolve: async (_, args, ctx) =>
        connectionOf(
          await unusedExports(
            ctx.loaders.batched,
            checkPathArg(ctx, args.pathPrefix, 'pathPrefix'),
            pageArgs(args),
            args.includePublicApi === true,
          ),
        ),
    },
    CodeSymbolConnection,
  ),
}));
