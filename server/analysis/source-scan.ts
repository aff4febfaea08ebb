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
  walkSourceTree(fileSystem, root, {
    wanted: (name) => SOURCE_FILE.test(name),
    onFile: (file) => files.push(file),
  });
  return files.sort();
}

const UNBOUNDED: WalkBudget = { maxEntries: Number.POSITIVE_INFINITY, maxDepth: Number.POSITIVE_INFINITY };

/** How much of a tree a bounded walk may read. */
export interface WalkBudget {
  /** Folder entries read in all. */
  readonly maxEntries: number;
  /** Folders below the root. */
  readonly maxDepth: number;
}

/** What a walk looks for, and how far it may go. */
export interface WalkOptions {
  /** Whether a file's name is of interest (asked before its `.gitignore` rules, which cost more). */
  readonly wanted: (name: string) => boolean;
  /** Called with each wanted file's absolute path. */
  readonly onFile: (file: string) => void;
  /** @default unbounded */
  readonly budget?: WalkBudget;
}

/**
 * Finds the files under `root` that the scan without a tsconfig looks at: not in dependencies
 * or build output ({@link NEVER_SCANNED}), not excluded by a `.gitignore`, not under a symlinked
 * folder. Returns false when the budget ran out before the whole tree was seen.
 */
export function walkSourceTree(
  fileSystem: FileSystemHost,
  root: string,
  { wanted, onFile, budget = UNBOUNDED }: WalkOptions,
): boolean {
  let entriesLeft = budget.maxEntries;
  let complete = true;
  const visit = (dir: string, depth: number, rules: readonly { base: string; ig: Ignore }[]) => {
    const own = readGitignore(fileSystem, dir);
    const active = own ? [...rules, { base: dir, ig: own }] : rules;
    const ignored = (full: string, isDir: boolean) =>
      active.some(({ base, ig }) => {
        const rel = path.relative(base, full).split(path.sep).join('/');
        return rel !== '' && ig.ignores(isDir ? `${rel}/` : rel);
      });
    for (const entry of fileSystem.readDirSync(dir)) {
      if (--entriesLeft < 0) {
        complete = false;
        return;
      }
      const name = path.basename(entry.name);
      if (entry.isDirectory) {
        // Symlinked folders are skipped: they may loop, and their target is scanned where it lives.
        if (entry.isSymlink || NEVER_SCANNED.has(name) || ignored(entry.name, true)) continue;
        if (depth >= budget.maxDepth) complete = false;
        else visit(entry.name, depth + 1, active);
      } else if (entry.isFile && wanted(name) && !ignored(entry.name, false)) {
        onFile(entry.name);
      }
    }
  };
  visit(root, 0, []);
  return complete;
}

function readGitignore(fileSystem: FileSystemHost, dir: string): Ignore | undefined {
  try {
    return ignore().add(fileSystem.readFileSync(path.join(dir, '.gitignore')));
  } catch {
    return undefined;
  }
}
