import { edgeProps, type GraphEdge } from '../server/model/index.ts';
import { nodeOrThrow } from './context.ts';
import { CodeNodeRef, FileRef, ImportRef } from './refs.ts';

const importProps = (edge: GraphEdge) => edgeProps(edge, 'IMPORTS');

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
      resolve: (e) => [...(importProps(e).names ?? [])],
    }),
    typeOnly: t.boolean({ resolve: (e) => importProps(e).typeOnly === true }),
    dynamic: t.boolean({ description: '`import()` only.', resolve: (e) => importProps(e).dynamic === true }),
    reExport: t.boolean({
      description: '`export … from`.',
      resolve: (e) => importProps(e).reExport === true,
    }),
    firstLine: t.int({ resolve: (e) => importProps(e).firstLine ?? 0 }),
  }),
});
