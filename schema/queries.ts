import { DEFAULTS, type FolderGraph, LIMITS } from '../server/graph/port.ts';
import type { EdgeType, GraphNode } from '../server/model/index.ts';
import { EDGE_TYPES, SYMBOL_KINDS } from '../server/model/index.ts';
import { builder } from './builder.ts';
import type { AnalysisStatus, SchemaContext } from './context.ts';
import { AnalysisStateEnum, EdgeTypeEnum, SymbolKindEnum } from './enums.ts';
import { badInput, quote, userError } from './errors.ts';
import { CodeNodeRef, CodeSymbolRef, checkDepth, FileRef, MAX_WALK_NODES, RelationRef } from './nodes.ts';
import { connectionOf, pageArgs } from './pagination.ts';
import { present } from './relations.ts';

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

/** Edges by which a node depends on another: what `impact` follows backwards. */
const DEPENDENCY_EDGES: readonly EdgeType[] = [
  'CALLS',
  'INSTANTIATES',
  'REFERENCES',
  'EXTENDS',
  'IMPLEMENTS',
  'IMPORTS',
];

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
    resolve: async (_, __, ctx) => {
      const stats = await ctx.store.stats();
      const nodes = Object.entries(stats.nodes);
      const edges = Object.entries(stats.edges);
      return {
        files: stats.nodes.FILE,
        symbols: SYMBOL_KINDS.reduce((sum, kind) => sum + stats.nodes[kind], 0),
        edges: edges.reduce((sum, [, n]) => sum + n, 0),
        revision: stats.revision,
        nodesByKind: nodes.map(([kind, count]) => ({ kind, count })),
        edgesByType: edges.map(([kind, count]) => ({ kind, count })),
      };
    },
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
      const node = path === undefined ? undefined : await ctx.loaders.node.load(path);
      if (node?.kind !== 'FILE') throw userError('NOT_FOUND', `no analyzed file at ${quote(path ?? '')}`);
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
          await ctx.store.findNodes(
            { kinds: ['FILE'], pathPrefix: checkPathArg(ctx, args.pathPrefix, 'pathPrefix') },
            pageArgs(args),
          ),
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
          await ctx.store.findNodes(
            {
              text: args.query ?? undefined,
              kinds: args.kinds && args.kinds.length > 0 ? args.kinds : SYMBOL_KINDS,
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
          await ctx.store.unusedExports(
            { pathPrefix: checkPathArg(ctx, args.pathPrefix, 'pathPrefix') },
            pageArgs(args),
          ),
        ),
    },
    CodeSymbolConnection,
  ),

  impact: t.field({
    type: [ImpactedRef],
    description: `Every node that transitively depends on the given ones (callers, users, subtypes, importers), up to ${MAX_WALK_NODES} nodes.`,
    args: {
      keys: t.arg.stringList({ required: true }),
      depth: t.arg.int({ defaultValue: 3 }),
    },
    complexity: (args) => ({ field: 10, multiplier: 10 * (args.depth ?? 3) }),
    resolve: async (_, args, ctx) => {
      if (args.keys.length === 0 || args.keys.length > 100) throw badInput('keys must hold 1..100 keys');
      const reached = await ctx.store.traverse(args.keys, {
        types: DEPENDENCY_EDGES,
        direction: 'IN',
        maxDepth: checkDepth(args.depth, 3),
        limit: MAX_WALK_NODES,
      });
      return reached.map((r) => ({ node: r.node, depth: r.depth }));
    },
  }),

  importCycles: t.field({
    type: [ImportCycleRef],
    description: 'Groups of files that import each other (type-only imports left out unless asked).',
    args: { includeTypeOnly: t.arg.boolean({ defaultValue: false }) },
    complexity: { field: 50, multiplier: 10 },
    resolve: async (_, args, ctx) => {
      const cycles = await ctx.store.importCycles({ includeTypeOnly: args.includeTypeOnly ?? false });
      return Promise.all(
        cycles.map(async (files) => ({
          files: present(await ctx.loaders.node.loadMany(files)) as GraphNode[],
        })),
      );
    },
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
      const maxDepth = args.maxDepth ?? DEFAULTS.pathDepth;
      if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > LIMITS.pathDepth) {
        throw badInput(`maxDepth must be 1..${LIMITS.pathDepth}, got ${maxDepth}`);
      }
      const found = await ctx.store.shortestPath(args.from, args.to, {
        types: args.via && args.via.length > 0 ? args.via : EDGE_TYPES,
        maxDepth,
      });
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

/** Most nodes a graph slice holds: a picture, never the whole graph of a large project. */
export const MAX_SLICE_NODES = 500;
/** Most folders one folder picture opens by name. */
export const MAX_EXPANDED_FOLDERS = 200;

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

function checkLimit(limit: number | null | undefined, fallback: number): number {
  const value = limit ?? fallback;
  if (!Number.isInteger(value) || value < 1 || value > MAX_SLICE_NODES) {
    throw badInput(`limit must be 1..${MAX_SLICE_NODES}, got ${value}`);
  }
  return value;
}

/** The edges of some types among a set of nodes. */
async function edgesAmong(ctx: SchemaContext, nodes: readonly GraphNode[], types: readonly EdgeType[]) {
  const keys = new Set(nodes.map((n) => n.key));
  const lists = await ctx.store.getEdges([...keys], { types, direction: 'OUT' });
  return lists.flat().filter((e) => keys.has(e.to));
}

builder.queryFields((t) => ({
  importGraph: t.field({
    type: GraphSliceRef,
    description: `Files (in path order, at most \`limit\`, ≤ ${MAX_SLICE_NODES}) and the imports between them.`,
    args: { pathPrefix: t.arg.string(), limit: t.arg.int({ defaultValue: 300 }) },
    complexity: (args) => ({ field: 10, multiplier: args.limit ?? 300 }),
    resolve: async (_, args, ctx) => {
      const limit = checkLimit(args.limit, 300);
      const page = await ctx.store.findNodes(
        { kinds: ['FILE'], pathPrefix: checkPathArg(ctx, args.pathPrefix, 'pathPrefix') },
        { first: limit },
      );
      return {
        nodes: [...page.items],
        edges: await edgesAmong(ctx, page.items, ['IMPORTS']),
        truncated: page.hasNextPage,
      };
    },
  }),

  folderGraph: t.field({
    type: FolderGraphRef,
    description: `The file import graph grouped by folder: each file counts in its shallowest closed folder below the folder of \`pathPrefix\` — folders less than \`depth\` deep and those in \`expanded\` are open — or alone when all above it are open; an edge counts the imports between two nodes' files. At most \`limit\` (≤ ${MAX_SLICE_NODES}) nodes, those with the most files.`,
    args: {
      pathPrefix: t.arg.string(),
      depth: t.arg.int({ defaultValue: 1 }),
      expanded: t.arg.stringList(),
      limit: t.arg.int({ defaultValue: 300 }),
    },
    complexity: (args) => ({ field: 10, multiplier: args.limit ?? 300 }),
    resolve: async (_, args, ctx) => {
      const limit = checkLimit(args.limit, 300);
      const expanded = args.expanded ?? [];
      if (expanded.length > MAX_EXPANDED_FOLDERS)
        throw badInput(`expanded may hold at most ${MAX_EXPANDED_FOLDERS} folders, got ${expanded.length}`);
      return ctx.store.folderGraph({
        pathPrefix: args.pathPrefix ? checkFolderArg(ctx, args.pathPrefix, 'pathPrefix') : undefined,
        depth: args.depth ?? 1,
        expanded: expanded.map((folder) => checkFolderArg(ctx, folder, 'expanded')).filter((f) => f !== ''),
        limit,
      });
    },
  }),

  impactGraph: t.field({
    type: GraphSliceRef,
    description: `What \`impact\` finds, as a picture: the given nodes, what depends on them within \`depth\` (at most \`limit\` ≤ ${MAX_SLICE_NODES} nodes, nearest first) and the dependency edges among them.`,
    args: {
      keys: t.arg.stringList({ required: true }),
      depth: t.arg.int({ defaultValue: 3 }),
      limit: t.arg.int({ defaultValue: 300 }),
    },
    complexity: (args) => ({ field: 10, multiplier: args.limit ?? 300 }),
    resolve: async (_, args, ctx) => {
      if (args.keys.length === 0 || args.keys.length > 100) throw badInput('keys must hold 1..100 keys');
      const limit = checkLimit(args.limit, 300);
      const starts = present(await ctx.loaders.node.loadMany(args.keys));
      const reached = await ctx.store.traverse(args.keys, {
        types: DEPENDENCY_EDGES,
        direction: 'IN',
        maxDepth: checkDepth(args.depth, 3),
        limit: MAX_WALK_NODES,
      });
      const nodes = [...starts, ...reached.map((r) => r.node)].slice(0, Math.max(limit, starts.length));
      return {
        nodes,
        edges: await edgesAmong(ctx, nodes, DEPENDENCY_EDGES),
        truncated: starts.length + reached.length > nodes.length,
      };
    },
  }),

  neighbourhood: t.field({
    type: GraphSliceRef,
    description:
      'A node and what it is linked to (both directions) within `depth` edges, at most `limit` nodes.',
    args: {
      key: t.arg.string({ required: true }),
      depth: t.arg.int({ defaultValue: 1 }),
      limit: t.arg.int({ defaultValue: 150 }),
      types: t.arg({ type: [EdgeTypeEnum], required: false }),
    },
    complexity: (args) => ({ field: 10, multiplier: args.limit ?? 150 }),
    resolve: async (_, args, ctx) => {
      const limit = checkLimit(args.limit, 150);
      const depth = checkDepth(args.depth, 1);
      const types = args.types && args.types.length > 0 ? args.types : EDGE_TYPES;
      const [center] = await ctx.store.getNodes([args.key]);
      if (!center) throw userError('NOT_FOUND', `no node with key ${quote(args.key)}`);
      const [out, into] = await Promise.all([
        ctx.store.traverse([args.key], { types, direction: 'OUT', maxDepth: depth, limit }),
        ctx.store.traverse([args.key], { types, direction: 'IN', maxDepth: depth, limit }),
      ]);
      const reached = [...out, ...into].sort(
        (a, b) => a.depth - b.depth || (a.node.key < b.node.key ? -1 : 1),
      );
      const nodes = new Map<string, GraphNode>([[center.key, center]]);
      for (const r of reached) if (nodes.size < limit) nodes.set(r.node.key, r.node);
      const list = [...nodes.values()];
      return {
        nodes: list,
        edges: await edgesAmong(ctx, list, types),
        truncated: nodes.size < new Set([center.key, ...reached.map((r) => r.node.key)]).size,
      };
    },
  }),
}));
