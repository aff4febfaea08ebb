/**
 * Asks a git that never answers (the fake given, which writes its pid to `pidFile` first), and
 * exits as soon as that git runs: codenav's exit must take it along.
 */
import { existsSync, watch } from 'node:fs';
import * as path from 'node:path';
import { openGit } from '../../server/diff-impact/index.ts';

const [repo = '', fake = '', pidFile = ''] = process.argv.slice(2);
const opened = await openGit(repo, fake);
const started = new Promise<void>((resolve) => {
  const watcher = watch(path.dirname(pidFile), () => {
    if (!existsSync(pidFile)) return;
    watcher.close();
    resolve();
  });
});
opened.verifyCommit('main').catch(() => undefined);
await started;
process.exit(0);
