import { execFileSync } from 'node:child_process';
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type ReadRegularFileOptions,
  readRegularFile,
  readRegularFileSync,
} from '../../server/util/read-regular-file.ts';
import { removeCopies, tempDir } from '../helpers/fixtures.ts';

afterAll(removeCopies);

/** What both variants make of `file`: its text, or the refusal's code. */
async function bothRead(file: string, options: ReadRegularFileOptions): Promise<string[]> {
  const show = (read: Buffer | { code: string }) =>
    Buffer.isBuffer(read) ? read.toString('utf8') : read.code;
  return [show(readRegularFileSync(file, options)), show(await readRegularFile(file, options))];
}

describe('reading a file codenav does not trust', () => {
  const dir = realpathSync(tempDir('codenav-read-'));
  const root = path.join(dir, 'root');
  mkdirSync(root);
  writeFileSync(path.join(root, 'a.ts'), 'export const a = 1;\n');
  writeFileSync(path.join(dir, 'secret.ts'), 'secret\n');
  symlinkSync(path.join(dir, 'secret.ts'), path.join(root, 'out.ts'));
  symlinkSync(path.join(root, 'a.ts'), path.join(root, 'in.ts'));
  execFileSync('mkfifo', [path.join(root, 'fifo.ts')]);
  const inside = (real: string) => real.startsWith(`${root}/`);

  it('reads a regular file, in full, within the bound', async () => {
    expect(await bothRead(path.join(root, 'a.ts'), { maxBytes: 100 })).toEqual([
      'export const a = 1;\n',
      'export const a = 1;\n',
    ]);
  });

  it('refuses a file over the bound, a folder and a FIFO (without waiting for a writer)', async () => {
    expect(await bothRead(path.join(root, 'a.ts'), { maxBytes: 5 })).toEqual(['TOO_LARGE', 'TOO_LARGE']);
    expect(await bothRead(root, { maxBytes: 100 })).toEqual(['EISDIR', 'EISDIR']);
    expect(await bothRead(path.join(root, 'fifo.ts'), { maxBytes: 100 })).toEqual([
      'NOT_A_FILE',
      'NOT_A_FILE',
    ]);
  });

  it('opened as written, never follows a last link', async () => {
    expect(await bothRead(path.join(root, 'in.ts'), { maxBytes: 100 })).toEqual(['ELOOP', 'ELOOP']);
  });

  it('confined to a folder, follows links that stay inside it and no other', async () => {
    expect(await bothRead(path.join(root, 'in.ts'), { maxBytes: 100, inside })).toEqual([
      'export const a = 1;\n',
      'export const a = 1;\n',
    ]);
    expect(await bothRead(path.join(root, 'out.ts'), { maxBytes: 100, inside })).toEqual([
      'OUTSIDE',
      'OUTSIDE',
    ]);
  });

  it('refuses what a further check of the opened file refuses', async () => {
    const accept = () => ({ code: 'UNTRUSTED', reason: 'no' });
    expect(await bothRead(path.join(root, 'a.ts'), { maxBytes: 100, accept })).toEqual([
      'UNTRUSTED',
      'UNTRUSTED',
    ]);
  });
});
