import { nodeOrThrow } from './context.ts';
import { CodeNodeRef, FileRef, ImportRef } from './refs.ts';

ImportRef.implement({
  description:
    'One file importing another file or an external module (all its import statements of it merged).',
  fields: (t) => ({
    from: t.field({ type: FileRef, resolve: (e, _, ctx) => nodeOrThrow(ctx, e.from) }),
    to: t.field({
      type: CodeNodeRef,
      description: 'A File or an ExternalModule.',
      resolve: (e, _, ctx) => nodeOrThrow(ctx, e.to),
    }),
    names: t.stringList({
      description: 'Exported names taken: `default`, `*` for a namespace or `export *`, else the names.',
      resolve: (e) => (Array.isArray(e.props.names) ? (e.props.names as string[]) : []),
    }),
    typeOnly: t.boolean({ resolve: (e) => e.props.typeOnly === true }),
    dynamic: t.boolean({ description: '`import()` only.', resolve: (e) => e.props.dynamic === true }),
    reExport: t.boolean({ description: '`export … from`.', resolve: (e) => e.props.reExport === true }),
    firstLine: t.int({ resolve: (e) => Number(e.props.firstLine ?? 0) }),
  }),
});
