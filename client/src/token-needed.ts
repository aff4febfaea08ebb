/**
 * Whether the server turned the page away for want of its token (an HTTP 401 from `/graphql`):
 * the page then says how to log in instead of "reconnecting" forever.
 */
import { useSyncExternalStore } from 'react';

let needed = false;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** `fetch` for urql: notes a 401 and passes every answer on unchanged. */
export function fetchNoticingToken(fetchImpl: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    if (response.status === 401 && !needed) {
      needed = true;
      for (const listener of listeners) listener();
    }
    return response;
  };
}

/** True once the server asked for its token. */
export function useTokenNeeded(): boolean {
  return useSyncExternalStore(subscribe, () => needed);
}
