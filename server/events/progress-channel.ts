/**
 * Analysis progress inside one process: the latest progress, and subscriptions that get it
 * first and every newer one after.
 */
import type { ProgressEvent } from './port.ts';

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

export class ProgressChannel {
  #latest: ProgressEvent | undefined;
  readonly #subscriptions = new Set<ProgressSubscription>();

  get latest(): ProgressEvent | undefined {
    return this.#latest;
  }

  /** Subscriptions currently open. */
  get size(): number {
    return this.#subscriptions.size;
  }

  publish(progress: ProgressEvent): void {
    this.#latest = progress;
    for (const subscription of this.#subscriptions) subscription.offer(progress);
  }

  /** The latest progress first (when there is one), then each new one. */
  subscribe(signal?: AbortSignal): AsyncIterableIterator<ProgressEvent> {
    const subscription = new ProgressSubscription(this.#latest, signal, (s) => this.#subscriptions.delete(s));
    if (!subscription.finished) this.#subscriptions.add(subscription);
    return subscription;
  }

  /** Ends every subscription. */
  close(): void {
    for (const subscription of [...this.#subscriptions]) subscription.finish();
  }
}

/**
 * Keeps one undelivered progress at most: only the latest matters, so a slow consumer skips
 * stale ones instead of queueing them.
 */
class ProgressSubscription implements AsyncIterableIterator<ProgressEvent> {
  #next: ProgressEvent | undefined;
  #wake: (() => void) | undefined;
  finished = false;

  constructor(
    first: ProgressEvent | undefined,
    private readonly signal: AbortSignal | undefined,
    private readonly onFinish: (subscription: ProgressSubscription) => void,
  ) {
    this.#next = first;
    if (signal?.aborted) this.finished = true;
    else signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  offer(progress: ProgressEvent): void {
    this.#next = progress;
    this.#wake?.();
  }

  async next(): Promise<IteratorResult<ProgressEvent, undefined>> {
    while (!this.finished) {
      const progress = this.#next;
      if (progress !== undefined) {
        this.#next = undefined;
        return { value: progress, done: false };
      }
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
      this.#wake = undefined;
    }
    return DONE;
  }

  async return(): Promise<IteratorResult<ProgressEvent, undefined>> {
    this.finish();
    return DONE;
  }

  readonly #onAbort = (): void => {
    this.finish();
  };

  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.#next = undefined;
    this.signal?.removeEventListener('abort', this.#onAbort);
    this.onFinish(this);
    this.#wake?.();
  }
}
