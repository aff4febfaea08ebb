/**
 * The tools about change: `changes_since` (the semantic changes after a revision, from the
 * revision log) and `diff_impact` (the working tree against a git revision), the same functions
 * as the GraphQL API's `semanticChanges` and `diffImpact`.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
// git.ts, not the folder's index: the index would load the analysis with the MCP server.
import { DiffImpactError } from '../diff-impact/git.ts';
import { DEFAULT_IMPACT_DEPTH } from '../queries/index.ts';
import { type SemanticChange, semanticChangesSince } from '../semantic/index.ts';
import { nodeRecord } from './node-record.ts';
import { checkedPathPrefix, depthArgument, pathPrefixArgument } from './tool-arguments.ts';
import { READ_ONLY, type ToolContext } from './tool-context.ts';
import { answer, listText, ToolInputError, toolResult } from './tool-result.ts';

const CHANGE_SHAPE =
  'Each change has `kind` (SYMBOL_ADDED, SYMBOL_REMOVED, SYMBOL_RENAMED, SYMBOL_MOVED, SIGNATURE_CHANGED, EXPORT_ADDED, EXPORT_REMOVED, CALLS_BROKEN, CYCLE_INTRODUCED, CYCLE_RESOLVED), ' +
  '`key`, `previousKey` (renamed or moved), `before`/`after` (old and new signature, name or path), `breaking` (code in the graph depended on it), `affected` (keys of that code) and `message`.';

/** Longest git revision taken, as the GraphQL API's. */
const MAX_BASE_LENGTH = 256;

function changeLine(change: SemanticChange): string {
  return `${change.breaking ? '[breaking] ' : ''}${change.message}`;
}

export function registerChangeTools(server: McpServer, context: ToolContext): void {
  const { services, logger } = context;

  server.registerTool(
    'changes_since',
    {
      title: 'Changes since a revision',
      description:
        'What changed in the code, by meaning, after a revision of the graph: symbols added, removed, renamed, moved or re-signed, exports, broken calls, import cycles. ' +
        'Use it to catch up after edits ("what changed since I last looked?"): remember `revision` from an answer (or the codenav://revision resource) and pass it as `since` next time. ' +
        `${CHANGE_SHAPE} Returns \`changes\` oldest first and \`revision\`, the latest revision now.`,
      inputSchema: {
        since: z
          .number()
          .int()
          .min(0)
          .describe(
            'A revision already seen: changes of every later revision are returned (0: every revision still in the log).',
          ),
        pathPrefix: pathPrefixArgument,
      },
      annotations: READ_ONLY,
    },
    (args) =>
      answer(logger, 'changes_since', async () => {
        const pathPrefix = checkedPathPrefix(services, args.pathPrefix);
        const [changes, revision] = await Promise.all([
          semanticChangesSince(services.events, args.since, pathPrefix),
          services.events.latestRevision(),
        ]);
        return toolResult(
          services,
          { since: args.since, revision, changes },
          listText(
            `${changes.length} semantic change(s) after revision ${args.since} (now at revision ${revision}).`,
            changes.map(changeLine),
          ),
        );
      }),
  );

  server.registerTool(
    'diff_impact',
    {
      title: 'Impact of a diff',
      description:
        'Compares the analyzed working tree with a git revision (a branch, tag or commit: `main`, `HEAD~3`, `origin/main`; `main...` for the merge base of main and HEAD, as a pull request compares) and says what changed by meaning and what depends on it: ' +
        'the review question "what does this branch touch, and which tests should run?". ' +
        `Returns \`commit\` (the resolved commit), \`changed\` (semantic changes; ${CHANGE_SHAPE}), \`affected\` (keys of dependent code within \`depth\`), \`affectedTests\` (test files among or reaching them), \`unanalyzedFiles\` (changed files not compared: not source code, or not analyzed) and \`warnings\` (a tsconfig or package.json changed: imports may resolve differently).`,
      inputSchema: {
        base: z
          .string()
          .min(1)
          .max(MAX_BASE_LENGTH)
          .describe('The git revision to compare with, e.g. `main` or `HEAD~1`.'),
        depth: depthArgument(
          DEFAULT_IMPACT_DEPTH,
          'How many dependency edges to follow from the changed symbols',
        ),
      },
      annotations: READ_ONLY,
    },
    (args) =>
      answer(logger, 'diff_impact', async () => {
        if (!services.diffImpact)
          throw new ToolInputError(
            'diff impact needs the analyzed files, which this process has no access to',
          );
        let result: Awaited<ReturnType<NonNullable<typeof services.diffImpact>>>;
        try {
          result = await services.diffImpact(args.base, args.depth);
        } catch (error) {
          if (error instanceof DiffImpactError) throw new ToolInputError(error.message);
          throw error;
        }
        const affectedTests = result.affectedTests.map((file) => file.key);
        return toolResult(
          services,
          {
            base: result.base,
            commit: result.commit,
            depth: args.depth,
            changed: result.changed,
            affected: result.affected.map(nodeRecord),
            affectedTests,
            unanalyzedFiles: result.unanalyzedFiles,
            warnings: result.warnings,
          },
          [
            listText(
              `Against ${result.base} (${result.commit.slice(0, 12)}): ${result.changed.length} change(s), ${result.affected.length} affected node(s), ${result.affectedTests.length} affected test file(s).`,
              result.changed.map(changeLine),
            ),
            ...(affectedTests.length > 0 ? [listText('Tests to run:', affectedTests)] : []),
            ...(result.unanalyzedFiles.length > 0
              ? [listText('Changed, not compared:', result.unanalyzedFiles)]
              : []),
            ...(result.warnings.length > 0 ? [listText('Warnings:', result.warnings)] : []),
          ].join('\n'),
        );
      }),
  );
}
