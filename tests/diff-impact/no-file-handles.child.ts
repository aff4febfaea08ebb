/**
 * Opens git on a repository, then takes every file handle the process has left, and asks git
 * again: prints what each question gave, as one line of JSON. Run with a low `ulimit -n`.
 */
import { openSync } from 'node:fs';
import { openGit } from '../../server/diff-impact/index.ts';

const [repo = '', commit = ''] = process.argv.slice(2);
const opened = await openGit(repo);
const held: number[] = [];
try {
  for (;;) held.push(openSync('/dev/null', 'r'));
} catch {
  // Every handle is taken.
}
const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'answered',
    (error: { name?: string; code?: string; reason?: string; message?: string }) => ({
      name: error.name,
      code: error.code,
      reason: error.reason,
      message: error.message,
    }),
  );
const outcomes = {
  verifyCommit: await outcome(opened.verifyCommit('main')),
  changedFiles: await outcome(opened.changedFiles(commit)),
  readFile: await outcome(opened.readFile(commit, 'src/a.ts')),
};
process.stdout.write(`${JSON.stringify(outcomes)}\n`);
