import { graphStats } from '../server/queries/index.ts';
import { builder } from './builder.ts';

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

builder.queryFields((t) => ({
  stats: t.field({
    type: StatsRef,
    resolve: (_, __, ctx) => graphStats(ctx.store),
  }),
}));
