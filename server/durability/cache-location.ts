/**
 * Where snapshots live: one file per analyzed root in the cache folder (see `cacheDir` in
 * config.ts), named from the root's real path.
 */
import * as path from 'node:path';
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
