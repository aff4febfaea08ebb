/**
 * Reads analyzed files as they are now, for the API's `source` fields: only inside the
 * analyzed root, by the path guard's rules, and only regular files of a bounded size.
 */
import { createHash } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';

/** A file's text now, and the hash the analysis gives that text (see `server/analysis/file-node.ts`). */
export interface SourceFile {
  readonly text: string;
  readonly hash: string;
}

/** Largest file read, as the analysis: larger files are analyzed as empty. */
export const MAX_SOURCE_FILE_BYTES = 4 * 1024 * 1024;

/**
 * A reader of root-relative paths. `checkPath` is the API's path guard (root-relative, no `..`,
 * no symlink out of the root); the file's real path is checked against the root's once more
 * when it is opened, and the last link is never followed (`O_NOFOLLOW`), so a symlink swapped
 * in after the check leads nowhere. Resolves `undefined` for anything that is not a readable
 * regular text file inside the root, or is larger than {@link MAX_SOURCE_FILE_BYTES}.
 */
export function createSourceReader(
  root: string,
  checkPath: (input: string) => { path: string } | { error: string },
): (file: string) => Promise<SourceFile | undefined> {
  const realRoot = fs.realpath(root);
  const decoder = new TextDecoder('utf-8');
  return async (file) => {
    const checked = checkPath(file);
    if ('error' in checked || checked.path === '') return undefined;
    let handle: fs.FileHandle | undefined;
    try {
      const rootPath = await realRoot;
      const real = await fs.realpath(path.join(rootPath, checked.path));
      if (!real.startsWith(`${rootPath}${path.sep}`)) return undefined;
      // Without blocking: opening a FIFO that took a file's place would wait for a writer forever,
      // holding one of the few threads every file operation of the server shares.
      handle = await fs.open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
      const stat = await handle.stat();
      if (!stat.isFile() || stat.size > MAX_SOURCE_FILE_BYTES) return undefined;
      // A folder on the way swapped for a link after the check: where the descriptor leads decides.
      const opened = await fs.readlink(`/proc/self/fd/${handle.fd}`).catch(() => undefined);
      if (opened !== undefined && !opened.startsWith(`${rootPath}${path.sep}`)) return undefined;
      // No more than its size, however much it grows meanwhile: one that grows is being written.
      const buffer = Buffer.alloc(stat.size + 1);
      let length = 0;
      for (let read = -1; read !== 0 && length < buffer.length; length += read) {
        ({ bytesRead: read } = await handle.read(buffer, length, buffer.length - length, null));
      }
      if (length > stat.size) return undefined;
      const bytes = buffer.subarray(0, length);
      // A binary file was analyzed as empty: it has no source to show.
      if (bytes.subarray(0, 8192).includes(0)) return undefined;
      // The analysis decodes the same way: invalid bytes replaced, a byte order mark dropped.
      const text = decoder.decode(bytes);
      return { text, hash: createHash('sha256').update(text).digest('hex').slice(0, 16) };
    } catch {
      return undefined; // Gone, unreadable, or a link: nothing to show.
    } finally {
      await handle?.close();
    }
  };
}
