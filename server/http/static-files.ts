import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import { pipeline } from 'node:stream';
import { GRAPHIQL_ASSETS, notFound, PLAIN, serveGraphiqlAsset } from './graphiql.ts';
import { withNoFraming } from './no-framing.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Shown at `/` when the web UI has not been built (only a clone can lack it: the package carries it). */
const FALLBACK = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>codenav</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2328}a{color:#0969da}</style>
</head><body><h1>codenav</h1>
<p>The web UI is not built. In the codenav clone, build it with <code>npm run build</code>
(<code>npm ci</code> and <code>npm start</code> build it too), then reload this page.</p>
<p>The GraphQL API is at <a href="/graphql">/graphql</a> (GraphiQL in a browser).</p>
<p>Health: <a href="/healthz">/healthz</a> · readiness: <a href="/readyz">/readyz</a></p>
</body></html>`;

/**
 * Serves the built web UI from `dir` (a single-page app: unknown paths get index.html),
 * or a small page linking to GraphiQL when there is no build. Never serves outside `dir`.
 * GraphiQL's own files are under `/graphiql/` (see graphiql.ts).
 */
export function createStaticHandler(dir: string) {
  const root = path.resolve(dir);
  const built = () => existsSync(path.join(root, 'index.html'));
  return (request: IncomingMessage, response: ServerResponse): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response
        .writeHead(405, { allow: 'GET, HEAD', ...PLAIN })
        .end(
          `codenav: ${String(request.method).slice(0, 20)} is not served here: the API is POST /graphql\n`,
        );
      return;
    }
    // GraphiQL's files come with the server, whether or not the web UI is built.
    const rawPath = (request.url ?? '/').split('?')[0]!;
    if (rawPath.startsWith(GRAPHIQL_ASSETS)) {
      serveGraphiqlAsset(request, response, rawPath).catch(() => response.destroy());
      return;
    }
    if (!built()) {
      response
        .writeHead(
          200,
          withNoFraming({ 'content-type': TYPES['.html']!, 'x-content-type-options': 'nosniff' }),
        )
        .end(request.method === 'HEAD' ? undefined : FALLBACK);
      return;
    }
    const pathname = decodedPath(request.url ?? '/');
    if (pathname === undefined) {
      response
        .writeHead(400, { 'content-type': 'text/plain; charset=utf-8' })
        .end('codenav: the address has malformed percent-encoding\n');
      return;
    }
    let file = path.join(root, path.normalize(pathname).replace(/^([/\\])+/, ''));
    if (!file.startsWith(root + path.sep) || !isFile(file)) {
      // A page's own address is the app's (it routes itself); a missing asset is missing: the
      // app's HTML in its place is refused by the browser as a script or style, with a
      // misleading MIME type error (a page left open across an upgrade asks for old names).
      if (pathname.startsWith('/assets/')) {
        notFound(request, response);
        return;
      }
      file = path.join(root, 'index.html');
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    const cache = file.includes(`${path.sep}assets${path.sep}`)
      ? 'public, max-age=31536000, immutable'
      : 'no-cache';
    const headers = { 'content-type': type, 'cache-control': cache, 'x-content-type-options': 'nosniff' };
    // A page (the app's index.html) is kept out of other sites' frames.
    response.writeHead(200, type === TYPES['.html'] ? withNoFraming(headers) : headers);
    if (request.method === 'HEAD') response.end();
    // A file that vanishes or cannot be read ends this response, not the process.
    else pipeline(createReadStream(file), response, () => {});
  };
}

/** The request's path, percent-decoded; undefined when the encoding is malformed (`/%ff`). */
function decodedPath(requestUrl: string): string | undefined {
  try {
    return decodeURIComponent(new URL(requestUrl, 'http://localhost').pathname);
  } catch {
    return undefined;
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
