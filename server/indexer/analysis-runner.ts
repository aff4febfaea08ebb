import { Worker } from 'node:worker_threads';
import type { AnalysisProgress, AnalysisSummary } from '../analysis/index.ts';
import type { ChangeSet } from '../model/index.ts';
import type { VerifyOutcome, WorkerReply, WorkerRequest } from './worker-protocol.ts';

/** The analyzer, running in a worker thread, driven by promises. */
export interface AnalysisRunner {
  /** The first (or a full) analysis: change sets arrive through `onChangeSet` as they are ready. */
  analyze(handlers: {
    onChangeSet(changeSet: ChangeSet): void;
    onProgress?(progress: AnalysisProgress): void;
  }): Promise<AnalysisSummary>;
  /** Re-analyze changed paths; resolves with the minimal change set. */
  update(paths: readonly string[], onProgress?: (progress: AnalysisProgress) => void): Promise<ChangeSet>;
  /**
   * The first analysis from a snapshot (its file's bytes, checked already): resolves with the
   * difference between the snapshot and the project as it is now. The bytes are handed over:
   * moved to the worker, not copied, when they are a buffer of their own (the caller must not
   * use them afterwards).
   */
  verify(snapshot: Uint8Array, onProgress?: (progress: AnalysisProgress) => void): Promise<VerifyOutcome>;
  /** The layout fingerprint of the latest analysis (stored with a snapshot), once there is one. */
  layout(): string | undefined;
  /** The project's configuration problems after the latest analysis or update. */
  problems(): readonly string[];
  close(): Promise<void>;
}

export interface AnalysisRunnerOptions {
  readonly root: string;
  readonly maxFileBytes?: number;
}

interface Pending {
  resolve(value: never): void;
  reject(error: Error): void;
  onChangeSet?(changeSet: ChangeSet): void;
  onProgress?(progress: AnalysisProgress): void;
}

export function createAnalysisRunner(options: AnalysisRunnerOptions): AnalysisRunner {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let dead: Error | undefined;
  let worker: Worker | undefined;
  let layout: string | undefined;
  let problems: readonly string[] = [];

  const failAll = (error: Error) => {
    dead = error;
    for (const entry of pending.values()) entry.reject(error);
    pending.clear();
  };

  // The worker starts with the first request: a server that fails to listen never starts one.
  const ensureWorker = (): Worker => {
    if (worker) return worker;
    worker = new Worker(workerEntry(), {
      workerData: { root: options.root, maxFileBytes: options.maxFileBytes },
      // The type checker makes much short-lived garbage: a larger young generation spends less time in GC.
      resourceLimits: { maxYoungGenerationSizeMb: 96 },
    });
    worker.on('error', (error) =>
      failAll(new Error(`analysis worker crashed: ${error.message}`, { cause: error })),
    );
    worker.on('exit', (code) => failAll(new Error(`analysis worker exited (code ${code})`)));
    worker.on('message', (reply: WorkerReply) => {
      const entry = pending.get(reply.id);
      if (!entry) return;
      switch (reply.type) {
        case 'changeSet':
          entry.onChangeSet?.(reply.changeSet);
          break;
        case 'progress':
          entry.onProgress?.(reply.progress);
          break;
        case 'analyzed':
          pending.delete(reply.id);
          entry.resolve(reply.summary as never);
          break;
        case 'updated':
          pending.delete(reply.id);
          entry.resolve(reply.changeSet as never);
          break;
        case 'verified':
          pending.delete(reply.id);
          entry.resolve(reply.verified as never);
          break;
        case 'layout':
          layout = reply.layout;
          problems = reply.problems;
          break;
        case 'failed':
          pending.delete(reply.id);
          entry.reject(new Error(reply.message));
          break;
      }
    });
    return worker;
  };

  const request = <T>(
    message: WorkerRequest,
    handlers: Omit<Pending, 'resolve' | 'reject'>,
    transfer: ArrayBuffer[] = [],
  ): Promise<T> => {
    if (dead) return Promise.reject(dead);
    const target = ensureWorker();
    return new Promise<T>((resolve, reject) => {
      pending.set(message.id, { resolve: resolve as (value: never) => void, reject, ...handlers });
      target.postMessage(message, transfer);
    });
  };

  return {
    analyze: (handlers) => request({ type: 'analyze', id: nextId++ }, handlers),
    update: (paths, onProgress) => request({ type: 'update', id: nextId++, paths }, { onProgress }),
    verify: (snapshot, onProgress) =>
      request({ type: 'verify', id: nextId++, snapshot }, { onProgress }, ownBuffer(snapshot)),
    layout: () => layout,
    problems: () => problems,
    async close() {
      worker?.removeAllListeners('exit');
      failAll(new Error('analysis stopped'));
      await worker?.terminate();
    },
  };
}

/**
 * The buffer to move to the worker with a snapshot's bytes: theirs when they span all of it.
 * A view on part of a buffer is copied instead: moving the buffer would empty every other view
 * on it. (Node's pool of small Buffers is marked untransferable: it would be copied anyway.)
 */
function ownBuffer(bytes: Uint8Array): ArrayBuffer[] {
  const { buffer } = bytes;
  return buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength
    ? [buffer]
    : [];
}

/**
 * The worker's entry: compiled, `analysis-worker.js` beside this file. Run from the TypeScript
 * sources (tests, benchmarks: vitest or tsx), this file is `analysis-runner.ts`, and a worker
 * thread inherits no loader: a two-line module registers tsx's (a dev dependency, only there in
 * a clone), then imports `analysis-worker.ts`.
 */
function workerEntry(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./analysis-worker.js', import.meta.url);
  const boot = [
    `const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});`,
    `register(); await import(${JSON.stringify(new URL('./analysis-worker.ts', import.meta.url).href)});`,
  ].join('\n');
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}
