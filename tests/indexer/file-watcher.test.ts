/**
 * The file watcher on a project that changes shape under it: files replaced by folders, names
 * that look like a way out of the root.
 */
import { promises as fsp, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { setTimeout as after, setImmediate as nextTurn } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createFileWatcher, type FileWatcher } from '../../server/indexer/file-watcher.ts';
import { removeCopies, tempDir, writeFiles } from '../helpers/fixtures.ts';

afterAll(removeCopies);

const watchers: FileWatcher[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(watchers.splice(0).map((w) => w.close()));
});

/** Watches `root`; `reported(path)` resolves once a burst names that path. */
async function watchRoot(root: string) {
  const seen = new Set<string>();
  const waiting: { path: string; resolve: () => void }[] = [];
  const watcher = createFileWatcher({
    root,
    debounceMs: 20,
    onChange: (paths) => {
      for (const p of paths) seen.add(p);
      for (const w of waiting.filter((w) => seen.has(w.path))) w.resolve();
    },
  });
  watchers.push(watcher);
  await watcher.ready;
  return {
    reported: (file: string) =>
      new Promise<void>((resolve) => (seen.has(file) ? resolve() : waiting.push({ path: file, resolve }))),
    seen,
  };
}

describe('the file watcher', () => {
  it('tells which saves it holds back until their burst ends, and forgets them once it reports them', async () => {
    const root = tempDir('codenav-watch-');
    writeFiles(root, { 'src/a.ts': 'export const a = 1;\n' });
    // A burst that does not end during the test: the save stays held back.
    const holding = createFileWatcher({ root, debounceMs: 600_000, maxWaitMs: 600_000, onChange: () => {} });
    let pendingWhenReported: string[] | undefined;
    let reported!: () => void;
    const reporting = createFileWatcher({
      root,
      debounceMs: 20,
      onChange: () => {
        pendingWhenReported = reporting.pending();
        reported();
      },
    });
    watchers.push(holding, reporting);
    await Promise.all([holding.ready, reporting.ready]);
    expect(holding.pending()).toEqual([]);
    const done = new Promise<void>((resolve) => {
      reported = resolve;
    });
    writeFileSync(path.join(root, 'src/a.ts'), 'export const a = 2;\n');
    await vi.waitFor(() => expect(holding.pending()).toEqual(['src/a.ts']));
    await done;
    expect(pendingWhenReported).toEqual([]);
  });

  it('reports a file whose name starts with two dots', async () => {
    const root = tempDir('codenav-watch-');
    writeFiles(root, { 'src/a.ts': 'export const a = 1;\n' });
    const { reported, seen } = await watchRoot(root);
    writeFileSync(path.join(root, '..eslintrc.ts'), 'export default {};\n');
    await reported('..eslintrc.ts');
    expect([...seen]).toEqual(['..eslintrc.ts']);
  });

  it('reports a renamed file (`git mv`) in one burst: its old path and its new one together', async () => {
    const root = tempDir('codenav-watch-');
    writeFiles(root, { 'src/pipe.ts': 'export const pipe = 1;\n' });
    const bursts: string[][] = [];
    const both = new Promise<void>((resolve) => {
      const watcher = createFileWatcher({
        root,
        onChange: (paths) => {
          bursts.push(paths);
          const seen = bursts.flat();
          if (seen.includes('src/pipe.ts') && seen.includes('src/pipe2.ts')) resolve();
        },
      });
      watchers.push(watcher);
      void watcher.ready.then(() =>
        fsp.rename(path.join(root, 'src/pipe.ts'), path.join(root, 'src/pipe2.ts')),
      );
    });
    await both;
    // One revision, so that the symbols in it are seen to move, not to be added and then removed.
    expect(bursts).toEqual([['src/pipe.ts', 'src/pipe2.ts']]);
  });

  it('watches a folder that replaced a file: the files in it, and the ones written later', async () => {
    const root = tempDir('codenav-watch-');
    writeFiles(root, { 'src/a.ts': 'export const a = 1;\n' });
    const { reported, seen } = await watchRoot(root);
    rmSync(path.join(root, 'src/a.ts'));
    mkdirSync(path.join(root, 'src/a.ts'));
    writeFileSync(path.join(root, 'src/a.ts/inner.ts'), 'export const inner = 1;\n');
    await Promise.all([reported('src/a.ts'), reported('src/a.ts/inner.ts')]);
    // The new watch may not be set up yet when `inner.ts` is reported: a file written too early is
    // only seen by the listing. Write until one is reported: each write after the watch is set up is.
    let later = 0;
    const written: string[] = [];
    const laterReported = new Promise<void>((resolve) => {
      const write = () => {
        const name = `src/a.ts/later${later++}.ts`;
        written.push(name);
        writeFileSync(path.join(root, name), 'export const later = 1;\n');
      };
      write();
      const timer = setInterval(() => {
        if (written.some((name) => seen.has(name))) {
          clearInterval(timer);
          resolve();
        } else write();
      }, 100);
    });
    await laterReported;
    expect(seen.has('src/a.ts')).toBe(true);
    expect(seen.has('src/a.ts/inner.ts')).toBe(true);
  });

  it('reports nothing once closed, though it was listing a folder that replaced a file', async () => {
    const root = tempDir('codenav-watch-');
    writeFiles(root, { 'src/a.ts': 'export const a = 1;\n' });
    const bursts: string[][] = [];
    const watcher = createFileWatcher({ root, debounceMs: 0, onChange: (paths) => bursts.push(paths) });
    watchers.push(watcher);
    await watcher.ready;
    // The listing of the new folder is held until the watcher is closed.
    const folder = path.join(root, 'src/a.ts');
    let listing!: () => void;
    const listed = new Promise<void>((resolve) => (listing = resolve));
    const held = new Promise<void>((resolve) => {
      const readdir = fsp.readdir.bind(fsp);
      vi.spyOn(fsp, 'readdir').mockImplementation((async (dir: string, options: never) => {
        if (dir === folder) {
          resolve();
          await listed;
        }
        return readdir(dir, options);
      }) as typeof fsp.readdir);
    });
    rmSync(folder);
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'inner.ts'), 'export const inner = 1;\n');
    await held;
    await watcher.close();
    const reportedBeforeClose = bursts.flat();
    listing();
    // The listing ends, and any burst it started would be flushed (debounce 0) before this timer.
    await nextTurn();
    await after(5);
    expect(bursts.flat()).toEqual(reportedBeforeClose);
  });
});
