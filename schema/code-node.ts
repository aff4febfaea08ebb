import { type NodeKind, nodeName, type SymbolKind } from '../server/model/index.ts';
import { getNode } from '../server/queries/index.ts';
import { builder } from './builder.ts';
import type { SchemaContext } from './context.ts';
import { NodeKindEnum } from './enums.ts';
import { CodeNodeRef } from './refs.ts';
import { JsonScalar } from './scalars.ts';

CodeNodeRef.implement({
  description: 'A node of the code graph: a file, an external module or a code symbol.',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (node) => typeNameOf(node.kind),
  fields: (t) => ({
    key: t.exposeString('key', {
      description: 'The readable, stable key: `src/a.ts`, `src/a.ts#Outer.inner`, `npm:react`.',
    }),
    kind: t.field({ type: NodeKindEnum, resolve: (n) => n.kind }),
    name: t.string({ resolve: (n) => nodeName(n) ?? n.key }),
    properties: t.field({
      type: JsonScalar,
      description: 'Every property, as stored.',
      resolve: (n) => n.props,
    }),
  }),
});

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

/** Loads nodes for Relay's `node(id)`, refusing a key whose kind is not the id's type. */
export function loaderOf(kind: NodeKind) {
  return async (keys: string[], ctx: SchemaContext) =>
    (await ctx.loaders.node.loadMany(keys)).map((n) => {
      // A store that failed is not "no such node": the error reaches the client with its code.
      if (n instanceof Error) throw n;
      return n?.kind === kind ? n : null;
    });
}

builder.queryFields((t) => ({
  codeNode: t.field({
    type: CodeNodeRef,
    nullable: true,
    description: 'A node by its readable key (`src/a.ts#Cart.add`); null when there is none.',
    args: { key: t.arg.string({ required: true }) },
    resolve: async (_, args, ctx) => (await getNode(ctx.loaders.batched, args.key)) ?? null,
  }),
}));
