import { edgeProps, fileOfKey, type GraphEdge } from '../server/model/index.ts';
import { checkRange } from '../server/queries/index.ts';
import { nodeOrThrow } from './context.ts';
import { CallSiteRef, CodeNodeRef } from './refs.ts';
import { MAX_CONTEXT_LINES, SourceTextRef, sourceOf } from './source.ts';

/** A CALLS or INSTANTIATES edge's properties: both carry SiteProps. */
const siteProps = (edge: GraphEdge) => edgeProps(edge, 'CALLS');

CallSiteRef.implement({
  description:
    'A call (or instantiation) from one node to another, with how often and where it first occurs.',
  fields: (t) => ({
    caller: t.field({
      type: CodeNodeRef,
      description: 'The calling symbol, or a file for top-level code.',
      resolve: (e, _, ctx) => nodeOrThrow(ctx, e.from),
    }),
    callee: t.field({ type: CodeNodeRef, resolve: (e, _, ctx) => nodeOrThrow(ctx, e.to) }),
    count: t.int({ description: 'Call sites in the caller.', resolve: (e) => siteProps(e).count ?? 1 }),
    firstLine: t.int({
      description: 'Line of the first call site.',
      resolve: (e) => siteProps(e).firstLine ?? 0,
    }),
    instantiation: t.boolean({
      description: 'A `new` expression.',
      resolve: (e) => e.type === 'INSTANTIATES',
    }),
    source: t.field({
      type: SourceTextRef,
      nullable: true,
      description: `The line of the first call site in the caller's file as it is now, with \`context\` lines (≤ ${MAX_CONTEXT_LINES}) around it; null when the file cannot be read.`,
      args: { context: t.arg.int({ defaultValue: 0 }) },
      complexity: { field: 5, multiplier: 1 },
      resolve: (e, args, ctx) => {
        const context = checkRange(args.context, 0, 0, MAX_CONTEXT_LINES, 'context');
        const line = siteProps(e).firstLine ?? 0;
        const file = fileOfKey(e.from);
        if (!file || line < 1) return null;
        return sourceOf(ctx, file, line - context, line + context, 2 * context + 1);
      },
    }),
  }),
});
