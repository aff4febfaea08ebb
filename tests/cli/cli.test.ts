/**
 * The `codenav` command as a user runs it: `bin/codenav.mjs` on the compiled dist/ (which the
 * test run's global setup built from the current sources).
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { killCommands, listeningUrl, runCodenav, spawnCodenav, spawnServe } from '../helpers/cli.ts';
import { fixturePath, removeCopies, tempDir, writeFiles } from '../helpers/fixtures.ts';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
afterAll(() => {
  killCommands();
  removeCopies();
});

const finished = (...args: string[]) => runCodenav(args);

describe('codenav --version and --help', () => {
  it('prints the package version with --version or -v', async () => {
    for (const flag of ['--version', '-v']) {
      expect(await finished(flag)).toEqual({ code: 0, stdout: `codenav ${version}\n`, stderr: '' });
    }
  });

  it('prints the usage with --help, -h, help, or no arguments', async () => {
    const help = await finished('--help');
    expect(help.code).toBe(0);
    expect(help.stderr).toBe('');
    expect(help.stdout).toMatch(/^codenav — .*\n\nUsage:\n {2}codenav serve \[dir\]/);
    expect(help.stdout).toMatch(/--port N/);
    for (const args of [['-h'], ['help'], []]) expect(await finished(...args)).toEqual(help);
  });

  it("prints a command's own usage with COMMAND --help (even beside other flags) or help COMMAND", async () => {
    const serve = await finished('serve', '--help');
    expect(serve.code).toBe(0);
    expect(serve.stdout).toMatch(/^Usage: codenav serve \[dir\] \[options\]\n/);
    expect(serve.stdout).toMatch(/--redis-url URL/);
    expect(serve.stdout).not.toMatch(/codenav analyze/);
    expect(await finished('serve', '--port', 'nope', '-h')).toEqual(serve);
    expect(await finished('help', 'serve')).toEqual(serve);

    const analyze = await finished('analyze', '-h');
    expect(analyze.code).toBe(0);
    expect(analyze.stdout).toMatch(/^Usage: codenav analyze \[dir\] \[--out FILE\]\n/);
    expect(await finished('help', 'analyze')).toEqual(analyze);
  });
});

describe('bad usage', () => {
  it('exits 2 with one line on stderr for an unknown flag, naming the help to read', async () => {
    expect(await finished('serve', '--prot', '4000')).toEqual({
      code: 2,
      stdout: '',
      stderr: "codenav serve: unknown option '--prot' (see codenav serve --help)\n",
    });
    expect(await finished('analyze', '--outt', 'x.json')).toEqual({
      code: 2,
      stdout: '',
      stderr: "codenav analyze: unknown option '--outt' (see codenav analyze --help)\n",
    });
    expect(await finished('--frob')).toEqual({
      code: 2,
      stdout: '',
      stderr: "codenav: unknown option '--frob' (see codenav --help)\n",
    });
  });

  it('exits 2 with one line for an unknown command, or a flag missing its value', async () => {
    expect(await finished('serv')).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'codenav: unknown command "serv" (expected serve, mcp, analyze or impact; see codenav --help)\n',
    });
    expect(await finished('help', 'serv')).toMatchObject({ code: 2, stdout: '' });
    const missing = await finished('serve', '--port');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /^codenav serve: option '--port <value>' argument missing \(see codenav serve --help\)\n$/,
    );
  });
});

describe('codenav analyze', () => {
  it('writes the graph to stdout with --out - and the summary to stderr', async () => {
    const run = await finished('analyze', fixturePath('incremental'), '--out', '-');
    expect(run.code).toBe(0);
    const graph = JSON.parse(run.stdout) as { nodes: { key: string }[]; edges: unknown[] };
    expect(graph.nodes.map((n) => n.key)).toContain('src/math.ts');
    expect(run.stderr).toMatch(/^analyzed \d+ files in [\d.]+ s: \d+ nodes, \d+ edges\n/);
  });

  it('says in its summary how many source files no analyzed tsconfig includes, naming the unreferenced tsconfig', async () => {
    const root = tempDir();
    writeFiles(root, {
      'tsconfig.json': JSON.stringify({ include: ['server'] }),
      'server/main.ts': 'export const main = 1;\n',
      'client/tsconfig.json': JSON.stringify({ include: ['src'] }),
      'client/src/app.ts': 'export const app = 1;\n',
    });
    const run = await finished('analyze', root);
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n').slice(0, 2)).toEqual([
      expect.stringMatching(/^analyzed 1 files in /),
      '  1 source file under the root is in no analyzed tsconfig (e.g. client/tsconfig.json is not referenced): not analyzed',
    ]);
  });

  it('refuses an --out in a missing folder at once, with exit 2 and one line', async () => {
    expect(await finished('analyze', fixturePath('incremental'), '--out', '/nonexistent/dir/x.json')).toEqual(
      {
        code: 2,
        stdout: '',
        stderr:
          'codenav analyze: cannot write --out /nonexistent/dir/x.json: no such directory: /nonexistent/dir\n',
      },
    );
  });

  it('ends quietly with exit 0 when the reader of stdout goes away (--out - | head)', async () => {
    const run = spawnCodenav(['analyze', fixturePath('incremental'), '--out', '-']);
    // The reader closes its end before reading anything, as `| head -c 0` would: every write fails.
    run.child.stdout!.destroy();
    expect(await run.exited).toBe(0);
    expect(run.stderr()).toBe('');
  });
});

describe('codenav serve start-up', () => {
  it('prints the listening line once the port is bound, and a query sent at once is answered', async () => {
    const run = spawnServe(fixturePath('incremental'), '--log-level', 'warn');
    const url = await listeningUrl(run);
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ stats { files } analysis { state } }' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      data?: { stats: { files: number }; analysis: { state: string } };
    };
    expect(body.data?.stats.files).toBeGreaterThanOrEqual(0);
    expect(['PENDING', 'RUNNING', 'READY']).toContain(body.data?.analysis.state);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.stderr()).toBe('');
  });
});
