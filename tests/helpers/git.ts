import { execFileSync } from 'node:child_process';
import { writeFiles } from './fixtures.ts';

/** Runs git in `root` as a fixed test identity; its stdout. */
export function git(root: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=codenav', '-c', 'user.email=codenav@example.com', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
}

/** Writes `files` into `root` and commits them as `base` on a new `main` branch. */
export function commitBase(root: string, files: Readonly<Record<string, string>>): void {
  writeFiles(root, files);
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'base');
}
