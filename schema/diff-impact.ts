/**
 * `diffImpact(base, depth)`: what the changes since a git revision affect.
 */

import type { DiffImpactResult } from '../server/diff-impact/diff-impact.ts';
import { DiffImpactError } from '../server/diff-impact/errors.ts';
import { MAX_DIFF_AFFECTED, MAX_DIFF_WALK } from '../server/diff-impact/limits.ts';
import { checkDepth, DEFAULT_IMPACT_DEPTH } from '../server/queries/index.ts';
import { builder } from './builder.ts';
import { badInput, userError } from './errors.ts';
import { CodeNodeRef, FileRef } from './refs.ts';
import { SemanticChangeRef } from './semantic.ts';

const DiffImpactRef = builder.objectRef<DiffImpactResult>('DiffImpact').implement({
  description:
    'The symbols that differ between a git revision and the analyzed work tree, and what they affect.',
  fields: (t) => ({
    base: t.string({ description: 'The revision as given.', resolve: (r) => r.base }),
    commit: t.string({ description: 'The commit it names (full hash).', resolve: (r) => r.commit }),
    changed: t.field({
      type: [SemanticChangeRef],
      description:
        'The symbols that differ: added, removed, renamed, moved, re-signed, body changed. Breaking changes first, then by kind and key; the first `first` (`changedTotal` in all).',
      resolve: (r) => [...r.changed],
    }),
    changedTotal: t.int({
      description: 'How many changes there are in all; `changed` holds the first `first`.',
      resolve: (r) => r.changedTotal,
    }),
    affected: t.field({
      type: [CodeNodeRef],
      description:
        'What transitively depends on the changed symbols within `depth`, nearest first, then by key: the first `first` (`affectedTotal` in all).',
      resolve: (r) => [...r.affected],
    }),
    affectedTotal: t.int({
      description: `How many nodes lie within \`depth\` of the change; at least this many when the walk stopped at its bound of ${MAX_DIFF_WALK.toLocaleString('en-US')} nodes (\`truncated\`).`,
      resolve: (r) => r.affectedTotal,
    }),
    truncated: t.boolean({
      description: `True when \`changed\` or \`affected\` holds fewer than there are: cut at \`first\`, or the walk of dependents stopped at its bound of ${MAX_DIFF_WALK.toLocaleString('en-US')} nodes.`,
      resolve: (r) => r.truncated,
    }),
    affectedTests: t.field({
      type: [FileRef],
      description: `The test files (\`isTest\`), by path, among the changed and affected code or reaching it from farther than \`depth\` (up to 10 steps, within the walk's bound of ${MAX_DIFF_WALK.toLocaleString('en-US')} nodes: a warning says when it stopped there).`,
      resolve: (r) => [...r.affectedTests],
    }),
    unanalyzedFiles: t.stringList({
      description:
        'Changed files the comparison does not look into (root-relative paths, sorted, at most 1,000): not source code (README, package.json, tsconfig.json…), or source files the analysis leaves out.',
      resolve: (r) => [...r.unanalyzedFiles],
    }),
    warnings: t.stringList({
      description:
        'What the comparison cannot see but a reviewer should know, as sentences: a tsconfig, package.json or lockfile changed (imports may resolve differently), more unanalyzed files than listed.',
      resolve: (r) => [...r.warnings],
    }),
  }),
});

builder.queryField('diffImpact', (t) =>
  t.field({
    type: DiffImpactRef,
    description:
      'Compares the analyzed work tree with the git revision `base` (only the changed files’ old text is read from git); `REF...` compares with the merge base of REF and HEAD, as a pull request does. A revision that names no commit, or a folder that is no git work tree: BAD_USER_INPUT. No git on the server, git failing to start, or too many diffImpact calls waiting for git: GIT_UNAVAILABLE (retry later).',
    args: {
      base: t.arg.string({ required: true }),
      depth: t.arg.int({ defaultValue: DEFAULT_IMPACT_DEPTH }),
      first: t.arg.int({
        defaultValue: MAX_DIFF_AFFECTED,
        description: `Most items of \`changed\` and of \`affected\`, 1..${MAX_DIFF_AFFECTED}; \`changedTotal\`, \`affectedTotal\` and \`truncated\` say what was left out.`,
      }),
    },
    complexity: (args) => ({ field: 200, multiplier: 10 * (args.depth ?? DEFAULT_IMPACT_DEPTH) }),
    resolve: async (_, args, ctx) => {
      if (ctx.diffImpact === undefined)
        throw userError('NOT_AVAILABLE', 'this server has no access to the analyzed files');
      const depth = checkDepth(args.depth, DEFAULT_IMPACT_DEPTH);
      const first = args.first ?? MAX_DIFF_AFFECTED;
      if (!Number.isInteger(first) || first < 1 || first > MAX_DIFF_AFFECTED)
        throw badInput(`first must be 1..${MAX_DIFF_AFFECTED}, got ${first}`);
      if (args.base.length > 256) throw badInput('base must be a git revision of at most 256 characters');
      try {
        return await ctx.diffImpact(args.base, depth, first);
      } catch (error) {
        if (error instanceof DiffImpactError) throw badInput(error.message);
        throw error;
      }
    },
  }),
);
