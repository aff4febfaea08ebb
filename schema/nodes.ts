import {
  fileOfKey,
  type GraphEdge,
  type GraphNode,
  type NodeKind,
  type SymbolKind,
} from '../server/model/index.ts';
import {
  CALL_EDGES,
  callHierarchy,
  contentsOf,
  edgesOf,
  isSymbol,
  QUERY_BOUNDS,
  related,
} from '../server/queries/index.ts';
import { builder } from './builder.ts';
import type { SchemaContext } from './context.ts';
import { EdgeTypeEnum, NodeKindEnum } from './enums.ts';
import { badInput } from './errors.ts';
import { listComplexity } from './list-sizes.ts';
import { JsonScalar } from './scalars.ts';
import { checkBound, MAX_CONTEXT_LINES, MAX_SOURCE_LINES, SourceTextRef, sourceOf } from './source.ts';

const str = (node: GraphNode, prop: string) => {
  const value = node.props[prop];
  return typeof value === 'string' ? value : null;
};
const num = (node: GraphNode, prop: string) => {
  const value = node.props[prop];
  return typeof value === 'number' ? value : null;
};
const bool = (node: GraphNode, prop: string) => node.props[prop] === true;

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

// ── interfaces ───────────────────────────────────────────────────────────────────────────

export const CodeNodeRef = builder.interfaceRef<GraphNode>('CodeNode');
export const CodeSymbolRef = builder.interfaceRef<GraphNode>('CodeSymbol');
export const FileRef = builder.objectRef<GraphNode>('File');
export const ExternalModuleRef = builder.objectRef<GraphNode>('ExternalModule');

const RangeRef = builder.simpleObject('Range', {
  description: '1-based lines and columns of a declaration (after its JSDoc).',
  fields: (t) => ({
    startLine: t.int(),
    startColumn: t.int(),
    endLine: t.int(),
    endColumn: t.int(),
  }),
});

const DiagnosticRef = builder.simpleObject('Diagnostic', {
  description: 'A finding about an analyzed file: a syntax error, an unreadable file, an unresolved import.',
  fields: (t) => ({
    line: t.int(),
    column: t.int(),
    message: t.string(),
    code: t.string({
      description:
        '`TS1005` for TypeScript errors, else codenav’s own (`BINARY_FILE`, `UNRESOLVED_IMPORT`, …).',
    }),
    severity: t.string({ description: '`error` or `warning`.' }),
  }),
});

/** A relation between two nodes: any edge, with its properties. */
export const RelationRef = builder.objectRef<GraphEdge>('Relation').implement({
  description: 'An edge of the code graph.',
  fields: (t) => ({
    type: t.field({ type: EdgeTypeEnum, resolve: (e) => e.type }),
    key: t.string({ description: '`TYPE:from->to`', resolve: (e) => `${e.type}:${e.from}->${e.to}` }),
    fromKey: t.string({ description: 'The key of the source node.', resolve: (e) => e.from }),
    toKey: t.string({ description: 'The key of the target node.', resolve: (e) => e.to }),
    from: t.field({ type: CodeNodeRef, resolve: (e, _, ctx) => nodeOrThrow(ctx, e.from) }),
    to: t.field({ type: CodeNodeRef, resolve: (e, _, ctx) => nodeOrThrow(ctx, e.to) }),
    properties: t.field({ type: JsonScalar, resolve: (e) => e.props }),
  }),
});

