import { importCycles } from '../server/queries/index.ts';
import { builder } from './builder.ts';
import { FileRef } from './refs.ts';

const ImportCycleRef = builder.simpleObject('ImportCycle', {
  description: 'Files that import each other, directly or not (a strongly connected component).',
  fields: (t) => ({ files: t.field({ type: [FileRef] }) }),
});

builder.queryFields((t) => ({
  importCycles: t.field({
    type: [ImportCycleRef],
    description: 'Groups of files that import each other (type-only imports left out unless asked).',
    args: { includeTypeOnly: t.arg.boolean({ defaultValue: false }) },
    complexity: { field: 50, multiplier: 10 },
    resolve: async (_, args, ctx) =>
      (await importCycles(ctx.loaders.batched, args.includeTypeOnly ?? false)).map((files) => ({ files })),
  }),
}));
