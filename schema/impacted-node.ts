import {
  checkDepth,
  checkImpactKeys,
  DEFAULT_IMPACT_DEPTH,
  type Impacted,
  impact,
  type Walked,
} from '../server/queries/index.ts';
import { builder } from './builder.ts';
import { nodesOrNotFound, type SchemaContext } from './context.ts';
import { CodeNodeRef } from './refs.ts';
import { WALK_NODES, walkObject } from './walk.ts';

const ImpactedRef = builder.simpleObject('ImpactedNode', {
  description: 'A node that depends, directly or not, on the nodes asked about.',
  fields: (t) => ({
    node: t.field({ type: CodeNodeRef }),
    depth: t.int({ description: 'Edges between it and the nearest node asked about.' }),
  }),
});

const ImpactWalkRef = walkObject('ImpactWalk', ImpactedRef, {
  description: `What \`impact\` found: the nearest ${WALK_NODES} dependents at most, how many there are, and whether some were left out.`,
  stops: `the walk stops one past ${WALK_NODES}`,
  narrower: 'Lower `depth` or ask about fewer keys.',
});

const impactArgs = (t: Parameters<Parameters<typeof builder.queryFields>[0]>[0]) => ({
  keys: t.arg.stringList({ required: true }),
  depth: t.arg.int({ defaultValue: DEFAULT_IMPACT_DEPTH }),
});

/** The walk of `impact`, after its arguments' bounds (BAD_USER_INPUT) and its keys (NOT_FOUND) are checked. */
async function impactOf(
  ctx: SchemaContext,
  args: { keys: readonly string[]; depth?: number | null },
): Promise<Walked<Impacted>> {
  const keys = checkImpactKeys(args.keys);
  checkDepth(args.depth, DEFAULT_IMPACT_DEPTH);
  await nodesOrNotFound(ctx, keys);
  return impact(ctx.loaders.batched, keys, args.depth);
}

builder.queryFields((t) => ({
  impact: t.field({
    type: [ImpactedRef],
    description: `Every node that transitively depends on the given ones (callers, users, subtypes, importers; of a symbol, also the files that re-export it or import it with no code of theirs using it), up to ${WALK_NODES} nodes (\`impactWalk\` says whether some were left out, and how many there are). A key the graph does not hold is NOT_FOUND (\`extensions.keys\` lists them).`,
    args: impactArgs(t),
    complexity: (args) => ({ field: 10, multiplier: 10 * (args.depth ?? DEFAULT_IMPACT_DEPTH) }),
    resolve: async (_, args, ctx) => [...(await impactOf(ctx, args)).items],
  }),
  impactWalk: t.field({
    type: ImpactWalkRef,
    description:
      '`impact` with how many nodes depend on the given ones and whether the walk left some out (`truncated`): the same arguments, the same nodes, the same errors.',
    args: impactArgs(t),
    complexity: (args) => ({ field: 10, multiplier: 10 * (args.depth ?? DEFAULT_IMPACT_DEPTH) }),
    resolve: (_, args, ctx) => impactOf(ctx, args),
  }),
}));
