/**
 * The GraphQL schema of codenav (Pothos). Knows the store and events only through their ports.
 *
 * @packageDocumentation
 */
import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.ts';
import './enums.ts';
import './scalars.ts';
import './nodes.ts';
import './queries.ts';
import './mutations.ts';
import './subscriptions.ts';
import './semantic.ts';
import './diff-impact.ts';

export { QUERY_LIMITS } from './builder.ts';
export type { AnalysisStatus, ReanalyzeResult, SchemaContext, SchemaServices } from './context.ts';
export { createLoaders } from './context.ts';
export { listSizesOf } from './list-sizes.ts';

export const schema = builder.toSchema();

/** The schema as SDL, types sorted: what `schema/schema.graphql` holds. */
export function printSortedSchema(): string {
  return printSchema(lexicographicSortSchema(schema));
}
