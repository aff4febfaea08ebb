/**
 * Where snapshots live: one file per analyzed root in the cache folder (see `cacheDir` in
 * config.ts), named from the root's real path.
 */
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import type { Logger } from 'pino';
import { projectIdFor } from '../config.ts';
import { relativeInside } from '../util/relative-inside.ts';

/**
 * The snapshot file of an analyzed root in a cache folder: `<project id>.snapshot`, the
 * root's folder name and a hash of its real path (see {@link projectIdFor}), so two roots
 * named alike differ and a symlinked path finds its target's snapshot.
 */
export function snapshotFileFor(cacheDir: string, root: string): string {
  return path.join(cacheDir, `${projectIdFor(root)}.snapshot`);
}

/** Whether `dir` is `root` or inside it (both real, absolute paths): codenav never writes there. */
export function isInside(dir: string, root: string): boolean {
  return relativeInside(root, dir) !== undefined;
}

/**
 * The real path of a cache folder, or undefined, with a warning that `what` is kept, when it is
 * inside the analyzed root (`root`: real): codenav never writes there.
 */
export function cacheOutsideRoot(
  cacheDir: string,
  root: string,
  what: string,
  logger: Logger,
): string | undefined {
  const cache = realOrResolved(cacheDir);
  if (!isInside(cache, root)) return cache;
  logger.warn(
    `the cache folder ${cacheDir} is inside the analyzed root: ${what} is kept (codenav never writes in the root; set --cache-dir elsewhere)`,
  );
  return undefined;
}

/** The real path of a folder, or of its nearest existing ancestor joined with the rest. */
export function realOrResolved(dir: string): string {
  const absolute = path.resolve(dir);
  let existing = absolute;
  for (;;) {
    try {
      return path.join(realpathSync.native(existing), path.relative(existing, absolute));
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return absolute;
      existing = parent;
    }
  }
}
