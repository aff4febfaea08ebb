import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of a fixture project under tests/fixtures. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

const copies: string[] = [];

/** A writable copy of a fixture in a fresh temp folder (removed by {@link removeCopies}). */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `codenav-${name}-`));
  cpSync(fixturePath(name), dir, { recursive: true });
  copies.push(dir);
  return dir;
}

/** An empty temp folder (removed by {@link removeCopies}). */
export function tempDir(prefix = 'codenav-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  copies.push(dir);
  return dir;
}

/** Writes `files` (root-relative path → text) under `root`, making their folders. */
export function writeFiles(root: string, files: Readonly<Record<string, string>>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
}

export function removeCopies(): void {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
}
