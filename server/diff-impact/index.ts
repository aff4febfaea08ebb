/**
 * Diff impact: what the changes since a git revision affect, from the live graph and the old
 * text of the changed files (git as a child process).
 *
 * @packageDocumentation
 */
export {
  type DiffImpactOptions,
  type DiffImpactResult,
  diffImpact,
  MAX_DIFF_FILES,
  resolveBase,
} from './diff-impact.ts';
export { DiffImpactCancelledError, DiffImpactError, GitUnavailableError } from './errors.ts';
export { MAX_GIT_WAITING, openGit } from './git.ts';
export { MAX_DIFF_AFFECTED, MAX_DIFF_WALK } from './limits.ts';
