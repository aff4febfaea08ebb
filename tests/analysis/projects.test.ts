import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../../server/analysis/index.ts';
import { createRootedFileSystem } from '../../server/analysis/rooted-file-system.ts';
import { findUnanalyzedFiles } from '../../server/analysis/unanalyzed-files.ts';
import { copyFixture, fixturePath, removeCopies, tempDir, writeFiles } from '../helpers/fixtures.ts';
import { edgeLines } from '../helpers/graph.ts';

afterAll(removeCopies);

function analyze(root: string) {
  const analyzer = new Analyzer({ root });
  analyzer.analyze();
  return { analyzer, ...analyzer.graph() };
}

describe('workspaces and project references', () => {
  it('resolves an import of a sibling npm workspace package to its source, through project references', () => {
    const { edges, analyzer } = analyze(fixturePath('workspace'));
    expect(analyzer.files()).toEqual([
      'packages/app/src/format.ts',
      'packages/app/src/main.ts',
      'packages/core/src/greeter.ts',
      'packages/core/src/index.ts',
    ]);
    expect(edgeLines(edges, 'CALLS', 'INSTANTIATES', 'IMPORTS')).toEqual([
      'CALLS packages/app/src/main.ts#main -> packages/app/src/format.ts#format',
      'CALLS packages/app/src/main.ts#main -> packages/core/src/greeter.ts#Greeter.greet',
      'CALLS packages/app/src/main.ts#main -> packages/core/src/index.ts#version',
      'IMPORTS packages/app/src/main.ts -> npm:left-pad',
      'IMPORTS packages/app/src/main.ts -> packages/app/src/format.ts',
      'IMPORTS packages/app/src/main.ts -> packages/core/src/index.ts',
      'IMPORTS packages/core/src/index.ts -> packages/core/src/greeter.ts',
      'INSTANTIATES packages/app/src/main.ts#main -> packages/core/src/greeter.ts#Greeter',
    ]);
  });

  it('resolves through the node_modules symlink that npm install creates', () => {
    const root = copyFixture('workspace');
    mkdirSync(path.join(root, 'node_modules/@acme'), { recursive: true });
    symlinkSync('../../packages/core', path.join(root, 'node_modules/@acme/core'));
    const { edges } = analyze(root);
    expect(edgeLines(edges, 'IMPORTS').filter((l) => l.includes('core'))).toEqual([
      'IMPORTS packages/app/src/main.ts -> packages/core/src/index.ts',
      'IMPORTS packages/core/src/index.ts -> packages/core/src/greeter.ts',
    ]);
  });

  it('resolves pnpm workspace packages declared in pnpm-workspace.yaml through their exports', () => {
    const { edges } = analyze(fixturePath('pnpm-workspace'));
    expect(edgeLines(edges, 'CALLS', 'IMPORTS')).toEqual([
      'CALLS apps/web/src/page.ts#render -> libs/util/src/index.ts#clamp',
      'IMPORTS apps/web/src/page.ts -> libs/util/src/index.ts',
    ]);
  });

  it('reads pnpm-workspace.yaml as YAML: a flow list with comments and an anchor', () => {
    const root = copyFixture('pnpm-workspace');
    writeFileSync(
      path.join(root, 'pnpm-workspace.yaml'),
      "# the workspace\npackages: [&libs 'libs/*', apps/*] # both\ncatalog:\n  react: ^19\nonlyBuiltDependencies: [*libs]\n",
    );
    const { edges } = analyze(root);
    expect(edgeLines(edges, 'IMPORTS')).toEqual(['IMPORTS apps/web/src/page.ts -> libs/util/src/index.ts']);
  });

  it('resolves yarn workspace packages of JavaScript files without any tsconfig', () => {
    const { edges } = analyze(fixturePath('yarn-workspace'));
    expect(edgeLines(edges, 'CALLS', 'IMPORTS')).toEqual([
      'CALLS modules/site/index.js#site -> modules/shared/index.js#shared',
      'IMPORTS modules/site/index.js -> modules/shared/index.js',
    ]);
  });
});

