/**
 * The events stage: every applied change set as a numbered revision, logged and published.
 * The composition root picks an engine; everything else sees the {@link EventsEngine} port.
 *
 * @packageDocumentation
 */
export type { LocalEventsEngine } from './local-events-engine.ts';
export { createMemoryEvents, type MemoryEventsEngine, type MemoryEventsOptions } from './memory-engine.ts';
export * from './port.ts';
export {
  createRedisEvents,
  type EventsLogger,
  type RedisEventsOptions,
  type RevisionNumbering,
} from './redis-engine.ts';
