import * as fs from 'node:fs';
import * as path from 'node:path';
import { type FileSystemHost, InMemoryFileSystemHost, type RuntimeDirEntry } from 'ts-morph';
import { decodeSourceText, decodeText, type SourceEncoding } from '../util/decode-source-text.ts';
import { type ReadRefusal, readRegularFileSync } from '../util/read-regular-file.ts';
import { isStackOverflow } from './compiler-guard.ts';

/** A problem with a file's content, reported as a diagnostic on its FILE node. */
export interface FileProblem {
  readonly code:
    | 'FILE_TOO_LARGE'
    | 'BINARY_FILE'
    | 'INVALID_UTF8'
    | 'INVALID_UTF16'
    | 'UNREADABLE'
    | 'VANISHED';
  readonly message: string;
}

export interface RootedFileSystemOptions {
  /**
   * Source files larger than this are analyzed as empty, with a diagnostic.
   * @default 4 MiB
   */
  readonly maxFileBytes?: number;
  /**
   * Other files (tsconfigs, `package.json`, JSON modules, `.gitignore`, `pnpm-workspace.yaml`)
   * larger than this do not exist for the analyzer.
   * @default 16 MiB
   */
  readonly maxOtherFileBytes?: number;
}

/**
 * Extensions of the code under analysis: a file that cannot be read, or reads as binary or invalid
 * text (UTF-8, or UTF-16 with a byte-order mark), is a finding on its node. Other files are opened with the same checks (real path inside
 * the root, no FIFO, no last link, a size bound) but are decoded as they are, and one that fails a
 * check does not exist.
 */
const SOURCE_EXTENSIONS = /\.(?:[cm]?[jt]sx?)$/;

/**
 * A read-only ts-morph {@link FileSystemHost} over the real file system that never reads
 * outside `root`: a path whose real location (after symlinks) is outside the root does
 * not exist for the analyzer. Files are decoded as TypeScript decodes them: UTF-16 (LE or BE) when
 * they begin with its byte-order mark, else UTF-8. Unreadable, binary, huge or invalid source files
 * read as empty text (or decoded leniently) and leave a {@link FileProblem} behind.
 *
 * @remarks
 * TypeScript's lib files never come here: ts-morph serves them from memory.
 */
export interface RootedFileSystem extends FileSystemHost {
  readonly root: string;
  /** Problems found while reading each file (absolute, posix path), since the last {@link takeProblem}. */
  takeProblem(filePath: string): FileProblem | undefined;
  /** True when `filePath` (absolute) is inside the root, following symlinks. */
  isInsideRoot(filePath: string): boolean;
  /**
   * Forget what is cached about these paths (absolute) and their folders: they were added,
   * changed or deleted. Without paths, forget everything.
   */
  invalidate(paths?: readonly string[]): void;
}

