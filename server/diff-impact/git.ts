import { execFile } from 'node:child_process';

/** Why a git question could not be answered: always the user's setup or input (`BAD_USER_INPUT`). */
export class DiffImpactError extends Error {
  override readonly name = 'DiffImpactError';
  readonly code = 'BAD_USER_INPUT';
}

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
 * Opens git on a folder. Git runs as a child process with an argument list (never a shell).
 *
 * @throws {@link DiffImpactError} when git is not installed or the folder is no git work tree.
 */
export async function openGit(dir: string, gitBinary = 'git'): Promise<Git> {
  const run = (args: readonly string[], maxBuffer = MAX_OUTPUT) =>
    new Promise<string>((resolve, reject) => {
      execFile(
        gitBinary,
        args,
        {
          cwd: dir,
          maxBuffer,
          encoding: 'utf8',
          env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
        },
        (error, stdout, stderr) => {
          if (error) reject(Object.assign(error, { stderr: String(stderr) }));
          else resolve(stdout);
        },
      );
    });
  try {
    const inside = await run(['rev-parse', '--is-inside-work-tree']);
    if (inside.trim() !== 'true') throw new Error('not inside a work tree');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !(error as { stderr?: string }).stderr)
      throw new DiffImpactError(`git is not installed (no "${gitBinary}" on the PATH): diff impact needs it`);
    throw new DiffImpactError(
      'the analyzed folder is not inside a git work tree: diff impact compares with a git revision',
    );
  }
  return {
    async verifyCommit(ref) {
      if (ref === '' || /[\0\n]/.test(ref))
        throw new DiffImpactError(`base must name a git revision, got ${JSON.stringify(ref)}`);
      try {
        return (
          await run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])
        ).trim();
      } catch {
        throw new DiffImpactError(
          `no commit named ${JSON.stringify(ref.length > 80 ? `${ref.slice(0, 80)}…` : ref)} in this repository`,
        );
      }
    },
    async changedFiles(commit) {
      // `--relative`: paths under (and relative to) the analyzed folder, as the graph keys them.
      const diff = await run(['diff', '--name-status', '--no-renames', '--relative', '-z', commit, '--']);
      const untracked = await run(['ls-files', '--others', '--exclude-standard', '-z']);
      const files = new Map<string, ChangedFile['status']>();
      const parts = diff.split('\0');
      for (let i = 0; i + 1 < parts.length; i += 2) {
        const status = parts[i]!;
        const path = parts[i + 1]!;
        files.set(path, status === 'A' ? 'A' : status === 'D' ? 'D' : 'M');
      }
      for (const path of untracked.split('\0')) if (path !== '') files.set(path, 'A');
      return [...files]
        .map(([path, status]) => ({ path, status }))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
    async readFile(commit, path) {
      try {
        return await run(['cat-file', 'blob', `${commit}:./${path}`], MAX_FILE);
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return undefined;
        throw error;
      }
    },
  };
}
