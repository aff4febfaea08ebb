import * as path from 'node:path';

/**
 * `p` relative to `folder` when it is that folder (`''`) or inside it, else `undefined`. Both
 * absolute (or both relative to the same folder). `..` and `../x` leave the folder; `..x` (a file
 * named like `..eslintrc.ts`) does not.
 */
export function relativeInside(folder: string, p: string): string | undefined {
  const relative = path.relative(folder, p);
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)
    ? undefined
    : relative;
}