const CallSiteRef = builder.objectRef<GraphEdge>('CallSite').implement({
  description:
    'A call (or instantiation) from one node to another, with how often and where it first occurs.',
  fields: (t) => ({
    caller: t.field({
      type: CodeNodeRef,
      description: 'The calling symbol, or a file for top-level code.',
      resolve: (e, _, ctx) => nodeOrThrow(ctx, e.from),
    }),
    callee: t.field({ type: CodeNodeRef, resolve: (e, _, ctx) => nodeOrThrow(ctx, e.to) }),
    count: t.int({ description: 'Call sites in the caller.', resolve: (e) => Number(e.props.count ?? 1) }),
    firstLine: t.int({
      description: 'Line of the first call site.',
      resolve: (e) => Number(e.props.firstLine ?? 0),
    }),
    instantiation: t.boolean({
      description: 'A `new` expression.',
      resolve: (e) => e.type === 'INSTANTIATES',
    }),
    source: t.field({
      type: SourceTextRef,
      nullable: true,
      description: `The line of the first call site in the caller's file as it is now, with \`context\` lines (≤ ${MAX_CONTEXT_LINES}) around it; null when the file cannot be read.`,
      args: { context: t.arg.int({ defaultValue: 0 }) },
      complexity: { field: 5, multiplier: 1 },
      resolve: (e, args, ctx) => {
        const context = checkBound(args.context, 0, 0, MAX_CONTEXT_LINES, 'context');
        const line = Number(e.props.firstLine ?? 0);
        const file = fileOfKey(e.from);
        if (!file || line < 1) return null;
        return sourceOf(ctx, file, line - context, line + context, 2 * context + 1);
      },
    }),
  }),
});

export const ImportRef = builder.objectRef<GraphEdge>('Import').implement({
  description:
    'One file importing another file or an external module (all its import statements of it merged).',
  fields: (t) => ({
    from: t.field({ type: FileRef, resolve: (e, _, ctx) => nodeOrThrow(ctx, e.from) }),
    to: t.field({
      type: CodeNodeRef,
      description: 'A File or an ExternalModule.',
      resolve: (e, _, ctx) => nodeOrThrow(ctx, e.to),
    }),
    names: t.stringList({
      description: 'Exported names taken: `default`, `*` for a namespace or `export *`, else the names.',
      resolve: (e) => (Array.isArray(e.props.names) ? (e.props.names as string[]) : []),
    }),
    typeOnly: t.boolean({ resolve: (e) => e.props.typeOnly === true }),
    dynamic: t.boolean({ description: '`import()` only.', resolve: (e) => e.props.dynamic === true }),
    reExport: t.boolean({ description: '`export … from`.', resolve: (e) => e.props.reExport === true }),
    firstLine: t.int({ resolve: (e) => Number(e.props.firstLine ?? 0) }),
  }),
});

async function nodeOrThrow(ctx: SchemaContext, key: string): Promise<GraphNode> {
  const node = await ctx.loaders.node.load(key);
  if (!node) throw new Error(`edge end ${key} is missing from the store`);
  return node;
}

CodeNodeRef.implement({
  description: 'A node of the code graph: a file, an external module or a code symbol.',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (node) => typeNameOf(node.kind),
  fields: (t) => ({
    key: t.exposeString('key', {
      description: 'The readable, stable key: `src/a.ts`, `src/a.ts#Outer.inner`, `npm:react`.',
    }),
    kind: t.field({ type: NodeKindEnum, resolve: (n) => n.kind }),
    name: t.string({ resolve: (n) => str(n, 'name') ?? n.key }),
    properties: t.field({
      type: JsonScalar,
      description: 'Every property, as stored.',
      resolve: (n) => n.props,
    }),
  }),
});

/** What `relations` lists without `types`. */
const RELATION_TYPES = ['CONTAINS', 'IMPORTS', ...CALL_EDGES, 'EXTENDS', 'IMPLEMENTS', 'REFERENCES'] as const;

