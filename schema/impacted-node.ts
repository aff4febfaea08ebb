import {
  checkDepth,
  checkImpactKeys,
  DEFAULT_IMPACT_DEPTH,
  type Impacted,
  impact,
  QUERY_BOUNDS,
  type Walked,
} from '../server/queries/index.ts';
import { builder } from './builder.ts';
import { nodesOrNotFound, type SchemaContext } from './context.ts';
import { CodeNodeRef } from './refs.ts';

const ImpactedRef = builder.simpleObject('ImpactedNode', {
  description: 'A node that depends, directly or not, on the nodes asked about.',
  fields: (t) => ({
    node: t.field({ type: CodeNodeRef }),
    depth: t.int({ description: 'Edges between it and the nearest node asked about.' }),
  }),
});

/** The walk limit, as the descriptions write it. */
const WALK_NODES = QUERY_BOUNDS.walkNodes.toLocaleString('en-US');

const ImpactWalkRef = builder.objectRef<Walked<Impacted>>('ImpactWalk').implement({
  description: `What \`impact\` found: the nearest ${WALK_NODES} dependents at most, how many there are, and whether some were left out.`,
  fields: (t) => ({
    nodes: t.field({
      type: [ImpactedRef],
      description: `Nearest first, then by key: the nearest ${WALK_NODES} at most.`,
      // The field returning the walk already weighs its size: its nodes must not weigh 10 more.
      complexity: { field: 1, multiplier: 1 },
      resolve: (w) => [...w.items],
    }),
    totalCount: t.int({
      description: `How many the walk found: all of them, or at least this many when \`truncated\` (the walk stops one past ${WALK_NODES}).`,
      resolve: (w) => w.totalCount,
    }),
    truncated: t.boolean({
      description: `True when \`nodes\` holds fewer than lie within \`depth\`: the walk stopped at its bound of ${WALK_NODES}. Lower \`depth\` or ask about fewer keys.`,
      resolve: (w) => w.truncated,
    }),
  }),
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
