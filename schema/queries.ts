import { DEFAULTS, type FolderGraph } from '../server/graph/port.ts';
import {
  checkExpandedFolders,
  checkSliceLimit,
  DEFAULT_IMPACT_DEPTH,
  DEFAULT_NEIGHBOURHOOD_NODES,
  DEFAULT_SLICE_NODES,
  findPath,
  folderGraph,
  getFile,
  graphStats,
  impact,
  impactGraph,
  importCycles,
  importGraph,
  listFiles,
  neighbourhood,
  QUERY_BOUNDS,
  searchSymbols,
  unusedExports,
} from '../server/queries/index.ts';
import { builder } from './builder.ts';
import type { AnalysisStatus, SchemaContext } from './context.ts';
import { AnalysisStateEnum, EdgeTypeEnum, SymbolKindEnum } from './enums.ts';
import { badInput, quote, userError } from './errors.ts';
import { CodeNodeRef, CodeSymbolRef, FileRef, RelationRef } from './nodes.ts';
import { connectionOf, pageArgs } from './pagination.ts';

const KindCountRef = builder.simpleObject('KindCount', {
  fields: (t) => ({ kind: t.string(), count: t.int() }),
});

const StatsRef = builder.simpleObject('Stats', {
  description: 'Counts of the graph, and its revision.',
  fields: (t) => ({
    files: t.int(),
    symbols: t.int(),
    edges: t.int(),
    revision: t.int({ description: 'The revision of the last applied change set.' }),
    nodesByKind: t.field({ type: [KindCountRef] }),
    edgesByType: t.field({ type: [KindCountRef] }),
  }),
});

export const AnalysisRef = builder.objectRef<AnalysisStatus>('Analysis').implement({
  description: 'The state of the analysis.',
  fields: (t) => ({
    state: t.field({ type: AnalysisStateEnum, resolve: (a) => a.state }),
    phase: t.exposeString('phase', {
      description: '`LOADING`, `DECLARATIONS`, `RESOLVING`, `UPDATING`, `DONE`…',
    }),
    filesDone: t.exposeInt('filesDone'),
    filesTotal: t.exposeInt('filesTotal'),
    durationMs: t.exposeInt('durationMs', { description: 'Of the first analysis: so far while it runs.' }),
    message: t.string({ nullable: true, resolve: (a) => a.message ?? null }),
  }),
});

const ImpactedRef = builder.simpleObject('ImpactedNode', {
  description: 'A node that depends, directly or not, on the nodes asked about.',
  fields: (t) => ({
    node: t.field({ type: CodeNodeRef }),
    depth: t.int({ description: 'Edges between it and the nearest node asked about.' }),
  }),
});

const ImportCycleRef = builder.simpleObject('ImportCycle', {
  description: 'Files that import each other, directly or not (a strongly connected component).',
  fields: (t) => ({ files: t.field({ type: [FileRef] }) }),
});

const GraphPathRef = builder.simpleObject('GraphPath', {
  description: 'A shortest path: its nodes in order, and the edge between each consecutive pair.',
  fields: (t) => ({
    nodes: t.field({ type: [CodeNodeRef] }),
    edges: t.field({ type: [RelationRef] }),
  }),
});

const CodeSymbolConnection = builder.connectionObject(
  {
    type: CodeSymbolRef,
    name: 'CodeSymbolConnection',
    fields: (t) => ({
      totalCount: t.int({ resolve: (c) => (c as unknown as { totalCount: number }).totalCount }),
    }),
  },
  { name: 'CodeSymbolEdge' },
);

const FileConnection = builder.connectionObject(
  {
    type: FileRef,
    name: 'FileConnection',
    fields: (t) => ({
      totalCount: t.int({ resolve: (c) => (c as unknown as { totalCount: number }).totalCount }),
    }),
  },
  { name: 'FileEdge' },
);

function checkPathArg(
  ctx: SchemaContext,
  value: string | null | undefined,
  what: string,
): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const checked = ctx.checkPath(value);
  if ('error' in checked) throw badInput(`${what}: ${checked.error}`);
  return checked.path;
}

