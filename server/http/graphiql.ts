/**
 * GraphiQL served from codenav itself: no file of it comes from a CDN, so it opens without
 * internet, and nothing another server sends runs in a page that can send the token's cookie.
 *
 * Yoga's own page loads GraphiQL from unpkg (without integrity checks). Its build for offline
 * use, `@graphql-yoga/render-graphiql`, holds the same build as strings (bundled into dist/ as
 * a chunk loaded on first use); its page inlines all 9 MB of it in every answer. Here the page
 * is small and names the files, served at {@link GRAPHIQL_ASSETS}`<version>/` (outside
 * `/graphql`: a script needs no token, and holds no data), cached for good under a name that
 * changes with their content. With no inline script, the page's Content-Security-Policy allows
 * scripts, styles, workers and connections of its own origin only.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { GraphiQLOptions } from 'graphql-yoga';
import { withNoFraming } from './no-framing.ts';

/** The folder of GraphiQL's files. */
export const GRAPHIQL_ASSETS = '/graphiql/';

/**
 * Headers of GraphiQL's page. Styles may be inline (GraphiQL and its editor set them from
 * script); images and fonts may be `data:` (its CSS embeds them). `connect-src 'self'` covers
 * the page's WebSocket to the same host and port. No other site may frame it (no-framing.ts).
 */
export const GRAPHIQL_PAGE_HEADERS: Readonly<Record<string, string>> = withNoFraming({
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': [
    "default-src 'none'",
    "script-src 'self'",
    "worker-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-cache',
});

const JS = 'text/javascript; charset=utf-8';
const gzipAsync = promisify(gzip);

/**
 * Starts GraphiQL: tells its editor (Monaco) where its workers are (beside this script), then
 * renders it with the page's options once graphiql.js, the next script, has run.
 */
const START_SCRIPT = `(function () {
  var base = document.currentScript.src.replace(/[^/]*$/, '');
  var workers = { editorWorkerService: 'editor.worker.js', json: 'json.worker.js', graphql: 'graphql.worker.js' };
  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: function (moduleId, label) {
      return base + (workers[label] || workers.editorWorkerService);
    },
  };
  document.addEventListener('DOMContentLoaded', function () {
    var options = JSON.parse(document.getElementById('graphiql-options').textContent);
    YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), options);
  });
})();
`;

interface Asset {
  readonly body: Buffer;
  readonly type: string;
  /** Text, sent gzipped to a client that accepts it. */
  readonly compressible: boolean;
}

interface Assets {
  /** A hash of every file: the folder they are served from, so a new build is never an old one's cache. */
  readonly version: string;
  readonly files: ReadonlyMap<string, Asset>;
}

let loading: Promise<Assets> | undefined;

/** GraphiQL's files, loaded (a 9 MB module) when GraphiQL is first opened. */
function loadAssets(): Promise<Assets> {
  if (loading) return loading;
  loading = import('@graphql-yoga/render-graphiql/graphiql').then((build) => {
    const text = (body: string, type: string): Asset => ({
      body: Buffer.from(body, 'utf8'),
      type,
      compressible: true,
    });
    const files = new Map<string, Asset>([
      ['graphiql.css', text(build.css, 'text/css; charset=utf-8')],
      ['graphiql.js', text(build.js, JS)],
      ['start.js', text(START_SCRIPT, JS)],
      ['editor.worker.js', text(build.editorWorkerService, JS)],
      ['json.worker.js', text(build.jsonWorker, JS)],
      ['graphql.worker.js', text(build.graphqlWorker, JS)],
      ['favicon.ico', dataUrlAsset(build.favicon)],
    ]);
    const hash = createHash('sha256');
    for (const [name, asset] of files) hash.update(`${name}\0`).update(asset.body);
    return { version: hash.digest('hex').slice(0, 12), files };
  });
  loading.catch(() => {
    // A failed load is tried again on the next request.
    loading = undefined;
  });
  return loading;
}

/** The favicon, shipped as a `data:` URL. */
function dataUrlAsset(url: string): Asset {
  const match = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(url);
  if (!match) return { body: Buffer.alloc(0), type: 'image/x-icon', compressible: false };
  return {
    type: match[1]!,
    compressible: false,
    body: match[2] ? Buffer.from(match[3]!, 'base64') : Buffer.from(decodeURIComponent(match[3]!)),
  };
}

/** Yoga's `renderGraphiQL`: the page, which names GraphiQL's files and holds its options as data. */
export async function renderGraphiQL(options: GraphiQLOptions): Promise<string> {
  const { version } = await loadAssets();
  const at = `${GRAPHIQL_ASSETS}${version}/`;
  const title = escapeHtml(options.title ?? 'GraphiQL');
  // JSON in a <script> element: `<` escaped, so no string in it can end the element.
  const data = JSON.stringify(options).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<link rel="icon" href="${at}favicon.ico">
<link rel="stylesheet" href="${at}graphiql.css">
<script type="application/json" id="graphiql-options">${data}</script>
</head>
<body id="body" class="no-focus-outline">
<noscript>GraphiQL needs JavaScript.</noscript>
<div id="root">Loading ${title}…</div>
<script src="${at}start.js"></script>
<script src="${at}graphiql.js"></script>
</body>
</html>
`;
}

/**
 * Answers a `GET` or `HEAD` of a file under {@link GRAPHIQL_ASSETS}: 200 and cached for good
 * under the current version, else 404 (a page left open across an upgrade asks for old names).
 */
export async function serveGraphiqlAsset(
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
): Promise<void> {
  let assets: Assets;
  try {
    assets = await loadAssets();
  } catch {
    response
      .writeHead(500, { ...PLAIN, 'cache-control': 'no-store' })
      .end('codenav: GraphiQL is missing from this build: rebuild codenav (npm run build)\n');
    return;
  }
  const [version, name, ...rest] = pathname.slice(GRAPHIQL_ASSETS.length).split('/');
  const asset = version === assets.version && rest.length === 0 ? assets.files.get(name ?? '') : undefined;
  if (!asset) {
    notFound(request, response);
    return;
  }
  // 9 MB in all, 2.5 MB gzipped: worth it beyond loopback (compressed once, on first request).
  const gzipped = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? '')) && asset.compressible;
  const body = gzipped ? await gzipOf(asset) : asset.body;
  response.writeHead(200, {
    'content-type': asset.type,
    'content-length': body.length,
    ...(gzipped ? { 'content-encoding': 'gzip' } : {}),
    vary: 'accept-encoding',
    'cache-control': 'public, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

const gzips = new WeakMap<Asset, Promise<Buffer>>();

function gzipOf(asset: Asset): Promise<Buffer> {
  let compressed = gzips.get(asset);
  if (!compressed) {
    compressed = gzipAsync(asset.body);
    gzips.set(asset, compressed);
  }
  return compressed;
}

/** Headers of codenav's own plain-text answers (errors, refusals). */
export const PLAIN = { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' };

/** A static file that is not there (a page left open across an upgrade asks for old names). */
export function notFound(request: IncomingMessage, response: ServerResponse): void {
  response
    .writeHead(404, { ...PLAIN, 'cache-control': 'no-store' })
    .end(request.method === 'HEAD' ? undefined : 'codenav: no such file: reload the page\n');
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
