import type { NodeKind } from '../gql/graphql.ts';
import { colorOfKind, isNodeKind } from '../graph/palette.ts';

/** A short label for every node kind of the schema: a new kind is a compile error here until it has one. */
const LABELS: Record<NodeKind, string> = {
  FILE: 'file',
  EXTERNAL_MODULE: 'module',
  CLASS: 'class',
  INTERFACE: 'interface',
  TYPE_ALIAS: 'type',
  ENUM: 'enum',
  FUNCTION: 'function',
  METHOD: 'method',
  PROPERTY: 'property',
  VARIABLE: 'variable',
  NAMESPACE: 'namespace',
};

export function KindBadge({ kind }: { kind: string }) {
  return (
    <span className="kind" style={{ color: colorOfKind(kind), borderColor: colorOfKind(kind) }}>
      {isNodeKind(kind) ? LABELS[kind] : kind.toLowerCase().replace(/_/g, ' ')}
    </span>
  );
}
