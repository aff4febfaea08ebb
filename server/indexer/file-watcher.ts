import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import { NEVER_SCANNED } from '../analysis/source-scan.ts';
import { relativeInside } from '../util/relative-inside.ts';

/** What can change analysis: sources, tsconfigs, manifests, ignore files. */
const RELEVANT =
  /(?:\.(?:[cm]?[jt]sx?)|(?:^|\/)(?:tsconfig[^/]*\.json|jsconfig\.json|package\.json|pnpm-workspace\.yaml|\.gitignore))$/;

export interface FileWatcherOptions {
  readonly root: string;
  /** Receives root-relative paths that were added, changed or deleted, a burst at a time. */
  readonly onChange: (paths: string[]) => void;
  readonly onError?: (error: Error) => void;
  /** Quiet time that ends a burst of saves. @default 50 ms */
  readonly debounceMs?: number;
  /** Longest a burst is held back while saves keep coming. @default 500 ms */
  readonly maxWaitMs?: number;
}

export interface FileWatcher {
  /** Resolves once the initial scan is done and changes are being reported. */
  readonly ready: Promise<void>;
  /**
   * Root-relative paths seen to change and not reported yet (their burst of saves is still
   * open, for up to `maxWaitMs`), sorted: the analysis has not been told of them.
   */
  pending(): string[];
  close(): Promise<void>;
}

/**
 * Watches the analyzed root (chokidar) and reports changed paths in coalesced bursts:
 * a save that writes several files, or an editor's write-rename dance, is one report.
 * Dependencies and build output are not watched.
 */
export function createFileWatcher(options: FileWatcherOptions): FileWatcher {
  const debounceMs = options.debounceMs ?? 50;
  const maxWaitMs = options.maxWaitMs ?? 500;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let burstStarted = 0;
  let closed = false;

  const flush = () => {
    timer = undefined;
    if (pending.size === 0) return;
    const paths = [...pending].sort();
    pending.clear();
    options.onChange(paths);
  };
  const record = (absolute: string) => {
    if (closed) return;
    const relative = relativeInside(options.root, absolute)?.split(path.sep).join('/');
    if (relative === undefined || !RELEVANT.test(relative)) return;
    if (pending.size === 0) burstStarted = Date.now();
    pending.add(relative);
    if (timer) clearTimeout(timer);
    const wait = Math.min(debounceMs, Math.max(0, burstStarted + maxWaitMs - Date.now()));
    timer = setTimeout(flush, wait);
  };

  const watcher: FSWatcher = watch(options.root, {
    ignoreInitial: true,
    // Symlinks may leave the root or loop; the analyzer never follows them out either.
    followSymlinks: false,
    // chokidar holds an unlink back 100 ms (to report an editor's delete-and-write as a change):
    // longer than a burst, so a rename's new path and old one were two revisions, an addition
    // and then a removal. The bursts merge a delete-and-write into one report anyway.
    atomic: false,
    ignored: (file) => NEVER_SCANNED.has(path.basename(file)),
  });
  // chokidar reports a file replaced by a folder as a change of the file, and then watches
  // nothing inside: the folder is watched anew, and the files already in it are reported.
  const watchReplacedFile = async (absolute: string) => {
    const stat = await fs.lstat(absolute).catch(() => undefined);
    if (closed || !stat?.isDirectory()) return;
    watcher.unwatch(absolute);
    watcher.add(absolute);
    const files = await filesUnder(absolute);
    // Closed while listing: nothing more is reported to an indexer that has stopped.
    if (closed) return;
    for (const file of files) record(file);
  };
  watcher.on('add', record).on('unlink', record);
  watcher.on('change', (absolute) => {
    record(absolute);
    void watchReplacedFile(absolute);
  });
  watcher.on('error', (error) => options.onError?.(error as Error));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  return {
    ready,
    pending: () => [...pending].sort(),
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await watcher.close();
    },
  };
}

/** Most entries {@link filesUnder} looks at: a folder is reported, not a disk crawled. */
const MAX_LISTED = 100_000;

/** The files under `dir`, as the watcher would see them: no links followed, no dependencies. */
async function filesUnder(dir: string): Promise<string[]> {
  const files: string[] = [];
  const folders = [dir];
  let listed = 0;
  for (let folder = folders.pop(); folder !== undefined && listed < MAX_LISTED; folder = folders.pop()) {
    const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => []);
    listed += entries.length;
    for (const entry of entries) {
      if (NEVER_SCANNED.has(entry.name)) continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) folders.push(full);
      else if (entry.isFile()) files.push(full);
    }
  }
  return files;
}
