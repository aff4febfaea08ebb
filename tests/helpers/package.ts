import { execFile } from 'node:child_process';
import { cpSync, existsSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { tempDir } from './fixtures.ts';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../..', import.meta.url));

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
 * as a user would). The pack runs in a copy of the working tree (the files git would commit),
 * with this clone's node_modules linked in: `prepack` rebuilds dist/ from scratch there, never
 * under the feet of tests running the clone's dist/. The folders are removed by `removeCopies`.
 */
export async function installPackage(): Promise<InstalledPackage> {
  const source = tempDir('codenav-pack-');
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repo,
    maxBuffer: 64 * 1024 * 1024,
  });
  for (const file of stdout.split('\0')) {
    // A file deleted in the working tree is still listed as cached.
    if (file !== '' && existsSync(path.join(repo, file)))
      cpSync(path.join(repo, file), path.join(source, file));
  }
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
