import type { DegreeGroup } from '../server/graph/port.ts';
import type { EdgeType, GraphNode } from '../server/model/index.ts';
import { edgesOf, related, type WalkDirection } from '../server/queries/index.ts';
import type { SchemaContext } from './context.ts';
import { listComplexity } from './list-sizes.ts';

/**
 * The cost and resolver of a field listing the nodes at the other end of a node's edges of
 * some types (`extends`, `subtypes`, `members`…), optionally only those `keep` accepts.
 */
export function nodesVia(
  types: readonly EdgeType[],
  direction: WalkDirection,
  parent: DegreeGroup,
  keep: (node: GraphNode) => boolean = () => true,
) {
  return {
    complexity: listComplexity(types, direction, parent),
    resolve: async (node: GraphNode, _args: unknown, ctx: SchemaContext) =>
      (await related(ctx.loaders.batched, node.key, types, direction)).filter(keep),
  };
}

/** The cost and resolver of a field listing a node's edges of some types (`imports`, `incomingCalls`…). */
export function edgesVia(types: readonly EdgeType[], direction: WalkDirection, parent: DegreeGroup) {
  return {
    complexity: listComplexity(types, direction, parent),
    resolve: (node: GraphNode, _args: unknown, ctx: SchemaContext) =>
      edgesOf(ctx.loaders.batched, node.key, types, direction),
  };
}
