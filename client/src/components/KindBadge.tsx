import { colorOfKind } from '../graph/palette.ts';

const LABELS: Record<string, string> = {
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
      {LABELS[kind] ?? kind.toLowerCase().replace(/_/g, ' ')}
    </span>
  );
}
