/**
 * What a reviewer expects of diff impact on small repositories: which symbols changed, which
 * code depends on them, which tests to run (through `runImpact`, the CLI's code, in process).
 */
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../../server/analysis/index.ts';
import { type DiffImpactOptions, diffImpact } from '../../server/diff-impact/index.ts';
import { createMemoryStore } from '../../server/graph/memory/memory-store.ts';
import { createPathGuard } from '../../server/http/path-guard.ts';
import { runImpact } from '../../server/impact-command.ts';
import { createSourceReader } from '../../server/source/source-reader.ts';
import { removeCopies, tempDir, writeFiles as write } from '../helpers/fixtures.ts';
import { commitBase, git } from '../helpers/git.ts';

afterAll(removeCopies);

interface ImpactJson {
  base: string;
  commit: string;
  changed: { kind: string; key: string; previousKey: string | null; breaking: boolean; affected: string[] }[];
  changedTotal: number;
  affected: { key: string; kind: string }[];
  affectedTotal: number;
  truncated: boolean;
  affectedTests: { path: string }[];
  unanalyzedFiles: string[];
  warnings: string[];
}

async function impact(dir: string, base: string, depth = 3): Promise<ImpactJson> {
  return JSON.parse(await impactText(dir, base, depth, true)) as ImpactJson;
}

async function impactText(dir: string, base: string, depth = 3, json = false): Promise<string> {
  let out = '';
  const stdout = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  await runImpact({ command: 'impact', dir, base, depth, json }, stdout);
  return out;
}

/** diffImpact itself, on the repository analyzed now, with the options the CLI does not give. */
async function impactWith(dir: string, options: Omit<DiffImpactOptions, 'root' | 'store'>) {
  const store = createMemoryStore();
  const changeSets: Parameters<typeof store.apply>[0][] = [];
  new Analyzer({ root: dir }).analyze({ onChangeSet: (changeSet) => changeSets.push(changeSet) });
  for (const changeSet of changeSets) await store.apply(changeSet);
  return diffImpact({ root: dir, store, ...options });
}

const changes = (result: ImpactJson) => result.changed.map((c) => `${c.kind} ${c.key}`);
const keys = (result: ImpactJson) => result.affected.map((n) => n.key);

const TSCONFIG = JSON.stringify({
  compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler' },
  include: ['src', 'tests'],
});

/** a ← b ← c ← d ← e, one file each, and a test of e. */
const CHAIN = {
  'tsconfig.json': TSCONFIG,
  'src/a.ts':
    '/** Adds one. */\nexport function a(x: number): number {\n  // one more\n  return x + 1;\n}\n\nexport function unused(): number {\n  return 0;\n}\n',
  'src/b.ts': "import { a } from './a';\n\nexport function b(): number {\n  return a(1);\n}\n",
  'src/c.ts': "import { b } from './b';\n\nexport function c(): number {\n  return b();\n}\n",
  'src/d.ts': "import { c } from './d-dep';\n\nexport function d(): number {\n  return c();\n}\n",
  'src/d-dep.ts': "export { c } from './c';\n",
  'src/e.ts': "import { c } from './c';\n\nexport function e(): number {\n  return c() + 1;\n}\n",
  'tests/e.test.ts': "import { e } from '../src/e';\n\nif (e() !== 3) throw new Error('e');\n",
};

/** A git repository whose commit holds {@link CHAIN}. */
function chainRepo(): string {
  const repo = tempDir('codenav-diff-');
  commitBase(repo, CHAIN);
  return repo;
}

