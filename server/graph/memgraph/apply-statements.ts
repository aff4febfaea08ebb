/**
 * How a change set becomes the statements of one write transaction: pure, so that what is
 * sent to Memgraph can be checked without a server.
 */
import { type EdgeRef, edgeKey, type GraphEdge, type GraphNode } from '../../model/index.ts';
import type { ChangePlan } from '../plan-change-set.ts';
import {
  createEdgesText,
  MISSING_NODES,
  nodeLabel,
  REMOVE_NODES,
  removeEdgesText,
  type Statement,
  upsertEdgesText,
  upsertNodesText,
} from './cypher.ts';
import { storedNodeProps, toNeo4jProps } from './neo4j-values.ts';

/** Rows per `UNWIND` statement, by default: Memgraph's guidance is 10k–50k. */
export const DEFAULT_BATCH_SIZE = 10_000;

export interface ApplyStatementOptions {
  /** Rows per `UNWIND` statement. @default {@link DEFAULT_BATCH_SIZE} */
  readonly batchSize?: number;
  /**
   * The graph holds no edge yet (the first change set): edges are `CREATE`d, not `MERGE`d,
   * which spares a search of each pair's edges on the largest write there is. @default false
   */
  readonly emptyGraph?: boolean;
}

function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** Each edge once, as its last upsert says (what `MERGE` would leave, for `CREATE`). */
function lastOfEach(edges: readonly GraphEdge[]): GraphEdge[] {
  return [...new Map(edges.map((edge) => [edgeKey(edge), edge])).values()];
}

/**
 * The statements that apply a checked change set (`planChangeSet`), in order, after the
 * revision increment (`NEXT_REVISION`, which the store runs first): edge removals by type,
 * node removals, node upserts by kind, the check that every new edge's ends exist, edge
 * upserts by type. Each list is cut into `UNWIND` batches of `batchSize` rows. Kinds and
 * types were checked against the allow-lists by the plan, and are checked again here before
 * being written into a statement.
 */
export function buildApplyStatements(plan: ChangePlan, options: ApplyStatementOptions = {}): Statement[] {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const statements: Statement[] = [];

  for (const [type, edges] of groupBy(plan.edgeRemovals, (edge) => edge.type)) {
    const text = removeEdgesText(type);
    for (const batch of batches(edges, batchSize)) {
      statements.push({
        text,
        params: { rows: batch.map((edge: EdgeRef) => ({ from: edge.from, to: edge.to })) },
      });
    }
  }

  for (const batch of batches(plan.nodeRemovals, batchSize))
    statements.push({ text: REMOVE_NODES, params: { keys: batch } });

  for (const [kind, nodes] of groupBy(plan.nodeUpserts, (node) => node.kind)) {
    const text = upsertNodesText(nodeLabel(kind));
    for (const batch of batches(nodes, batchSize)) {
      statements.push({ text, params: { rows: batch.map(nodeRow) } });
    }
  }

  const endpoints = new Set<string>();
  for (const edge of plan.edgeUpserts) endpoints.add(edge.from).add(edge.to);
  for (const batch of batches([...endpoints], batchSize)) {
    statements.push({
      text: MISSING_NODES,
      params: { keys: batch },
      rejectIfRows: 'edges end at nodes that do not exist after the change set',
    });
  }

  const edgeUpserts = options.emptyGraph ? lastOfEach(plan.edgeUpserts) : plan.edgeUpserts;
  for (const [type, edges] of groupBy(edgeUpserts, (edge) => edge.type)) {
    const text = options.emptyGraph ? createEdgesText(type) : upsertEdgesText(type);
    for (const batch of batches(edges, batchSize)) {
      statements.push({ text, params: { rows: batch.map(edgeRow) } });
    }
  }
  return statements;
}

function nodeRow(node: GraphNode): Record<string, unknown> {
  return { key: node.key, props: storedNodeProps(node) };
}

function edgeRow(edge: GraphEdge): Record<string, unknown> {
  return { from: edge.from, to: edge.to, props: toNeo4jProps(edge.props) };
}
