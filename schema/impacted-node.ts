import { DEFAULT_IMPACT_DEPTH, impact, QUERY_BOUNDS } from '../server/queries/index.ts';
import { builder } from './builder.ts';
import { CodeNodeRef } from './refs.ts';

const ImpactedRef = builder.simpleObject('ImpactedNode', {
  description: 'A node that depends, directly or not, on the nodes asked about.',
  fields: (t) => ({
    node: t.field({ type: CodeNodeRef }),
    depth: t.int({ description: 'Edges between it and the nearest node asked about.' }),
  }),
});

builder.queryFields((t) => ({
  impact: t.field({
    type: [ImpactedRef],
    description: `Every node that transitively depends on the given ones (callers, users, subtypes, importers; of a symbol, also the files that re-export it or import it with no code of theirs using it), up to ${QUERY_BOUNDS.walkNodes} nodes.`,
    args: {
      keys: t.arg.stringList({ required: true }),
      depth: t.arg.int({ defaultValue: DEFAULT_IMPACT_DEPTH }),
    },
    complexity: (args) => ({ field: 10, multiplier: 10 * (args.depth ?? DEFAULT_IMPACT_DEPTH) }),
    resolve: (_, args, ctx) => impact(ctx.loaders.batched, args.keys, args.depth),
  }),
}));
