import SchemaBuilder from '@pothos/core';
import ComplexityPlugin, { ComplexityErrorKind } from '@pothos/plugin-complexity';
import RelayPlugin from '@pothos/plugin-relay';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import './answer-budget-plugin.ts';
import type { SchemaContext } from './context.ts';
import { userError } from './errors.ts';

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
  // The answer's budget inside the complexity check, around everything else: it sees the values
  // Relay's connections give (schema/answer-budget-plugin.ts).
  plugins: [ComplexityPlugin, 'answerBudget', RelayPlugin, SimpleObjectsPlugin],
  defaultFieldNullability: false,
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: QUERY_LIMITS,
    // A user's query over a limit: a code, and no stack in the log.
    complexityError: (kind, { depth, breadth, complexity }) =>
      kind === ComplexityErrorKind.Depth
        ? userError(
            'QUERY_TOO_COMPLEX',
            `Query exceeds maximum depth (depth: ${depth}, max: ${QUERY_LIMITS.depth}): nest fewer selections`,
          )
        : kind === ComplexityErrorKind.Breadth
          ? userError(
              'QUERY_TOO_COMPLEX',
              `Query exceeds maximum breadth (breadth: ${breadth}, max: ${QUERY_LIMITS.breadth}): select fewer fields at one level`,
            )
          : userError(
              'QUERY_TOO_COMPLEX',
              `Query exceeds maximum complexity (complexity: ${complexity}, max: ${QUERY_LIMITS.complexity}): ask for smaller pages, fewer nested lists or less depth`,
            ),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // Ours, in code-node.ts: one bad id is an error at its own place in `nodes`, with a code.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    // A connection field already weighs its page (`first` or `last`): its edges must not weigh 10 more.
    edgesFieldOptions: { complexity: { field: 1, multiplier: 1 } },
  },
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
