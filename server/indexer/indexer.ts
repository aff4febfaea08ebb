import type { Logger } from 'pino';
import type { AnalysisProgress } from '../analysis/index.ts';
import type { EventsEngine, ProgressEvent } from '../events/port.ts';
import { type GraphStore, GraphStoreError } from '../graph/port.ts';
import type { ChangeSet } from '../model/index.ts';
import type { SemanticChange } from '../semantic/index.ts';
import { createSerialQueue } from '../util/serial-queue.ts';
import type { AnalysisRunner } from './analysis-runner.ts';
import { type BeforeApply, createSemanticPass } from './semantic-pass.ts';

/** The analysis as reported by `analysis` and `/readyz`. */
export type IndexerStatus = ProgressEvent;

export interface IndexerOptions {
  readonly runner: AnalysisRunner;
  readonly store: GraphStore;
  readonly events: EventsEngine;
  readonly logger: Logger;
  /** Wait between attempts to apply a change set while the store is unavailable. @default 1000 ms */
  readonly retryMs?: number;
  /**
   * The bytes of the snapshot the store was loaded from (or a function that reads the graph the
   * store holds into such bytes, undefined when there is none; its signal aborts when the indexer
   * closes): the first analysis then verifies it (phase `VERIFYING`) and applies what changed as
   * one revision, instead of analyzing anew.
   */
  readonly snapshot?: Uint8Array | ((signal: AbortSignal) => Promise<Uint8Array | undefined>);
}

/**
 * The one writer: runs the first analysis, then re-analyzes what changes, one update at a
 * time. Each non-empty change set is applied to the store atomically (one revision) and
 * published. Paths that change while an update runs are queued and coalesced into the
 * next update, never dropped.
 */
export interface Indexer {
  /** Start the first analysis in the background. */
  start(): void;
  /** Resolves when the first analysis has been applied (or failed). */
  readonly ready: Promise<void>;
  status(): IndexerStatus;
  /**
   * Queue root-relative paths for re-analysis; resolves once they are analyzed and applied.
   * Rejects ("indexer closed") when the indexer closes first, or has closed.
   */
  reanalyze(paths: readonly string[]): Promise<{ revision: number; changes: number }>;
  close(): Promise<void>;
}