describe('scope', () => {
  it('without a tsconfig, analyzes every TS/JS file but dependencies, build output and .gitignore', () => {
    const root = tempDir();
    const write = (file: string, text: string) => writeFiles(root, { [file]: text });
    write('.gitignore', 'generated/\n*.gen.ts\n');
    write('src/a.ts', "import { b } from './b.js';\nexport const a = () => b();\n");
    write('src/b.js', 'export function b() { return 1; }\n');
    write('src/c.mts', 'export const c = 1;\n');
    write('src/skip.gen.ts', 'export const x = 1;\n');
    write('src/nested/.gitignore', 'local.ts\n');
    write('src/nested/local.ts', 'export const local = 1;\n');
    write('src/nested/kept.tsx', 'export const Kept = () => null;\n');
    write('generated/out.ts', 'export const g = 1;\n');
    write('dist/bundle.js', 'export const d = 1;\n');
    write('node_modules/dep/index.js', 'export const dep = 1;\n');
    write('README.md', '# not code\n');
    const { analyzer, edges } = analyze(root);
    expect(analyzer.files()).toEqual(['src/a.ts', 'src/b.js', 'src/c.mts', 'src/nested/kept.tsx']);
    expect(edgeLines(edges, 'CALLS')).toEqual(['CALLS src/a.ts#a -> src/b.js#b']);
  });

  it('with a tsconfig, analyzes its files and what they import, not the rest', () => {
    const root = tempDir();
    const write = (file: string, text: string) => writeFiles(root, { [file]: text });
    write('tsconfig.json', JSON.stringify({ include: ['src'], exclude: ['src/**/*.test.ts'] }));
    write('src/a.ts', "import { shared } from '../shared/util';\nexport const a = shared;\n");
    write('src/a.test.ts', 'export const t = 1;\n');
    write('shared/util.ts', 'export const shared = 1;\n');
    write('scripts/tool.ts', 'export const tool = 1;\n');
    const { analyzer } = analyze(root);
    expect(analyzer.files()).toEqual(['shared/util.ts', 'src/a.ts']);
  });

  it('with a tsconfig being edited (a stray comma), analyzes what TypeScript reads of it, and says what is wrong', () => {
    const root = tempDir();
    writeFiles(root, {
      'tsconfig.json': '{\n  "compilerOptions": { "strict": true,, },\n  "include": ["src"]\n}\n',
      'src/a.ts':
        'export function a(): number {\n  return b();\n}\nexport function b(): number {\n  return 1;\n}\n',
      'scripts/tool.ts': 'export const tool = 1;\n',
    });
    const analyzer = new Analyzer({ root });
    const summary = analyzer.analyze();
    // As an editor does: the config's `include` still holds, and the calls still resolve.
    expect(analyzer.files()).toEqual(['src/a.ts']);
    expect(edgeLines(analyzer.graph().edges, 'CALLS')).toEqual(['CALLS src/a.ts#a -> src/a.ts#b']);
    expect(summary.problems).toEqual(['tsconfig.json: Property assignment expected.']);
  });
});

describe('source files that no analyzed tsconfig includes', () => {
  it('counts them and names the unreferenced tsconfig that holds the most, but what the scan without a tsconfig skips', () => {
    const root = tempDir();
    writeFiles(root, {
      '.gitignore': 'generated/\n',
      'tsconfig.json': JSON.stringify({ include: ['server'] }),
      'server/main.ts': "import { shared } from '../shared/util';\nexport const main = shared;\n",
      // Imported by an analyzed file: analyzed, so not counted.
      'shared/util.ts': 'export const shared = 1;\n',
      'client/tsconfig.json': JSON.stringify({ include: ['src'] }),
      'client/src/app.tsx': 'export const App = () => null;\n',
      'client/src/view.ts': 'export const view = 1;\n',
      'client/src/deep/more.js': 'export const more = 1;\n',
      'fixtures/one/tsconfig.json': '{}',
      'fixtures/one/a.ts': 'export const a = 1;\n',
      'scripts/build.mjs': 'export const build = 1;\n',
      // Skipped as the scan without a tsconfig skips them: never counted.
      'node_modules/dep/index.ts': 'export const dep = 1;\n',
      'dist/out.js': 'export const out = 1;\n',
      'generated/code.ts': 'export const code = 1;\n',
      'client/README.md': '# not code\n',
    });
    const analyzer = new Analyzer({ root });
    const summary = analyzer.analyze();
    expect(analyzer.files()).toEqual(['server/main.ts', 'shared/util.ts']);
    expect(summary.unanalyzed).toEqual({
      count: 5,
      complete: true,
      configs: ['client/tsconfig.json', 'fixtures/one/tsconfig.json'],
      configsFound: 2,
      examples: ['client/src/app.tsx', 'client/src/deep/more.js', 'client/src/view.ts'],
      message:
        '5 source files under the root are in no analyzed tsconfig (e.g. client/tsconfig.json and fixtures/one/tsconfig.json are not referenced): not analyzed',
    });
  });

  it('names a few files when no stray tsconfig explains them, and says nothing when every file is analyzed', () => {
    const root = tempDir();
    writeFiles(root, {
      'tsconfig.json': JSON.stringify({ include: ['src'] }),
      'src/a.ts': 'export const a = 1;\n',
      'bin/run.js': 'export const run = 1;\n',
    });
    const analyzer = new Analyzer({ root });
    expect(analyzer.analyze().unanalyzed?.message).toBe(
      '1 source file under the root is in no analyzed tsconfig (e.g. bin/run.js): not analyzed',
    );
    writeFiles(root, {
      'tsconfig.json': JSON.stringify({ include: ['src', 'bin'], compilerOptions: { allowJs: true } }),
    });
    expect(new Analyzer({ root }).analyze().unanalyzed).toBeUndefined();
  });
});