builder.queryFields((t) => ({
  stats: t.field({
    type: StatsRef,
    resolve: (_, __, ctx) => graphStats(ctx.store),
  }),

  analysis: t.field({ type: AnalysisRef, resolve: (_, __, ctx) => ctx.analysis() }),

  codeNode: t.field({
    type: CodeNodeRef,
    nullable: true,
    description: 'A node by its readable key (`src/a.ts#Cart.add`); null when there is none.',
    args: { key: t.arg.string({ required: true }) },
    resolve: (_, args, ctx) => ctx.loaders.node.load(args.key),
  }),

  file: t.field({
    type: FileRef,
    nullable: true,
    description: 'A file by its root-relative path.',
    args: { path: t.arg.string({ required: true }) },
    resolve: async (_, args, ctx) => {
      const path = checkPathArg(ctx, args.path, 'path');
      const node = path === undefined ? undefined : await getFile(ctx.loaders.batched, path);
      if (!node) throw userError('NOT_FOUND', `no analyzed file at ${quote(path ?? '')}`);
      return node;
    },
  }),

  files: t.connection(
    {
      type: FileRef,
      description: 'Files, in path order.',
      args: { pathPrefix: t.arg.string() },
      complexity: (args) => ({ field: 1, multiplier: args.first ?? DEFAULTS.pageSize }),
      resolve: async (_, args, ctx) =>
        connectionOf(
          await listFiles(ctx.store, checkPathArg(ctx, args.pathPrefix, 'pathPrefix'), pageArgs(args)),
        ),
    },
    FileConnection,
  ),

  symbols: t.connection(
    {
      type: CodeSymbolRef,
      description: 'Search symbols by name (case-insensitive: exact, then prefix, then substring matches).',
      args: {
        query: t.arg.string(),
        kinds: t.arg({ type: [SymbolKindEnum] }),
        pathPrefix: t.arg.string(),
        exported: t.arg.boolean(),
      },
      complexity: (args) => ({ field: 1, multiplier: args.first ?? DEFAULTS.pageSize }),
      resolve: async (_, args, ctx) =>
        connectionOf(
          await searchSymbols(
            ctx.store,
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
      description:
        'Exported symbols that nothing outside their file calls, instantiates, references, extends, implements or imports by name.',
      args: { pathPrefix: t.arg.string() },
      complexity: (args) => ({ field: 5, multiplier: args.first ?? DEFAULTS.pageSize }),
      resolve: async (_, args, ctx) =>
        connectionOf(
          await unusedExports(ctx.store, checkPathArg(ctx, args.pathPrefix, 'pathPrefix'), pageArgs(args)),
        ),
    },
    CodeSymbolConnection,
  ),

  impact: t.field({
    type: [ImpactedRef],
    description: `Every node that transitively depends on the given ones (callers, users, subtypes, importers), up to ${QUERY_BOUNDS.walkNodes} nodes.`,
    args: {
      keys: t.arg.stringList({ required: true }),
      depth: t.arg.int({ defaultValue: DEFAULT_IMPACT_DEPTH }),
    },
    complexity: (args) => ({ field: 10, multiplier: 10 * (args.depth ?? DEFAULT_IMPACT_DEPTH) }),
    resolve: (_, args, ctx) => impact(ctx.store, args.keys, args.depth),
  }),

  importCycles: t.field({
    type: [ImportCycleRef],
    description: 'Groups of files that import each other (type-only imports left out unless asked).',
    args: { includeTypeOnly: t.arg.boolean({ defaultValue: false }) },
    complexity: { field: 50, multiplier: 10 },
    resolve: async (_, args, ctx) =>
      (await importCycles(ctx.loaders.batched, args.includeTypeOnly ?? false)).map((files) => ({ files })),
  }),

  path: t.field({
    type: GraphPathRef,
    nullable: true,
    description:
      'A shortest path from one node to another (keys), through the given edge types; null when there is none.',
    args: {
      from: t.arg.string({ required: true }),
      to: t.arg.string({ required: true }),
      via: t.arg({ type: [EdgeTypeEnum], required: false }),
      maxDepth: t.arg.int({ defaultValue: DEFAULTS.pathDepth }),
    },
    complexity: { field: 20, multiplier: 5 },
    resolve: async (_, args, ctx) => {
      const found = await findPath(ctx.store, args.from, args.to, { via: args.via, maxDepth: args.maxDepth });
      return found ? { nodes: [...found.nodes], edges: [...found.edges] } : null;
    },
  }),
}));

const GraphSliceRef = builder.simpleObject('GraphSlice', {
  description: 'A bounded part of the graph, for drawing: nodes and the edges between them.',
  fields: (t) => ({
    // The slice's field already weighs its limit: its lists do not multiply again.
    nodes: t.field({ type: [CodeNodeRef], complexity: { field: 1, multiplier: 1 } }),
    edges: t.field({ type: [RelationRef], complexity: { field: 1, multiplier: 1 } }),
    truncated: t.boolean({ description: 'True when the limit left nodes out.' }),
  }),
});

const MAX_SLICE_NODES = QUERY_BOUNDS.sliceNodes;

const FolderGraphNodeRef = builder.objectRef<FolderGraph['nodes'][number]>('FolderGraphNode').implement({
  description: 'A node of the folder picture: a closed folder (its files as one) or a file.',
  fields: (t) => ({
    path: t.exposeString('path', {
      description: 'A folder’s ends with `/` (`src/lib/`); a file’s is its key.',
    }),
    name: t.string({
      description: 'The last segment: `lib/`, `a.ts`.',
      resolve: (n) => n.path.slice(n.path.lastIndexOf('/', n.path.length - 2) + 1),
    }),
    folder: t.exposeBoolean('folder'),
    files: t.exposeInt('files', { description: 'Files it holds (1 for a file).' }),
  }),
});

const FolderGraphEdgeRef = builder.objectRef<FolderGraph['edges'][number]>('FolderGraphEdge').implement({
  description: 'Imports from the files of one node to the files of another.',
  fields: (t) => ({
    from: t.exposeString('from'),
    to: t.exposeString('to'),
    imports: t.exposeInt('imports', { description: 'How many file→file imports it stands for.' }),
  }),
});

const FolderGraphRef = builder.objectRef<FolderGraph>('FolderGraph').implement({
  description: 'The file import graph with files grouped by folder, for drawing a large project.',
  fields: (t) => ({
    // The field already weighs its limit: its lists do not multiply again.
    nodes: t.field({
      type: [FolderGraphNodeRef],
      complexity: { field: 1, multiplier: 1 },
      resolve: (g) => [...g.nodes],
    }),
    edges: t.field({
      type: [FolderGraphEdgeRef],
      complexity: { field: 1, multiplier: 1 },
      resolve: (g) => [...g.edges],
    }),
    truncated: t.exposeBoolean('truncated', {
      description: 'True when the limit left nodes out (those with the fewest files).',
    }),
  }),
});

/** A user's path prefix, checked, keeping the trailing `/` that says "this folder". */
function checkFolderArg(ctx: SchemaContext, value: string, what: string): string {
  const checked = checkPathArg(ctx, value, what) ?? '';
  return value.endsWith('/') && checked !== '' && !checked.endsWith('/') ? `${checked}/` : checked;
}

builder.queryFields((t) => ({
  importGraph: t.field({
    type: GraphSliceRef,
    description: `Files (in path order, at most \`limit\`, ≤ ${MAX_SLICE_NODES}) and the imports between them.`,
    args: { pathPrefix: t.arg.string(), limit: t.arg.int({ defaultValue: DEFAULT_SLICE_NODES }) },
    complexity: (args) => ({ field: 10, multiplier: args.limit ?? DEFAULT_SLICE_NODES }),
    resolve: (_, args, ctx) => {
      checkSliceLimit(args.limit, DEFAULT_SLICE_NODES);
      return importGraph(ctx.store, {
        pathPrefix: checkPathArg(ctx, args.pathPrefix, 'pathPrefix'),
        limit: args.limit,
      });
    },
  }),

  folderGraph: t.field({
    type: FolderGraphRef,
    description: `The file import graph grouped by folder: each file counts in its shallowest closed folder below the folder of \`pathPrefix\` — folders less than \`depth\` deep and those in \`expanded\` are open — or alone when all above it are open; an edge counts the imports between two nodes' files. At most \`limit\` (≤ ${MAX_SLICE_NODES}) nodes, those with the most files.`,
    args: {
      pathPrefix: t.arg.string(),
      depth: t.arg.int({ defaultValue: 1 }),
      expanded: t.arg.stringList(),
      limit: t.arg.int({ defaultValue: DEFAULT_SLICE_NODES }),
    },
    complexity: (args) => ({ field: 10, multiplier: args.limit ?? DEFAULT_SLICE_NODES }),
    resolve: (_, args, ctx) => {
      // Bounds before paths: a hostile list of folders is refused before any is checked.
      checkSliceLimit(args.limit, DEFAULT_SLICE_NODES);
      const expanded = checkExpandedFolders(args.expanded ?? []);
      return folderGraph(ctx.store, {
        pathPrefix: args.pathPrefix ? checkFolderArg(ctx, args.pathPrefix, 'pathPrefix') : undefined,
        depth: args.depth,
        expanded: expanded.map((folder) => checkFolderArg(ctx, folder, 'expanded')),
        limit: args.limit,
      });
    },
  }),

  impactGraph: t.field({
    type: GraphSliceRef,
    description: `What \`impact\` finds, as a picture: the given nodes, what depends on them within \`depth\` (at most \`limit\` ≤ ${MAX_SLICE_NODES} nodes, nearest first) and the dependency edges among them.`,
    args: {
      keys: t.arg.stringList({ required: true }),
      depth: t.arg.int({ defaultValue: DEFAULT_IMPACT_DEPTH }),
      limit: t.arg.int({ defaultValue: DEFAULT_SLICE_NODES }),
    },
    complexity: (args) => ({ field: 10, multiplier: args.limit ?? DEFAULT_SLICE_NODES }),
    resolve: (_, args, ctx) => impactGraph(ctx.loaders.batched, args.keys, args),
  }),

  neighbourhood: t.field({
    type: GraphSliceRef,
    description:
      'A node and what it is linked to (both directions) within `depth` edges, at most `limit` nodes.',
    args: {
      key: t.arg.string({ required: true }),
      depth: t.arg.int({ defaultValue: 1 }),
      limit: t.arg.int({ defaultValue: DEFAULT_NEIGHBOURHOOD_NODES }),
      types: t.arg({ type: [EdgeTypeEnum], required: false }),
    },
    complexity: (args) => ({ field: 10, multiplier: args.limit ?? DEFAULT_NEIGHBOURHOOD_NODES }),
    resolve: async (_, args, ctx) => {
      const slice = await neighbourhood(ctx.store, args.key, args);
      if (!slice) throw userError('NOT_FOUND', `no node with key ${quote(args.key)}`);
      return slice;
    },
  }),
}));
