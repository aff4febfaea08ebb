/**
 * What the MCP server needs from the rest of codenav: the same ports and functions the GraphQL
 * schema gets.
 */
import type { DiffImpactResult } from '../diff-impact/index.ts';
import type { EventsEngine, ProgressEvent } from '../events/port.ts';
import type { GraphStore } from '../graph/port.ts';

/**
 * Compares the analyzed working tree with a git revision `base`, following dependents up to
 * `depth`, with at most `first` changes and `first` affected nodes (the GraphQL API's
 * `diffImpact` service). Throws `DiffImpactError` for an unknown revision or a folder that is
 * not a git work tree, `DiffImpactCancelledError` once `signal` (the MCP request's) aborts.
 */
export type DiffImpact = (
  base: string,
  depth: number,
  first: number,
  signal?: AbortSignal,
) => Promise<DiffImpactResult>;

/** The services of one codenav process, shared by every MCP session. */
export interface McpServices {
  readonly store: GraphStore;
  readonly events: EventsEngine;
  /** The analysis now: tools say when they answer from a graph that is still being built. */
  analysis(): Pick<ProgressEvent, 'state' | 'phase' | 'filesDone' | 'filesTotal'>;
  /**
   * In a process that analyzes: a promise that settles when its first analysis ends (built,
   * verified from a snapshot, or failed). Graph tools wait on it while the graph is being built
   * (`whenGraphBuilt` in graph-built.ts). Absent where the indexer is another process (`--role api`).
   */
  readonly firstAnalysis?: () => Promise<void>;
  /** How long a tool waits for the first analysis. @default `FIRST_ANALYSIS_WAIT_MS` (20 s) */
  readonly firstAnalysisWaitMs?: number;
  /**
   * Root-relative paths of files the watcher has seen change and not yet handed to the analysis
   * (it holds a burst of saves for up to half a second): answers are not complete while there are
   * some. Absent where this process does not watch the files.
   */
  readonly changedFiles?: () => readonly string[];
  /** The API's path guard: root-relative, no `..`, no symlink out of the root. */
  checkPath(path: string): { path: string } | { error: string };
  /** Reads an analyzed file as it is now; `undefined` when it cannot be read (outside the root included). */
  readonly readSource?: (
    path: string,
  ) => Promise<{ readonly text: string; readonly hash: string } | undefined>;
  /** Absent where this process cannot diff against git: `diff_impact` then says so. */
  readonly diffImpact?: DiffImpact;
}
