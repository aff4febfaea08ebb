import {
  checkSliceLimit,
  DEFAULT_IMPACT_DEPTH,
  DEFAULT_NEIGHBOURHOOD_NODES,
  DEFAULT_SLICE_NODES,
  impactGraph,
  importGraph,
  neighbourhood,
  QUERY_BOUNDS,
} from '../server/queries/index.ts';
import { quote } from '../server/util/quote.ts';
import { checkPathArg } from './args.ts';
import { builder } from './builder.ts';
import { EdgeTypeEnum } from './enums.ts';
import { userError } from './errors.ts';
import { CodeNodeRef, RelationRef } from './refs.ts';

const GraphSliceRef = builder.simpleObject('GraphSlice', {
  description: 'A bounded part of the graph, for drawing: nodes and the edges between them.',
  fields: (t) => ({
    // The slice's field already weighs its limit: its lists do not multiply again.
    nodes: t.field({ type: [CodeNodeRef], complexity: { field: 1, multiplier: 1 } }),
    edges: t.field({ type: [RelationRef], complexity: { field: 1, multiplier: 1 } }),
    truncated: t.boolean({ description: 'True when the limit left nodes out.' }),
    edgeTypes: t.field({
      type: [EdgeTypeEnum],
      description:
        'The edge types it draws (for `impactGraph`, the dependencies): a client following revisions adds edges of these types only.',
    }),
  }),
});

builder.queryFields((t) => ({
  importGraph: t.field({
    type: GraphSliceRef,
    description: `Files (in path order, at most \`limit\`, ≤ ${QUERY_BOUNDS.sliceNodes}) and the imports between them.`,
    args: { pathPrefix: t.arg.string(), limit: t.arg.int({ defaultValue: DEFAULT_SLICE_NODES }) },
    complexity: (args) => ({ field: 10, multiplier: args.limit ?? DEFAULT_SLICE_NODES }),
    resolve: (_, args, ctx) => {
      checkSliceLimit(args.limit, DEFAULT_SLICE_NODES);
      return importGraph(ctx.loaders.batched, {
        pathPrefix: checkPathArg(ctx, args.pathPrefix, 'pathPrefix'),
        limit: args.limit,
      });
    },
  }),

  impactGraph: t.field({
    type: GraphSliceRef,
    description: `What \`impact\` finds, as a picture: the given nodes, what depends on them within \`depth\` (at most \`limit\` ≤ ${QUERY_BOUNDS.sliceNodes} nodes, nearest first) and the dependency edges among them.`,
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
      const slice = await neighbourhood(ctx.loaders.batched, args.key, args);
      if (!slice) throw userError('NOT_FOUND', `no node with key ${quote(args.key)}`);
      return slice;
    },
  }),
}));
