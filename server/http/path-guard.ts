import { realpathSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Checks paths that API users send: root-relative, no `..`, not absolute, and not through
 * a symlink that leaves the root. Only file system metadata inside the root is consulted;
 * nothing is read.
 */
export function createPathGuard(root: string): (input: string) => { path: string } | { error: string } {
  const realRoot = realpathSync.native(root);
  return (input) => {
    if (input.includes('\0')) return { error: 'a path cannot contain NUL' };
    if (path.posix.isAbsolute(input) || path.win32.isAbsolute(input)) {
      return { error: `"${input}" is absolute: give a path relative to the analyzed root` };
    }
    const segments = input.replaceAll('\\', '/').split('/');
    if (segments.includes('..')) return { error: `"${input}" leaves the analyzed root ("..")` };
    const normalized = path.posix
      .normalize(segments.join('/'))
      .replace(/^\.\/?/, '')
      .replace(/\/$/, '');
    // Follow symlinks of the longest existing prefix: a link out of the root is refused.
    let probe = path.join(realRoot, normalized);
    for (;;) {
      try {
        const real = realpathSync.native(probe);
        if (real !== realRoot && !real.startsWith(`${realRoot}${path.sep}`)) {
          return { error: `"${input}" leads out of the analyzed root through a symlink` };
        }
        break;
      } catch {
        const parent = path.dirname(probe);
        if (parent === probe || !probe.startsWith(realRoot)) break;
        probe = parent;
      }
    }
    return { path: normalized };
  };
}
