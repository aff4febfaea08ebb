import { resolveNodes } from '@pothos/plugin-relay';
import { type NodeKind, nodeName } from '../server/model/index.ts';
import { getNode } from '../server/queries/index.ts';
import { builder } from './builder.ts';
import type { SchemaContext } from './context.ts';
import { NodeKindEnum } from './enums.ts';
import { decodeNodeId } from './global-id.ts';
import { CodeNodeRef } from './refs.ts';
import { JsonScalar } from './scalars.ts';
import { typeNameOf } from './type-names.ts';

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

/** An id's decoding, or its error (an Error in a list is that item's error, null in its place). */
function decodeOrError(id: string | number | bigint): { typename: string; id: string } | Error {
  try {
    return decodeNodeId(String(id));
  } catch (error) {
    return error as Error;
  }
}

// Relay's `node` and `nodes`, as the Relay plugin defines them, but with our ids' errors: a bad
// id is `BAD_USER_INPUT` naming it, and in `nodes` only its own entry is null (the plugin decoded
// every id before resolving, so one bad id failed the list, and the whole response with it).
builder.queryFields((t) => ({
  node: t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_, args, ctx, info) => {
      const [node] = await resolveNodes(builder, ctx, info, [decodeNodeId(String(args.id))]);
      return node ?? null;
    },
  }),
  nodes: t.field({
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    args: { ids: t.arg.idList({ required: true }) },
    resolve: async (_, args, ctx, info) => {
      const decoded = args.ids.map(decodeOrError);
      const valid = decoded.filter((id): id is { typename: string; id: string } => !(id instanceof Error));
      const nodes = await resolveNodes(builder, ctx, info, valid);
      let next = 0;
      return decoded.map((id) => (id instanceof Error ? id : (nodes[next++] ?? null)));
    },
  }),
}));
