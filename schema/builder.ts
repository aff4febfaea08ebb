import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import RelayPlugin from '@pothos/plugin-relay';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import type { SchemaContext } from './context.ts';

/** Limits on every operation, over HTTP and WebSocket alike (see the README). */
export const QUERY_LIMITS = {
  /** Summed cost of the selected fields, list fields weighted by their page size or depth. */
  complexity: 20_000,
  /** Nesting of selections. */
  depth: 12,
  /** Fields selected at one level. */
  breadth: 100,
} as const;

/** The one SchemaBuilder of codenav. */
export const builder = new SchemaBuilder<{
  Context: SchemaContext;
  Scalars: {
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
}>({
  plugins: [ComplexityPlugin, RelayPlugin, SimpleObjectsPlugin],
  defaultFieldNullability: false,
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: QUERY_LIMITS,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodeQueryOptions: { nullable: true },
    nodesQueryOptions: { nullable: { list: false, items: true } },
  },
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
