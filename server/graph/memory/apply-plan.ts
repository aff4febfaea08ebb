/**
 * Applying a validated {@link ChangePlan} to the memory adapter's graph and indexes.
 * Everything that can reject a change set is checked before the first mutation, and the
 * mutation is synchronous: no read (each runs to completion on the same thread) can see
 * half of a change set.
 */
import { EDGE_TYPES, type EdgeType, NODE_KINDS, type NodeKind } from '../../model/index.ts';
import type { ChangePlan } from '../plan-change-set.ts';
import { GraphStoreError } from '../port.ts';
import type { MemoryGraph } from './memory-graph.ts';
import type { SearchIndex } from './search-index.ts';

/** The state one apply changes. */
export interface MemoryState {
  readonly graph: MemoryGraph;
  readonly index: SearchIndex;
  readonly nodeCounts: Record<NodeKind, number>;
  readonly edgeCounts: Record<EdgeType, number>;
}

export function createCounts(): Pick<MemoryState, 'nodeCounts' | 'edgeCounts'> {
  return {
    nodeCounts: Object.fromEntries(NODE_KINDS.map((kind) => [kind, 0])) as Record<NodeKind, number>,
    edgeCounts: Object.fromEntries(EDGE_TYPES.map((type) => [type, 0])) as Record<EdgeType, number>,
  };
}

/**
 * @throws {@link GraphStoreError} `INVALID_CHANGE_SET` when an upserted edge has an end that
 * does not exist after the change set; then nothing has changed.
 */
export function applyPlan(state: MemoryState, plan: ChangePlan): void {
  assertEndpoints(state.graph, plan);
  const { graph, index, nodeCounts, edgeCounts } = state;

  for (const ref of plan.edgeRemovals) {
    if (graph.removeEdge(ref)) edgeCounts[ref.type] -= 1;
  }

  for (const key of plan.nodeRemovals) {
    const node = graph.removeNode(key, (edge) => {
      edgeCounts[edge.type] -= 1;
    });
    if (!node) continue;
    index.remove(node);
    nodeCounts[node.kind] -= 1;
  }

  for (const node of plan.nodeUpserts) {
    const previous = graph.upsertNode(node);
    if (previous) {
      index.replace(previous, node);
      nodeCounts[previous.kind] -= 1;
    } else {
      index.add(node);
    }
    nodeCounts[node.kind] += 1;
  }

  for (const edge of plan.edgeUpserts) {
    if (graph.upsertEdge(edge)) edgeCounts[edge.type] += 1;
  }

  index.flush();
}

function assertEndpoints(graph: MemoryGraph, plan: ChangePlan): void {
  const removed = new Set(plan.nodeRemovals);
  const upserted = new Set<string>();
  for (const node of plan.nodeUpserts) upserted.add(node.key);
  const exists = (key: string): boolean => upserted.has(key) || (!removed.has(key) && graph.hasNode(key));

  const missing = new Set<string>();
  for (const edge of plan.edgeUpserts) {
    if (!exists(edge.from)) missing.add(edge.from);
    if (!exists(edge.to)) missing.add(edge.to);
    if (missing.size >= 10) break;
  }
  if (missing.size === 0) return;
  throw new GraphStoreError(
    'INVALID_CHANGE_SET',
    `edges end at nodes that do not exist after the change set: ${[...missing].join(', ')}; nothing was applied`,
  );
}
