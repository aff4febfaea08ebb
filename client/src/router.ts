/**
 * A tiny hash router: every page is a `#/…` address, so links are plain anchors, reloads keep
 * the page, and `codenav serve` needs no server-side routes.
 *
 *   #/                          dashboard
 *   #/explore?q=cart&kind=CLASS&exported=1
 *   #/node/<key>                a symbol or an external module (keys are URI-encoded)
 *   #/file/<path>
 *   #/cycles?typeOnly=1
 *   #/unused?prefix=src/&public=1
 *   #/graph?level=2&open=src/lib/&open=src/app/   the folder picture (`open`: folders expanded)
 *   #/graph?files=1&prefix=src/&limit=300         the file import graph, file by file
 *   #/graph?focus=<key>&depth=1&types=CALLS       a node's neighbourhood
 *   #/graph?impact=<key>&depth=2                  what depends on a node
 */

export type Route =
  | { readonly page: 'dashboard' }
  | { readonly page: 'explore'; readonly query: string; readonly kind?: string; readonly exported?: boolean }
  | { readonly page: 'node'; readonly key: string }
  | { readonly page: 'file'; readonly path: string }
  | { readonly page: 'cycles'; readonly typeOnly?: boolean }
  | { readonly page: 'unused'; readonly prefix?: string; readonly publicApi?: boolean }
  | {
      readonly page: 'graph';
      readonly focus?: string;
      readonly depth?: number;
      readonly types?: readonly string[];
      readonly prefix?: string;
      readonly limit?: number;
      /** The flat file import graph instead of the folder picture. */
      readonly files?: boolean;
      /** Folder picture: folders less deep than this are open. */
      readonly level?: number;
      /** Folder picture: folders opened beyond the level. */
      readonly open?: readonly string[];
      /** Draw what depends on this node (to `depth`). */
      readonly impact?: string;
    }
  | { readonly page: 'not-found'; readonly hash: string };

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart = '', queryPart = ''] = splitOnce(raw, '?');
  const params = new URLSearchParams(queryPart);
  const path = pathPart.replace(/^\/+/, '');
  const [head = '', rest = ''] = splitOnce(path, '/');
  const decoded = safeDecode(rest);
  switch (head) {
    case '':
      return { page: 'dashboard' };
    case 'explore':
      return {
        page: 'explore',
        query: params.get('q') ?? '',
        ...(params.get('kind') ? { kind: params.get('kind')! } : {}),
        ...(params.get('exported') === '1' ? { exported: true } : {}),
      };
    case 'node':
      return decoded ? { page: 'node', key: decoded } : { page: 'not-found', hash };
    case 'file':
      return decoded ? { page: 'file', path: decoded } : { page: 'not-found', hash };
    case 'cycles':
      return { page: 'cycles', ...(params.get('typeOnly') === '1' ? { typeOnly: true } : {}) };
    case 'unused':
      return {
        page: 'unused',
        ...(params.get('prefix') ? { prefix: params.get('prefix')! } : {}),
        ...(params.get('public') === '1' ? { publicApi: true } : {}),
      };
    case 'graph': {
      const depth = toInt(params.get('depth'));
      const limit = toInt(params.get('limit'));
      const level = toInt(params.get('level'));
      const types = params.get('types');
      const open = params.getAll('open').filter(Boolean);
      return {
        page: 'graph',
        ...(params.get('focus') ? { focus: params.get('focus')! } : {}),
        ...(params.get('impact') ? { impact: params.get('impact')! } : {}),
        ...(params.get('files') === '1' ? { files: true } : {}),
        ...(level !== undefined ? { level } : {}),
        ...(open.length > 0 ? { open } : {}),
        ...(params.get('prefix') ? { prefix: params.get('prefix')! } : {}),
        ...(depth !== undefined ? { depth } : {}),
        ...(limit !== undefined ? { limit } : {}),
        ...(types ? { types: types.split(',').filter(Boolean) } : {}),
      };
    }
    default:
      return { page: 'not-found', hash };
  }
}

export function hrefOf(route: Route): string {
  const query = (entries: Record<string, string | number | boolean | readonly string[] | undefined>) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(entries)) {
      if (value === undefined || value === false || value === '') continue;
      if (Array.isArray(value)) for (const item of value) params.append(name, item);
      else params.set(name, value === true ? '1' : String(value));
    }
    const text = params.toString();
    return text ? `?${text}` : '';
  };
  switch (route.page) {
    case 'dashboard':
      return '#/';
    case 'explore':
      return `#/explore${query({ q: route.query, kind: route.kind, exported: route.exported })}`;
    case 'node':
      return `#/node/${encodeURIComponent(route.key)}`;
    case 'file':
      return `#/file/${encodeURIComponent(route.path)}`;
    case 'cycles':
      return `#/cycles${query({ typeOnly: route.typeOnly })}`;
    case 'unused':
      return `#/unused${query({ prefix: route.prefix, public: route.publicApi })}`;
    case 'graph':
      return `#/graph${query({
        focus: route.focus,
        impact: route.impact,
        files: route.files,
        level: route.level,
        open: route.open,
        depth: route.depth,
        types: route.types?.join(','),
        prefix: route.prefix,
        limit: route.limit,
      })}`;
    case 'not-found':
      return route.hash || '#/';
  }
}

/** The page of a node key: files have their own page, everything else the node page. */
export function hrefOfKey(key: string, kind?: string): string {
  const isFile = kind ? kind === 'FILE' : !key.includes('#') && !/^(npm|node):/.test(key);
  return hrefOf(isFile ? { page: 'file', path: key } : { page: 'node', key });
}

function splitOnce(text: string, separator: string): [string, string] {
  const index = text.indexOf(separator);
  return index === -1 ? [text, ''] : [text.slice(0, index), text.slice(index + separator.length)];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function toInt(text: string | null): number | undefined {
  if (text === null || text === '') return undefined;
  const value = Number.parseInt(text, 10);
  return Number.isFinite(value) ? value : undefined;
}
