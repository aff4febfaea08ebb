/**
 * `useQuery` that stays live: it queries again (throttled, bypassing the cache) when a
 * revision touches it, after every full re-query of the stream (a new epoch), and after a
 * reconnect when its last attempt failed.
 */
import { useEffect, useMemo, useRef } from 'react';
import { type AnyVariables, type UseQueryArgs, type UseQueryResponse, useQuery } from 'urql';
import type { RevisionEvent } from './live/revision.ts';
import { createThrottle } from './live/throttle.ts';
import { useLive, useRevisions } from './useLive.ts';

export type LiveQueryArgs<Variables extends AnyVariables, Data> = UseQueryArgs<Variables, Data> & {
  /** Whether a revision may change the result; omitted: every revision does. */
  readonly touchedBy?: (event: RevisionEvent) => boolean;
};

export function useLiveQuery<Data = unknown, Variables extends AnyVariables = AnyVariables>(
  args: LiveQueryArgs<Variables, Data>,
): UseQueryResponse<Data, Variables> {
  const response = useQuery<Data, Variables>(args);
  const [result, reexecute] = response;
  const epoch = useLive((s) => s.epoch);
  const reconnects = useLive((s) => s.reconnects);

  const reexecuteRef = useRef(reexecute);
  reexecuteRef.current = reexecute;
  const throttle = useMemo(
    () => createThrottle(() => reexecuteRef.current({ requestPolicy: 'network-only' }), 300),
    [],
  );
  useEffect(() => () => throttle.cancel(), [throttle]);

  const touchedBy = args.touchedBy;
  const failed = result.error !== undefined;
  useRevisions((event) => {
    if (args.pause) return;
    // A failed query tries again on any revision: the server may now have what it lacked.
    if (failed || !touchedBy || touchedBy(event)) throttle.call();
  });

  const seenEpoch = useRef(epoch);
  useEffect(() => {
    if (seenEpoch.current === epoch) return;
    seenEpoch.current = epoch;
    throttle.call();
  }, [epoch, throttle]);

  const seenReconnects = useRef(reconnects);
  useEffect(() => {
    if (seenReconnects.current === reconnects) return;
    seenReconnects.current = reconnects;
    if (failed) throttle.call();
  }, [reconnects, failed, throttle]);

  return response;
}
