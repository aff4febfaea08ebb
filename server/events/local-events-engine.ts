import type { EventsEngine } from './port.ts';

/** An {@link EventsEngine} as both engines implement it: it can tell what it holds. */
export interface LocalEventsEngine extends EventsEngine {
  /** Revision and progress subscriptions open in this process (for leak checks and metrics). */
  openSubscriptions(): number;
}
