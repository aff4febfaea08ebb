import type { Route } from '../router.ts';
import { useTokenNeeded } from '../token-needed.ts';
import { useLive } from '../useLive.ts';

const TABS: { page: Route['page']; label: string; href: string; also?: Route['page'][] }[] = [
  { page: 'dashboard', label: 'Dashboard', href: '#/' },
  { page: 'explore', label: 'Explorer', href: '#/explore', also: ['node', 'file'] },
  { page: 'graph', label: 'Graph', href: '#/graph' },
  { page: 'cycles', label: 'Import cycles', href: '#/cycles' },
  { page: 'unused', label: 'Unused exports', href: '#/unused' },
];

export function Header({ route }: { route: Route }) {
  return (
    <>
      <header className="topbar">
        <a className="brand" href="#/">
          <span className="brand-mark" aria-hidden="true" />
          codenav
        </a>
        <nav className="tabs" aria-label="Views">
          {TABS.map((tab) => {
            const active = route.page === tab.page || tab.also?.includes(route.page);
            return (
              <a
                key={tab.page}
                href={tab.href}
                className={active ? 'tab active' : 'tab'}
                aria-current={active ? 'page' : undefined}
              >
                {tab.label}
              </a>
            );
          })}
        </nav>
        <ConnectionPill />
      </header>
      <ConnectionBanner />
    </>
  );
}

const CONNECTION_TEXT = {
  connecting: 'connecting…',
  syncing: 'syncing…',
  live: 'live',
  reconnecting: 'reconnecting…',
} as const;

function ConnectionPill() {
  const connection = useLive((s) => s.connection);
  const revision = useLive((s) => s.revision);
  return (
    <output
      className={`pill pill-${connection}`}
      data-testid="connection"
      data-state={connection}
      title="Subscription to graph changes"
    >
      <span className="dot" aria-hidden="true" />
      {CONNECTION_TEXT[connection]}
      {revision !== undefined ? <span className="pill-revision">rev {revision}</span> : null}
    </output>
  );
}

function ConnectionBanner() {
  const connection = useLive((s) => s.connection);
  const error = useLive((s) => s.error);
  const tokenNeeded = useTokenNeeded();
  if (tokenNeeded && connection !== 'live')
    return (
      <div className="banner banner-error" role="alert" data-testid="token-banner">
        This server needs its token. Open this page once as <code>/?token=…</code> with the token codenav was
        started with (<code>--token</code> or <code>CODENAV_TOKEN</code>); the browser keeps it for the
        session.
      </div>
    );
  if (connection === 'reconnecting')
    return (
      <div className="banner banner-warning" role="status" data-testid="reconnecting-banner">
        Connection to the server lost — reconnecting. The page catches up on everything it missed once the
        server is back.
      </div>
    );
  if (error && connection !== 'live')
    return (
      <div className="banner banner-error" role="alert">
        {error}
      </div>
    );
  return null;
}
