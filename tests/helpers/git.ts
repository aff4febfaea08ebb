import { execFileSync } from 'node:child_process';

/** Runs git in `root` as a fixed test identity; its stdout. */
export function git(root: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=codenav', '-c', 'user.email=codenav@example.com', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
}