export function createIndexer(options: IndexerOptions): Indexer {
  const { runner, store, events, logger } = options;
  /** Let go once started: a snapshot's bytes (tens of MB on a large project) are needed only then. */
  let snapshot = options.snapshot;
  const retryMs = options.retryMs ?? 1000;
  const semanticPass = createSemanticPass(store, logger);
  // A store loaded from a snapshot answers from the start: its verification is under way.
  const verifying = snapshot instanceof Uint8Array;
  let status: IndexerStatus = {
    state: verifying ? 'RUNNING' : 'PENDING',
    phase: verifying ? 'VERIFYING' : 'PENDING',
    filesDone: 0,
    filesTotal: 0,
    durationMs: 0,
  };
  let started = 0;
  let firstDone = false;
  let closed = false;
  /** Ends a wait for the stored graph (see `snapshot`) when the indexer closes. */
  const closing = new AbortController();
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });

  /** Paths waiting for the next update, and who waits for them. */
  const pending = new Set<string>();
  let waiters: {
    readonly paths: readonly string[];
    resolve(value: { revision: number; changes: number }): void;
    reject(error: Error): void;
  }[] = [];
  let updating = false;
  /** Applies run one after another, in the order analysis produced them. */
  const applying = createSerialQueue();

  const setStatus = (next: Partial<IndexerStatus>) => {
    status = { ...status, ...next };
    void events
      .publishProgress(status)
      .catch((error: unknown) => logger.warn({ err: error }, 'could not publish progress'));
  };
  /** Progress of the first analysis (its own phases) or of an update (`UPDATING`). */
  const onProgress = (update: boolean) => (progress: AnalysisProgress) =>
    setStatus({
      state: 'RUNNING',
      phase: update ? 'UPDATING' : progress.phase,
      filesDone: progress.filesDone,
      filesTotal: progress.filesTotal,
      durationMs: firstDone ? status.durationMs : Math.round(performance.now() - started),
    });

  /**
   * Apply a change set as one revision and publish it; waits out an unavailable store. With
   * `semantic`, its semantic changes are derived and published with it (not for the batches of
   * the first analysis: "everything was added" tells nobody anything).
   */
  const apply = (changeSet: ChangeSet, semantic = false): Promise<number> => {
    const run = async (): Promise<number> => {
      for (;;) {
        try {
          const prepared = semantic ? await semanticPass.prepare(changeSet).catch(semanticFailed) : undefined;
          const revision = await store.apply(changeSet);
          let meaning: SemanticChange[] | undefined;
          if (prepared === undefined) semanticPass.skipped();
          else meaning = deriveOrLog(changeSet, prepared);
          await events.publish({
            revision,
            files: changeSet.files,
            timestamp: Date.now(),
            changes: changeSet.changes,
            ...(meaning ? { semantic: meaning } : {}),
          });
          return revision;
        } catch (error) {
          if (closed || !(error instanceof GraphStoreError && error.code === 'STORE_UNAVAILABLE'))
            throw error;
          logger.warn({ err: error }, 'store unavailable: will apply the change set again');
          await new Promise((resolve) => setTimeout(resolve, retryMs));
        }
      }
    };
    return applying.run(run);
  };

  /** The semantic pass never holds back a revision: without it, the revision goes out without meaning. */
  const semanticFailed = (error: unknown): undefined => {
    if (error instanceof GraphStoreError && error.code === 'STORE_UNAVAILABLE') throw error;
    logger.error({ err: error }, 'semantic pass failed: the revision is published without semantic changes');
    return undefined;
  };
  const deriveOrLog = (changeSet: ChangeSet, prepared: BeforeApply): SemanticChange[] | undefined => {
    try {
      return semanticPass.derive(changeSet, prepared);
    } catch (error) {
      semanticPass.skipped();
      return semanticFailed(error);
    }
  };

  const fail = (error: unknown) => {
    if (closed) return; // Stopping ends the analysis: not a failure.
    const message = error instanceof Error ? error.message : String(error);
    logger.error({ err: error }, 'analysis failed');
    setStatus({ state: 'FAILED', phase: 'FAILED', message });
  };

  /** Configuration problems logged already: each is logged when it appears, not again on every update. */
  let loggedProblems = new Set<string>();
  const logProblems = (problems: readonly string[]) => {
    for (const problem of problems) if (!loggedProblems.has(problem)) logger.warn(problem);
    if (problems.length === 0 && loggedProblems.size > 0) logger.info('configuration problems resolved');
    loggedProblems = new Set(problems);
  };

  /** Analyzes `paths` and applies the change set: the revision (the current one when nothing changed). */
  const updateAndApply = async (paths: readonly string[]) => {
    const changeSet = await runner.update(paths, onProgress(true));
    logProblems(runner.problems());
    const revision = changeSet.changes.length > 0 ? await apply(changeSet, true) : await store.revision();
    if (changeSet.changes.length > 0)
      logger.info(
        { files: changeSet.files, changes: changeSet.changes.length, revision },
        'revision applied',
      );
    return { revision, changes: changeSet.changes.length };
  };

  /**
   * Updates a batch; when it fails as a whole, each path alone, so that one file that breaks
   * analysis does not hold back the other files saved at the same moment. Fails only when
   * every path does.
   */
  const updateBatch = async (paths: readonly string[]) => {
    try {
      return { ...(await updateAndApply(paths)), failed: new Map<string, Error>() };
    } catch (error) {
      if (paths.length === 1 || closed) throw error;
      logger.warn({ err: error, paths }, 'update failed: analyzing its files one at a time');
    }
    const failed = new Map<string, Error>();
    let outcome = { revision: await store.revision(), changes: 0 };
    for (const path of paths) {
      try {
        const done = await updateAndApply([path]);
        outcome = { revision: done.revision, changes: outcome.changes + done.changes };
      } catch (error) {
        if (closed) throw error;
        failed.set(path, error as Error);
        logger.error({ err: error, path }, 'could not analyze a changed file');
      }
    }
    if (failed.size === paths.length) throw failed.get(paths[0]!)!;
    return { ...outcome, failed };
  };

  const drain = async () => {
    if (updating || !firstDone || closed) return;
    updating = true;
    try {
      while (pending.size > 0 && !closed) {
        const paths = [...pending];
        pending.clear();
        const batch = waiters;
        waiters = [];
        try {
          setStatus({ state: 'RUNNING', phase: 'UPDATING', filesDone: 0, filesTotal: paths.length });
          const { revision, changes, failed } = await updateBatch(paths);
          setStatus({ state: 'READY', phase: 'DONE', filesDone: status.filesTotal, message: undefined });
          for (const waiter of batch) {
            const failure = waiter.paths.find((path) => failed.has(path));
            if (failure === undefined) waiter.resolve({ revision, changes });
            else waiter.reject(failed.get(failure)!);
          }
        } catch (error) {
          for (const waiter of batch) waiter.reject(error as Error);
          if (!closed) fail(error);
        }
      }
    } finally {
      updating = false;
    }
  };

  /** The first analysis from a snapshot: its difference from the project, applied as one revision. */
  const verifySnapshot = async (snapshot: Uint8Array) => {
    const outcome = await runner.verify(snapshot, (progress) =>
      setStatus({
        state: 'RUNNING',
        phase: 'VERIFYING',
        filesDone: progress.filesDone,
        filesTotal: progress.filesTotal,
        durationMs: Math.round(performance.now() - started),
      }),
    );
    const { changeSet } = outcome;
    const revision = changeSet.changes.length > 0 ? await apply(changeSet, true) : await store.revision();
    logger.info(
      {
        files: changeSet.files.length,
        changed: changeSet.files.slice(0, 10),
        changes: changeSet.changes.length,
        reused: outcome.reused,
        revision,
      },
      'snapshot verified',
    );
    return outcome.summary;
  };

  return {
    ready,
    status: () =>
      status.state === 'RUNNING' && !firstDone
        ? { ...status, durationMs: Math.round(performance.now() - started) }
        : status,
    start() {
      started = performance.now();
      const stored = snapshot;
      snapshot = undefined;
      setStatus({ state: 'RUNNING', phase: stored ? 'VERIFYING' : 'LOADING' });
      Promise.resolve(typeof stored === 'function' ? stored(closing.signal) : stored)
        .then((bytes) =>
          bytes
            ? verifySnapshot(bytes)
            : runner.analyze({
                onChangeSet: (changeSet) => void apply(changeSet).catch(fail),
                onProgress: onProgress(false),
              }),
        )
        .then(async (summary) => {
          await applying.idle();
          firstDone = true;
          setStatus({
            state: status.state === 'FAILED' ? 'FAILED' : 'READY',
            phase: 'DONE',
            filesDone: summary.files,
            filesTotal: summary.files,
            durationMs: Math.round(performance.now() - started),
          });
          logger.info(
            { files: summary.files, nodes: summary.nodes, edges: summary.edges, ms: summary.durationMs },
            'analysis done',
          );
          logProblems(summary.problems);
          // Said once, at the first analysis: a layout, not a problem to repeat on every update.
          if (summary.unanalyzed) logger.info(summary.unanalyzed.message);
        })
        .catch(fail)
        .finally(() => {
          firstDone = true;
          resolveReady();
          void drain();
        });
    },
    reanalyze(paths) {
      // Nothing drains once closed: a waiter queued now would wait for ever (a mutation that
      // reaches a server while it stops).
      if (closed) return Promise.reject(new Error('indexer closed'));
      return new Promise((resolve, reject) => {
        for (const path of paths) pending.add(path);
        waiters.push({ paths, resolve, reject });
        void drain();
      });
    },
    async close() {
      closed = true;
      closing.abort(new Error('indexer closed'));
      for (const waiter of waiters) waiter.reject(new Error('indexer closed'));
      waiters = [];
      await runner.close();
      await applying.idle();
    },
  };
}
