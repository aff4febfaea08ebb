/** `/readyz`: each server component's state, polled while the connection is up. */
import { useEffect, useState } from 'react';
import { useLive } from './useLive.ts';

export interface Readiness {
  readonly status: string;
  readonly components: Readonly<Record<string, { readonly state: string; readonly message?: string }>>;
}

/** `readiness` is the last answer; `stale` while the server cannot be reached. */
export function useReadiness(pollMs = 5000): { readiness?: Readiness; error?: string; stale: boolean } {
  const connection = useLive((s) => s.connection);
  const [state, setState] = useState<{ readiness?: Readiness; error?: string }>({});
  // While the socket is down the server is unreachable: polling would only fill the console.
  const online = connection === 'live' || connection === 'syncing';
  useEffect(() => {
    if (!online) return;
    let stopped = false;
    const controller = new AbortController();
    const poll = async () => {
      try {
        const response = await fetch('/readyz', { signal: controller.signal, cache: 'no-store' });
        const body = (await response.json()) as Readiness;
        if (!stopped) setState({ readiness: body });
      } catch (error) {
        if (!stopped)
          setState((s) => ({ ...s, error: `readiness unavailable: ${(error as Error).message}` }));
      }
    };
    void poll();
    const timer = setInterval(poll, pollMs);
    return () => {
      stopped = true;
      controller.abort();
      clearInterval(timer);
    };
  }, [online, pollMs]);
  return { ...state, stale: !online };
}
