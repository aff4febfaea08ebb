import { type GraphNode, symbolProps } from '../model/index.ts';

/** A graph node as tools return it: its key and kind, and where and what it is when it has them. */
export interface NodeRecord {
  readonly key: string;
  readonly kind: string;
  readonly name?: string;
  /** Root-relative path of its file. */
  readonly file?: string;
  /** 1-based line of its declaration. */
  readonly line?: number;
  readonly signature?: string;
}

/** The compact record of a node: enough for a model to name it, find it and ask about it next. */
export function nodeRecord(node: GraphNode): NodeRecord {
  const { name, path, startLine, signature } = symbolProps(node);
  const file = node.kind === 'FILE' ? node.key : path;
  return {
    key: node.key,
    kind: node.kind,
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof file === 'string' ? { file } : {}),
    ...(typeof startLine === 'number' ? { line: startLine } : {}),
    ...(typeof signature === 'string' && signature !== '' ? { signature } : {}),
  };
}

/** `key (KIND, file:line)` (or `key (KIND)` without a place), for a tool's short text. */
export function describeNode(node: NodeRecord): string {
  const place =
    node.file === undefined || node.kind === 'FILE'
      ? ''
      : `, ${node.file}${node.line ? `:${node.line}` : ''}`;
  return `${node.key} (${node.kind}${place})`;
}
