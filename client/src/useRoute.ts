/** The current hash route, and navigation. */
import { useCallback, useSyncExternalStore } from 'react';
import { hrefOf, parseRoute, type Route } from './router.ts';

const subscribe = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}

/** Go to a route; `replace` rewrites the current history entry (typing in a search box). */
export function useNavigate(): (route: Route, options?: { replace?: boolean }) => void {
  return useCallback((route, options) => {
    const href = hrefOf(route);
    if (href === window.location.hash) return;
    if (options?.replace) {
      history.replaceState(null, '', href);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } else window.location.hash = href;
  }, []);
}
