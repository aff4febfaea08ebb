import type { AnalysisProgress, AnalysisSummary } from '../analysis/index.ts';
import type { ChangeSet } from '../model/index.ts';

/** Messages to the analysis worker. */
export type WorkerRequest =
  | { readonly type: 'analyze'; readonly id: number }
  | { readonly type: 'update'; readonly id: number; readonly paths: readonly string[] };

/** Messages from the analysis worker, each naming the request it answers. */
export type WorkerReply =
  | { readonly type: 'changeSet'; readonly id: number; readonly changeSet: ChangeSet }
  | { readonly type: 'progress'; readonly id: number; readonly progress: AnalysisProgress }
  | { readonly type: 'analyzed'; readonly id: number; readonly summary: AnalysisSummary }
  | { readonly type: 'updated'; readonly id: number; readonly changeSet: ChangeSet }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };
