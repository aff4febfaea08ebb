/**
 * A project written to harm the analyzer: files and configs that lead outside the root, special
 * files, configs that nest or chain beyond any stack, globs that backtrack forever. Analysis goes
 * on, reads nothing outside the root, and turns what it cannot take into diagnostics or problems.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../../server/analysis/index.ts';
import { createRootedFileSystem } from '../../server/analysis/rooted-file-system.ts';
import { removeCopies, tempDir, writeFiles } from '../helpers/fixtures.ts';
import { nodeByKey } from '../helpers/graph.ts';
import { type AnalysisSummary, analysisSummary } from './analysis-summary.ts';

// Thousands of files and folders 1,000 deep: removing them takes longer than the usual hook
// timeout on a loaded machine.
afterAll(removeCopies, 300_000);

const CHILD = fileURLToPath(new URL('./analyze.child.ts', import.meta.url));

function project(files: Record<string, string>): string {
  const root = tempDir('codenav-hostile-');
  writeFiles(root, files);
  return root;
}

/** A folder outside the root holding a file whose names must never reach the graph. */
function outsideFolder(): string {
  const outside = tempDir('codenav-outside-');
  writeFiles(outside, { 'secret.ts': 'export function stolen() { return "s3cr3t"; }\n' });
  return outside;
}

