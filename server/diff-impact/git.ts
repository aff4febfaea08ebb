import { type ChildProcess, spawn } from 'node:child_process';
import { decodeSourceText } from '../util/decode-source-text.ts';
import {
  DiffImpactCancelledError,
  DiffImpactError,
  GitUnavailableError,
  throwIfCancelled,
} from './errors.ts';

/** A file that differs between a commit and the work tree, relative to the analyzed root. */
export interface ChangedFile {
  readonly path: string;
  /** `A` added (or untracked), `D` deleted, `M` anything else. */
  readonly status: 'A' | 'D' | 'M';
}

/** Git as the analyzed folder sees it. */
export interface Git {
  /** The commit `ref` names. @throws {@link DiffImpactError} when it names none. */
  verifyCommit(ref: string): Promise<string>;
  /** The best common ancestor of two commits (full hashes). @throws {@link DiffImpactError} when they have none. */
  mergeBase(a: string, b: string): Promise<string>;
  /** Files (under the analyzed root) that differ between `commit` and the work tree, untracked ones too. */
  changedFiles(commit: string): Promise<ChangedFile[]>;
  /** A file's text at `commit` (root-relative path); `undefined` when too large. */
  readFile(commit: string, path: string): Promise<string | undefined>;
}

/** Largest old file read from git: as the analyzer, larger files are not source code to compare. */
const MAX_FILE = 4 * 1024 * 1024;
/** Most output one git command may give (a diff's list of names). */
const MAX_OUTPUT = 64 * 1024 * 1024;
/**
 * Longest one git command may run: a config include that blocks, a revision regex that
 * backtracks, a process git leaves behind holding its output.
 */
const GIT_TIMEOUT_MS = 60_000;
/** Most git processes running at once, over every caller: each diffImpact call spawns several. */
const MAX_RUNNING = 4;
/**
 * Most git commands waiting for one of the {@link MAX_RUNNING} places; one more is refused at
 * once (`GIT_UNAVAILABLE`). A diffImpact call waits with one command at a time, so this is about
 * as many calls waiting, each holding its request (and socket) meanwhile.
 */
export const MAX_GIT_WAITING = 64;
/** Most of git's stderr kept for an error (a message, not a stream to keep whole). */
const MAX_STDERR = 64 * 1024;
/** Most filter drivers a repository may configure (each is switched off by a config entry of its own). */
const MAX_FILTERS = 256;

let running = 0;
const waiting: (() => void)[] = [];
/**
 * Runs `task` once fewer than {@link MAX_RUNNING} git processes run (first come, first served).
 * @throws {@link GitUnavailableError} at once when {@link MAX_GIT_WAITING} already wait.
 */
