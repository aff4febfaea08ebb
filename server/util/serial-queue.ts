/**
 * Runs tasks one at a time, in the order they were queued: each starts once the one before it
 * has settled, whether it succeeded or failed.
 */
export interface SerialQueue {
  /**
   * Queues `task`; resolves or rejects with its outcome. A task that fails does not stop the
   * ones queued after it: its error reaches only this caller.
   */
  run<T>(task: () => T | PromiseLike<T>): Promise<T>;
  /** Resolves (never rejects) once every task queued so far has settled. */
  idle(): Promise<void>;
}

/** Creates an empty {@link SerialQueue}. */
export function createSerialQueue(): SerialQueue {
  /** The last task queued, its failure swallowed: the next task's starting point. */
  let tail: Promise<void> = Promise.resolve();
  return {
    run<T>(task: () => T | PromiseLike<T>): Promise<T> {
      const result = tail.then(task);
      tail = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
    idle: () => tail,
  };
}