describe('the scan for files no tsconfig includes', () => {
  it('stops at its entry and depth budgets and then counts what it saw as a lower bound', () => {
    const root = tempDir();
    writeFiles(root, {
      'tsconfig.json': '{}',
      ...Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`loose/f${i}.ts`, ''])),
      'a/b/c/d/deep.ts': '',
    });
    const fileSystem = createRootedFileSystem(root);
    const real = realpathSync(root);
    const scan = (budget: { maxEntries: number; maxDepth: number }) =>
      findUnanalyzedFiles(fileSystem, real, () => false, [path.join(real, 'tsconfig.json')], budget);
    expect(scan({ maxEntries: 1000, maxDepth: 32 })).toMatchObject({ count: 31, complete: true });
    const shallow = scan({ maxEntries: 1000, maxDepth: 2 })!;
    expect(shallow).toMatchObject({ count: 30, complete: false });
    const few = scan({ maxEntries: 10, maxDepth: 32 })!;
    expect(few.complete).toBe(false);
    expect(few.count).toBeLessThan(10);
    expect(few.message).toMatch(/^at least \d+ source files? under the root/);
  });
});

describe('package entry points', () => {
  const entryPoints = (nodes: readonly { key: string; kind: string; props: Record<string, unknown> }[]) =>
    nodes.filter((n) => n.kind === 'FILE' && n.props.entryPoint === true).map((n) => n.key);

  it('marks the files a package.json names — main, types, bin, every exports target, patterns but what a null subpath hides — mapped from build output to sources', () => {
    const root = tempDir();
    writeFiles(root, {
      'package.json': JSON.stringify({
        name: 'lib',
        main: './dist/index.js',
        types: './dist/index.d.ts',
        bin: { lib: './bin/cli.js' },
        exports: {
          '.': { types: './dist/index.d.ts', import: './dist/esm/index.js' },
          './util': { import: './dist/util.js', require: null },
          './features/*': './dist/features/*.js',
          './features/internal/*': null,
          './package.json': './package.json',
        },
      }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { allowJs: true }, include: ['src', 'bin'] }),
      'src/index.ts': 'export const version = 1;\n',
      'src/util.ts': 'export const clamp = (n: number) => n;\n',
      'src/internal.ts': 'export const secret = 2;\n',
      'src/features/a.ts': 'export const a = 1;\n',
      'src/features/deep/b.ts': 'export const b = 1;\n',
      'src/features/internal/hidden.ts': 'export const hidden = 1;\n',
      'bin/cli.js': 'console.log(1);\n',
    });
    expect(entryPoints(analyze(root).nodes)).toEqual([
      'bin/cli.js',
      'src/features/a.ts',
      'src/features/deep/b.ts',
      'src/index.ts',
      'src/util.ts',
    ]);
  });

  it("reads a manifest of 180,000 paths within bounds, still finds the entry named first, and takes nothing from another package's", () => {
    const root = tempDir();
    const exportsMap: Record<string, unknown> = { '.': './dist/App.js' };
    for (let i = 0; i < 400; i++)
      exportsMap[`./p${i}/*`] = Array.from({ length: 400 }, (_, j) => `./d${i}x${j}/*.js`);
    const bin = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`tool${i}`, `./bin/t${i}.js`]));
    writeFiles(root, {
      'package.json': JSON.stringify({ name: 'wide', exports: exportsMap, bin, workspaces: ['packages/*'] }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'preserve' }, include: ['src', 'packages'] }),
      'src/App.tsx': 'export const App = () => null;\n',
      'src/other.ts': 'export const other = 1;\n',
      'packages/core/package.json': JSON.stringify({ name: '@wide/core', main: './lib/index.js' }),
      'packages/core/src/index.ts': 'export const core = 1;\n',
    });
    expect(entryPoints(analyze(root).nodes)).toEqual(['packages/core/src/index.ts', 'src/App.tsx']);
  });

  it('takes index.js as the entry of a package without main or exports, as Node does, and marks workspace packages too', () => {
    const root = tempDir();
    writeFiles(root, {
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'index.js': 'module.exports = {};\n',
      'lib/helper.js': 'exports.x = 1;\n',
      'packages/core/package.json': JSON.stringify({ name: '@acme/core', exports: './lib/main.js' }),
      'packages/core/lib/main.js': 'export const main = 1;\n',
      'packages/core/lib/other.js': 'export const other = 1;\n',
    });
    expect(entryPoints(analyze(root).nodes)).toEqual(['index.js', 'packages/core/lib/main.js']);
  });
});
