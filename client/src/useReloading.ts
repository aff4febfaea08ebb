/**
 * When a picture loads: at once, after every re-query of the live stream (a new epoch: the
 * picture keeps its positions), after a reconnect when its last load failed, and through
 * `reload()` — throttled — whenever a revision asks for it.
 */
import { useEffect, useMemo, useRef } from 'react';
import { createThrottle } from './live/throttle.ts';
import { useLive } from './useLive.ts';

export function useReloading(load: () => void, failed: boolean, throttleMs: number): { call(): void } {
  const epoch = useLive((s) => s.epoch);
  const reconnects = useLive((s) => s.reconnects);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useMemo(() => createThrottle(() => loadRef.current(), throttleMs), [throttleMs]);
  useEffect(() => () => reload.cancel(), [reload]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the epoch is the trigger, not an input.
  useEffect(() => {
    load();
  }, [load, epoch]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a reconnect is the trigger, not an input.
  useEffect(() => {
    if (failed) load();
  }, [reconnects]);

  return reload;
}
