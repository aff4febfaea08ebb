/**
 * The in-process fan-out of log entries to this process's subscriptions. Each engine feeds
 * one hub with entries in log order: the memory engine as it publishes, the Redis engine
 * as it tails the stream.
 */
import type { LogCursor, LogEntry, RevisionListener } from './revision-source.ts';

export class RevisionHub {
  readonly #listeners = new Set<RevisionListener>();
  #position: LogCursor | undefined;

  /** Subscriptions currently listening (for leak checks and metrics). */
  get size(): number {
    return this.#listeners.size;
  }

  listen(listener: RevisionListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  position(): LogCursor | undefined {
    return this.#position;
  }

  /**
   * Places the feed without delivering anything: what the log held before this process
   * started listening is history, not news.
   */
  setPosition(cursor: LogCursor | undefined): void {
    this.#position = cursor;
  }

  /** Delivers an entry to every listener; the position only moves forward within an epoch. */
  emit(entry: LogEntry): void {
    const at = this.#position;
    if (at === undefined || at.epoch !== entry.epoch || entry.event.revision > at.revision) {
      this.#position = { epoch: entry.epoch, revision: entry.event.revision };
    }
    for (const listener of this.#listeners) listener.entry(entry);
  }

  /** Ends every subscription (the engine is closing). */
  close(): void {
    const listeners = [...this.#listeners];
    this.#listeners.clear();
    for (const listener of listeners) listener.end();
  }
}