describe('diff impact, as a reviewer reads it', () => {
  it('reports no change for an edit of comments and formatting only', async () => {
    const repo = chainRepo();
    write(repo, {
      'src/a.ts':
        '/** Adds one to x. */\nexport function a(x: number): number {\n  // one more, reformatted\n  return x+1;\n}\n\nexport function unused(): number { return 0; }\n',
    });
    const result = await impact(repo, 'HEAD');
    expect(result.changed).toEqual([]);
    expect(result.affected).toEqual([]);
    expect(result.affectedTests).toEqual([]);
  });

  it('lists as tests to run the files named like tests, not the helpers and fixtures beside them', async () => {
    const repo = tempDir('codenav-diff-');
    commitBase(repo, {
      ...CHAIN,
      'tests/helpers/expect-e.ts':
        "import { e } from '../../src/e';\n\nexport function expectE(): void {\n  if (e() !== 3) throw new Error('e');\n}\n",
      'tests/fixtures/values.ts': "import { c } from '../../src/c';\n\nexport const value = c();\n",
      'tests/e_test.ts': "import { expectE } from './helpers/expect-e';\n\nexpectE();\n",
      'src/__tests__/c.ts': "import { c } from '../c';\n\nc();\n",
    });
    write(repo, {
      'src/a.ts':
        '/** Adds one. */\nexport function a(x: number): number {\n  // one more\n  return x + 2;\n}\n\nexport function unused(): number {\n  return 0;\n}\n',
    });
    const result = await impact(repo, 'HEAD', 5);
    // The helper and the fixture depend on the change, and are no tests to run.
    expect(keys(result)).toEqual(
      expect.arrayContaining(['tests/helpers/expect-e.ts#expectE', 'tests/fixtures/values.ts#value']),
    );
    expect(result.affectedTests).toEqual([
      { path: 'src/__tests__/c.ts' },
      { path: 'tests/e.test.ts' },
      { path: 'tests/e_test.ts' },
    ]);
  });

  it('reports a body edit, its callers to the depth asked (nearest first) and the tests that reach it', async () => {
    const repo = chainRepo();
    write(repo, {
      'src/a.ts':
        '/** Adds one. */\nexport function a(x: number): number {\n  // one more\n  return x + 2;\n}\n\nexport function unused(): number {\n  return 0;\n}\n',
    });
    const result = await impact(repo, 'HEAD', 2);
    expect(changes(result)).toEqual(['BODY_CHANGED src/a.ts#a']);
    expect(keys(result)).toEqual(['src/b.ts#b', 'src/c.ts#c']);
    // e's test reaches a through c, farther than depth 2: still a test to run.
    expect(result.affectedTests).toEqual([{ path: 'tests/e.test.ts' }]);
    expect(keys(await impact(repo, 'HEAD', 3))).toEqual([
      'src/b.ts#b',
      'src/c.ts#c',
      // d-dep.ts re-exports c; calls resolve through the re-export to the declaration: d calls c.
      'src/d-dep.ts',
      'src/d.ts#d',
      'src/e.ts#e',
    ]);
  });

  it('counts the files re-exporting a changed symbol, or importing it unused, as its dependents', async () => {
    const repo = tempDir('codenav-diff-');
    commitBase(repo, {
      'tsconfig.json': TSCONFIG,
      'src/index.ts': "export { range } from './range';\nexport * from './of';\n",
      'src/range.ts':
        'export function range(start: number, count: number): number[] {\n  return [start, count];\n}\n',
      'src/of.ts': 'export function of(x: number): number[] {\n  return [x];\n}\n',
      'src/app.ts':
        "import { of } from './index';\nimport { range } from './range';\n\nexport const one = 1;\n",
      'src/uses.ts':
        "import { of } from './of';\n\nexport function twice(): number[] {\n  return of(2);\n}\n",
    });
    write(repo, {
      'src/range.ts':
        'export function range(start: number, count: number, step: number): number[] {\n  return [start, count, step];\n}\n',
      'src/of.ts': 'export function of(x: number): number[] {\n  return [x, x];\n}\n',
    });
    const result = await impact(repo, 'HEAD', 2);
    expect(result.changed.map((c) => [c.kind, c.key, c.breaking, c.affected])).toEqual([
      // Re-exported by index.ts, imported (and used nowhere) by app.ts.
      ['SIGNATURE_CHANGED', 'src/range.ts#range', true, ['src/app.ts', 'src/index.ts']],
      // `export *` of its file; uses.ts's import is stood for by twice, which calls it.
      ['BODY_CHANGED', 'src/of.ts#of', false, ['src/index.ts', 'src/uses.ts#twice']],
    ]);
    // And what depends on index.ts: app.ts imports from it.
    expect(keys(result)).toEqual(['src/app.ts', 'src/index.ts', 'src/uses.ts#twice']);
  });

  it('reports a deleted file’s symbols as removed, breaking the symbols that still use them', async () => {
    const repo = chainRepo();
    rmSync(path.join(repo, 'src/a.ts'));
    const result = await impact(repo, 'HEAD', 2);
    expect(result.changed).toEqual([
      expect.objectContaining({
        kind: 'SYMBOL_REMOVED',
        key: 'src/a.ts#a',
        breaking: true,
        affected: ['src/b.ts#b'],
      }),
      expect.objectContaining({
        kind: 'SYMBOL_REMOVED',
        key: 'src/a.ts#unused',
        breaking: false,
        affected: [],
      }),
    ]);
    // b used a (depth 1), c calls b (depth 2): the depth counts from the removed symbol.
    expect(keys(result)).toEqual(['src/b.ts#b', 'src/c.ts#c']);
  });

  it('breaks the users of a deleted file whatever else its importers fail to import (no 50-diagnostic horizon)', async () => {
    const repo = tempDir('codenav-diff-');
    // b imports 60 modules that exist nowhere before it imports a: the graph keeps 50 diagnostics.
    const missing = Array.from({ length: 60 }, (_, i) => `import './missing${i}';\n`).join('');
    commitBase(repo, {
      ...CHAIN,
      'src/b.ts': `${missing}import { a } from './a';\n\nexport function b(): number {\n  return a(1);\n}\n`,
    });
    rmSync(path.join(repo, 'src/a.ts'));
    const result = await impact(repo, 'HEAD', 1);
    expect(result.changed).toContainEqual(
      expect.objectContaining({ kind: 'SYMBOL_REMOVED', key: 'src/a.ts#a', affected: ['src/b.ts#b'] }),
    );
    expect(keys(result)).toEqual(['src/b.ts#b']);
  });

  it('names the symbols, not just the files, that use a symbol removed from a file that stays', async () => {
    const repo = chainRepo();
    write(repo, { 'src/a.ts': 'export function unused(): number {\n  return 0;\n}\n' });
    const result = await impact(repo, 'HEAD');
    expect(result.changed).toEqual([
      expect.objectContaining({
        kind: 'SYMBOL_REMOVED',
        key: 'src/a.ts#a',
        breaking: true,
        affected: ['src/b.ts#b'],
      }),
    ]);
    // d-dep.ts re-exports c.
    expect(keys(result)).toEqual(['src/b.ts#b', 'src/c.ts#c', 'src/d-dep.ts', 'src/d.ts#d', 'src/e.ts#e']);
  });

  it('follows a file moved with git mv: its importers that did not follow are broken and affected', async () => {
    const repo = chainRepo();
    git(repo, 'mv', 'src/a.ts', 'src/a2.ts');
    const result = await impact(repo, 'HEAD', 1);
    expect(result.changed).toEqual([
      expect.objectContaining({
        kind: 'SYMBOL_MOVED',
        key: 'src/a2.ts#a',
        previousKey: 'src/a.ts#a',
        breaking: true,
        affected: ['src/b.ts#b'],
      }),
      expect.objectContaining({ kind: 'SYMBOL_MOVED', key: 'src/a2.ts#unused', breaking: false }),
    ]);
    expect(keys(result)).toEqual(['src/b.ts#b']);
  });

  it('compares with a commit before HEAD: committed, staged and unstaged edits alike', async () => {
    const repo = chainRepo();
    write(repo, {
      'src/b.ts': "import { a } from './a';\n\nexport function b(): number {\n  return a(2);\n}\n",
    });
    git(repo, 'commit', '-qam', 'b');
    write(repo, {
      'src/c.ts': "import { b } from './b';\n\nexport function c(): number {\n  return b() * 2;\n}\n",
    });
    git(repo, 'add', 'src/c.ts');
    write(repo, {
      'src/e.ts': "import { c } from './c';\n\nexport function e(): number {\n  return c() + 2;\n}\n",
    });
    const head = await impact(repo, 'HEAD');
    expect(changes(head)).toEqual(['BODY_CHANGED src/c.ts#c', 'BODY_CHANGED src/e.ts#e']);
    const before = await impact(repo, 'HEAD~1');
    expect(changes(before)).toEqual([
      'BODY_CHANGED src/b.ts#b',
      'BODY_CHANGED src/c.ts#c',
      'BODY_CHANGED src/e.ts#e',
    ]);
    expect(before.commit).toBe(git(repo, 'rev-parse', 'HEAD~1').trim());
    expect(changes(await impact(repo, before.commit))).toEqual(changes(before));
    expect(before.affectedTests).toEqual([{ path: 'tests/e.test.ts' }]);
  });

  it('compares a branch with where it left main when the base is main... (main’s own later changes left out)', async () => {
    const repo = chainRepo();
    git(repo, 'checkout', '-qb', 'feature');
    write(repo, {
      'src/b.ts': "import { a } from './a';\n\nexport function b(): number {\n  return a(2);\n}\n",
    });
    git(repo, 'commit', '-qam', 'feature: b');
    git(repo, 'checkout', '-q', 'main');
    write(repo, {
      'src/e.ts': "import { c } from './c';\n\nexport function e(): number {\n  return c() + 5;\n}\n",
    });
    git(repo, 'commit', '-qam', 'main: e');
    git(repo, 'checkout', '-q', 'feature');
    // main's tip as it is: its newer e shows up, reversed, as a change of the branch.
    expect(changes(await impact(repo, 'main'))).toEqual([
      'BODY_CHANGED src/b.ts#b',
      'BODY_CHANGED src/e.ts#e',
    ]);
    const branch = await impact(repo, 'main...');
    expect(branch.base).toBe('main...');
    expect(branch.commit).toBe(git(repo, 'merge-base', 'main', 'HEAD').trim());
    expect(changes(branch)).toEqual(['BODY_CHANGED src/b.ts#b']);
    expect(changes(await impact(repo, 'main...HEAD'))).toEqual(['BODY_CHANGED src/b.ts#b']);
    await expect(impact(repo, 'main...feature')).rejects.toThrow(
      'codenav impact: base "main...feature" compares two revisions: the work tree is compared with one revision, or with REF... (the merge base of REF and HEAD)',
    );
  });

  it('lists the changed files it does not compare, and warns that a tsconfig change may resolve imports differently', async () => {
    const repo = tempDir('codenav-diff-');
    // The analyzed root is a folder of the repository, with a space and a non-ASCII name.
    commitBase(repo, {
      'README.md': 'the repository\n',
      'web app/tsconfig.json': TSCONFIG,
      'web app/package.json': '{ "name": "web" }\n',
      'web app/src/größe.ts': 'export function size(): number {\n  return 1;\n}\n',
      'web app/scripts/gen.ts': 'export const generated = 1;\n',
      'other/src/x.ts': 'export const x = 1;\n',
    });
    write(repo, {
      'README.md': 'the repository, edited\n',
      'other/src/x.ts': 'export const x = 2;\n',
      'web app/tsconfig.json': JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'ESNext',
          moduleResolution: 'Bundler',
          paths: { '@/*': ['./src/*'] },
        },
        include: ['src', 'tests'],
      }),
      'web app/docs/notes ü.md': 'new\n',
      'web app/scripts/gen.ts': 'export const generated = 2;\n',
      'web app/src/größe.ts': 'export function size(): number {\n  return 2;\n}\n',
    });
    const root = path.join(repo, 'web app');
    const result = await impact(root, 'HEAD');
    expect(changes(result)).toEqual(['BODY_CHANGED src/größe.ts#size']);
    // Relative to the analyzed folder; nothing of the repository outside it.
    expect(result.unanalyzedFiles).toEqual(['docs/notes ü.md', 'scripts/gen.ts', 'tsconfig.json']);
    expect(result.warnings).toEqual([
      'tsconfig.json changed: compiler options (paths, baseUrl, moduleResolution…) may resolve imports differently than at the base, and the comparison looks at declarations only: check what resolves differently.',
    ]);
    const text = await impactText(root, 'HEAD');
    expect(text).toMatch(
      /^compared with HEAD \([0-9a-f]{12}\): 1 change, 0 affected nodes, 0 test files to run; 3 changed files not compared\n/,
    );
    expect(text).toContain(
      'Changed, not compared (not source code, or not analyzed):\n    docs/notes ü.md\n    scripts/gen.ts\n    tsconfig.json\n',
    );
    expect(text).toContain('Warnings:\n  ! tsconfig.json changed: compiler options');
  });

  it('takes a JavaScript require binding for an import or a variable as the analysis does, not for a change', async () => {
    const repo = tempDir('codenav-diff-');
    commitBase(repo, {
      'package.json': '{ "name": "cjs", "private": true }\n',
      'lib/a.js': 'function A() { return 1; }\nmodule.exports = { A };\n',
      'lib/b.js':
        "const { A } = require('./a');\nconst merge = require('utils-merge');\n\nfunction main() {\n  return A() + merge();\n}\nmodule.exports = main;\n",
    });
    write(repo, {
      'lib/b.js':
        "const { A } = require('./a');\nconst merge = require('utils-merge');\n\nfunction main() {\n  return A() + merge() + 1;\n}\nmodule.exports = main;\n",
    });
    // `A` (its module resolves) is no node then or now; `merge` (a missing package) a VARIABLE both times.
    expect(changes(await impact(repo, 'HEAD'))).toEqual(['BODY_CHANGED lib/b.js#main']);
  });

  it('takes the require bindings of a deleted JavaScript file for variables where their module resolves nowhere', async () => {
    const repo = tempDir('codenav-diff-');
    commitBase(repo, {
      'package.json': '{ "name": "cjs", "private": true }\n',
      'lib/a.js': 'function A() { return 1; }\nmodule.exports = { A };\n',
      'lib/b.js':
        "const { A } = require('./a');\nconst merge = require('utils-merge');\nconst gone = require('./never');\n\nfunction main() {\n  return A() + merge() + gone();\n}\nmodule.exports = main;\n",
      'lib/c.js':
        "const merge = require('utils-merge');\nmodule.exports = function c() {\n  return merge();\n};\n",
      'lib/d.js':
        "const { A } = require('./a');\nconst z = require('./z');\nmodule.exports = function d() {\n  return A() + z();\n};\n",
      'lib/z.js': 'module.exports = function z() {\n  return 2;\n};\n',
    });
    rmSync(path.join(repo, 'lib/b.js'));
    rmSync(path.join(repo, 'lib/d.js'));
    rmSync(path.join(repo, 'lib/z.js'));
    // At the base, `merge` (a missing package: lib/c.js binds it as a VARIABLE now) and `gone` (no
    // such file) were VARIABLEs; `A` and `z` (files that were there) imports, no nodes.
    expect(changes(await impact(repo, 'HEAD'))).toEqual([
      'SYMBOL_REMOVED lib/b.js#gone',
      'SYMBOL_REMOVED lib/b.js#main',
      'SYMBOL_REMOVED lib/b.js#merge',
      'SYMBOL_REMOVED lib/d.js#d',
      'SYMBOL_REMOVED lib/z.js#z',
    ]);
  });

  it("reads the symbols of a missing package's importers in store calls that do not grow with the importers", async () => {
    // A deleted file requires a package that resolves nowhere; the files importing it now do so
    // by `import`, binding no VARIABLE, so every importer's symbols are looked at.
    const callsWith = async (importers: number) => {
      const repo = tempDir('codenav-diff-');
      const files: Record<string, string> = {
        'package.json': '{ "name": "cjs", "private": true }\n',
        'lib/b.js':
          "const merge = require('utils-merge');\nmodule.exports = function main() {\n  return merge();\n};\n",
      };
      for (let i = 0; i < importers; i += 1)
        files[`lib/u${i}.mjs`] = `import merge from 'utils-merge';\nexport const u${i} = () => merge();\n`;
      commitBase(repo, files);
      rmSync(path.join(repo, 'lib/b.js'));
      const store = createMemoryStore();
      const changeSets: Parameters<typeof store.apply>[0][] = [];
      new Analyzer({ root: repo }).analyze({ onChangeSet: (changeSet) => changeSets.push(changeSet) });
      for (const changeSet of changeSets) await store.apply(changeSet);
      let calls = 0;
      const counted = new Proxy(store, {
        get(target, name, receiver) {
          const value = Reflect.get(target, name, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            calls += 1;
            return Reflect.apply(value, target, args);
          };
        },
      });
      const result = await diffImpact({ root: repo, store: counted, base: 'HEAD' });
      return { calls, changed: result.changed.map((c) => `${c.kind} ${c.key}`) };
    };
    const few = await callsWith(2);
    const many = await callsWith(12);
    // `merge` was an import at the base (nothing binds the package to a VARIABLE): no node.
    expect(few.changed).toEqual(['SYMBOL_REMOVED lib/b.js#main']);
    expect(many.changed).toEqual(few.changed);
    expect(many.calls).toBe(few.calls);
  });

  it('gives up with DiffImpactCancelledError once its signal has aborted, asking git nothing', async () => {
    const repo = chainRepo();
    write(repo, { 'src/a.ts': 'export function a(x: number): number {\n  return x + 2;\n}\n' });
    const reason = 'the client went away';
    await expect(impactWith(repo, { base: 'HEAD', signal: AbortSignal.abort(reason) })).rejects.toMatchObject(
      {
        name: 'DiffImpactCancelledError',
        cause: reason,
      },
    );
    // The same comparison, not cancelled, finds the change.
    expect((await impactWith(repo, { base: 'HEAD' })).changedTotal).toBeGreaterThan(0);
  });

  it('answers an empty comparison with empty lists', async () => {
    const repo = chainRepo();
    const result = await impact(repo, 'main');
    expect(result).toEqual({
      base: 'main',
      commit: git(repo, 'rev-parse', 'HEAD').trim(),
      changed: [],
      changedTotal: 0,
      affected: [],
      affectedTotal: 0,
      truncated: false,
      affectedTests: [],
      unanalyzedFiles: [],
      warnings: [],
    });
  });

  it('takes a file untracked with git rm --cached, unchanged on disk, as no change', async () => {
    const repo = chainRepo();
    git(repo, 'rm', '-q', '--cached', 'src/a.ts');
    const result = await impact(repo, 'HEAD');
    expect(result.changed).toEqual([]);
    expect(result.affected).toEqual([]);
  });

  it('follows a change across workspace packages, a deleted file of one too', async () => {
    const repo = tempDir('codenav-diff-');
    commitBase(repo, {
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/lib/package.json': JSON.stringify({
        name: '@w/lib',
        main: 'src/index.ts',
        types: 'src/index.ts',
      }),
      'packages/lib/tsconfig.json': TSCONFIG,
      'packages/lib/src/index.ts': 'export function lib(): number {\n  return 1;\n}\n',
      'packages/app/package.json': JSON.stringify({ name: '@w/app', dependencies: { '@w/lib': '*' } }),
      'packages/app/tsconfig.json': TSCONFIG,
      'packages/app/src/main.ts':
        "import { lib } from '@w/lib';\n\nexport function main(): number {\n  return lib();\n}\n",
      'packages/app/tests/main.test.ts': "import { main } from '../src/main';\n\nmain();\n",
    });
    write(repo, { 'packages/lib/src/index.ts': 'export function lib(): number {\n  return 2;\n}\n' });
    const edited = await impact(repo, 'HEAD');
    expect(edited.changed).toEqual([
      expect.objectContaining({
        kind: 'BODY_CHANGED',
        key: 'packages/lib/src/index.ts#lib',
        affected: ['packages/app/src/main.ts#main'],
      }),
    ]);
    expect(keys(edited)).toEqual(['packages/app/src/main.ts#main', 'packages/app/tests/main.test.ts']);
    expect(edited.affectedTests).toEqual([{ path: 'packages/app/tests/main.test.ts' }]);

    rmSync(path.join(repo, 'packages/lib/src/index.ts'));
    const deleted = await impact(repo, 'HEAD');
    expect(deleted.changed).toEqual([
      expect.objectContaining({
        kind: 'SYMBOL_REMOVED',
        key: 'packages/lib/src/index.ts#lib',
        breaking: true,
        affected: ['packages/app/src/main.ts#main'],
      }),
    ]);
    expect(deleted.affectedTests).toEqual([{ path: 'packages/app/tests/main.test.ts' }]);
  });

  it('reads a UTF-16 file at the base as the analysis reads it now (by its byte-order mark)', async () => {
    const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const repo = chainRepo();
    writeFileSync(
      path.join(repo, 'src/a.ts'),
      utf16('export function a(x: number): number {\n  return x + 1;\n}\n'),
    );
    git(repo, 'commit', '-qam', 'a in UTF-16');
    writeFileSync(
      path.join(repo, 'src/a.ts'),
      utf16('export function a(x: number): number {\n  return x + 2;\n}\n'),
    );
    expect(changes(await impact(repo, 'HEAD', 1))).toEqual(['BODY_CHANGED src/a.ts#a']);
  });

  it('says a moved symbol was edited too, and not when only its comments changed', async () => {
    const repo = chainRepo();
    git(repo, 'mv', 'src/a.ts', 'src/a2.ts');
    write(repo, {
      'src/a2.ts':
        '/** Adds one, moved. */\nexport function a(x: number): number {\n  // one more\n  return x + 10;\n}\n\nexport function unused(): number {\n  // still nothing\n  return 0;\n}\n',
      'src/b.ts': "import { a } from './a2';\n\nexport function b(): number {\n  return a(1);\n}\n",
    });
    const result = await impact(repo, 'HEAD', 1);
    expect(changes(result)).toEqual([
      'SYMBOL_MOVED src/a2.ts#a',
      'SYMBOL_MOVED src/a2.ts#unused',
      'BODY_CHANGED src/a2.ts#a',
    ]);
    expect(result.changed[0]).toMatchObject({ previousKey: 'src/a.ts#a', breaking: false, affected: [] });
    expect(keys(result)).toEqual(['src/b.ts#b']);
  });

  it('breaks the code of the same file that still uses a removed function, or the old name of a renamed one', async () => {
    const repo = tempDir('codenav-diff-');
    commitBase(repo, {
      'tsconfig.json': TSCONFIG,
      'src/text.ts':
        'function trim(s: string): string {\n  return s.trim();\n}\n\nexport function clean(s: string): string {\n  return trim(s);\n}\n\nexport class Form {\n  trim = 1;\n  value(s: string): string {\n    return trim(s);\n  }\n}\n',
    });
    // trim is gone, its users in the file are not updated (the compiler will say so; so should we).
    write(repo, {
      'src/text.ts':
        'export function clean(s: string): string {\n  return trim(s);\n}\n\nexport class Form {\n  trim = 1;\n  value(s: string): string {\n    return trim(s);\n  }\n}\n',
    });
    const result = await impact(repo, 'HEAD', 1);
    expect(result.changed).toEqual([
      expect.objectContaining({
        kind: 'SYMBOL_REMOVED',
        key: 'src/text.ts#trim',
        breaking: true,
        // The property named trim is no use of it.
        affected: ['src/text.ts#Form.value', 'src/text.ts#clean'],
      }),
    ]);
    // Renamed in place, the callers left calling the old name.
    write(repo, {
      'src/text.ts':
        'function strip(s: string): string {\n  return s.trim();\n}\n\nexport function clean(s: string): string {\n  return trim(s);\n}\n\nexport class Form {\n  trim = 1;\n  value(s: string): string {\n    return strip(s);\n  }\n}\n',
    });
    expect((await impact(repo, 'HEAD', 1)).changed).toEqual([
      expect.objectContaining({
        kind: 'SYMBOL_RENAMED',
        key: 'src/text.ts#strip',
        previousKey: 'src/text.ts#trim',
        breaking: true,
        affected: ['src/text.ts#clean'],
      }),
      // It followed the rename: its text changed, it uses the new name.
      expect.objectContaining({ kind: 'BODY_CHANGED', key: 'src/text.ts#Form.value', breaking: false }),
    ]);
  });

  it('names the users of a removed class member, not every user of its class', async () => {
    const repo = tempDir('codenav-diff-');
    commitBase(repo, {
      'tsconfig.json': TSCONFIG,
      'src/cart.ts': [
        'export class Cart {',
        '  items: number[] = [];',
        '  total(): number {',
        '    return this.items.length;',
        '  }',
        '  legacyTotal(): number {',
        '    return this.total();',
        '  }',
        '  report(): string {',
        '    return String(this.legacyTotal());',
        '  }',
        '}',
        'export function makeCart(): Cart {',
        '  return new Cart();',
        '}',
        '',
      ].join('\n'),
      'src/gift-cart.ts':
        "import { Cart } from './cart';\n\nexport class GiftCart extends Cart {\n  override legacyTotal(): number {\n    return 0;\n  }\n}\n",
      'src/checkout.ts':
        "import { Cart } from './cart';\n\nexport function pay(cart: Cart): number {\n  return cart.legacyTotal();\n}\n\nexport function count(cart: Cart): number {\n  return cart.total();\n}\n",
      // Reaches the member through a factory: this file never names Cart.
      'src/quick.ts':
        "import { makeCart } from './cart';\n\nexport function quick(): number {\n  return makeCart().legacyTotal();\n}\n",
      'src/empty.ts': "import { Cart } from './cart';\n\nexport const empty = (): Cart => new Cart();\n",
    });
    write(repo, {
      'src/cart.ts': [
        'export class Cart {',
        '  items: number[] = [];',
        '  total(): number {',
        '    return this.items.length;',
        '  }',
        '  report(): string {',
        '    return String(this.legacyTotal());',
        '  }',
        '}',
        'export function makeCart(): Cart {',
        '  return new Cart();',
        '}',
        '',
      ].join('\n'),
    });
    const result = await impact(repo, 'HEAD', 1);
    expect(result.changed).toEqual([
      expect.objectContaining({
        kind: 'SYMBOL_REMOVED',
        key: 'src/cart.ts#Cart.legacyTotal',
        breaking: true,
        // Its override, and the code calling it (its own class's too): not count, nor empty.
        affected: [
          'src/cart.ts#Cart.report',
          'src/checkout.ts#pay',
          'src/gift-cart.ts#GiftCart.legacyTotal',
          'src/quick.ts#quick',
        ],
      }),
    ]);
    expect(keys(result)).not.toContain('src/checkout.ts#count');
    expect(result.warnings).toEqual([]);

    // Without the files as they are now, the users of the class stand for the member's, and it says so.
    const unread = await impactWith(repo, { base: 'HEAD', depth: 1 });
    expect(unread.changed[0]?.affected).toEqual(
      expect.arrayContaining(['src/checkout.ts#count', 'src/checkout.ts#pay', 'src/empty.ts#empty']),
    );
    expect(unread.warnings).toEqual([
      '5 files (src/cart.ts, src/checkout.ts, src/empty.ts, src/gift-cart.ts, src/quick.ts) could not be read as they are now, or were past the 500 files read for removed members: there, the code using the class of the removed Cart.legacyTotal is listed as its users, though some of it may not use it.',
    ]);
  });

  it('breaks the code that followed a moved class when it also re-signed a member of it', async () => {
    const repo = tempDir('codenav-diff-');
    commitBase(repo, {
      'tsconfig.json': TSCONFIG,
      'src/cart.ts': 'export class Cart {\n  total(): number {\n    return 1;\n  }\n}\n',
      'src/count.ts':
        "import { Cart } from './cart';\n\nexport const count = (cart: Cart): number => cart.total();\n",
      'src/stale.ts':
        "import { Cart } from './cart';\n\nexport const stale = (cart: Cart): number => cart.total();\n",
    });
    git(repo, 'mv', 'src/cart.ts', 'src/shop.ts');
    write(repo, {
      'src/shop.ts': 'export class Cart {\n  total(tax: number): number {\n    return tax;\n  }\n}\n',
      'src/count.ts':
        "import { Cart } from './shop';\n\nexport const count = (cart: Cart): number => cart.total();\n",
    });
    const result = await impact(repo, 'HEAD', 1);
    expect(result.changed).toEqual([
      // stale still imports the old place; count followed the move.
      expect.objectContaining({
        kind: 'SYMBOL_MOVED',
        key: 'src/shop.ts#Cart',
        affected: ['src/stale.ts#stale'],
      }),
      // Both call total() with no argument: count, which followed, too.
      expect.objectContaining({
        kind: 'SIGNATURE_CHANGED',
        key: 'src/shop.ts#Cart.total',
        breaking: true,
        affected: ['src/count.ts#count', 'src/stale.ts#stale'],
      }),
    ]);
  });

  it('breaks with a trailing optional parameter dropped only the code whose calls pass it', async () => {
    const repo = tempDir('codenav-diff-');
    commitBase(repo, {
      'tsconfig.json': TSCONFIG,
      'src/greet.ts': 'export function greet(name: string, loud?: boolean): string {\n  return name;\n}\n',
      'src/quiet.ts': "import { greet } from './greet';\n\nexport const quiet = (): string => greet('a');\n",
    });
    write(repo, { 'src/greet.ts': 'export function greet(name: string): string {\n  return name;\n}\n' });
    const resigned = async () =>
      (await impact(repo, 'HEAD', 1)).changed.filter((c) => c.kind === 'SIGNATURE_CHANGED');
    expect(await resigned()).toEqual([
      expect.objectContaining({
        kind: 'SIGNATURE_CHANGED',
        breaking: false,
        affected: ['src/quiet.ts#quiet'],
      }),
    ]);
    write(repo, {
      'src/loud.ts':
        "import { greet } from './greet';\n\nexport const loud = (): string => greet('a', true);\n",
    });
    expect(await resigned()).toEqual([
      expect.objectContaining({
        kind: 'SIGNATURE_CHANGED',
        breaking: true,
        affected: ['src/loud.ts#loud', 'src/quiet.ts#quiet'],
      }),
    ]);
  });

  it('takes no local that shadows an imported name for a use of it', async () => {
    const repo = tempDir('codenav-diff-');
    commitBase(repo, {
      'tsconfig.json': TSCONFIG,
      'src/cart.ts': 'export function total(): number {\n  return 1;\n}\n\nexport const fee = 2;\n',
      'src/bill.ts': [
        "import { fee, total } from './cart';",
        '',
        'export function price(total: number): number {',
        '  return total * fee;',
        '}',
        '',
        'export function sum(): number {',
        '  return total() + fee;',
        '}',
        '',
      ].join('\n'),
    });
    write(repo, { 'src/cart.ts': 'export const fee = 2;\n' });
    const result = await impact(repo, 'HEAD', 1);
    expect(result.changed).toEqual([
      expect.objectContaining({
        kind: 'SYMBOL_REMOVED',
        key: 'src/cart.ts#total',
        breaking: true,
        // price's parameter total is its own: price uses fee, not total.
        affected: ['src/bill.ts#sum'],
      }),
    ]);
  });

  it('keeps of each file read as it is now what it parsed, not its text, for the rest of the call', async () => {
    const repo = tempDir('codenav-diff-');
    commitBase(repo, {
      ...CHAIN,
      'src/b.ts':
        "import { a, unused } from './a';\n\nexport function b(): number {\n  return a(1) + unused();\n}\n",
      'src/f.ts': "import { unused } from './a';\n\nexport function f(): number {\n  return unused();\n}\n",
    });
    // a's comment changes (its code is compared with the file now), unused is removed (its
    // importers are read now): files read one after the other.
    write(repo, {
      'src/a.ts': '/** Adds one, really. */\nexport function a(x: number): number {\n  return x + 1;\n}\n',
    });
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const reader = createSourceReader(repo, createPathGuard(repo));
    const texts: WeakRef<object>[] = [];
    const alive: number[] = [];
    const result = await impactWith(repo, {
      base: 'HEAD',
      readSource: async (file) => {
        // What the call still holds of the files it read before this one.
        await new Promise((resolve) => setImmediate(resolve));
        gc();
        alive.push(texts.filter((ref) => ref.deref() !== undefined).length);
        const source = await reader(file);
        if (source === undefined) return undefined;
        const copy = { text: source.text, hash: source.hash };
        texts.push(new WeakRef(copy));
        return copy;
      },
    });
    // The comparison used what it read: a's comment is no change, unused's users are symbols.
    expect(result.changed.map((c) => `${c.kind} ${c.key} ${c.affected.join(' ')}`)).toEqual([
      'SYMBOL_REMOVED src/a.ts#unused src/b.ts#b src/f.ts#f',
    ]);
    expect(texts.length).toBeGreaterThanOrEqual(3);
    expect(alive).toEqual(alive.map(() => 0));
  });

  it('bounds affected at 1,000 nodes, the nearest first and then by key, the same on every run', async () => {
    const repo = tempDir('codenav-diff-');
    const callers = Array.from(
      { length: 1100 },
      (_, i) => `export function c${i}(): number {\n  return a(${i});\n}\n`,
    );
    commitBase(repo, {
      ...CHAIN,
      'src/many.ts': `import { a } from './a';\n\n${callers.join('\n')}`,
    });
    write(repo, {
      'src/a.ts':
        '/** Adds one. */\nexport function a(x: number): number {\n  // one more\n  return x + 2;\n}\n\nexport function unused(): number {\n  return 0;\n}\n',
    });
    const first = await impact(repo, 'HEAD', 2);
    expect(first.affected).toHaveLength(1000);
    const direct = ['src/b.ts#b', ...callers.map((_, i) => `src/many.ts#c${i}`)].sort();
    expect(keys(first)).toEqual(direct.slice(0, 1000));
    // b and the 1,100 at depth 1, and c, which calls b, at depth 2: more than listed, and said.
    expect(first).toMatchObject({ affectedTotal: 1102, truncated: true });
    expect(keys(await impact(repo, 'HEAD', 2))).toEqual(keys(first));
  });

  it('counts a changed symbol that depends on another change as affected at its distance from it, within depth only', async () => {
    const repo = chainRepo();
    // a and c both change: c uses a through b, two steps away.
    write(repo, {
      'src/a.ts': CHAIN['src/a.ts'].replace('x + 1', 'x + 2'),
      'src/c.ts': CHAIN['src/c.ts'].replace('return b();', 'return b() * 2;'),
    });
    const near = await impact(repo, 'HEAD', 1);
    expect(changes(near)).toEqual(['BODY_CHANGED src/a.ts#a', 'BODY_CHANGED src/c.ts#c']);
    // d-dep.ts re-exports c.
    expect(keys(near)).toEqual(['src/b.ts#b', 'src/d-dep.ts', 'src/d.ts#d', 'src/e.ts#e']);
    // At depth 2: c (through b), d.ts (it imports d-dep.ts), and e's test file, whose top-level
    // code calls e.
    expect(keys(await impact(repo, 'HEAD', 2))).toEqual([
      'src/b.ts#b',
      'src/d-dep.ts',
      'src/d.ts#d',
      'src/e.ts#e',
      'src/c.ts#c',
      'src/d.ts',
      'tests/e.test.ts',
    ]);
  });

  it('walks at most its node bound, what lies within depth first, and warns when tests farther away may be missed', async () => {
    const repo = chainRepo();
    write(repo, { 'src/a.ts': CHAIN['src/a.ts'].replace('x + 1', 'x + 2') });
    // Room for b and c only: within depth 1 all is found; e's test, farther, is past the bound.
    const bounded = await impactWith(repo, { base: 'HEAD', depth: 1, walkLimit: 2 });
    expect(bounded.affected.map((n) => n.key)).toEqual(['src/b.ts#b']);
    expect(bounded).toMatchObject({ affectedTotal: 1, truncated: false, affectedTests: [] });
    expect(bounded.warnings).toEqual([
      'the walk of dependents stops at 2 nodes: tests that reach the change from farther may be missing from affectedTests; compare with a nearer revision (fewer changes).',
    ]);
    // The bound reached within depth: what is listed is the nearest, and the answer says it is cut.
    const cut = await impactWith(repo, { base: 'HEAD', depth: 3, walkLimit: 2 });
    expect(cut.affected.map((n) => n.key)).toEqual(['src/b.ts#b', 'src/c.ts#c']);
    expect(cut).toMatchObject({ affectedTotal: 2, truncated: true });
    // With room enough, the same question finds e's test beyond depth 1.
    const whole = await impactWith(repo, { base: 'HEAD', depth: 1 });
    expect(whole.affectedTests.map((n) => n.key)).toEqual(['tests/e.test.ts']);
    expect(whole.warnings).toEqual([]);
  });

  it('answers a change of thousands of symbols with the first `first` changes, breaking ones first, and the count of all', async () => {
    const repo = tempDir('codenav-diff-');
    const used = (type: string) => `export function used(x: ${type}): number {\n  return Number(x);\n}\n`;
    commitBase(repo, {
      'tsconfig.json': TSCONFIG,
      'src/values.ts': used('number'),
      'src/user.ts': "import { used } from './values';\n\nexport const user = (): number => used(1);\n",
    });
    // 6,000 constants added, and a function that other code calls re-signed (breaking it).
    const added = Array.from(
      { length: 6000 },
      (_, i) => `export const v${String(i).padStart(4, '0')} = ${i};\n`,
    );
    write(repo, { 'src/values.ts': `${used('string')}${added.join('')}` });
    const result = await impactWith(repo, { base: 'HEAD', first: 10 });
    expect(result.changedTotal).toBe(6001);
    expect(result.changed.map((c) => `${c.kind} ${c.key}`)).toEqual([
      'SIGNATURE_CHANGED src/values.ts#used',
      ...Array.from({ length: 9 }, (_, i) => `SYMBOL_ADDED src/values.ts#v000${i}`),
    ]);
    expect(result.changed[0]).toMatchObject({ breaking: true, affected: ['src/user.ts#user'] });
    expect(result.truncated).toBe(true);
    // The CLI's default: the most the API returns.
    const json = await impact(repo, 'HEAD');
    expect(json.changed).toHaveLength(1000);
    expect(json).toMatchObject({ changedTotal: 6001, truncated: true });
  }, 60_000);
});
