import type { AnalysisProgress, AnalysisSummary } from '../analysis/index.ts';
import type { ChangeSet } from '../model/index.ts';

/** Messages to the analysis worker. */
export type WorkerRequest =
  | { readonly type: 'analyze'; readonly id: number }
  | { readonly type: 'update'; readonly id: number; readonly paths: readonly string[] }
  /** The first analysis from a snapshot file's bytes (see server/durability). */
  | { readonly type: 'verify'; readonly id: number; readonly snapshot: Uint8Array };

/** Messages from the analysis worker, each naming the request it answers. */
export type WorkerReply =
  | { readonly type: 'changeSet'; readonly id: number; readonly changeSet: ChangeSet }
  | { readonly type: 'progress'; readonly id: number; readonly progress: AnalysisProgress }
  | { readonly type: 'analyzed'; readonly id: number; readonly summary: AnalysisSummary }
  | { readonly type: 'updated'; readonly id: number; readonly changeSet: ChangeSet }
  | { readonly type: 'failed'; readonly id: number; readonly message: string }
  | { readonly type: 'verified'; readonly id: number; readonly verified: VerifyOutcome }
  /**
   * The project's layout fingerprint (stored with a snapshot) and its configuration problems,
   * after each analysis and update.
   */
  | {
      readonly type: 'layout';
      readonly id: number;
      readonly layout: string;
      readonly problems: readonly string[];
    };

/** What verifying a snapshot found. */
export interface VerifyOutcome {
  /** The difference from the snapshot's graph: applied as one revision (none when empty). */
  readonly changeSet: ChangeSet;
  readonly summary: AnalysisSummary;
  /** Files whose stored records were kept without going through the checker. */
  readonly reused: number;
}
