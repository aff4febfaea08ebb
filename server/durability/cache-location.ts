/**
 * Where snapshots live: the cache folder (`--cache-dir`, `CODENAV_CACHE_DIR`, else
 * `$XDG_CACHE_HOME/codenav`, else `~/.cache/codenav`), one file per analyzed root, named from
 * the root's real path.
 */
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import * as path from 'node:path';

/** The default cache folder: `$XDG_CACHE_HOME/codenav`, else `~/.cache/codenav`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  // The XDG spec: a relative value is invalid and ignored.
  if (xdg !== undefined && xdg !== '' && path.isAbsolute(xdg)) return path.join(xdg, 'codenav');
  return path.join(homedir(), '.cache', 'codenav');
}

/**
 * The snapshot file of an analyzed root (its real path) in a cache folder:
 * `<folder name>-<16 hex of the path's hash>.snapshot`, so two roots named alike differ.
 */
export function snapshotFileFor(cacheDir: string, realRoot: string): string {
  const name = path
    .basename(realRoot)
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 40);
  const hash = createHash('sha256').update(realRoot).digest('hex').slice(0, 16);
  return path.join(cacheDir, `${name || 'root'}-${hash}.snapshot`);
}

/** Whether `dir` is `root` or inside it (both real, absolute paths): codenav never writes there. */
export function isInside(dir: string, root: string): boolean {
  const relative = path.relative(root, dir);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
