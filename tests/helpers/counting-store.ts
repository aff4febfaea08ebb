import { createMemoryStore } from '../../server/graph/memory/memory-store.ts';
import type { GraphStore } from '../../server/graph/port.ts';

/** A memory store that records the name of every method called on it. */
export function countingStore(): { store: GraphStore; calls: string[] } {
  const calls: string[] = [];
  const store = createMemoryStore();
  const counting = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(property));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as GraphStore;
  return { store: counting, calls };
}
