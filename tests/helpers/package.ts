import { execFile } from 'node:child_process';
import { cpSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { tempDir } from './fixtures.ts';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../..', import.meta.url));
/** What a clone has that `npm pack` must make or must not see. */
const BUILT_OR_INSTALLED = new Set(['.git', '.cache', 'dist', 'client/dist', 'tests/artifacts']);

/** codenav installed from its tarball, as a user gets it. */
export interface InstalledPackage {
  /** The folder it was installed into (`npm install ./codenav-X.tgz`). */
  readonly dir: string;
  /** `node_modules/.bin/codenav` of that folder. */
  readonly bin: string;
  /** `node_modules/codenav`: the tarball's contents. */
  readonly packageDir: string;
}

/**
 * `npm pack`, then `npm install` of the tarball into an empty folder (from the npm registry,
 * as a user would). The pack runs in a copy of the working tree without its builds, with this
 * clone's node_modules linked in: `prepack` rebuilds dist/ from scratch there, never
 * under the feet of tests running the clone's dist/. The folders are removed by `removeCopies`.
 */
export async function installPackage(): Promise<InstalledPackage> {
  const source = tempDir('codenav-pack-');
  cpSync(repo, source, {
    recursive: true,
    filter: (file) =>
      !BUILT_OR_INSTALLED.has(path.relative(repo, file)) && path.basename(file) !== 'node_modules',
  });
  symlinkSync(path.join(repo, 'node_modules'), path.join(source, 'node_modules'), 'dir');
  const tarballs = tempDir('codenav-tarball-');
  await npm(['pack', '--pack-destination', tarballs], source);
  const tarball = readdirSync(tarballs).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball into ${tarballs}`);

  const dir = tempDir('codenav-installed-');
  writeFileSync(path.join(dir, 'package.json'), '{ "name": "codenav-user", "private": true }\n');
  await npm(['install', '--no-audit', '--no-fund', '--prefer-offline', path.join(tarballs, tarball)], dir);
  return {
    dir,
    bin: path.join(dir, 'node_modules', '.bin', 'codenav'),
    packageDir: path.join(dir, 'node_modules', 'codenav'),
  };
}

async function npm(args: string[], cwd: string): Promise<void> {
  try {
    await run('npm', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}
