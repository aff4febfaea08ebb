import * as fs from 'node:fs';
import * as path from 'node:path';
import { quote } from '../util/quote.ts';

/** Longest path accepted, in characters (Linux's PATH_MAX): checked before anything else. */
export const MAX_PATH_LENGTH = 4096;
/** Most segments a path may have; real projects nest a few dozen folders at most. */
export const MAX_PATH_SEGMENTS = 256;

/** The file system calls the guard makes: metadata only, never a read. */
export interface PathGuardFileSystem {
  lstatSync(path: string): { isSymbolicLink(): boolean };
  realpathSync(path: string): string;
}

const NODE_FS: PathGuardFileSystem = {
  lstatSync: (p) => fs.lstatSync(p),
  realpathSync: (p) => fs.realpathSync.native(p),
};

/**
 * Checks paths that API users send (`file(path)`, every `pathPrefix`, `reanalyze(paths)`):
 * root-relative, no `..`, not absolute, and not through a symlink that leaves the root.
 * Returns the normalized posix path (`./a//b` → `a/b`; a leading dot of a name is kept:
 * `.storybook/main.ts`; a trailing slash is kept, so a prefix `src/` does not match `src2/`).
 *
 * @remarks
 * Untrusted input: the length and the number of segments are bounded before any other work,
 * and the walk is linear — one `lstat` per existing segment from the root down (and a
 * `realpath` per symlink met), stopping at the first segment that does not exist, since
 * nothing below it can be a link. Only metadata inside the root is consulted; nothing is read.
 */
export function createPathGuard(
  root: string,
  fileSystem: PathGuardFileSystem = NODE_FS,
): (input: string) => { path: string } | { error: string } {
  const realRoot = fileSystem.realpathSync(root);
  const inside = (real: string) => real === realRoot || real.startsWith(`${realRoot}${path.sep}`);
  return (input) => {
    if (input.length > MAX_PATH_LENGTH) {
      return { error: `a path has at most ${MAX_PATH_LENGTH} characters, got ${input.length}` };
    }
    if (input.includes('\0')) return { error: 'a path cannot contain NUL' };
    if (path.posix.isAbsolute(input) || path.win32.isAbsolute(input)) {
      return { error: `${quote(input)} is absolute: give a path relative to the analyzed root` };
    }
    const segments = input.replaceAll('\\', '/').split('/');
    if (segments.length > MAX_PATH_SEGMENTS) {
      return { error: `a path has at most ${MAX_PATH_SEGMENTS} segments, got ${segments.length}` };
    }
    if (segments.includes('..')) return { error: `${quote(input)} leaves the analyzed root ("..")` };
    const names = segments.filter((segment) => segment !== '' && segment !== '.');
    const trailingSlash = names.length > 0 && segments.at(-1) === '';
    // Follow the existing part of the path from the root: a symlink out of the root is refused.
    let real = realRoot;
    for (const name of names) {
      const next = path.join(real, name);
      let isLink: boolean;
      try {
        isLink = fileSystem.lstatSync(next).isSymbolicLink();
      } catch {
        break; // Missing (or not a folder): nothing below it exists.
      }
      if (!isLink) {
        real = next;
        continue;
      }
      try {
        real = fileSystem.realpathSync(next);
      } catch {
        break; // A dangling link leads nowhere, so nothing is reachable through it.
      }
      if (!inside(real)) return { error: `${quote(input)} leads out of the analyzed root through a symlink` };
    }
    return { path: names.join('/') + (trailingSlash ? '/' : '') };
  };
}