CodeSymbolRef.implement({
  description:
    'A declaration in the code: class, interface, type alias, enum, function, method, property, variable, namespace.',
  interfaces: [CodeNodeRef, builder.nodeInterfaceRef()],
  resolveType: (node) => typeNameOf(node.kind),
  fields: (t) => ({
    qualifiedName: t.string({ resolve: (n) => str(n, 'qualifiedName') ?? n.key }),
    file: t.field({
      type: FileRef,
      resolve: (n, _, ctx) => nodeOrThrow(ctx, str(n, 'path') ?? n.key.slice(0, n.key.indexOf('#'))),
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
      resolve: (n) => ({
        startLine: num(n, 'startLine') ?? 0,
        startColumn: num(n, 'startColumn') ?? 0,
        endLine: num(n, 'endLine') ?? 0,
        endColumn: num(n, 'endColumn') ?? 0,
      }),
    }),
    signature: t.string({ description: 'The header as written.', resolve: (n) => str(n, 'signature') ?? '' }),
    source: t.field({
      type: SourceTextRef,
      nullable: true,
      description: `Its declaration's text (its range's lines, at most \`maxLines\` ≤ ${MAX_SOURCE_LINES}), read from its file as it is now; null when the file cannot be read.`,
      args: { maxLines: t.arg.int({ defaultValue: 400 }) },
      complexity: { field: 5, multiplier: 1 },
      resolve: (n, args, ctx) => {
        const maxLines = checkBound(args.maxLines, 400, 1, MAX_SOURCE_LINES, 'maxLines');
        const file = fileOfKey(n.key);
        const start = num(n, 'startLine');
        if (!file || start === null) return null;
        return sourceOf(ctx, file, start, num(n, 'endLine') ?? start, maxLines);
      },
    }),
    docs: t.string({ nullable: true, description: 'The JSDoc summary.', resolve: (n) => str(n, 'docs') }),
    linesOfCode: t.int({ resolve: (n) => num(n, 'linesOfCode') ?? 0 }),
    complexity: t.int({
      nullable: true,
      description: 'Cyclomatic complexity (functions and methods).',
      resolve: (n) => num(n, 'complexity'),
    }),
    exported: t.boolean({ resolve: (n) => bool(n, 'exported') }),
    defaultExport: t.boolean({ resolve: (n) => bool(n, 'defaultExport') }),
    async: t.boolean({ resolve: (n) => bool(n, 'async') }),
    static: t.boolean({ resolve: (n) => bool(n, 'static') }),
    visibility: t.string({
      nullable: true,
      description: '`public`, `protected` or `private` for class members.',
      resolve: (n) => str(n, 'visibility'),
    }),
    unresolvedCalls: t.int({
      description: 'Call sites the type checker could not resolve (no edge is invented for them).',
      resolve: (n) => num(n, 'unresolvedCalls') ?? 0,
    }),
    members: t.field({
      type: [CodeSymbolRef],
      description: 'Members of a class, interface, enum or namespace, in source order.',
      complexity: listComplexity(['CONTAINS'], 'OUT', 'SYMBOL'),
      resolve: (n, _, ctx) => contentsOf(ctx.loaders.batched, n.key),
    }),
    callers: t.field({
      type: [CodeSymbolRef],
      description: 'Symbols that call (or instantiate) it, within `depth` calls.',
      args: { depth: t.arg.int({ defaultValue: 1 }) },
      complexity: (args, ctx) => ({ field: 2, multiplier: walkSize(ctx, 'IN', args.depth) }),
      resolve: (n, args, ctx) => callHierarchy(ctx.loaders.batched, n.key, 'IN', args.depth),
    }),
    callees: t.field({
      type: [CodeSymbolRef],
      description: 'Symbols it calls (or instantiates), within `depth` calls.',
      args: { depth: t.arg.int({ defaultValue: 1 }) },
      complexity: (args, ctx) => ({ field: 2, multiplier: walkSize(ctx, 'OUT', args.depth) }),
      resolve: (n, args, ctx) => callHierarchy(ctx.loaders.batched, n.key, 'OUT', args.depth),
    }),
    incomingCalls: t.field({
      type: [CallSiteRef],
      description: 'Each call of it, with its count and first line.',
      complexity: listComplexity(CALL_EDGES, 'IN', 'SYMBOL'),
      resolve: (n, _, ctx) => edgesOf(ctx.loaders.batched, n.key, CALL_EDGES, 'IN'),
    }),
    outgoingCalls: t.field({
      type: [CallSiteRef],
      description: 'Each call it makes, with its count and first line.',
      complexity: listComplexity(CALL_EDGES, 'OUT', 'SYMBOL'),
      resolve: (n, _, ctx) => edgesOf(ctx.loaders.batched, n.key, CALL_EDGES, 'OUT'),
    }),
    references: t.field({
      type: [CodeSymbolRef],
      description: 'Symbols whose types or values it uses without calling them.',
      complexity: listComplexity(['REFERENCES'], 'OUT', 'SYMBOL'),
      resolve: async (n, _, ctx) =>
        (await related(ctx.loaders.batched, n.key, ['REFERENCES'], 'OUT')).filter(isSymbol),
    }),
    referencedBy: t.field({
      type: [CodeNodeRef],
      description: 'Symbols (or files, for top-level code) that use it without calling it.',
      complexity: listComplexity(['REFERENCES'], 'IN', 'SYMBOL'),
      resolve: (n, _, ctx) => related(ctx.loaders.batched, n.key, ['REFERENCES'], 'IN'),
    }),
    extends: t.field({
      type: [CodeSymbolRef],
      description: 'Base classes or interfaces.',
      complexity: listComplexity(['EXTENDS'], 'OUT', 'SYMBOL'),
      resolve: (n, _, ctx) => related(ctx.loaders.batched, n.key, ['EXTENDS'], 'OUT'),
    }),
    implements: t.field({
      type: [CodeSymbolRef],
      description: 'Interfaces a class implements, or interface members a method implements.',
      complexity: listComplexity(['IMPLEMENTS'], 'OUT', 'SYMBOL'),
      resolve: (n, _, ctx) => related(ctx.loaders.batched, n.key, ['IMPLEMENTS'], 'OUT'),
    }),
    subtypes: t.field({
      type: [CodeSymbolRef],
      description: 'Classes or interfaces that extend it.',
      complexity: listComplexity(['EXTENDS'], 'IN', 'SYMBOL'),
      resolve: (n, _, ctx) => related(ctx.loaders.batched, n.key, ['EXTENDS'], 'IN'),
    }),
    implementations: t.field({
      type: [CodeSymbolRef],
      description: 'Classes implementing this interface, or methods implementing this interface member.',
      complexity: listComplexity(['IMPLEMENTS'], 'IN', 'SYMBOL'),
      resolve: (n, _, ctx) => related(ctx.loaders.batched, n.key, ['IMPLEMENTS'], 'IN'),
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

// ── concrete types ───────────────────────────────────────────────────────────────────────

const SYMBOL_TYPE_NAMES: Record<SymbolKind, string> = {
  CLASS: 'ClassSymbol',
  INTERFACE: 'InterfaceSymbol',
  TYPE_ALIAS: 'TypeAliasSymbol',
  ENUM: 'EnumSymbol',
  FUNCTION: 'FunctionSymbol',
  METHOD: 'MethodSymbol',
  PROPERTY: 'PropertySymbol',
  VARIABLE: 'VariableSymbol',
  NAMESPACE: 'NamespaceSymbol',
};

export function typeNameOf(kind: NodeKind): string {
  if (kind === 'FILE') return 'File';
  if (kind === 'EXTERNAL_MODULE') return 'ExternalModule';
  return SYMBOL_TYPE_NAMES[kind];
}

/** Loads nodes for Relay's `node(id)`, refusing a key whose kind is not the id's type. */
function loaderOf(kind: NodeKind) {
  return async (keys: string[], ctx: SchemaContext) =>
    (await ctx.loaders.node.loadMany(keys)).map((n) =>
      n && !(n instanceof Error) && n.kind === kind ? n : null,
    );
}

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

builder.node(FileRef, {
  description: 'A source file of the analyzed project.',
  interfaces: [CodeNodeRef],
  isTypeOf: (value) => (value as GraphNode).kind === 'FILE',
  id: { resolve: (n) => n.key },
  loadMany: loaderOf('FILE'),
  fields: (t) => ({
    path: t.string({ description: 'Root-relative, posix.', resolve: (n) => n.key }),
    language: t.string({
      description: '`typescript`, `tsx`, `javascript` or `jsx`.',
      resolve: (n) => str(n, 'language') ?? 'typescript',
    }),
    lines: t.int({ resolve: (n) => num(n, 'lines') ?? 0 }),
    hash: t.string({ description: 'A hash of the content.', resolve: (n) => str(n, 'hash') ?? '' }),
    isTest: t.boolean({ resolve: (n) => bool(n, 'isTest') }),
    isDeclaration: t.boolean({ description: 'A `.d.ts` file.', resolve: (n) => bool(n, 'isDeclaration') }),
    diagnosticCount: t.int({ resolve: (n) => num(n, 'diagnosticCount') ?? 0 }),
    diagnostics: t.field({
      type: [DiagnosticRef],
      description: 'Syntax errors and analysis findings (at most 50; `diagnosticCount` has the total).',
      complexity: { field: 1, multiplier: 50 },
      resolve: (n) =>
        (Array.isArray(n.props.diagnostics) ? n.props.diagnostics : []) as {
          line: number;
          column: number;
          message: string;
          code: string;
          severity: string;
        }[],
    }),
    unresolvedCalls: t.int({
      description: 'Unresolved call sites in top-level code.',
      resolve: (n) => num(n, 'unresolvedCalls') ?? 0,
    }),
    symbols: t.field({
      type: [CodeSymbolRef],
      description: 'Its top-level symbols, in source order (members are under `members`).',
      complexity: listComplexity(['CONTAINS'], 'OUT', 'FILE'),
      resolve: (n, _, ctx) => contentsOf(ctx.loaders.batched, n.key),
    }),
    imports: t.field({
      type: [ImportRef],
      description: 'Files and external modules it imports.',
      complexity: listComplexity(['IMPORTS'], 'OUT', 'FILE'),
      resolve: (n, _, ctx) => edgesOf(ctx.loaders.batched, n.key, ['IMPORTS'], 'OUT'),
    }),
    importedBy: t.field({
      type: [ImportRef],
      description: 'Files that import it.',
      complexity: listComplexity(['IMPORTS'], 'IN', 'FILE'),
      resolve: (n, _, ctx) => edgesOf(ctx.loaders.batched, n.key, ['IMPORTS'], 'IN'),
    }),
    externalDependencies: t.field({
      type: [ExternalModuleRef],
      description: 'External modules (npm packages, Node builtins) it imports.',
      complexity: listComplexity(['IMPORTS'], 'OUT', 'FILE'),
      resolve: async (n, _, ctx) =>
        (await related(ctx.loaders.batched, n.key, ['IMPORTS'], 'OUT')).filter(
          (m) => m.kind === 'EXTERNAL_MODULE',
        ),
    }),
    calls: t.field({
      type: [CallSiteRef],
      description: 'Calls made by its top-level code.',
      complexity: listComplexity(CALL_EDGES, 'OUT', 'FILE'),
      resolve: (n, _, ctx) => edgesOf(ctx.loaders.batched, n.key, CALL_EDGES, 'OUT'),
    }),
  }),
});

builder.node(ExternalModuleRef, {
  description: 'A package or Node builtin the project imports (`npm:react`, `node:fs`).',
  interfaces: [CodeNodeRef],
  isTypeOf: (value) => (value as GraphNode).kind === 'EXTERNAL_MODULE',
  id: { resolve: (n) => n.key },
  loadMany: loaderOf('EXTERNAL_MODULE'),
  fields: (t) => ({
    builtin: t.boolean({ description: 'A Node builtin module.', resolve: (n) => bool(n, 'builtin') }),
    importedBy: t.field({
      type: [ImportRef],
      complexity: listComplexity(['IMPORTS'], 'IN', 'EXTERNAL_MODULE'),
      resolve: (n, _, ctx) => edgesOf(ctx.loaders.batched, n.key, ['IMPORTS'], 'IN'),
    }),
  }),
});
