import * as path from 'node:path';
import type { FileSystemHost } from 'ts-morph';
import { SOURCE_FILE, type WalkBudget, walkSourceTree } from './source-scan.ts';

/**
 * Source files under the root that the analysis left out because no tsconfig of the layout
 * includes them (nor does any analyzed file import them): a second tsconfig that the root's
 * does not reference, scripts outside `include`, JavaScript without `allowJs`. Plain data.
 */
export interface UnanalyzedFiles {
  /** How many (root-relative paths counted once); a lower bound when not {@link complete}. */
  readonly count: number;
  /** False when the scan's budget ran out before the whole tree was seen. */
  readonly complete: boolean;
  /**
   * Root-relative paths of `tsconfig.json`/`jsconfig.json` files found that are not part of the
   * layout, those nearest to the most left-out files first; at most {@link MAX_NAMED}.
   */
  readonly configs: readonly string[];
  /** How many such configs the scan found in all. */
  readonly configsFound: number;
  /** A few of the files left out (root-relative, sorted), for when no config explains them. */
  readonly examples: readonly string[];
  /**
   * The one line that reports them (the CLI's summary, the server's log; made here so that the
   * server's main thread needs nothing from analysis): `52 source files under the root are in
   * no analyzed tsconfig (e.g. client/tsconfig.json is not referenced): not analyzed`.
   */
  readonly message: string;
}

/** The scan reads no more of the tree than this: a huge monorepo is counted in part, and says so. */
const BUDGET: WalkBudget = { maxEntries: 100_000, maxDepth: 32 };
const MAX_NAMED = 3;
const CONFIG_NAMES = new Set(['tsconfig.json', 'jsconfig.json']);

/**
 * Walks the root as the scan without a tsconfig would (no dependencies, build output or
 * `.gitignore`d paths; see source-scan.ts), within a budget, and counts the source files that
 * `isAnalyzed` (root-relative path) refuses. `layoutConfigs` are the absolute paths of the
 * tsconfigs the layout reads; any other tsconfig found is named, nearest owner of the most
 * left-out files first. Undefined when every source file found is analyzed.
 */
export function findUnanalyzedFiles(
  fileSystem: FileSystemHost,
  root: string,
  isAnalyzed: (relative: string) => boolean,
  layoutConfigs: readonly string[],
  budget: WalkBudget = BUDGET,
): UnanalyzedFiles | undefined {
  const inLayout = new Set(layoutConfigs.map((c) => relativeTo(root, c)));
  const left: string[] = [];
  /** Folder (root-relative, '' for the root) → the config there that is not in the layout. */
  const strayConfigs = new Map<string, string>();
  const complete = walkSourceTree(fileSystem, root, {
    wanted: (name) => SOURCE_FILE.test(name) || CONFIG_NAMES.has(name),
    onFile: (file) => {
      const relative = relativeTo(root, file);
      if (CONFIG_NAMES.has(path.posix.basename(relative))) {
        const folder = path.posix.dirname(relative);
        if (!inLayout.has(relative) && !strayConfigs.has(folder === '.' ? '' : folder))
          strayConfigs.set(folder === '.' ? '' : folder, relative);
      } else if (!isAnalyzed(relative)) left.push(relative);
    },
    budget,
  });

  // Each left-out file counts for the nearest stray config above it.
  const owned = new Map<string, number>();
  for (const file of left) {
    for (let folder = path.posix.dirname(file); ; folder = path.posix.dirname(folder)) {
      const key = folder === '.' ? '' : folder;
      const config = strayConfigs.get(key);
      if (config !== undefined) {
        owned.set(config, (owned.get(config) ?? 0) + 1);
        break;
      }
      if (key === '') break;
    }
  }
  if (left.length === 0) return undefined;
  const configs = [...strayConfigs.values()]
    .sort((a, b) => (owned.get(b) ?? 0) - (owned.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_NAMED);
  const found = {
    count: left.length,
    complete,
    configs,
    configsFound: strayConfigs.size,
    examples: left.sort().slice(0, MAX_NAMED),
  };
  return { ...found, message: describe(found) };
}

function describe({
  count,
  complete,
  configs,
  configsFound,
  examples,
}: Omit<UnanalyzedFiles, 'message'>): string {
  const files = `${complete ? '' : 'at least '}${count} source ${count === 1 ? 'file' : 'files'} under the root ${count === 1 ? 'is' : 'are'}`;
  const more = configsFound - configs.length;
  const why =
    configs.length === 0
      ? `e.g. ${examples.join(', ')}${count > examples.length ? ', …' : ''}`
      : `e.g. ${listed(more > 0 ? [...configs, `${more} more tsconfigs`] : configs)} ${configsFound === 1 ? 'is' : 'are'} not referenced`;
  return `${files} in no analyzed tsconfig (${why}): not analyzed`;
}

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** A path below `root` as a root-relative posix path. */
function relativeTo(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
