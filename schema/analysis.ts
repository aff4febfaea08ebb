import { builder } from './builder.ts';
import type { AnalysisStatus } from './context.ts';
import { AnalysisStateEnum } from './enums.ts';

export const AnalysisRef = builder.objectRef<AnalysisStatus>('Analysis').implement({
  description: 'The state of the analysis.',
  fields: (t) => ({
    state: t.field({ type: AnalysisStateEnum, resolve: (a) => a.state }),
    phase: t.exposeString('phase', {
      description: '`LOADING`, `DECLARATIONS`, `RESOLVING`, `UPDATING`, `DONE`…',
    }),
    filesDone: t.exposeInt('filesDone', {
      description: 'Files done in the pass running, or in the last one (the first analysis, or an update).',
    }),
    filesTotal: t.exposeInt('filesTotal', {
      description:
        'Files in the pass running, or in the last one: the first analysis takes every file, an update only those it must (`stats.files` counts the project).',
    }),
    durationMs: t.exposeInt('durationMs', { description: 'Of the first analysis: so far while it runs.' }),
    message: t.string({
      nullable: true,
      description:
        'Why the analysis failed; on an API process, also that no indexer keeps the graph up to date (none holds the writer lease), and since when.',
      resolve: (a) => a.message ?? null,
    }),
  }),
});

builder.queryFields((t) => ({
  analysis: t.field({ type: AnalysisRef, resolve: (_, __, ctx) => ctx.analysis() }),
}));

builder.subscriptionFields((t) => ({
  analysisProgress: t.field({
    type: AnalysisRef,
    description:
      'Progress of the analysis: during the first analysis and each update. The current state first.',
    subscribe: (_, __, ctx) => ctx.events.subscribeProgress(),
    resolve: (progress) => progress,
  }),
}));
