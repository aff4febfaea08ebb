import { isRetryableError } from './map-error.ts';

export interface RetryOptions {
  /** Further attempts after the first. @default 3 */
  readonly retries?: number;
  /** First back-off, doubled each time, with jitter. @default 50 */
  readonly delayMs?: number;
}

/**
 * Runs `work` again when it fails in a way that running it again can cure (a write conflict,
 * a storage-access timeout: see `isRetryableError`), and only then. This is the adapter's only
 * retry: transactions are explicit, so the driver never repeats one on its own.
 */
export async function withRetry<T>(work: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retries = options.retries ?? 3;
  const delayMs = options.delayMs ?? 50;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= retries || !isRetryableError(error)) throw error;
      const wait = delayMs * 2 ** attempt * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
