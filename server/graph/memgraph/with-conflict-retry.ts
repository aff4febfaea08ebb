import { isConflictError } from './map-error.ts';

export interface ConflictRetryOptions {
  /** Further attempts after the first. @default 3 */
  readonly retries?: number;
  /** First back-off, doubled each time, with jitter. @default 50 */
  readonly delayMs?: number;
}

/**
 * Runs `work` again when Memgraph reports a write conflict, and only then. The driver's own
 * retry is off: Memgraph reports conflicts, timeouts and memory-limit errors under one
 * "transient" code, and repeating a permanent failure only delays the error.
 */
export async function withConflictRetry<T>(
  work: () => Promise<T>,
  options: ConflictRetryOptions = {},
): Promise<T> {
  const retries = options.retries ?? 3;
  const delayMs = options.delayMs ?? 50;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= retries || !isConflictError(error)) throw error;
      const wait = delayMs * 2 ** attempt * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
