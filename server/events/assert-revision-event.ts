import type { RevisionEvent } from './port.ts';

/**
 * Checks what a writer publishes: revisions are positive integers (the store's revision
 * after applying a change set). A wrong one is a bug in the caller, not a client's mistake.
 */
export function assertRevisionEvent(event: RevisionEvent): void {
  if (!(Number.isSafeInteger(event.revision) && event.revision > 0)) {
    throw new TypeError(`a published revision must be an integer above 0, got ${String(event.revision)}`);
  }
}
