/**
 * Where a request claims to come from and to go to: the `Host` check against DNS rebinding
 * and the `Origin` check of WebSocket upgrades. Plain functions of header values.
 */

export interface HostCheckOptions {
  /**
   * Check `Host` at all: on when the server binds loopback (the case DNS rebinding attacks) or
   * when host names are configured.
   */
  readonly enabled: boolean;
  /** Names served besides loopback names and IP addresses; `.example.com` allows it and its subdomains. */
  readonly allowedHosts: readonly string[];
}

/**
 * Whether a `Host` header names this server, as development servers decide it (Vite's
 * `server.allowedHosts`, webpack-dev-server's `allowedHosts`).
 *
 * @remarks
 * A page on `evil.example` whose DNS answer changes to 127.0.0.1 is same-origin with itself,
 * so the browser lets it read every answer; only the `Host` it sends (`evil.example:4000`)
 * gives it away. Allowed without configuration: `localhost` and `*.localhost` (browsers
 * resolve them to loopback themselves) and IP addresses (no DNS is involved). A request
 * without `Host` (HTTP/1.0, not a browser) passes.
 */
export function createHostCheck(options: HostCheckOptions): (host: string | undefined) => boolean {
  const exact = new Set(options.allowedHosts.filter((name) => !name.startsWith('.')));
  const suffixes = options.allowedHosts.filter((name) => name.startsWith('.'));
  return (host) => {
    if (!options.enabled || host === undefined) return true;
    const name = hostname(host);
    if (name === undefined) return false;
    if (name === 'localhost' || name.endsWith('.localhost') || isIpAddress(name)) return true;
    return exact.has(name) || suffixes.some((suffix) => name === suffix.slice(1) || name.endsWith(suffix));
  };
}

/**
 * Whether a browser page at `origin` may open a WebSocket here. Browsers apply no CORS to
 * WebSockets, so this check is what stops another site's page from reading the graph.
 * Allowed: no `Origin` (a non-browser client), the server's own origin (same host and port
 * as the request's `Host`, any scheme, for a TLS proxy in front), and the configured origins.
 */
export function createOriginCheck(
  allowedOrigins: readonly string[],
): (origin: string | undefined, host: string | undefined) => boolean {
  const allowed = new Set(allowedOrigins.map((origin) => origin.toLowerCase().replace(/\/$/, '')));
  return (origin, host) => {
    if (origin === undefined) return true;
    const normalized = origin.toLowerCase();
    if (allowed.has(normalized)) return true;
    if (host === undefined) return false;
    const match = /^https?:\/\/([^/]+)$/.exec(normalized);
    return match !== null && match[1] === host.toLowerCase();
  };
}

/** The lowercased name of a `Host` value (without port or trailing dot); undefined when malformed. */
function hostname(host: string): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d{1,5})?$/i.exec(host.trim());
  return match ? match[1]!.toLowerCase().replace(/\.$/, '') : undefined;
}

function isIpAddress(name: string): boolean {
  return /^\[[0-9a-f:.]+\]$/.test(name) || /^\d{1,3}(\.\d{1,3}){3}$/.test(name);
}
