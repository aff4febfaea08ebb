/**
 * `codenav impact` as a user runs it (bin/codenav.mjs on the compiled dist/), on a temporary
 * git repository.
 */
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCodenav } from '../helpers/cli.ts';
import { removeCopies, tempDir, writeFiles as write } from '../helpers/fixtures.ts';
import { commitBase, git } from '../helpers/git.ts';

afterAll(removeCopies);

describe('codenav impact', () => {
  let repo: string;

  beforeAll(() => {
    repo = tempDir('codenav-impact-');
    commitBase(repo, {
      'tsconfig.json': JSON.stringify({
        compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler' },
        include: ['src', 'tests'],
      }),
      'src/math.ts':
        'export function add(a: number, b: number): number {\n  return a + b;\n}\n\nexport function mul(a: number, b: number): number {\n  return a * b;\n}\n',
      'src/calc.ts':
        "import { add } from './math';\n\nexport function total(values: number[]): number {\n  return values.reduce((sum, value) => add(sum, value), 0);\n}\n",
      'src/report.ts':
        "import { total } from './calc';\n\nexport function report(values: number[]): string {\n  return 'total: ' + String(total(values));\n}\n",
      'src/other.ts': "import { mul } from './math';\n\nexport const square = (a: number) => mul(a, a);\n",
      'tests/calc.test.ts':
        "import { total } from '../src/calc';\n\nif (total([1, 2]) !== 3) throw new Error('total');\n",
    });
    // The branch's change: add takes a third parameter; mul's body changes; a new file.
    write(repo, {
      'src/math.ts':
        'export function add(a: number, b: number, c: number): number {\n  return a + b + c;\n}\n\nexport function mul(a: number, b: number): number {\n  return b * a;\n}\n',
      'src/extra.ts': 'export const extra = 1;\n',
    });
  });

  it('prints the DiffImpact object with --json: changes, what depends on them, the tests to run', async () => {
    const { code, stdout, stderr } = await runCodenav(['impact', repo, '--base', 'main', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.base).toBe('main');
    expect(result.commit).toBe(git(repo, 'rev-parse', 'main').trim());
    // Breaking changes first, then by kind and key.
    expect(result.changed.map((c: { kind: string; key: string }) => `${c.kind} ${c.key}`)).toEqual([
      'SIGNATURE_CHANGED src/math.ts#add',
      'SYMBOL_ADDED src/extra.ts#extra',
      'BODY_CHANGED src/math.ts#mul',
    ]);
    expect(result.changed[0]).toMatchObject({
      before: 'export function add(a: number, b: number): number',
      after: 'export function add(a: number, b: number, c: number): number',
      breaking: true,
      affected: ['src/calc.ts#total'],
    });
    const affected = result.affected.map((n: { key: string }) => n.key);
    expect(affected).toEqual(
      expect.arrayContaining(['src/calc.ts#total', 'src/report.ts#report', 'src/other.ts#square']),
    );
    expect(affected).not.toContain('src/math.ts#add');
    expect(result.affectedTests).toEqual([{ path: 'tests/calc.test.ts' }]);
  });

  it('keeps to --depth: one step reaches the direct callers only', async () => {
    const { code, stdout } = await runCodenav(['impact', repo, '--base', 'HEAD', '--depth', '1', '--json']);
    expect(code).toBe(0);
    const affected = JSON.parse(stdout).affected.map((n: { key: string }) => n.key);
    expect(affected).toContain('src/calc.ts#total');
    expect(affected).not.toContain('src/report.ts#report');
  });

  it('prints a readable summary without --json, breaking changes marked', async () => {
    const { code, stdout } = await runCodenav(['impact', repo, '--base', 'main']);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^compared with main \([0-9a-f]{12}\): 3 changes, \d+ affected nodes, 1 test file to run\n/,
    );
    expect(stdout).toContain(
      '  ! Changed the signature of function add in src/math.ts from `export function add(a: number, b: number): number` to `export function add(a: number, b: number, c: number): number`; 1 dependent.',
    );
    expect(stdout).toContain('Tests to run:\n    tests/calc.test.ts\n');
  });

  it('takes --base main... as the merge base of main and HEAD, and lists the changed files it does not compare', async () => {
    const root = tempDir('codenav-impact-');
    commitBase(root, { 'app dir/src/a.ts': 'export const a = 1;\n', 'app dir/README.md': 'a\n' });
    write(root, { 'app dir/README.md': 'b\n', 'app dir/src/a.ts': 'export const a = 2;\n' });
    const { code, stdout, stderr } = await runCodenav([
      'impact',
      path.join(root, 'app dir'),
      '--base',
      'main...',
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({
      base: 'main...',
      commit: git(root, 'rev-parse', 'main').trim(),
      unanalyzedFiles: ['README.md'],
      warnings: [],
    });
  });

  it('exits 2 with one line for a revision that does not exist', async () => {
    const { code, stdout, stderr } = await runCodenav(['impact', repo, '--base', 'no-such-branch']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('codenav impact: no commit named "no-such-branch" in this repository\n');
  });

  it('takes an option-looking revision as a revision, never as an option of git', async () => {
    const { code, stderr } = await runCodenav(['impact', repo, '--base=--output=/tmp/codenav-pwned']);
    expect(code).toBe(2);
    expect(stderr).toBe('codenav impact: no commit named "--output=/tmp/codenav-pwned" in this repository\n');
  });

  it('exits 2 with one line for a folder that is no git work tree', async () => {
    const plain = tempDir('codenav-plain-');
    write(plain, { 'src/a.ts': 'export const a = 1;\n' });
    const { code, stderr } = await runCodenav(['impact', plain, '--base', 'main'], {
      env: { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(plain) },
    });
    expect(code).toBe(2);
    expect(stderr).toBe(
      'codenav impact: the analyzed folder is not inside a git work tree: diff impact compares with a git revision\n',
    );
  });

  it('exits 2 with one line when git is not installed', async () => {
    const { code, stderr } = await runCodenav(['impact', repo, '--base', 'main'], {
      // codenav itself runs by its absolute path: the PATH only has to lack git.
      env: { ...process.env, PATH: tempDir('codenav-empty-path-') },
    });
    expect(code).toBe(2);
    expect(stderr).toBe(
      'codenav impact: git is not installed (no "git" on the PATH): diff impact needs it\n',
    );
  });

  it('exits 2 without --base', async () => {
    const { code, stderr } = await runCodenav(['impact', repo]);
    expect(code).toBe(2);
    expect(stderr).toBe('codenav impact: --base REF is required\n');
  });
});
