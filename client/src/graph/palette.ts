/** Colours and sizes of the graph picture, by node kind (GitHub Primer tones: readable on white). */
import { NodeKind } from '../gql/graphql.ts';

/** A colour for every node kind of the schema: a new kind is a compile error here until it has one. */
export const KIND_COLORS: Readonly<Record<NodeKind, string>> = {
  FILE: '#0969da',
  EXTERNAL_MODULE: '#8c959f',
  CLASS: '#8250df',
  INTERFACE: '#bf3989',
  TYPE_ALIAS: '#9a6700',
  ENUM: '#bc4c00',
  FUNCTION: '#1a7f37',
  METHOD: '#2da44e',
  PROPERTY: '#57606a',
  VARIABLE: '#0550ae',
  NAMESPACE: '#6e7781',
};

export const UNKNOWN_COLOR = '#afb8c1';
export const EDGE_COLOR = '#afb8c1';
export const FLASH_ADDED = '#2da44e';
export const FLASH_UPDATED = '#fb8f44';

/** True for the node kinds of the schema. */
export function isNodeKind(kind: string): kind is NodeKind {
  return (Object.values(NodeKind) as string[]).includes(kind);
}

export function colorOfKind(kind: string): string {
  return isNodeKind(kind) ? KIND_COLORS[kind] : UNKNOWN_COLOR;
}

export function sizeOfKind(kind: string, focus = false): number {
  if (focus) return 12;
  if (kind === 'FILE') return 7;
  if (kind === 'EXTERNAL_MODULE') return 5;
  return 6;
}
