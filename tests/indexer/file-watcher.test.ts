/**
 * The file watcher on a project that changes shape under it: files replaced by folders, names
 * that look like a way out of the root.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createFileWatcher, type FileWatcher } from '../../server/indexer/file-watcher.ts';
import { removeCopies, tempDir, writeFiles } from '../helpers/fixtures.ts';

afterAll(removeCopies);

const watchers: FileWatcher[] = [];
afterEach(async () => {
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
  it('reports a file whose name starts with two dots', async () => {
    const root = tempDir('codenav-watch-');
    writeFiles(root, { 'src/a.ts': 'export const a = 1;\n' });
    const { reported, seen } = await watchRoot(root);
    writeFileSync(path.join(root, '..eslintrc.ts'), 'export default {};\n');
    await reported('..eslintrc.ts');
    expect([...seen]).toEqual(['..eslintrc.ts']);
  });

  it('watches a folder that replaced a file: the files in it, and the ones written later', async () => {
    const root = tempDir('codenav-watch-');
    writeFiles(root, { 'src/a.ts': 'export const a = 1;\n' });
    const { reported, seen } = await watchRoot(root);
    rmSync(path.join(root, 'src/a.ts'));
    mkdirSync(path.join(root, 'src/a.ts'));
    writeFileSync(path.join(root, 'src/a.ts/inner.ts'), 'export const inner = 1;\n');
    await Promise.all([reported('src/a.ts'), reported('src/a.ts/inner.ts')]);
    writeFileSync(path.join(root, 'src/a.ts/later.ts'), 'export const later = 1;\n');
    await reported('src/a.ts/later.ts');
    expect([...seen].sort()).toEqual(['src/a.ts', 'src/a.ts/inner.ts', 'src/a.ts/later.ts']);
  });
});
