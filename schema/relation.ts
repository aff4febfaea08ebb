import { nodeOrThrow } from './context.ts';
import { EdgeTypeEnum } from './enums.ts';
import { CodeNodeRef, RelationRef } from './refs.ts';
import { JsonScalar } from './scalars.ts';

RelationRef.implement({
  description: 'An edge of the code graph.',
  fields: (t) => ({
    type: t.field({ type: EdgeTypeEnum, resolve: (e) => e.type }),
    key: t.string({ description: '`TYPE:from->to`', resolve: (e) => `${e.type}:${e.from}->${e.to}` }),
    fromKey: t.string({ description: 'The key of the source node.', resolve: (e) => e.from }),
    toKey: t.string({ description: 'The key of the target node.', resolve: (e) => e.to }),
    from: t.field({ type: CodeNodeRef, resolve: (e, _, ctx) => nodeOrThrow(ctx, e.from) }),
    to: t.field({ type: CodeNodeRef, resolve: (e, _, ctx) => nodeOrThrow(ctx, e.to) }),
    properties: t.field({ type: JsonScalar, resolve: (e) => e.props }),
  }),
});