async function bounded<T>(task: () => Promise<T>): Promise<T> {
  if (running >= MAX_RUNNING) {
    if (waiting.length >= MAX_GIT_WAITING)
      throw new GitUnavailableError(
        `too many diff impact comparisons at once (${MAX_GIT_WAITING} git commands already wait their turn): try again in a moment`,
        'BUSY',
      );
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else running++;
  try {
    return await task();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/**
 * Config that keeps the analyzed repository's own config from running programs: the fsmonitor
 * hook (run by every command that reads the index) and hooks. Filter drivers are switched off by
 * name ({@link filterOverrides}), external diff and textconv drivers by the diff's own flags, and
 * fetching (a partial clone fetches missing objects) by `GIT_ALLOW_PROTOCOL`.
 */
const SAFE_CONFIG: readonly (readonly [string, string])[] = [
  ['core.fsmonitor', 'false'],
  ['core.hooksPath', '/dev/null'],
];

type Run = (args: readonly string[], maxBuffer?: number) => Promise<Buffer>;

/** Seams for tests and embedding. */
export interface GitOptions {
  /** Longest one git command may run before it (and every process it started) is killed. @default 60 s */
  readonly timeoutMs?: number;
  /**
   * Gives up: a git command running when it aborts is killed (its process group, as on a
   * timeout), and every later one fails at once, with {@link DiffImpactCancelledError}.
   */
  readonly signal?: AbortSignal;
}

/**
 * Opens git on a folder. Git runs as a child process with an argument list (never a shell), with
 * the repository's config neutralized where it would run a program ({@link SAFE_CONFIG}, every
 * `filter.*` driver), at most {@link MAX_RUNNING} at once and {@link GIT_TIMEOUT_MS} each.
 *
 * @throws {@link DiffImpactError} when the folder is no git work tree;
 *   {@link GitUnavailableError} when git cannot be started (not installed, no file handles left).
 */
export async function openGit(dir: string, gitBinary = 'git', options: GitOptions = {}): Promise<Git> {
  const timeoutMs = options.timeoutMs ?? GIT_TIMEOUT_MS;
  const runWith =
    (config: readonly (readonly [string, string])[]): Run =>
    (args, maxBuffer = MAX_OUTPUT) =>
      bounded(() => {
        const env: NodeJS.ProcessEnv = {
          ...process.env,
          GIT_OPTIONAL_LOCKS: '0',
          GIT_TERMINAL_PROMPT: '0',
          // No transport at all, whatever the repository's `protocol.*.allow` says.
          GIT_ALLOW_PROTOCOL: '',
          LC_ALL: 'C',
          GIT_CONFIG_COUNT: String(config.length),
        };
        for (const [i, [key, value]] of config.entries()) {
          env[`GIT_CONFIG_KEY_${i}`] = key;
          env[`GIT_CONFIG_VALUE_${i}`] = value;
        }
        return runProcess(gitBinary, args, { cwd: dir, env, maxBuffer, timeoutMs, signal: options.signal });
      }).catch((error: unknown) => {
        throwIfNotStarted(error, gitBinary);
        throw error;
      });
  let run = runWith(SAFE_CONFIG);
  try {
    const inside = await run(['rev-parse', '--is-inside-work-tree']);
    if (inside.toString('utf8').trim() !== 'true') throw new Error('not inside a work tree');
  } catch (error) {
    throwIfBounded(error);
    throw new DiffImpactError(
      'the analyzed folder is not inside a git work tree: diff impact compares with a git revision',
    );
  }
  run = runWith([...SAFE_CONFIG, ...(await filterOverrides(run))]);
  return {
    async verifyCommit(ref) {
      if (ref === '' || /[\0\n]/.test(ref))
        throw new DiffImpactError(`base must name a git revision, got ${JSON.stringify(ref)}`);
      try {
        return (await run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]))
          .toString('utf8')
          .trim();
      } catch (error) {
        throwIfBounded(error);
        throw new DiffImpactError(
          `no commit named ${JSON.stringify(ref.length > 80 ? `${ref.slice(0, 80)}…` : ref)} in this repository`,
        );
      }
    },
    async mergeBase(a, b) {
      try {
        return (await run(['merge-base', '--end-of-options', a, b])).toString('utf8').trim();
      } catch (error) {
        throwIfBounded(error);
        throw new DiffImpactError(`${a.slice(0, 12)} and ${b.slice(0, 12)} have no common ancestor`);
      }
    },
    async changedFiles(commit) {
      // `--relative`: paths under (and relative to) the analyzed folder, as the graph keys them.
      // No external diff, textconv or submodule status (`git status` run in each submodule).
      const diff = await runBounded(run, [
        'diff',
        '--name-status',
        '--no-renames',
        '--no-ext-diff',
        '--no-textconv',
        '--ignore-submodules=all',
        '--relative',
        '-z',
        commit,
        // Only the analyzed folder: git neither stats nor hashes the repository's files outside it.
        '--',
        '.',
      ]);
      const untracked = await runBounded(run, ['ls-files', '--others', '--exclude-standard', '-z']);
      const files = new Map<string, ChangedFile['status']>();
      const parts = splitNul(diff);
      for (let i = 0; i + 1 < parts.length; i += 2) {
        const status = utf8(parts[i]!);
        const path = utf8(parts[i + 1]!);
        // A name that is no UTF-8 cannot be a graph key (nor be asked for again): not source code.
        if (path !== undefined) files.set(path, status === 'A' ? 'A' : status === 'D' ? 'D' : 'M');
      }
      for (const part of splitNul(untracked)) {
        const path = utf8(part);
        // Deleted from the index (`git rm --cached`) but still on disk: there at the base and now.
        if (path !== undefined && path !== '') files.set(path, files.get(path) === 'D' ? 'M' : 'A');
      }
      return [...files]
        .map(([path, status]) => ({ path, status }))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
    async readFile(commit, path) {
      try {
        // Decoded as the analysis decodes the work tree's files (UTF-16 by its byte-order mark).
        return decodeSourceText(await run(['cat-file', 'blob', `${commit}:./${path}`], MAX_FILE)).text;
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return undefined;
        throwIfBounded(error);
        // A missing object (a partial clone: fetching is off) or a damaged repository.
        throw new DiffImpactError(`git cannot read ${JSON.stringify(path)} at the base commit`);
      }
    },
  };
}

/**
 * The config entries that switch off every filter driver the repository configures: a filter's
 * `clean` command runs whenever git hashes a work-tree file (as `git diff COMMIT` does).
 */
async function filterOverrides(run: Run): Promise<[string, string][]> {
  let listed: Buffer;
  try {
    listed = await run(['config', '-z', '--name-only', '--get-regexp', '^filter\\.']);
  } catch (error) {
    // Exit code 1: no such entry.
    if ((error as { code?: unknown }).code === 1) return [];
    throwIfBounded(error);
    throw new DiffImpactError('the repository’s git config cannot be read');
  }
  const drivers = new Set<string>();
  for (const part of splitNul(listed)) {
    const key = utf8(part);
    // A name git holds as bytes that are no UTF-8 cannot be named back to it through the environment.
    if (key === undefined)
      throw new DiffImpactError(
        'the repository configures a git filter driver whose name is no UTF-8: diff impact cannot switch it off',
      );
    const last = key.lastIndexOf('.');
    // `filter..clean` is the driver named "" (`filter=` in .gitattributes).
    if (last >= 'filter.'.length) drivers.add(key.slice('filter.'.length, last));
  }
  if (drivers.size > MAX_FILTERS)
    throw new DiffImpactError(`the repository configures more than ${MAX_FILTERS} git filter drivers`);
  return [...drivers].flatMap((name): [string, string][] => [
    [`filter.${name}.clean`, ''],
    [`filter.${name}.smudge`, ''],
    [`filter.${name}.process`, ''],
    [`filter.${name}.required`, 'false'],
  ]);
}

/** A git command whose output or time ran past the bounds: the user's repository, too large. */
async function runBounded(run: Run, args: readonly string[]): Promise<Buffer> {
  try {
    return await run(args);
  } catch (error) {
    throwIfBounded(error);
    throw error;
  }
}

/**
 * Rethrows what no reading of the repository explains: a git that could not start (as it is), or
 * an answer past the bounds (as the repository's being too large).
 */
function throwIfBounded(error: unknown): void {
  if (error instanceof GitUnavailableError || error instanceof DiffImpactCancelledError) throw error;
  const { code, timeoutMs } = error as { code?: unknown; timeoutMs?: number };
  if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
    throw new DiffImpactError(
      `the change is too large to compare: git's answer exceeds ${MAX_OUTPUT / 1024 / 1024} MiB`,
    );
  if (timeoutMs !== undefined)
    throw new DiffImpactError(`git did not answer within ${timeoutMs / 1000} s: the comparison is too large`);
}

/**
 * A git that could not be started is the server's problem, not the caller's: no such program,
 * or no file handles, processes or memory left for one more.
 */
function throwIfNotStarted(error: unknown, gitBinary: string): void {
  const { code, syscall } = error as NodeJS.ErrnoException;
  if (typeof code !== 'string' || !syscall?.startsWith('spawn')) return;
  throw new GitUnavailableError(
    code === 'ENOENT'
      ? `git is not installed on the server (no "${gitBinary}" on the PATH): diff impact needs it`
      : `the server could not start git (${code}): try again later, or tell whoever runs the server`,
    code,
  );
}

/**
 * The git commands running now, each the leader of a process group of its own, out of reach of
 * the terminal's Ctrl-C and of a kill of codenav's own group: their groups are killed when
 * codenav exits. A command leaves this set as soon as git itself has exited and been reaped:
 * from then on its pid, the group's id, may name another process's group.
 */
const leaders = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of leaders) killGroup(child);
});

