/**
 * The `codenav` command as a user runs it: `bin/codenav.mjs` on the compiled dist/ (which the
 * test run's global setup built from the current sources), or an installed binary.
 */
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** `bin/codenav.mjs` of this checkout. */
export const CLI = fileURLToPath(new URL('../../bin/codenav.mjs', import.meta.url));

const children: ChildProcess[] = [];

/** A running command and what it printed so far. */
export interface CommandRun {
  readonly child: ChildProcess;
  /** Its exit code once it has ended and its output is read whole (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  stdout(): string;
  stderr(): string;
}

/** Starts `command`, collecting its output; killed by {@link killCommands} if still running. */
export function spawnCommand(
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
): CommandRun {
  const child = spawn(command, [...args], { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

/** Starts `codenav args` from this checkout. */
export function spawnCodenav(args: readonly string[], options: SpawnOptions = {}): CommandRun {
  return spawnCommand(process.execPath, [CLI, ...args], options);
}

/** Starts `codenav serve dir` on a free port, not watching, with `extra` flags. */
export function spawnServe(dir: string, ...extra: string[]): CommandRun {
  return spawnCodenav(['serve', dir, '--port', '0', '--no-watch', ...extra]);
}

/** Runs `codenav args` to its end: exit code, stdout, stderr. */
export async function runCodenav(
  args: readonly string[],
  options: SpawnOptions = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = spawnCodenav(args, options);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/** Waits for `codenav serve`'s listening line; its URL. */
export async function listeningUrl(run: CommandRun): Promise<string> {
  await expect
    .poll(() => run.stdout(), { timeout: 20_000 })
    .toMatch(/codenav listening on http:\/\/127\.0\.0\.1:\d+\n/);
  return /listening on (\S+)/.exec(run.stdout())![1]!;
}

/** Kills every command started here that still runs (for `afterAll`). */
export function killCommands(): void {
  for (const child of children.splice(0)) child.kill('SIGKILL');
}
