/**
 * The GraphQL object type of each node kind: what Relay ids name (`MethodSymbol:src/a.ts#C.m`).
 * Apart from the types themselves so that the builder can check an id's type without importing
 * them.
 */
import type { NodeKind, SymbolKind } from '../server/model/index.ts';

/** The GraphQL object type of each symbol kind. */
export const SYMBOL_TYPE_NAMES: Record<SymbolKind, string> = {
  CLASS: 'ClassSymbol',
  INTERFACE: 'InterfaceSymbol',
  TYPE_ALIAS: 'TypeAliasSymbol',
  ENUM: 'EnumSymbol',
  FUNCTION: 'FunctionSymbol',
  METHOD: 'MethodSymbol',
  PROPERTY: 'PropertySymbol',
  VARIABLE: 'VariableSymbol',
  NAMESPACE: 'NamespaceSymbol',
};

export function typeNameOf(kind: NodeKind): string {
  if (kind === 'FILE') return 'File';
  if (kind === 'EXTERNAL_MODULE') return 'ExternalModule';
  return SYMBOL_TYPE_NAMES[kind];
}

/** Every type a Relay id of ours can name. */
export const NODE_TYPE_NAMES: ReadonlySet<string> = new Set([
  'File',
  'ExternalModule',
  ...Object.values(SYMBOL_TYPE_NAMES),
]);
