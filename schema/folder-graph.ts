import type { FolderGraph } from '../server/graph/port.ts';
import {
  checkExpandedFolders,
  checkSliceLimit,
  DEFAULT_SLICE_NODES,
  folderGraph,
  QUERY_BOUNDS,
} from '../server/queries/index.ts';
import { checkFolderArg } from './args.ts';
import { builder } from './builder.ts';

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

builder.queryFields((t) => ({
  folderGraph: t.field({
    type: FolderGraphRef,
    description: `The file import graph grouped by folder: each file counts in its shallowest closed folder below the folder of \`pathPrefix\` — folders less than \`depth\` deep and those in \`expanded\` are open — or alone when all above it are open; an edge counts the imports between two nodes' files. At most \`limit\` (≤ ${QUERY_BOUNDS.sliceNodes}) nodes, those with the most files.`,
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
}));
