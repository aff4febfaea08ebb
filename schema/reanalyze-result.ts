import { builder } from './builder.ts';
import { badInput, userError } from './errors.ts';

const ReanalyzeResultRef = builder.simpleObject('ReanalyzeResult', {
  fields: (t) => ({
    revision: t.int({
      description: 'The revision holding the result (the current one when nothing changed).',
    }),
    changes: t.int({ description: 'Changes the re-analysis produced.' }),
  }),
});

builder.mutationFields((t) => ({
  reanalyze: t.field({
    type: ReanalyzeResultRef,
    description:
      'Re-analyze files (root-relative paths) now, for clients that do not rely on the watcher. Needs the server token when one is set.',
    args: { paths: t.arg.stringList({ required: true }) },
    complexity: 100,
    resolve: async (_, args, ctx) => {
      if (!ctx.mutationsAllowed)
        throw userError('FORBIDDEN', 'reanalyze needs the server token: send Authorization: Bearer <token>');
      if (!ctx.reanalyze)
        throw userError('NOT_AVAILABLE', 'this server does not analyze (role api): ask the indexer');
      if (args.paths.length === 0 || args.paths.length > 1000)
        throw badInput('paths must hold 1..1000 paths');
      const paths = args.paths.map((p) => {
        const checked = ctx.checkPath(p);
        if ('error' in checked) throw badInput(`paths: ${checked.error}`);
        return checked.path;
      });
      return ctx.reanalyze(paths);
    },
  }),
}));
