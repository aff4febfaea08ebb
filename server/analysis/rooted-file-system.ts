import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileSystemHost, RuntimeDirEntry } from 'ts-morph';

/** A problem with a file's content, reported as a diagnostic on its FILE node. */
export interface FileProblem {
  readonly code: 'FILE_TOO_LARGE' | 'BINARY_FILE' | 'INVALID_UTF8' | 'UNREADABLE' | 'VANISHED';
  readonly message: string;
}

export interface RootedFileSystemOptions {
  /**
   * Source files larger than this are analyzed as empty, with a diagnostic.
   * @default 4 MiB
   */
  readonly maxFileBytes?: number;
}

/** Extensions whose content is guarded (code under analysis). Lib and JSON files are read as they are. */
const SOURCE_EXTENSIONS = /\.(?:[cm]?[jt]sx?)$/;

/**
 * A read-only ts-morph {@link FileSystemHost} over the real file system that never reads
 * outside `root`: a path whose real location (after symlinks) is outside the root does
 * not exist for the analyzer. Unreadable, binary, huge or invalid UTF-8 source files
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
  const problems = new Map<string, FileProblem>();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const lenient = new TextDecoder('utf-8');

  const prefix = realRoot.endsWith('/') ? realRoot : `${realRoot}/`;
  const within = (p: string) => p === realRoot || p.startsWith(prefix);
  // TypeScript asks about the same paths over and over (each program looks up package.json
  // scopes for every file): stats and non-source reads are cached until invalidated.
  const stats = new Map<string, fs.Stats | null>();
  const texts = new Map<string, string>();

  function isInsideRoot(p: string): boolean {
    // A path outside the root is refused without a look; one inside may still leave it by a symlink.
    if (!within(p)) return false;
    try {
      return within(fs.realpathSync.native(p));
    } catch {
      // Does not exist (yet): judge by the nearest existing ancestor.
      const parent = path.dirname(p);
      return parent !== p && isInsideRoot(parent);
    }
  }

  function stat(p: string): fs.Stats | undefined {
    let cached = stats.get(p);
    if (cached === undefined) {
      try {
        cached = isInsideRoot(p) ? fs.statSync(p) : null;
      } catch {
        cached = null;
      }
      stats.set(p, cached);
    }
    return cached ?? undefined;
  }

  // ts-morph recognizes a missing file by the ENOENT code.
  function notFound(p: string): Error {
    return Object.assign(new Error(`ENOENT: no such file: ${p}`), { code: 'ENOENT' });
  }

  function readSource(p: string, bytes: Buffer): string {
    if (bytes.length > maxFileBytes) {
      problems.set(p, {
        code: 'FILE_TOO_LARGE',
        message: `file is ${(bytes.length / 1048576).toFixed(1)} MiB, over the ${(maxFileBytes / 1048576).toFixed(1)} MiB limit: analyzed as empty`,
      });
      return '';
    }
    if (bytes.subarray(0, 8192).includes(0)) {
      problems.set(p, {
        code: 'BINARY_FILE',
        message: 'file looks binary (it contains NUL bytes): analyzed as empty',
      });
      return '';
    }
    try {
      return decoder.decode(bytes);
    } catch {
      problems.set(p, {
        code: 'INVALID_UTF8',
        message: 'file is not valid UTF-8: invalid bytes were replaced with U+FFFD',
      });
      return lenient.decode(bytes);
    }
  }

  function readFileSync(filePath: string): string {
    const cachedText = texts.get(filePath);
    if (cachedText !== undefined) return cachedText;
    if (!stat(filePath)) {
      if (!SOURCE_EXTENSIONS.test(filePath)) throw notFound(filePath);
      // A source file that is listed but gone: recorded below as vanished.
      if (!isInsideRoot(filePath)) throw notFound(filePath);
    }
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(filePath);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (!SOURCE_EXTENSIONS.test(filePath) || code === 'EISDIR') throw notFound(filePath);
      // A file listed a moment ago that vanished or cannot be read is a finding, not a crash.
      problems.set(filePath, {
        code: code === 'ENOENT' ? 'VANISHED' : 'UNREADABLE',
        message:
          code === 'ENOENT'
            ? 'file vanished during analysis: analyzed as empty'
            : `file cannot be read (${code ?? 'error'}): analyzed as empty`,
      });
      return '';
    }
    if (SOURCE_EXTENSIONS.test(filePath)) return readSource(filePath, bytes);
    const text = bytes.toString('utf8');
    texts.set(filePath, text);
    return text;
  }

  function readDirSync(dirPath: string): RuntimeDirEntry[] {
    if (!isInsideRoot(dirPath)) return [];
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dirPath, { withFileTypes: true });
    } catch {
      return [];
    }
    const result: RuntimeDirEntry[] = [];
    for (const entry of entries) {
      const full = `${dirPath.endsWith('/') ? dirPath : `${dirPath}/`}${entry.name}`;
      if (entry.isSymbolicLink()) {
        // Follow a link only when it stays inside the root; loops and dangling links vanish.
        const target = stat(full);
        if (!target) continue;
        result.push({
          name: full,
          isFile: target.isFile(),
          isDirectory: target.isDirectory(),
          isSymlink: true,
        });
      } else {
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
      } catch {
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
