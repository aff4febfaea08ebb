/**
 * The GraphQL schema of codenav (Pothos). Knows the store and events only through their ports.
 *
 * @packageDocumentation
 */
import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.ts';
// One file per GraphQL type, with the root fields that return it.
import './enums.ts';
import './scalars.ts';
import './code-node.ts';
import './code-symbol.ts';
import './file.ts';
import './external-module.ts';
import './relation.ts';
import './call-site.ts';
import './import.ts';
import './stats.ts';
import './analysis.ts';
import './impacted-node.ts';
import './import-cycle.ts';
import './graph-path.ts';
import './graph-slice.ts';
import './folder-graph.ts';
import './graph-change.ts';
import './reanalyze-result.ts';
import './semantic.ts';
import './diff-impact.ts';

export { ANSWER_LIMITS, AnswerBudget } from './answer-budget.ts';
export { QUERY_LIMITS } from './builder.ts';
export type { AnalysisStatus, ReanalyzeResult, SchemaContext, SchemaServices } from './context.ts';
export { createLoaders } from './context.ts';
export { listSizesOf } from './list-sizes.ts';

export const schema = builder.toSchema();

/** The schema as SDL, types sorted: what `schema/schema.graphql` holds. */
export function printSortedSchema(): string {
  return printSchema(lexicographicSortSchema(schema));
}
