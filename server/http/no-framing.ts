/**
 * Keeps codenav's pages out of other sites' frames. A page framed by another site can be
 * overlaid with decoys so that a click meant for the decoy lands on the page (clickjacking):
 * the web UI and GraphiQL run mutations (`reanalyze`) and, after a token login, with the
 * session cookie. No page of codenav is meant to be framed, not even by codenav itself.
 */

/** The directive that forbids every frame: `'none'`, since no page frames another. */
const FRAME_ANCESTORS = "frame-ancestors 'none'";

/**
 * `headers` (a page's) with framing forbidden: `frame-ancestors 'none'` in the page's own
 * Content-Security-Policy, in place of any frame rule it had (one header: a second policy would
 * apply beside the first, and read as a mistake), and `X-Frame-Options: DENY` for browsers
 * older than CSP level 2.
 */
export function withNoFraming(headers: Readonly<Record<string, string>>): Record<string, string> {
  const directives = (headers['content-security-policy'] ?? '')
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '' && !/^frame-ancestors(\s|$)/i.test(directive));
  return {
    ...headers,
    'content-security-policy': [...directives, FRAME_ANCESTORS].join('; '),
    'x-frame-options': 'DENY',
  };
}