export function createRootedFileSystem(
  root: string,
  options: RootedFileSystemOptions = {},
): RootedFileSystem {
  const realRoot = fs.realpathSync.native(root);
  const maxFileBytes = options.maxFileBytes ?? 4 * 1024 * 1024;
  const maxOtherFileBytes = options.maxOtherFileBytes ?? 16 * 1024 * 1024;
  const problems = new Map<string, FileProblem>();

  const prefix = realRoot.endsWith('/') ? realRoot : `${realRoot}/`;
  const within = (p: string) => p === realRoot || p.startsWith(prefix);
  /**
   * Inside the root as written, and no more than {@link MAX_DEPTH} folders below it. Resolving a
   * path costs the kernel a lookup per folder of each of its prefixes, and TypeScript and the
   * scans look at every folder on the way: a tree 2,000 folders deep took hours.
   */
  const lexicallyInside = (p: string) => {
    if (!within(p)) return false;
    let depth = 0;
    for (let i = prefix.length; i < p.length; i++)
      if (p.charCodeAt(i) === 47 && ++depth > MAX_DEPTH) return false;
    return true;
  };
  // TypeScript asks about the same paths over and over (each program looks up package.json
  // scopes for every file): stats and non-source reads are cached until invalidated.
  const stats = new Map<string, fs.Stats | null>();
  const texts = new Map<string, string>();
  // Source files seen to exist (listed, looked at or read): one that cannot be read now has vanished or
  // changed, a finding on its node; any other missing path simply does not exist.
  const known = new Set<string>();

  function isInsideRoot(p: string): boolean {
    // A path outside the root is refused without a look; one inside may still leave it by a symlink.
    const absolute = path.resolve(p);
    if (!lexicallyInside(absolute)) return false;
    // A path that does not exist (yet) is judged by its nearest existing ancestor. A loop, or a
    // name too long to exist, is no path at all.
    for (let q = absolute; ; q = path.dirname(q)) {
      try {
        return within(fs.realpathSync.native(q));
      } catch (error) {
        assertFileSystemError(error);
        if (error?.code !== 'ENOENT' || q === path.dirname(q)) return false;
      }
    }
  }

  function stat(p: string): fs.Stats | undefined {
    let cached = stats.get(p);
    if (cached === undefined) {
      try {
        cached = isInsideRoot(p) ? fs.statSync(p) : null;
        if (cached?.isFile()) known.add(p);
      } catch (error) {
        assertFileSystemError(error);
        cached = null;
      }
      stats.set(p, cached);
    }
    return cached ?? undefined;
  }

  /**
   * The bytes of a regular file inside the root, at most `limit` of them. Checked where it is
   * opened, not only where it was looked at (see {@link readRegularFileSync}): a file or folder
   * swapped for a link after the look leads nowhere.
   */
  function readBytes(p: string, limit: number): Buffer | ReadRefusal {
    return readRegularFileSync(p, { maxBytes: limit, inside: within });
  }

  function decodeSource(p: string, bytes: Buffer): string {
    const { text, encoding, problem } = decodeSourceText(bytes);
    if (problem === 'BINARY') {
      problems.set(p, {
        code: 'BINARY_FILE',
        message:
          encoding === 'utf-8'
            ? 'file looks binary (it contains NUL bytes): analyzed as empty'
            : `file looks binary (it decodes as ${ENCODING_NAMES[encoding]} with NUL characters): analyzed as empty`,
      });
    } else if (problem === 'INVALID') {
      problems.set(
        p,
        encoding === 'utf-8'
          ? {
              code: 'INVALID_UTF8',
              message: 'file is not valid UTF-8: invalid bytes were replaced with U+FFFD',
            }
          : {
              code: 'INVALID_UTF16',
              message: `file is not valid ${ENCODING_NAMES[encoding]} (as its byte-order mark says): invalid bytes were replaced with U+FFFD`,
            },
      );
    }
    return text;
  }

  /** A source file that cannot be read: a finding when it was seen to exist, else no file. */
  function unreadableSource(p: string, failure: ReadRefusal): string {
    const { code, size = 0 } = failure;
    if (code === 'TOO_LARGE') {
      problems.set(p, {
        code: 'FILE_TOO_LARGE',
        message: `file is ${(size / 1048576).toFixed(1)} MiB, over the ${(maxFileBytes / 1048576).toFixed(1)} MiB limit: analyzed as empty`,
      });
      return '';
    }
    if (!known.has(p)) throw notFound(p);
    // A file listed a moment ago that vanished or cannot be read is a finding, not a crash.
    problems.set(
      p,
      code === 'ENOENT' || code === 'ENOTDIR'
        ? { code: 'VANISHED', message: 'file vanished during analysis: analyzed as empty' }
        : {
            code: 'UNREADABLE',
            message: `file cannot be read (${UNREADABLE_REASONS[code] ?? code}): analyzed as empty`,
          },
    );
    return '';
  }

  function readFileSync(filePath: string): string {
    const cachedText = texts.get(filePath);
    if (cachedText !== undefined) return cachedText;
    const source = SOURCE_EXTENSIONS.test(filePath);
    // Refused without a look when outside the root.
    if (!lexicallyInside(path.resolve(filePath))) throw notFound(filePath);
    const bytes = readBytes(filePath, source ? maxFileBytes : maxOtherFileBytes);
    if (!Buffer.isBuffer(bytes)) {
      if (source) return unreadableSource(filePath, bytes);
      throw notFound(filePath);
    }
    if (source) {
      known.add(filePath);
      return decodeSource(filePath, bytes);
    }
    // A tsconfig or package.json in UTF-16 reads as TypeScript reads it.
    const text = decodeText(bytes);
    texts.set(filePath, text);
    return text;
  }

  function readDirSync(dirPath: string): RuntimeDirEntry[] {
    let entries: fs.Dirent[];
    try {
      // Refused without a look when outside the root, or too deep in it.
      if (!lexicallyInside(path.resolve(dirPath))) return [];
      // The folder's real path is listed, so that a folder swapped for a link lists nothing outside.
      const real = fs.realpathSync.native(dirPath);
      if (!within(real)) return [];
      entries = fs.readdirSync(real, { withFileTypes: true });
    } catch (error) {
      assertFileSystemError(error);
      return [];
    }
    const result: RuntimeDirEntry[] = [];
    for (const entry of entries) {
      const full = `${dirPath.endsWith('/') ? dirPath : `${dirPath}/`}${entry.name}`;
      if (entry.isSymbolicLink()) {
        // Follow a link only when it stays inside the root; loops and dangling links vanish.
        const target = stat(full);
        if (!target) continue;
        if (target.isFile()) known.add(full);
        result.push({
          name: full,
          isFile: target.isFile(),
          isDirectory: target.isDirectory(),
          isSymlink: true,
        });
      } else {
        if (entry.isFile()) known.add(full);
        result.push({
          name: full,
          isFile: entry.isFile(),
          isDirectory: entry.isDirectory(),
          isSymlink: false,
        });
      }
    }
    return result;
  }

  const readOnly = (): never => {
    throw new Error('the analyzer never writes to the analyzed project');
  };

  return {
    root: realRoot,
    isInsideRoot,
    invalidate(paths) {
      if (paths === undefined) {
        stats.clear();
        texts.clear();
        known.clear();
        return;
      }
      for (let p of paths) {
        texts.delete(p);
        // A new file may sit in new folders: forget what was known of each ancestor.
        for (; p !== path.dirname(p) && within(p); p = path.dirname(p)) stats.delete(p);
      }
    },
    takeProblem(filePath) {
      const problem = problems.get(filePath);
      problems.delete(filePath);
      return problem;
    },
    isCaseSensitive: () => true,
    readDirSync,
    readFileSync,
    readFile: async (filePath) => readFileSync(filePath),
    fileExistsSync: (p) => stat(p)?.isFile() ?? false,
    fileExists: async (p) => stat(p)?.isFile() ?? false,
    directoryExistsSync: (p) => stat(p)?.isDirectory() ?? false,
    directoryExists: async (p) => stat(p)?.isDirectory() ?? false,
    realpathSync: (p) => {
      if (!isInsideRoot(p)) return p;
      try {
        return fs.realpathSync.native(p);
      } catch (error) {
        assertFileSystemError(error);
        return p;
      }
    },
    getCurrentDirectory: () => realRoot,
    glob: readOnly,
    globSync: readOnly,
    delete: readOnly,
    deleteSync: readOnly,
    writeFile: readOnly,
    writeFileSync: readOnly,
    mkdir: readOnly,
    mkdirSync: readOnly,
    move: readOnly,
    moveSync: readOnly,
    copy: readOnly,
    copySync: readOnly,
  };
}

