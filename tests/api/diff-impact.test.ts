import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeCopies, tempDir, writeFiles as write } from '../helpers/fixtures.ts';
import { commitBase, git } from '../helpers/git.ts';
import { errorCodes, startInProcess, stopServers } from '../helpers/server.ts';

afterAll(async () => {
  await stopServers();
  removeCopies();
});

const QUERY = `query($base: String!, $depth: Int) { diffImpact(base: $base, depth: $depth) {
  base commit changed { kind key previousKey before after breaking affected }
  affected { key kind } affectedTests { path isTest } } }`;

describe('diffImpact', () => {
  it('compares the work tree with a git revision: a rename, its dependents, the tests that reach it', async () => {
    const repo = tempDir('codenav-diff-');
    commitBase(repo, {
      'src/math.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
      'src/calc.ts':
        "import { add } from './math';\n\nexport function total(values: number[]): number {\n  return values.reduce((sum, value) => add(sum, value), 0);\n}\n",
      'src/__tests__/calc.ts':
        "import { total } from '../calc';\n\nexport function check(): boolean {\n  return total([1]) === 1;\n}\n",
    });
    write(repo, {
      'src/math.ts': 'export function plus(a: number, b: number): number {\n  return a + b;\n}\n',
      'src/calc.ts':
        "import { plus } from './math';\n\nexport function total(values: number[]): number {\n  return values.reduce((sum, value) => plus(sum, value), 0);\n}\n",
    });
    const server = await startInProcess(repo);
    const { data, errors } = await server.gql<{ diffImpact: any }>(QUERY, { base: 'main' });
    expect(errors).toBeUndefined();
    expect(data!.diffImpact).toEqual({
      base: 'main',
      commit: git(repo, 'rev-parse', 'HEAD').trim(),
      changed: [
        {
          kind: 'SYMBOL_RENAMED',
          key: 'src/math.ts#plus',
          previousKey: 'src/math.ts#add',
          before: 'add',
          after: 'plus',
          // The caller imports the new name: nothing still uses the old one.
          breaking: false,
          affected: [],
        },
        {
          kind: 'BODY_CHANGED',
          key: 'src/calc.ts#total',
          previousKey: null,
          before: null,
          after: null,
          breaking: false,
          affected: ['src/__tests__/calc.ts#check'],
        },
      ],
      affected: expect.arrayContaining([
        { key: 'src/calc.ts#total', kind: 'FUNCTION' },
        { key: 'src/__tests__/calc.ts#check', kind: 'FUNCTION' },
      ]),
      affectedTests: [{ path: 'src/__tests__/calc.ts', isTest: true }],
    });
  });

  it('answers BAD_USER_INPUT for a revision that names no commit, or a depth out of range', async () => {
    const repo = tempDir('codenav-diff-');
    commitBase(repo, { 'src/a.ts': 'export const a = 1;\n' });
    const server = await startInProcess(repo);
    for (const base of ['nope', '--all', 'main:src/a.ts']) {
      const body = await server.gql(QUERY, { base });
      expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors![0]!.message).toContain('no commit named');
    }
    expect(errorCodes(await server.gql(QUERY, { base: 'main', depth: 11 }))).toEqual(['BAD_USER_INPUT']);
  });

  // A case of its own: each starts a server, and a busy machine must not push both past the time limit.
  it('answers BAD_USER_INPUT for a folder outside any git work tree, without naming the server’s paths', async () => {
    const plain = tempDir('codenav-plain-');
    write(plain, { 'src/a.ts': 'export const a = 1;\n' });
    process.env.GIT_CEILING_DIRECTORIES = path.dirname(plain);
    try {
      const outside = await startInProcess(plain);
      const body = await outside.gql(QUERY, { base: 'main' });
      expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors![0]!.message).toBe(
        'the analyzed folder is not inside a git work tree: diff impact compares with a git revision',
      );
    } finally {
      delete process.env.GIT_CEILING_DIRECTORIES;
    }
  });
});