/**
 * SIGKILL to the process group `child` leads, only while `child` has not been reaped (Node sets
 * `exitCode` or `signalCode` in the same turn as it reaps, before any other callback runs): once
 * reaped, its pid may be reused, and the group of that number may be anyone's.
 */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is gone already.
  }
}

/**
 * Runs a program to its end and gives its stdout; rejects with the failed start's error
 * (`syscall` `spawn …`), `ERR_CHILD_PROCESS_STDIO_MAXBUFFER` past `maxBuffer` bytes of output,
 * `timeoutMs` (the option's value) past that time, or the exit `code` and `stderr` of a failure.
 *
 * @remarks
 * Not `execFile`: on its timeout it kills only the child and then waits for the child's pipes
 * to close, which a process the child left behind (`sleep 1000 &`) keeps open for as long as
 * it lives, holding a git place forever. Here the child leads a process group of its own, the
 * whole group is killed while git still runs, and the pipes are closed from this side, so the
 * command ends within its time whatever it left behind. A git that has exited already is never
 * signalled through its group ({@link killGroup}): what it left behind only loses its pipes.
 */
function runProcess(
  file: string,
  args: readonly string[],
  options: {
    cwd: string;
    env: NodeJS.ProcessEnv;
    maxBuffer: number;
    timeoutMs: number;
    signal?: AbortSignal | undefined;
  },
): Promise<Buffer> {
  const { signal } = options;
  try {
    throwIfCancelled(signal);
  } catch (error) {
    return Promise.reject(error);
  }
  return new Promise<Buffer>((resolve, reject) => {
    // A failed start comes as 'error' (ENOENT, EACCES, EAGAIN, EMFILE, ENFILE), or as a throw
    // for rarer causes (the promise rejects with it).
    let timer: NodeJS.Timeout | undefined;
    let cancel: (() => void) | undefined;
    const settled = () => {
      clearTimeout(timer);
      if (cancel) signal?.removeEventListener('abort', cancel);
    };
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.on('error', (error) => {
      // A start that failed: no 'close' is certain to follow.
      if (child.pid === undefined) {
        settled();
        reject(error);
      }
    });
    // No pipes: the start failed (EMFILE, ENFILE), and says so in 'error'.
    if (!child.stdout || !child.stderr) return;
    if (child.pid === undefined) return;
    leaders.add(child);
    // Reaped: its group is no longer ours to signal (a process git left behind is left alone).
    child.on('exit', () => leaders.delete(child));
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let failure: Error | undefined;
    const stop = (error: Error) => {
      failure ??= error;
      killGroup(child);
      // What the group kill did not reach (a process that left the group, or one git left behind
      // when it exited) holds no place.
      child.stdout.destroy();
      child.stderr.destroy();
    };
    timer = setTimeout(
      () => stop(Object.assign(new Error(`git ${args[0]} timed out`), { timeoutMs: options.timeoutMs })),
      options.timeoutMs,
    );
    cancel = () =>
      stop(new DiffImpactCancelledError(`git ${args[0]} was cancelled`, { cause: signal?.reason }));
    signal?.addEventListener('abort', cancel, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.maxBuffer)
        stop(
          Object.assign(new RangeError('stdout maxBuffer length exceeded'), {
            code: 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER',
          }),
        );
      else chunks.push(chunk);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < MAX_STDERR) stderr += chunk.slice(0, MAX_STDERR - stderr.length);
    });
    child.on('close', (code, exitSignal) => {
      settled();
      if (failure) reject(failure);
      else if (code !== 0)
        reject(
          Object.assign(new Error(`git ${args[0]} failed (${code ?? exitSignal}): ${stderr.trim()}`), {
            code,
            signal: exitSignal,
            stderr,
          }),
        );
      else resolve(Buffer.concat(chunks));
    });
  });
}

function splitNul(output: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (let end = output.indexOf(0); end !== -1; end = output.indexOf(0, start)) {
    parts.push(output.subarray(start, end));
    start = end + 1;
  }
  if (start < output.length) parts.push(output.subarray(start));
  return parts;
}

/** Strict, and a leading byte-order mark is part of the name. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function utf8(bytes: Buffer): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}