/** Folders below the root a path may have (real projects nest a few dozen at most). */
const MAX_DEPTH = 128;

const ENCODING_NAMES: Record<SourceEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
};

const UNREADABLE_REASONS: Record<string, string> = {
  OUTSIDE: 'it now leads outside the analyzed root',
  NOT_A_FILE: 'it is not a regular file',
  EISDIR: 'it is now a folder',
  ELOOP: 'a symlink loop',
};

/**
 * ts-morph's `FileNotFoundError`: what a {@link FileSystemHost} must throw for a missing file
 * (ts-morph treats any other error as a failure of the whole program). ts-morph does not export
 * the class, so it is taken from an error its in-memory host throws.
 */
const FileNotFoundError = (() => {
  try {
    new InMemoryFileSystemHost().readFileSync('/');
  } catch (error) {
    return (error as Error).constructor as new (
      filePath: string,
    ) => Error;
  }
  throw new Error('ts-morph no longer throws FileNotFoundError for a missing file');
})();

function notFound(p: string): Error {
  return new FileNotFoundError(p);
}

/**
 * Passes on the stack overflowing in the middle of a call (TypeScript recursed deep before it
 * asked): that is no answer of the file system, and must never be taken (and cached) for "no
 * such file". Any other error is one.
 */
function assertFileSystemError(error: unknown): asserts error is NodeJS.ErrnoException {
  if (isStackOverflow(error)) throw error;
}
