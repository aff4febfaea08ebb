import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { MAX_GIT_WAITING } from '../../server/diff-impact/index.ts';
import { removeCopies, tempDir, writeFiles as write } from '../helpers/fixtures.ts';
import { commitBase, git } from '../helpers/git.ts';
import { errorCodes, startInProcess, stopServers } from '../helpers/server.ts';

afterAll(async () => {
  await stopServers();
  removeCopies();
});

const QUERY = `query($base: String!, $depth: Int) { diffImpact(base: $base, depth: $depth) {
  base commit changed { kind key previousKey before after breaking affected }
  affected { key kind } affectedTests { path isTest } unanalyzedFiles warnings } }`;

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
      unanalyzedFiles: [],
      warnings: [],
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

  it('returns the first `first` changes and affected nodes, with how many there are in all', async () => {
    const repo = tempDir('codenav-diff-');
    const lib = (plus: number) =>
      Array.from(
        { length: 5 },
        (_, i) => `export function f${i}(): number {\n  return ${i + plus};\n}\n`,
      ).join('');
    commitBase(repo, {
      'src/lib.ts': lib(0),
      'src/use.ts': `import { f0, f1, f2 } from './lib';\n\nexport const u0 = () => f0();\nexport const u1 = () => f1();\nexport const u2 = () => f2();\n`,
    });
    write(repo, { 'src/lib.ts': lib(1) });
    const server = await startInProcess(repo);
    const query = `query($first: Int) { diffImpact(base: "main", depth: 1, first: $first) {
      changed { key } changedTotal affected { key } affectedTotal truncated } }`;
    const all = await server.gql<{ diffImpact: any }>(query, {});
    expect(all.errors).toBeUndefined();
    expect(all.data!.diffImpact).toEqual({
      changed: [0, 1, 2, 3, 4].map((i) => ({ key: `src/lib.ts#f${i}` })),
      changedTotal: 5,
      affected: [0, 1, 2].map((i) => ({ key: `src/use.ts#u${i}` })),
      affectedTotal: 3,
      truncated: false,
    });
    const cut = await server.gql<{ diffImpact: any }>(query, { first: 2 });
    expect(cut.data!.diffImpact).toEqual({
      changed: all.data!.diffImpact.changed.slice(0, 2),
      changedTotal: 5,
      affected: all.data!.diffImpact.affected.slice(0, 2),
      affectedTotal: 3,
      truncated: true,
    });
    for (const first of [0, 1001]) {
      const body = await server.gql(query, { first });
      expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors![0]!.message).toBe(`first must be 1..1000, got ${first}`);
    }
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

  it('answers GIT_UNAVAILABLE, not BAD_USER_INPUT, when the server cannot start git', async () => {
    const repo = tempDir('codenav-diff-');
    commitBase(repo, { 'src/a.ts': 'export const a = 1;\n' });
    const server = await startInProcess(repo);
    const saved = process.env.PATH;
    process.env.PATH = tempDir('codenav-empty-path-');
    try {
      // Unavailable, as a store that is away is: 503, for a client or a proxy to retry later.
      const yoga = await server.app.graphql();
      const response = await yoga.fetch('http://codenav.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query: QUERY, variables: { base: 'main' } }),
      });
      expect(response.status).toBe(503);
      const body = (await response.json()) as Parameters<typeof errorCodes>[0] & {
        errors?: { message: string }[];
      };
      expect(errorCodes(body)).toEqual(['GIT_UNAVAILABLE']);
      expect(body.errors![0]!.message).toBe(
        'git is not installed on the server (no "git" on the PATH): diff impact needs it',
      );
    } finally {
      process.env.PATH = saved;
    }
  });

  it(`answers GIT_UNAVAILABLE at once to calls beyond the ${MAX_GIT_WAITING} waiting for git, and the others once git answers`, async () => {
    const repo = tempDir('codenav-diff-');
    commitBase(repo, { 'src/a.ts': 'export const a = 1;\n' });
    const server = await startInProcess(repo);
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    const gate = path.join(tempDir('codenav-git-gate-'), 'open');
    const bin = tempDir('codenav-git-bin-');
    // A git that waits until the gate opens: 4 run, the next calls queue, the rest are refused.
    writeFileSync(
      path.join(bin, 'git'),
      `#!/bin/sh\nwhile [ ! -e "${gate}" ]; do sleep 0.05; done\nexec "${realGit}" "$@"\n`,
    );
    chmodSync(path.join(bin, 'git'), 0o755);
    const saved = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}${saved}`;
    // Whatever the outcome (a timed-out test too), the fake gits end and the PATH is restored.
    onTestFinished(() => {
      writeFileSync(gate, '');
      process.env.PATH = saved;
    });
    const calls = 4 + MAX_GIT_WAITING + 2;
    let settled = 0;
    let twoSettled!: () => void;
    const firstTwo = new Promise<void>((resolve) => {
      twoSettled = resolve;
    });
    const bodies = Array.from({ length: calls }, () =>
      server.gql<{ diffImpact: { commit: string } }>(QUERY, { base: 'main' }).finally(() => {
        settled += 1;
        if (settled === 2) twoSettled();
      }),
    );
    // The gate is shut: only refusals can come back.
    await firstTwo;
    writeFileSync(gate, '');
    const answers = await Promise.all(bodies);
    const refused = answers.filter((body) => body.errors);
    expect(refused.map(errorCodes)).toEqual([['GIT_UNAVAILABLE'], ['GIT_UNAVAILABLE']]);
    expect(refused[0]!.errors![0]!.message).toBe(
      `too many diff impact comparisons at once (${MAX_GIT_WAITING} git commands already wait their turn): try again in a moment`,
    );
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    expect(answers.filter((body) => body.data?.diffImpact.commit === head)).toHaveLength(calls - 2);
  }, 60_000);
});
