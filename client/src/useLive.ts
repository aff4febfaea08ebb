/** React access to the live stream: its snapshot (or a slice of it) and its revisions. */
import { createContext, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import type { LiveSnapshot, LiveStream } from './live/live-stream.ts';
import type { RevisionEvent } from './live/revision.ts';

export const LiveContext = createContext<LiveStream | undefined>(undefined);

export function useLiveStream(): LiveStream {
  const stream = useContext(LiveContext);
  if (!stream) throw new Error('useLiveStream needs a <LiveContext.Provider> around the app');
  return stream;
}

/** The snapshot, or one value of it: the component re-renders only when that value changes. */
export function useLive(): LiveSnapshot;
export function useLive<T>(select: (snapshot: LiveSnapshot) => T): T;
export function useLive<T>(select?: (snapshot: LiveSnapshot) => T): T | LiveSnapshot {
  const stream = useLiveStream();
  const get = () => (select ? select(stream.getSnapshot()) : stream.getSnapshot());
  return useSyncExternalStore(stream.subscribe, get);
}

/** Calls `listener` with every applied revision (the latest `listener`, without resubscribing). */
export function useRevisions(listener: (event: RevisionEvent) => void): void {
  const stream = useLiveStream();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => stream.onRevision((event) => latest.current(event)), [stream]);
}
