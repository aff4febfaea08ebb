/**
 * Reads analyzed files as they are now, for the API's `source` fields: only inside the
 * analyzed root, by the path guard's rules, and only regular files of a bounded size.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { decodeSourceText } from '../util/decode-source-text.ts';
import { readRegularFile } from '../util/read-regular-file.ts';

/** A file's text now, and the hash the analysis gives that text (see `server/analysis/file-node.ts`). */
export interface SourceFile {
  readonly text: string;
  readonly hash: string;
}

/** Largest file read, as the analysis: larger files are analyzed as empty. */
export const MAX_SOURCE_FILE_BYTES = 4 * 1024 * 1024;

/**
 * A reader of root-relative paths. `checkPath` is the API's path guard (root-relative, no `..`,
 * no symlink out of the root); the file is read by {@link readRegularFile}: its real path is
 * checked against the root's once more where it is opened, and the last link is never followed,
 * so a symlink swapped in after the check leads nowhere. Resolves `undefined` for anything that is not a readable
 * regular text file inside the root, or is larger than {@link MAX_SOURCE_FILE_BYTES}.
 */
export function createSourceReader(
  root: string,
  checkPath: (input: string) => { path: string } | { error: string },
): (file: string) => Promise<SourceFile | undefined> {
  const realRoot = fs.realpath(root);
  return async (file) => {
    const checked = checkPath(file);
    if ('error' in checked || checked.path === '') return undefined;
    const rootPath = await realRoot.catch(() => undefined);
    if (rootPath === undefined) return undefined;
    const inside = `${rootPath}${path.sep}`;
    const bytes = await readRegularFile(path.join(rootPath, checked.path), {
      maxBytes: MAX_SOURCE_FILE_BYTES,
      inside: (real) => real.startsWith(inside),
    });
    // Gone, unreadable, a link, not a regular file, or too large: nothing to show.
    if (!Buffer.isBuffer(bytes)) return undefined;
    // The analysis decodes the same way (UTF-16 by its byte-order mark, else UTF-8; invalid
    // bytes replaced, the mark dropped). A binary file was analyzed as empty: no source to show.
    const { text, problem } = decodeSourceText(bytes);
    if (problem === 'BINARY') return undefined;
    return { text, hash: createHash('sha256').update(text).digest('hex').slice(0, 16) };
  };
}
