import { Analyzer } from './analysis/index.ts';
import type { ImpactConfig } from './config.ts';
import { UsageError } from './config.ts';
import {
  DiffImpactError,
  type DiffImpactResult,
  diffImpact,
  GitUnavailableError,
  openGit,
  resolveBase,
} from './diff-impact/index.ts';
import { createMemoryStore } from './graph/memory/memory-store.ts';
import { createPathGuard } from './http/path-guard.ts';
import type { GraphNode } from './model/index.ts';
import { createSourceReader } from './source/source-reader.ts';

/**
 * `codenav impact`: analyze the work tree once, compare it with a git revision, and print what
 * changed, what depends on it, and the tests to run (or the DiffImpact object with `--json`).
 * A git problem (none installed, no work tree, no such revision) is a usage error: exit 2; a git
 * that cannot start for want of file handles or processes is a runtime failure: exit 1.
 */
export async function runImpact(
  config: ImpactConfig,
  stdout: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  try {
    // The revision first: a typo should not wait for an analysis.
    await resolveBase(await openGit(config.dir), config.base);
    const analyzer = new Analyzer({ root: config.dir });
    const store = createMemoryStore();
    const changeSets: Parameters<typeof store.apply>[0][] = [];
    analyzer.analyze({ onChangeSet: (changeSet) => changeSets.push(changeSet) });
    for (const changeSet of changeSets) await store.apply(changeSet);
    const result = await diffImpact({
      root: config.dir,
      store,
      base: config.base,
      depth: config.depth,
      readSource: createSourceReader(config.dir, createPathGuard(config.dir)),
    });
    stdout.write(config.json ? `${JSON.stringify(impactJson(result), null, 2)}\n` : summary(result));
  } catch (error) {
    if (error instanceof DiffImpactError) throw new UsageError(`codenav impact: ${error.message}`);
    // On the user's own machine, a git not installed is their setup to fix.
    if (error instanceof GitUnavailableError && error.reason === 'ENOENT')
      throw new UsageError(
        'codenav impact: git is not installed (no "git" on the PATH): diff impact needs it',
      );
    throw error;
  }
}

/** The DiffImpact object as the GraphQL API shapes it (nodes by key and kind, test files by path). */
export function impactJson(result: DiffImpactResult) {
  return {
    base: result.base,
    commit: result.commit,
    changed: result.changed.map((c) => ({
      kind: c.kind,
      key: c.key,
      previousKey: c.previousKey ?? null,
      before: c.before ?? null,
      after: c.after ?? null,
      breaking: c.breaking,
      affected: c.affected,
      message: c.message,
    })),
    changedTotal: result.changedTotal,
    affected: result.affected.map((n) => ({ key: n.key, kind: n.kind })),
    affectedTotal: result.affectedTotal,
    truncated: result.truncated,
    affectedTests: result.affectedTests.map((n) => ({ path: pathOf(n) })),
    unanalyzedFiles: result.unanalyzedFiles,
    warnings: result.warnings,
  };
}

function summary(result: DiffImpactResult): string {
  const lines = [
    `compared with ${result.base} (${result.commit.slice(0, 12)}): ${count(result.changedTotal, 'change')}, ${count(result.affectedTotal, 'affected node')}, ${count(result.affectedTests.length, 'test file')} to run${result.unanalyzedFiles.length > 0 ? `; ${count(result.unanalyzedFiles.length, 'changed file')} not compared` : ''}`,
  ];
  const shown = (list: readonly unknown[], total: number) =>
    list.length < total ? ` (the first ${list.length} of ${total})` : '';
  if (result.changed.length > 0) {
    lines.push('', `Changed${shown(result.changed, result.changedTotal)}:`);
    for (const c of result.changed) lines.push(`  ${c.breaking ? '!' : ' '} ${c.message}`);
  }
  if (result.affected.length > 0) {
    lines.push('', `Affected${shown(result.affected, result.affectedTotal)}:`);
    for (const n of result.affected) lines.push(`    ${n.key}`);
  }
  if (result.affectedTests.length > 0) {
    lines.push('', 'Tests to run:');
    for (const n of result.affectedTests) lines.push(`    ${pathOf(n)}`);
  }
  if (result.unanalyzedFiles.length > 0) {
    lines.push('', 'Changed, not compared (not source code, or not analyzed):');
    for (const file of result.unanalyzedFiles) lines.push(`    ${file}`);
  }
  if (result.warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const warning of result.warnings) lines.push(`  ! ${warning}`);
  }
  return `${lines.join('\n')}\n`;
}

function pathOf(node: GraphNode): string {
  return typeof node.props.path === 'string' ? node.props.path : node.key;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
