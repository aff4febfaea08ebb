import * as path from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import { NEVER_SCANNED } from '../analysis/source-scan.ts';

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

  const flush = () => {
    timer = undefined;
    if (pending.size === 0) return;
    const paths = [...pending].sort();
    pending.clear();
    options.onChange(paths);
  };
  const record = (absolute: string) => {
    const relative = path.relative(options.root, absolute).split(path.sep).join('/');
    if (relative.startsWith('..') || !RELEVANT.test(relative)) return;
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
    ignored: (file) => NEVER_SCANNED.has(path.basename(file)),
  });
  watcher.on('add', record).on('change', record).on('unlink', record);
  watcher.on('error', (error) => options.onError?.(error as Error));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  return {
    ready,
    async close() {
      if (timer) clearTimeout(timer);
      await watcher.close();
    },
  };
}
