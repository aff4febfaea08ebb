/**
 * Git on an untrusted repository: its config and attributes run nothing, odd names do not
 * break the comparison, and many callers share a bounded number of git processes.
 */

import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  existsSync,
  readFileSync,
  rmSync,
  utimesSync,
  watch,
  writeFileSync,
} from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import {
  DiffImpactCancelledError,
  DiffImpactError,
  GitUnavailableError,
  MAX_DIFF_FILES,
  MAX_GIT_WAITING,
  openGit,
} from '../../server/diff-impact/index.ts';
import { runImpact } from '../../server/impact-command.ts';
import { removeCopies, tempDir, writeFiles as write } from '../helpers/fixtures.ts';
import { commitBase, git } from '../helpers/git.ts';

afterAll(removeCopies);

const EMFILE_CHILD = fileURLToPath(new URL('./no-file-handles.child.ts', import.meta.url));
const EXIT_CHILD = fileURLToPath(new URL('./exit-while-git-runs.child.ts', import.meta.url));

async function impactJson(dir: string, base: string) {
  let out = '';
  const stdout = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  await runImpact({ command: 'impact', dir, base, depth: 3, json: true }, stdout);
  return JSON.parse(out) as { changed: { kind: string; key: string }[] };
}

describe('git on an untrusted repository', () => {
  it('runs neither the fsmonitor hook nor filter drivers the repository configures', async () => {
    const repo = tempDir('codenav-git-evil-');
    const marks = tempDir('codenav-git-marks-');
    commitBase(repo, {
      '.gitattributes': '*.ts filter=evil.dotted\n*.js filter=plain\n',
      'src/a.ts': 'export function a(): number {\n  return 1;\n}\n',
      'src/b.js': 'exports.b = 1;\n',
    });
    git(repo, 'config', 'core.fsmonitor', `touch ${path.join(marks, 'fsmonitor')}; false`);
    git(repo, 'config', 'filter.evil.dotted.clean', `touch ${path.join(marks, 'clean')}; cat`);
    git(repo, 'config', 'filter.evil.dotted.required', 'true');
    git(repo, 'config', 'filter.plain.process', `touch ${path.join(marks, 'process')}`);
    git(repo, 'config', 'diff.external', `touch ${path.join(marks, 'external')}`);
    write(repo, {
      'src/a.ts': 'export function a(): number {\n  return 2;\n}\n',
      'src/b.js': 'exports.b = 2;\n',
    });

    const changed = await (await openGit(repo)).changedFiles(git(repo, 'rev-parse', 'HEAD').trim());
    expect(changed).toEqual([
      { path: 'src/a.ts', status: 'M' },
      { path: 'src/b.js', status: 'M' },
    ]);
    for (const mark of ['fsmonitor', 'clean', 'process', 'external'])
      expect(existsSync(path.join(marks, mark)), mark).toBe(false);
  });

  it('runs the filter driver with an empty name no more than the others', async () => {
    const repo = tempDir('codenav-git-empty-filter-');
    const mark = path.join(tempDir('codenav-git-marks-'), 'clean');
    commitBase(repo, { '.gitattributes': '* filter=\n', 'src/a.ts': 'export const a = 1;\n' });
    appendFileSync(path.join(repo, '.git', 'config'), `[filter ""]\n\tclean = touch ${mark}; cat\n`);
    write(repo, { 'src/a.ts': 'export const a = 2;\n' });

    const changed = await (await openGit(repo)).changedFiles(git(repo, 'rev-parse', 'HEAD').trim());
    expect(changed).toEqual([{ path: 'src/a.ts', status: 'M' }]);
    expect(existsSync(mark)).toBe(false);
  });

  it('refuses a repository with a filter driver it cannot switch off (a name that is no UTF-8)', async () => {
    const repo = tempDir('codenav-git-odd-filter-');
    const mark = path.join(tempDir('codenav-git-marks-'), 'clean');
    commitBase(repo, { 'src/a.ts': 'export const a = 1;\n' });
    const name = Buffer.from([0xe9]);
    appendFileSync(
      path.join(repo, '.gitattributes'),
      Buffer.concat([Buffer.from('* filter='), name, Buffer.from('\n')]),
    );
    appendFileSync(
      path.join(repo, '.git', 'config'),
      Buffer.concat([
        Buffer.from('[filter "'),
        name,
        Buffer.from(`"]\n\tclean = touch ${mark}; cat\n\trequired = true\n`),
      ]),
    );
    write(repo, { 'src/a.ts': 'export const a = 2;\n' });

    await expect(openGit(repo)).rejects.toThrow(DiffImpactError);
    await expect(openGit(repo)).rejects.toThrow(/filter driver whose name is no UTF-8/);
    expect(existsSync(mark)).toBe(false);
  });

  it('runs no filter a submodule configures (git would run `status` in it)', async () => {
    const repo = tempDir('codenav-git-super-');
    const mark = path.join(tempDir('codenav-git-marks-'), 'sub-clean');
    const lib = path.join(repo, 'lib');
    commitBase(lib, { '.gitattributes': '*.ts filter=sub\n', 'x.ts': 'export const x = 1;\n' });
    git(lib, 'config', 'filter.sub.clean', `touch ${mark}; cat`);
    commitBase(repo, { 'src/a.ts': 'export const a = 1;\n' });
    // Same size, later time: only hashing tells the submodule's file changed.
    writeFileSync(path.join(lib, 'x.ts'), 'export const x = 2;\n');
    const later = new Date(Date.now() + 5000);
    utimesSync(path.join(lib, 'x.ts'), later, later);

    const changed = await (await openGit(repo)).changedFiles(git(repo, 'rev-parse', 'HEAD').trim());
    expect(changed).toEqual([]);
    expect(existsSync(mark)).toBe(false);
  });

  it('never fetches a missing object (a partial clone’s remote runs a program): a clear error instead', async () => {
    const repo = tempDir('codenav-git-partial-');
    const mark = path.join(tempDir('codenav-git-marks-'), 'fetched');
    commitBase(repo, { 'src/a.ts': 'export const a = 1;\n' });
    const blob = git(repo, 'rev-parse', 'HEAD:src/a.ts').trim();
    rmSync(path.join(repo, '.git/objects', blob.slice(0, 2), blob.slice(2)));
    git(repo, 'config', 'core.repositoryformatversion', '1');
    git(repo, 'config', 'extensions.partialClone', 'origin');
    git(repo, 'config', 'remote.origin.promisor', 'true');
    git(repo, 'config', 'remote.origin.url', `ext::sh -c touch% ${mark}`);
    git(repo, 'config', 'protocol.ext.allow', 'always');

    const opened = await openGit(repo);
    await expect(opened.readFile(git(repo, 'rev-parse', 'HEAD').trim(), 'src/a.ts')).rejects.toThrow(
      new DiffImpactError('git cannot read "src/a.ts" at the base commit'),
    );
    expect(existsSync(mark)).toBe(false);
  });

  it('leaves out a changed file whose name is no UTF-8, and compares the others', async () => {
    const repo = tempDir('codenav-git-names-');
    commitBase(repo, {
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true }, include: ['src'] }),
      'src/a.ts': 'export function a(): number {\n  return 1;\n}\n',
    });
    const odd = Buffer.concat([Buffer.from(path.join(repo, 'src/')), Buffer.from([0xff, 0x2e, 0x74, 0x73])]);
    writeFileSync(odd, 'export function odd(): number {\n  return 1;\n}\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'odd name');
    writeFileSync(odd, 'export function odd(): number {\n  return 2;\n}\n');
    write(repo, { 'src/a.ts': 'export function a(): number {\n  return 2;\n}\n' });

    const result = await impactJson(repo, 'HEAD');
    expect(result.changed.map((c) => `${c.kind} ${c.key}`)).toEqual(['BODY_CHANGED src/a.ts#a']);
  });

  it('keeps a byte-order mark that starts a file name', async () => {
    const repo = tempDir('codenav-git-bom-');
    commitBase(repo, { '\uFEFFa.ts': 'export const a = 1;\n', 'src/b.ts': 'export const b = 1;\n' });
    rmSync(path.join(repo, '\uFEFFa.ts'));
    const opened = await openGit(repo);
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    expect(await opened.changedFiles(head)).toEqual([{ path: '\uFEFFa.ts', status: 'D' }]);
    expect(await opened.readFile(head, '\uFEFFa.ts')).toBe('export const a = 1;\n');
  });

  it('refuses a change that would read more old files than the bound, with a clear error', async () => {
    const repo = tempDir('codenav-git-huge-');
    const files: Record<string, string> = {};
    for (let i = 0; i <= MAX_DIFF_FILES; i++) files[`src/f${i}.ts`] = `export const f${i} = ${i};\n`;
    commitBase(repo, files);
    rmSync(path.join(repo, 'src'), { recursive: true });
    write(repo, { 'src/a.ts': 'export const a = 1;\n' });

    await expect(impactJson(repo, 'main')).rejects.toThrow(
      `codenav impact: the change since the base touches ${MAX_DIFF_FILES + 1} source files that existed there, more than ${MAX_DIFF_FILES}: compare with a nearer revision`,
    );
  }, 60_000);

  it('runs at most 4 git processes at once, however many comparisons are asked for', async () => {
    const repo = tempDir('codenav-git-many-');
    commitBase(repo, { 'src/a.ts': 'export const a = 1;\n' });
    const running = tempDir('codenav-git-running-');
    const log = path.join(tempDir('codenav-git-log-'), 'running.log');
    // A git that stays a moment, and records how many copies of it run meanwhile.
    const fake = path.join(tempDir('codenav-git-bin-'), 'git');
    writeFileSync(
      fake,
      `#!/bin/sh\ntouch "${running}/$$"\nls "${running}" | wc -l >> "${log}"\nsleep 0.2\nrm "${running}/$$"\nexec git "$@"\n`,
    );
    chmodSync(fake, 0o755);
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    const answers = await Promise.all(
      Array.from({ length: 12 }, async () => (await openGit(repo, fake)).verifyCommit('main')),
    );
    expect(answers).toEqual(Array(12).fill(head));
    const counts = readFileSync(log, 'utf8').trim().split('\n').map(Number);
    expect(counts.length).toBeGreaterThanOrEqual(24);
    expect(Math.max(...counts)).toBeLessThanOrEqual(4);
  });

  it(`refuses a git command beyond the ${MAX_GIT_WAITING} waiting at once (GIT_UNAVAILABLE), and answers those that wait`, async () => {
    const repo = tempDir('codenav-git-queue-');
    commitBase(repo, { 'src/a.ts': 'export const a = 1;\n' });
    const gate = path.join(tempDir('codenav-git-gate-'), 'open');
    // A git that waits until the gate opens: what is asked meanwhile can only queue.
    const fake = fakeGit(`while [ ! -e "${gate}" ]; do sleep 0.05; done\nexec git "$@"\n`);
    writeFileSync(gate, '');
    const opened = await openGit(repo, fake);
    rmSync(gate);

    const waited = Array.from({ length: 4 + MAX_GIT_WAITING }, () => opened.verifyCommit('main'));
    try {
      // Refused at once: settled before anything else the event loop has to do.
      const refused = await Promise.race([
        opened.verifyCommit('main').catch((error: unknown) => error),
        new Promise((resolve) => setImmediate(() => resolve('still waiting'))),
      ]);
      expect(refused).toBeInstanceOf(GitUnavailableError);
      expect(refused).toMatchObject({
        code: 'GIT_UNAVAILABLE',
        reason: 'BUSY',
        message: `too many diff impact comparisons at once (${MAX_GIT_WAITING} git commands already wait their turn): try again in a moment`,
      });
    } finally {
      writeFileSync(gate, '');
    }
    expect(await Promise.all(waited)).toEqual(
      Array(waited.length).fill(git(repo, 'rev-parse', 'HEAD').trim()),
    );
  });

  it('reports a git that cannot be started as the server’s problem (GIT_UNAVAILABLE), never the user’s input', async () => {
    const repo = tempDir('codenav-git-gone-');
    commitBase(repo, { 'src/a.ts': 'export const a = 1;\n' });
    write(repo, { 'src/a.ts': 'export const a = 2;\n' });
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    const fake = fakeGit('exec git "$@"\n');
    const opened = await openGit(repo, fake);
    // Gone between two commands of one comparison (as no file handle left would be).
    rmSync(fake);
    const missing = {
      name: 'GitUnavailableError',
      code: 'GIT_UNAVAILABLE',
      reason: 'ENOENT',
      message: `git is not installed on the server (no "${fake}" on the PATH): diff impact needs it`,
    };
    await expect(opened.verifyCommit('main')).rejects.toMatchObject(missing);
    await expect(opened.changedFiles(head)).rejects.toMatchObject(missing);
    await expect(opened.readFile(head, 'src/a.ts')).rejects.toMatchObject(missing);
    // One that cannot be run at all: not "no work tree".
    writeFileSync(fake, '#!/bin/sh\nexec git "$@"\n', { mode: 0o644 });
    await expect(openGit(repo, fake)).rejects.toMatchObject({
      name: 'GitUnavailableError',
      reason: 'EACCES',
      message: 'the server could not start git (EACCES): try again later, or tell whoever runs the server',
    });
  });

  it('reports git that cannot start for want of file handles as GIT_UNAVAILABLE (EMFILE), for every question', async () => {
    const repo = tempDir('codenav-git-emfile-');
    commitBase(repo, { 'src/a.ts': 'export const a = 1;\n' });
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    const child = execFileSync(
      'sh',
      [
        '-c',
        'ulimit -n 256 && exec "$@"',
        'sh',
        process.execPath,
        '--import',
        'tsx',
        EMFILE_CHILD,
        repo,
        head,
      ],
      { encoding: 'utf8' },
    );
    const busy = {
      name: 'GitUnavailableError',
      code: 'GIT_UNAVAILABLE',
      reason: 'EMFILE',
      message: 'the server could not start git (EMFILE): try again later, or tell whoever runs the server',
    };
    expect(JSON.parse(child)).toEqual({ verifyCommit: busy, changedFiles: busy, readFile: busy });
  });

  it('frees a git place at the timeout though git left a process holding its output, and kills that process', async () => {
    const repo = tempDir('codenav-git-orphan-');
    commitBase(repo, { 'src/a.ts': 'export const a = 1;\n' });
    const pids = path.join(tempDir('codenav-git-pids-'), 'pids');
    // Asked for hang.ts it waits, with a child of its own holding its stdout.
    const fake = fakeGit(
      `case "$*" in\n  *hang.ts*) sleep 1000 & echo $$ $! >> "${pids}"; wait ;;\nesac\nexec git "$@"\n`,
    );
    const opened = await openGit(repo, fake, { timeoutMs: 300 });
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    // As many as there are places: each must come back for the next command to run.
    const reads = Array.from({ length: 4 }, () => opened.readFile(head, 'hang.ts'));
    // Each fake git and the child it started.
    const left = () => (existsSync(pids) ? readFileSync(pids, 'utf8').trim().split(/\s+/).map(Number) : []);
    const alive = () => left().filter(isRunning);
    // Whatever the outcome (a timed-out test too), nothing of it stays running.
    onTestFinished(() => {
      for (const pid of alive()) process.kill(pid, 'SIGKILL');
    });
    // Awaited together: each is handled before it rejects, whichever times out first.
    await Promise.all(
      reads.map((read) =>
        expect(read).rejects.toThrow(
          new DiffImpactError('git did not answer within 0.3 s: the comparison is too large'),
        ),
      ),
    );
    expect(await opened.verifyCommit('main')).toBe(head);
    expect(left()).toHaveLength(8);
    // SIGKILL went to each: they end within moments.
    for (let i = 0; i < 200 && alive().length > 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(alive()).toEqual([]);
  }, 10_000);

  it('kills the git command running when its signal aborts, and runs none after', async () => {
    const repo = tempDir('codenav-git-cancel-');
    commitBase(repo, { 'src/a.ts': 'export const a = 1;\n' });
    const pids = path.join(tempDir('codenav-git-pids-'), 'pids');
    // Asked for hang.ts it waits, with a child of its own, after writing both pids.
    const fake = fakeGit(
      `case "$*" in\n  *hang.ts*) sleep 1000 & echo $$ $! >> "${pids}"; wait ;;\nesac\nexec git "$@"\n`,
    );
    const controller = new AbortController();
    // The timeout (60 s by default) is not what ends it.
    const opened = await openGit(repo, fake, { signal: controller.signal });
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    const left = () => (existsSync(pids) ? readFileSync(pids, 'utf8').trim().split(/\s+/).map(Number) : []);
    const alive = () => left().filter(isRunning);
    onTestFinished(() => {
      for (const pid of alive()) process.kill(pid, 'SIGKILL');
    });
    const started = new Promise<void>((resolve) => {
      const watcher = watch(path.dirname(pids), () => {
        if (left().length < 2) return;
        watcher.close();
        resolve();
      });
    });
    const read = opened.readFile(head, 'hang.ts');
    await started;
    controller.abort('the client went away');
    await expect(read).rejects.toMatchObject({
      name: 'DiffImpactCancelledError',
      message: 'git cat-file was cancelled',
      cause: 'the client went away',
    });
    // Aborted: no git runs any more (it would answer this one), nor does another open.
    await expect(opened.verifyCommit('main')).rejects.toThrow(DiffImpactCancelledError);
    await expect(openGit(repo, fake, { signal: controller.signal })).rejects.toThrow(
      DiffImpactCancelledError,
    );
    // SIGKILL went to git's group: both end within moments.
    for (let i = 0; i < 200 && alive().length > 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(alive()).toEqual([]);
  }, 10_000);

  it('never signals the process group of a git that has exited (its id may name another group by then), and still frees its place', async () => {
    const repo = tempDir('codenav-git-reaped-');
    commitBase(repo, { 'src/a.ts': 'export const a = 1;\n' });
    const pidFile = path.join(tempDir('codenav-git-pids-'), 'pid');
    // Asked for leave.ts it exits at once, leaving a child in its group that holds its stdout:
    // after git is reaped, that group is no longer git's to kill.
    const fake = fakeGit(
      `case "$*" in\n  *leave.ts*) sleep 1000 & echo $! >> "${pidFile}"; exit 0 ;;\nesac\nexec git "$@"\n`,
    );
    const opened = await openGit(repo, fake, { timeoutMs: 300 });
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    // The child each fake git left behind.
    const pids = () =>
      existsSync(pidFile) ? readFileSync(pidFile, 'utf8').trim().split(/\s+/).map(Number) : [];
    onTestFinished(() => {
      for (const pid of pids().filter(isRunning)) process.kill(pid, 'SIGKILL');
    });
    const reads = Array.from({ length: 4 }, () => opened.readFile(head, 'leave.ts'));
    // Awaited together: each is handled before it rejects, whichever times out first.
    await Promise.all(
      reads.map((read) =>
        expect(read).rejects.toThrow(
          new DiffImpactError('git did not answer within 0.3 s: the comparison is too large'),
        ),
      ),
    );
    // Every place came back, and the group of no reaped git got a signal at the timeout.
    expect(await opened.verifyCommit('main')).toBe(head);
    expect(pids()).toHaveLength(4);
    expect(pids().filter(isRunning)).toHaveLength(4);
  }, 10_000);

  it('kills the git commands still running when codenav exits (each leads a process group of its own)', async () => {
    const repo = tempDir('codenav-git-exit-');
    commitBase(repo, { 'src/a.ts': 'export const a = 1;\n' });
    const pidFile = path.join(tempDir('codenav-git-pids-'), 'pid');
    // Opens like git, then never answers a revision.
    const fake = fakeGit(
      `case "$1 $2" in\n  "rev-parse --verify") echo $$ > "${pidFile}.tmp"; mv "${pidFile}.tmp" "${pidFile}"; exec sleep 1000 ;;\nesac\nexec git "$@"\n`,
    );
    const pid = () => Number(readFileSync(pidFile, 'utf8'));
    onTestFinished(() => {
      if (existsSync(pidFile) && isRunning(pid())) process.kill(pid(), 'SIGKILL');
    });
    execFileSync(process.execPath, ['--import', 'tsx', EXIT_CHILD, repo, fake, pidFile]);
    // SIGKILL went to it as the child exited: it ends within moments.
    for (let i = 0; i < 200 && isRunning(pid()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(isRunning(pid())).toBe(false);
  });
});

/** An executable shell script standing in for git. */
function fakeGit(script: string): string {
  const fake = path.join(tempDir('codenav-git-bin-'), 'git');
  writeFileSync(fake, `#!/bin/sh\n${script}`);
  chmodSync(fake, 0o755);
  return fake;
}

/** A process that exists and is no zombie (one no init reaps has ended all the same). */
function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
