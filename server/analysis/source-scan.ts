import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { FileSystemHost } from 'ts-morph';

/** The file extensions codenav analyzes. */
export const SOURCE_FILE = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;

/** Folders that hold dependencies or build output, never sources. */
export const NEVER_SCANNED = new Set([
  'node_modules',
  '.git',
  'dist',
  'build',
  'out',
  'coverage',
  '.next',
  '.turbo',
  '.cache',
]);

/**
 * Every TS/JS file under `root` except dependencies, build output and what `.gitignore`
 * files exclude (each `.gitignore` applies to its folder, as in git). Used when a project
 * has no tsconfig.
 */
export function scanSourceFiles(fileSystem: FileSystemHost, root: string): string[] {
  const files: string[] = [];
  const visit = (dir: string, rules: readonly { base: string; ig: Ignore }[]) => {
    const own = readGitignore(fileSystem, dir);
    const active = own ? [...rules, { base: dir, ig: own }] : rules;
    const ignored = (full: string, isDir: boolean) =>
      active.some(({ base, ig }) => {
        const rel = path.relative(base, full).split(path.sep).join('/');
        return rel !== '' && ig.ignores(isDir ? `${rel}/` : rel);
      });
    for (const entry of fileSystem.readDirSync(dir)) {
      const name = path.basename(entry.name);
      if (entry.isDirectory) {
        // Symlinked folders are skipped: they may loop, and their target is scanned where it lives.
        if (!entry.isSymlink && !NEVER_SCANNED.has(name) && !ignored(entry.name, true))
          visit(entry.name, active);
      } else if (entry.isFile && SOURCE_FILE.test(name) && !ignored(entry.name, false)) {
        files.push(entry.name);
      }
    }
  };
  visit(root, []);
  return files.sort();
}

function readGitignore(fileSystem: FileSystemHost, dir: string): Ignore | undefined {
  try {
    return ignore().add(fileSystem.readFileSync(path.join(dir, '.gitignore')));
  } catch {
    return undefined;
  }
}
