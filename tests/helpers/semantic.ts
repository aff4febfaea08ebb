/**
 * Projects whose edits are revisions with their semantic changes, and the expected changes
 * shared by the tests that rename `add` to `plus` in a project's `src/math.ts`.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import pino from 'pino';
import { Analyzer } from '../../server/analysis/index.ts';
import { createMemoryStore } from '../../server/graph/memory/memory-store.ts';
import { createSemanticPass } from '../../server/indexer/semantic-pass.ts';
import type { ChangeSet } from '../../server/model/index.ts';
import type { SemanticChange } from '../../server/semantic/index.ts';
import { tempDir, writeFiles } from './fixtures.ts';

/**
 * `files` (root-relative path → text) on disk, analyzed into a memory store; each `update` is
 * one revision, re-analyzed and applied as the indexer does, and returns its semantic changes.
 * The temp folder goes with the test file's `removeCopies`.
 */
export async function semanticProject(files: Readonly<Record<string, string>>) {
  const root = tempDir('codenav-semantic-');
  writeFiles(root, files);
  const analyzer = new Analyzer({ root });
  const store = createMemoryStore();
  const first: ChangeSet[] = [];
  analyzer.analyze({ onChangeSet: (cs) => first.push(cs) });
  for (const cs of first) await store.apply(cs);
  const pass = createSemanticPass(store, pino({ level: 'silent' }));
  const file = (name: string) => path.join(root, name);
  const edit = (name: string, from: string, to: string) => {
    const text = readFileSync(file(name), 'utf8');
    if (!text.includes(from)) throw new Error(`${name} has no ${from}`);
    writeFileSync(file(name), text.replace(from, to));
  };
  /** Re-analyzes the paths as the indexer does and returns the revision's semantic changes. */
  const update = async (...paths: string[]): Promise<SemanticChange[]> => {
    const changeSet = analyzer.update(paths);
    const prepared = await pass.prepare(changeSet);
    await store.apply(changeSet);
    return pass.derive(changeSet, prepared);
  };
  return {
    edit,
    update,
    write: (name: string, text: string) => {
      mkdirSync(path.dirname(file(name)), { recursive: true });
      writeFileSync(file(name), text);
    },
    read: (name: string) => readFileSync(file(name), 'utf8'),
    remove: (name: string) => rmSync(file(name)),
    rename: (from: string, to: string) => renameSync(file(from), file(to)),
  };
}

/** The SYMBOL_RENAMED of `add` becoming `plus`, with the dependents that still use `add`. */
export function addRenamedToPlus(affected: string[], message: string) {
  return {
    kind: 'SYMBOL_RENAMED',
    key: 'src/math.ts#plus',
    previousKey: 'src/math.ts#add',
    before: 'add',
    after: 'plus',
    breaking: true,
    affected,
    message,
  };
}