/** The analysis in a child process (given node options), killed after `ms`: what it found, or null when killed. */
async function analyzeInChild(
  root: string,
  ms = 20_000,
  nodeOptions: string[] = [],
): Promise<AnalysisSummary | null> {
  const child = spawn(process.execPath, [...nodeOptions, '--import', 'tsx', CHILD, root], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  return code === 0 ? JSON.parse(out) : null;
}

describe('a hostile project', () => {
  it('analyzes a file whose triple-slash references lead outside the root, without what is outside', () => {
    const outside = outsideFolder();
    const root = project({
      'src/a.ts': [
        `/// <reference path="${outside}/secret.ts" />`,
        `/// <reference path="../../${path.basename(outside)}/secret.ts" />`,
        '/// <reference path="/etc/passwd" />',
        'export const a = 1;',
        '',
      ].join('\n'),
    });
    const analyzer = new Analyzer({ root });
    analyzer.analyze();
    expect(analyzer.files()).toEqual(['src/a.ts']);
    expect(analyzer.graph().nodes.map((n) => n.key)).toEqual(['src/a.ts', 'src/a.ts#a']);
  });

  it('analyzes a file at the root whose name starts with two dots like any other', () => {
    const root = project({
      'tsconfig.json': JSON.stringify({ files: ['..eslintrc.ts', 'a.ts'] }),
      '..eslintrc.ts': 'export const rules = {};\n',
      'a.ts': 'export const a = 1;\n',
    });
    const analyzer = new Analyzer({ root });
    analyzer.analyze();
    expect(analyzer.files()).toEqual(['..eslintrc.ts', 'a.ts']);
  });

  it('makes no file node for a referenced file that does not exist', () => {
    const root = project({
      'tsconfig.json': JSON.stringify({ files: ['src/a.ts', 'src/listed-but-missing.ts'] }),
      'src/a.ts': '/// <reference path="./missing.ts" />\nexport const a = 1;\n',
    });
    const analyzer = new Analyzer({ root });
    analyzer.analyze();
    expect(analyzer.files()).toEqual(['src/a.ts']);
  });

  it('does not read a source file swapped for a link out of the root between the look and the read', () => {
    const outside = outsideFolder();
    const root = project({
      'src/a.ts': "import { b } from './b';\nexport const a = () => b();\n",
      'src/b.ts': 'export function b() {}\n',
    });
    const rooted = createRootedFileSystem(root);
    const b = path.join(rooted.root, 'src/b.ts');
    let swap = false;
    // The race made deterministic: the file is swapped right after the analyzer saw it exists.
    const racing = {
      ...rooted,
      fileExistsSync(p: string) {
        const exists = rooted.fileExistsSync(p);
        if (swap && p === b) {
          rmSync(b);
          symlinkSync(path.join(outside, 'secret.ts'), b);
        }
        return exists;
      },
    };
    const analyzer = new Analyzer({ root, fileSystem: racing });
    analyzer.analyze();
    writeFileSync(b, 'export function b() { return 2; }\n');
    swap = true;
    analyzer.update(['src/b.ts']);
    const { nodes } = analyzer.graph();
    expect(nodes.some((n) => n.key.includes('stolen'))).toBe(false);
    expect(nodeByKey(nodes, 'src/b.ts').props.diagnostics).toEqual([
      expect.objectContaining({
        code: 'UNREADABLE',
        message: 'file cannot be read (it now leads outside the analyzed root): analyzed as empty',
      }),
    ]);
  });

  it('reads nothing through links out of the root made after the analysis, when the watcher names them', () => {
    const outside = outsideFolder();
    const root = project({
      'tsconfig.json': JSON.stringify({ include: ['src'] }),
      'src/a.ts': "import { stolen } from './leak';\nexport const a = () => stolen();\n",
      'src/b.ts': 'export const b = 1;\n',
    });
    const analyzer = new Analyzer({ root });
    analyzer.analyze();
    symlinkSync(path.join(outside, 'secret.ts'), path.join(root, 'src/leak.ts'));
    symlinkSync(`../../${path.basename(outside)}`, path.join(root, 'src/dir'));
    rmSync(path.join(root, 'src/b.ts'));
    symlinkSync(path.join(outside, 'secret.ts'), path.join(root, 'src/b.ts'));
    analyzer.update(['src/leak.ts', 'src/dir', 'src/dir/secret.ts', 'src/b.ts']);
    expect(analyzer.files()).toEqual(['src/a.ts']);
    expect(analyzer.graph().nodes.some((n) => n.key.includes('stolen'))).toBe(false);
  });

  it('never waits on a FIFO named like a source, a config, a manifest or an ignore file', async () => {
    const root = project({
      'tsconfig.json': JSON.stringify({ extends: './base.json', include: ['src'] }),
      'src/a.ts': '/// <reference path="./fifo.ts" />\nexport const a = 1;\n',
    });
    for (const name of ['base.json', 'package.json', 'pnpm-workspace.yaml', '.gitignore', 'src/fifo.ts'])
      execFileSync('mkfifo', [path.join(root, name)]);
    const result = await analyzeInChild(root);
    expect(result).toEqual({
      files: ['src/a.ts'],
      problems: [expect.stringMatching(/^tsconfig\.json: Cannot read file '.*\/base\.json'\.$/)],
      blamed: [],
      imports: [],
    });
  });

  it('analyzes a source file of 3 GiB as too large without reading it', () => {
    const root = project({ 'src/ok.ts': 'export const ok = 1;\n', 'src/huge.ts': '' });
    truncateSync(path.join(root, 'src/huge.ts'), 3 * 1024 ** 3);
    const analyzer = new Analyzer({ root });
    analyzer.analyze();
    const huge = nodeByKey(analyzer.graph().nodes, 'src/huge.ts');
    expect(huge.props.diagnostics).toEqual([
      expect.objectContaining({
        code: 'FILE_TOO_LARGE',
        message: 'file is 3072.0 MiB, over the 4.0 MiB limit: analyzed as empty',
      }),
    ]);
  });

  it('does not take in a tsconfig over the size limit, and says so', () => {
    const root = project({
      'tsconfig.json': JSON.stringify({ include: ['src'], compilerOptions: { strict: true } }),
      'src/a.ts': 'export const a = 1;\n',
    });
    const fileSystem = createRootedFileSystem(root, { maxOtherFileBytes: 16 });
    const analyzer = new Analyzer({ root, fileSystem });
    const summary = analyzer.analyze();
    expect(summary.problems).toEqual([`tsconfig.json: cannot read ${fileSystem.root}/tsconfig.json`]);
  });

  it('reports a tsconfig TypeScript throws on as a problem and goes on', () => {
    const root = project({
      'tsconfig.json': JSON.stringify({ include: ['src'], references: [null] }),
      'src/a.ts': 'export const a = 1;\n',
    });
    const summary = new Analyzer({ root }).analyze();
    expect(summary.problems).toEqual([
      expect.stringMatching(/^tsconfig\.json: TypeScript cannot read the config \(.+\)$/),
    ]);
  });

  it('uses the string substitutions of a paths pattern that holds others, and says so', () => {
    const root = project({
      'tsconfig.json': JSON.stringify({
        include: ['src'],
        compilerOptions: { baseUrl: '.', paths: { '@lib/*': [42, null, 'src/lib/*'] } },
      }),
      'src/lib/util.ts': 'export function util() {}\n',
      'src/a.ts': "import { util } from '@lib/util';\nexport const a = () => util();\n",
    });
    const analyzer = new Analyzer({ root });
    const summary = analyzer.analyze();
    expect(summary.problems).toEqual([
      'tsconfig.json: compilerOptions.paths["@lib/*"] must be a list of strings: only its strings are used',
    ]);
    expect(analyzer.graph().edges).toContainEqual(
      expect.objectContaining({ type: 'CALLS', from: 'src/a.ts#a', to: 'src/lib/util.ts#util' }),
    );
  });

  describe('chains of files deeper than TypeScript can follow', () => {
    const chain = (link: (next: string) => string) => {
      const files: Record<string, string> = { 'tsconfig.json': JSON.stringify({ include: ['src'] }) };
      for (let i = 0; i < 3_000; i++)
        files[`src/f${i}.ts`] = `${link(`./f${i + 1}`)}\nexport const v${i} = ${i};\n`;
      delete files['src/f2999.ts'];
      files['src/f2999.ts'] = 'export const v2999 = 2999;\n';
      return project(files);
    };
    // Whether TypeScript's stack overflows at 3,000 files depends on the stack's size and on how
    // warm the JIT is. In this process either may happen: every file is analyzed and none blamed,
    // and the chain is reported only when the fallback ran. In a child on a small stack the
    // fallback always runs.
    const SMALL_STACK = ['--stack-size=256'];
    const expectAllAnalyzed = (analysis: Omit<AnalysisSummary, 'imports'>, fallback: boolean | 'either') => {
      expect(analysis.files).toHaveLength(3_000);
      expect(analysis.blamed).toEqual([]);
      const reported = [expect.stringContaining('in a chain too long for TypeScript')];
      if (fallback === 'either') expect(analysis.problems).toEqual(analysis.problems.length ? reported : []);
      else expect(analysis.problems).toEqual(fallback ? reported : []);
    };
    const importing = (next: string) => `import '${next}';`;
    const referencing = (next: string) => `/// <reference path="${next}.ts" />`;

    it('analyzes 3,000 files each importing the next, blaming none of them', () => {
      const analysis = analysisSummary(chain(importing));
      expectAllAnalyzed(analysis, 'either');
      expect(analysis.imports).toContain('src/f2998.ts -> src/f2999.ts');
    });

    it('analyzes 3,000 files each referencing the next with a triple-slash directive', () => {
      expectAllAnalyzed(analysisSummary(chain(referencing)), 'either');
    });

    it('falls back when the chain of imports overflows TypeScript, and says so', async () => {
      const analysis = await analyzeInChild(chain(importing), 60_000, SMALL_STACK);
      expect(analysis).not.toBeNull();
      expectAllAnalyzed(analysis!, true);
      expect(analysis!.imports).toContain('src/f2998.ts -> src/f2999.ts');
    }, 90_000);

    it('falls back when the chain of triple-slash references overflows TypeScript, and says so', async () => {
      const analysis = await analyzeInChild(chain(referencing), 60_000, SMALL_STACK);
      expect(analysis).not.toBeNull();
      expectAllAnalyzed(analysis!, true);
    }, 90_000);
  });

  describe('configs beyond any stack', () => {
    const chain = (count: number, link: (next: string) => object) =>
      Object.fromEntries(
        Array.from({ length: count }, (_, i) => [
          `configs/c${i}.json`,
          JSON.stringify(link(`./c${i + 1}.json`)),
        ]),
      );

    it('reports a tsconfig nested 20,000 deep as a problem and goes on', () => {
      const root = project({
        'tsconfig.json': `{"include":["src"],"compilerOptions":{"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`,
        'src/a.ts': 'export const a = 1;\n',
      });
      const summary = new Analyzer({ root }).analyze();
      expect(summary.problems).toEqual([
        'tsconfig.json: the config nests too deeply (its JSON, or its chain of "extends") for TypeScript to read it',
      ]);
    });

    it('reports a chain of 20,000 extends as a problem and goes on', () => {
      const root = project({
        'tsconfig.json': JSON.stringify({ include: ['src'], extends: './configs/c0.json' }),
        ...chain(20_000, (next) => ({ extends: next })),
        'src/a.ts': 'export const a = 1;\n',
      });
      const summary = new Analyzer({ root }).analyze();
      expect(summary.problems).toEqual([
        'tsconfig.json: the config nests too deeply (its JSON, or its chain of "extends") for TypeScript to read it',
      ]);
    });

    it('follows a chain of 20,000 project references to its end', () => {
      const root = project({
        'tsconfig.json': JSON.stringify({ files: [], references: [{ path: './configs/c0.json' }] }),
        ...chain(20_000, (next) => ({ files: [], references: [{ path: next }] })),
        'configs/c20000.json': JSON.stringify({ include: ['../src'] }),
        'src/a.ts': 'export const a = 1;\n',
      });
      const analyzer = new Analyzer({ root });
      analyzer.analyze();
      expect(analyzer.files()).toEqual(['src/a.ts']);
    });
  });

  describe('workspace manifests that are not what they seem', () => {
    const workspace = (core: string, rootManifest: object = { workspaces: ['packages/*'] }) =>
      project({
        'package.json': JSON.stringify(rootManifest),
        'packages/core/package.json': core,
        'packages/core/src/index.ts': 'export function core() {}\n',
        'packages/app/package.json': JSON.stringify({ name: 'app' }),
        'packages/app/src/main.ts': "import { core } from '@acme/core';\nexport const main = () => core();\n",
      });
    const callsOf = (analyzer: Analyzer) =>
      analyzer
        .graph()
        .edges.filter((e) => e.type === 'CALLS')
        .map((e) => `${e.from} -> ${e.to}`);

    it('resolves a package whose entry fields are not strings to its sources', () => {
      const analyzer = new Analyzer({
        root: workspace(
          JSON.stringify({ name: '@acme/core', source: 42, types: [], main: {}, module: null }),
        ),
      });
      analyzer.analyze();
      expect(callsOf(analyzer)).toEqual(['packages/app/src/main.ts#main -> packages/core/src/index.ts#core']);
    });

    it('takes no packages from a workspaces field that is not a list', () => {
      const analyzer = new Analyzer({ root: workspace('{}', { workspaces: { packages: { length: 5 } } }) });
      analyzer.analyze();
      expect(analyzer.files()).toEqual(['packages/app/src/main.ts', 'packages/core/src/index.ts']);
    });

    it('resolves, and fingerprints the layout of, a package whose manifest nests 100,000 deep', () => {
      const deep = (depth: number, leaf: string) =>
        `${'{"import":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;
      const analyzer = new Analyzer({
        root: workspace(
          `{"name":"@acme/core","exports":{".":${deep(100_000, '"./dist/index.js"')}},"config":${deep(100_000, '1')}}`,
        ),
      });
      analyzer.analyze();
      expect(callsOf(analyzer)).toEqual(['packages/app/src/main.ts#main -> packages/core/src/index.ts#core']);
      expect(analyzer.layout()).toMatch(/^[0-9a-f]{32}$/);
    });
  });

  it('does not look more than 128 folders deep: a tree 1,000 deep takes a moment, not minutes', () => {
    const root = project({ 'b.ts': 'export const b = 1;\n' });
    const deep = path.join(root, ...Array<string>(1_000).fill('a'));
    mkdirSync(deep, { recursive: true });
    writeFileSync(path.join(deep, 'x.ts'), 'export const x = 1;\n');
    writeFileSync(path.join(root, ...Array<string>(128).fill('a'), 'y.ts'), 'export const y = 1;\n');
    const started = performance.now();
    const analyzer = new Analyzer({ root });
    analyzer.analyze();
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(analyzer.files()).toEqual([`${'a/'.repeat(128)}y.ts`, 'b.ts']);
  });

  it('matches workspace globs made to backtrack in linear time', () => {
    const name = 'a'.repeat(40);
    const root = project({
      'package.json': JSON.stringify({ workspaces: [`${'*a'.repeat(16)}b`, `${name}/*`] }),
      [`${name}/pkg/package.json`]: JSON.stringify({ name: 'pkg', source: 'index.ts' }),
      [`${name}/pkg/index.ts`]: 'export function fromPkg() {}\n',
      'src/a.ts': "import { fromPkg } from 'pkg';\nexport const a = () => fromPkg();\n",
    });
    const started = performance.now();
    const analyzer = new Analyzer({ root });
    analyzer.analyze();
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(analyzer.graph().edges).toContainEqual(
      expect.objectContaining({ type: 'CALLS', from: 'src/a.ts#a', to: `${name}/pkg/index.ts#fromPkg` }),
    );
  });
});
