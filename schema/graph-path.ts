import { DEFAULTS } from '../server/graph/port.ts';
import { findPath } from '../server/queries/index.ts';
import { builder } from './builder.ts';
import { nodesOrNotFound } from './context.ts';
import { EdgeTypeEnum } from './enums.ts';
import { CodeNodeRef, RelationRef } from './refs.ts';

const GraphPathRef = builder.simpleObject('GraphPath', {
  description: 'A shortest path: its nodes in order, and the edge between each consecutive pair.',
  fields: (t) => ({
    nodes: t.field({ type: [CodeNodeRef] }),
    edges: t.field({ type: [RelationRef] }),
  }),
});

builder.queryFields((t) => ({
  path: t.field({
    type: GraphPathRef,
    nullable: true,
    description:
      'A shortest path from one node to another (keys), through the given edge types; null when there is none. A key the graph does not hold is NOT_FOUND (`extensions.keys` lists them).',
    args: {
      from: t.arg.string({ required: true }),
      to: t.arg.string({ required: true }),
      via: t.arg({ type: [EdgeTypeEnum], required: false }),
      maxDepth: t.arg.int({ defaultValue: DEFAULTS.pathDepth }),
    },
    complexity: { field: 20, multiplier: 5 },
    resolve: async (_, args, ctx) => {
      await nodesOrNotFound(ctx, [args.from, args.to]);
      const found = await findPath(ctx.loaders.batched, args.from, args.to, {
        via: args.via,
        maxDepth: args.maxDepth,
      });
      return found ? { nodes: [...found.nodes], edges: [...found.edges] } : null;
    },
  }),
}));
