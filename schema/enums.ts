import {
  CHANGE_OPS,
  EDGE_MODEL,
  EDGE_TYPES,
  NODE_KINDS,
  NODE_MODEL,
  SYMBOL_KINDS,
} from '../server/model/index.ts';
import { builder } from './builder.ts';

/** Enum values with their descriptions from a table of the model. */
function described<K extends string>(
  keys: readonly K[],
  table: Readonly<Record<K, { readonly description: string }>>,
): Record<K, { description: string }> {
  return Object.fromEntries(keys.map((key) => [key, { description: table[key].description }])) as Record<
    K,
    { description: string }
  >;
}

export const NodeKindEnum = builder.enumType('NodeKind', {
  description: 'The kind of a node of the code graph.',
  values: described(NODE_KINDS, NODE_MODEL),
});

export const SymbolKindEnum = builder.enumType('SymbolKind', {
  description: 'The kind of a code symbol (every node kind but FILE and EXTERNAL_MODULE).',
  values: described(SYMBOL_KINDS, NODE_MODEL),
});

export const EdgeTypeEnum = builder.enumType('EdgeType', {
  description: 'The type of an edge of the code graph.',
  values: described(EDGE_TYPES, EDGE_MODEL),
});

export const ChangeOpEnum = builder.enumType('ChangeOp', {
  description:
    'What happened to a node or an edge in a revision. EDGE_ADDED also carries an edge whose properties changed.',
  values: CHANGE_OPS,
});

export const GraphElementKindEnum = builder.enumType('GraphElementKind', {
  description: 'A node kind or an edge type: what a change is about.',
  values: [...NODE_KINDS, ...EDGE_TYPES] as const,
});

export const AnalysisStateEnum = builder.enumType('AnalysisState', {
  values: {
    PENDING: { description: 'Not started yet.' },
    RUNNING: { description: 'Analyzing: queries see the graph so far.' },
    READY: { description: 'Done: the graph is complete and follows edits.' },
    FAILED: { description: 'The analysis failed; `message` says why.' },
  } as const,
});
