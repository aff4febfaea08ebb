/**
 * The tools about change: `changes_since` (the semantic changes after a revision, from the
 * revision log) and `diff_impact` (the working tree against a git revision), the same functions
 * as the GraphQL API's `semanticChanges` and `diffImpact`.
 */
import { z } from 'zod';
// git.ts, not the folder's index: the index would load the analysis with the MCP server.
import { DiffImpactCancelledError, DiffImpactError } from '../diff-impact/errors.ts';
import { MAX_DIFF_WALK } from '../diff-impact/limits.ts';
import { EventsError, REQUERY } from '../events/port.ts';
import { DEFAULT_IMPACT_DEPTH, QUERY_BOUNDS } from '../queries/index.ts';
import { type RevisionSemanticChange, type SemanticChange, semanticChangesSince } from '../semantic/index.ts';
import { nodeRecord } from './node-record.ts';
import {
  checkedPathPrefix,
  DEFAULT_WALK_FIRST,
  depthArgument,
  pathPrefixArgument,
  toolInput,
  walkFirstArgument,
} from './tool-arguments.ts';
import type { ToolRegistrar } from './tool-calls.ts';
import { READ_ONLY, type ToolContext } from './tool-context.ts';
import { ToolInputError } from './tool-error.ts';
import { answer, listText, toolResult } from './tool-result.ts';

const CHANGE_SHAPE =
  'Each change has `kind` (SYMBOL_ADDED, SYMBOL_REMOVED, SYMBOL_RENAMED, SYMBOL_MOVED, SIGNATURE_CHANGED, EXPORT_ADDED, EXPORT_REMOVED, CALLS_BROKEN, CALLS_RESTORED, CYCLE_INTRODUCED, CYCLE_RESOLVED), ' +
  '`key`, `previousKey` (renamed or moved), `before`/`after` (old and new signature, name or path), `breaking` (code in the graph depended on it), `affected` (keys of that code) and `message`.';

/** Changes `changes_since` returns unless asked for another number, and the most it returns. */
const DEFAULT_CHANGES = 100;
const MAX_CHANGES = 1000;

/**
 * The first changes of `all` (oldest first) that fit in `first`, cut between two revisions:
 * `revision` is the last revision wholly covered, so that `since: revision` resumes without a
 * gap or a repeat. When the first revision alone has more than `first` changes, its first
 * `first` are returned and the rest of it is dropped (`partial`).
 */
function changesPage(
  all: readonly RevisionSemanticChange[],
  first: number,
  latest: number,
): { changes: RevisionSemanticChange[]; revision: number; partial: boolean } {
  if (all.length <= first) return { changes: [...all], revision: latest, partial: false };
  const cutAt = all[first]!.revision;
  const whole = all.filter((change) => change.revision < cutAt);
  if (whole.length > 0) return { changes: whole, revision: cutAt - 1, partial: false };
  return { changes: all.slice(0, first), revision: cutAt, partial: true };
}

/** Longest git revision taken, as the GraphQL API's. */
const MAX_BASE_LENGTH = 256;

function changeLine(change: SemanticChange): string {
  return `${change.breaking ? '[breaking] ' : ''}${change.message}`;
}

export function registerChangeTools(server: ToolRegistrar, context: ToolContext): void {
  const { services } = context;

  server.registerTool(
    'changes_since',
    {
      title: 'Changes since a revision',
      description:
        'What changed in the code, by meaning, after a revision of the graph: symbols added, removed, renamed, moved or re-signed, exports, broken calls, import cycles. ' +
        'Use it to catch up after edits ("what changed since I last looked?"): pass the `revision` of your last answer (or of the codenav://revision resource) as `since`, and this answer\'s `revision` next time. ' +
        `${CHANGE_SHAPE} Returns \`changes\` oldest first (each with its \`revision\`), at most \`first\`, cut between revisions: \`revision\` is the last revision they cover, \`hasMore\` says later ones remain (call again with \`since: revision\`). ` +
        'A `since` the revision log no longer holds (or ahead of it: the server started over) is the error REVISION_EXPIRED: ask your questions again, then continue from `latestRevision`.',
      inputSchema: toolInput({
        since: z
          .number()
          .int()
          .min(0)
          .describe(
            'A revision already seen: changes of every later revision are returned (0: from the first analysis on, while the log still holds it).',
          ),
        pathPrefix: pathPrefixArgument.describe(
          'Only changes that touch files whose root-relative path starts with this, e.g. `src/billing/`: the changed symbol is there (or was, before a rename or move), or code there that depends on it is `affected` — so a change in another file that breaks code under the prefix is included (posix separators, no leading `/`, no `..`).',
        ),
        first: z
          .number()
          .int()
          .min(1)
          .max(MAX_CHANGES)
          .default(DEFAULT_CHANGES)
          .describe(
            `Most changes to return (1..${MAX_CHANGES}, default ${DEFAULT_CHANGES}); whole revisions, unless one alone has more.`,
          ),
      }),
      annotations: READ_ONLY,
    },
    (args) =>
      answer(
        context,
        'changes_since',
        async () => {
          const pathPrefix = checkedPathPrefix(services, args.pathPrefix);
          // The latest revision first: the replay reaches at least it, and what came after is left
          // for the next call. Read after the replay, a revision landing in between would be
          // counted as seen without its changes being sent: a silent gap.
          const latest = await services.events.latestRevision();
          let all: RevisionSemanticChange[];
          try {
            all = (await semanticChangesSince(services.events, args.since, pathPrefix)).filter(
              (change) => change.revision <= latest,
            );
          } catch (error) {
            if (error instanceof EventsError && error.code === 'REVISION_EXPIRED')
              throw await revisionExpired(error);
            throw error;
          }
          const page = changesPage(all, args.first, latest);
          // Partial only when one revision alone holds more than `first`.
          const cut = page.partial
            ? ` Revision ${page.revision} alone has more than ${args.first}: the rest of it is left out (narrow with \`pathPrefix\`).`
            : '';
          const more =
            page.revision < latest
              ? ` More after revision ${page.revision}: call again with since: ${page.revision}.`
              : '';
          return toolResult(
            services,
            {
              since: args.since,
              revision: page.revision,
              latestRevision: latest,
              changes: page.changes,
              totalCount: all.length,
              hasMore: page.revision < latest,
              truncated: page.partial,
            },
            listText(
              `${all.length} semantic change(s) after revision ${args.since} (now at revision ${latest}); ${page.changes.length} shown, up to revision ${page.revision}.${cut}${more}`,
              page.changes.map(changeLine),
            ),
          );
        },
        // The log is read as it grows, and the answer's `revision` is the last one it covers.
        { fromGraph: false, revision: false },
      ),
  );

  /** REVISION_EXPIRED said for an MCP client: what to do, and the revision to continue from. */
  async function revisionExpired(error: EventsError): Promise<ToolInputError> {
    const latest = await services.events.latestRevision();
    // The events engine's advice names the GraphQL API (stats.revision, subscribe): replaced.
    const what = error.message.endsWith(REQUERY)
      ? error.message.slice(0, -REQUERY.length).replace(/[:;]\s*$/, '')
      : error.message;
    return new ToolInputError(
      `${what}. Earlier answers may be stale: ask your questions again, then call changes_since with since: ${latest} (the latest revision) from now on`,
      'REVISION_EXPIRED',
      { latestRevision: latest },
    );
  }

  server.registerTool(
    'diff_impact',
    {
      title: 'Impact of a diff',
      description:
        'Compares the analyzed working tree with a git revision (a branch, tag or commit: `main`, `HEAD~3`, `origin/main`; `main...` for the merge base of main and HEAD, as a pull request compares) and says what changed by meaning and what depends on it: ' +
        'the review question "what does this branch touch, and which tests should run?". ' +
        `Returns \`commit\` (the resolved commit), \`changed\` (semantic changes, as in changes_since, plus \`kind\` BODY_CHANGED: the body changed, not the signature; \`changedCount\` in all), \`affected\` (dependent code within \`depth\`, nearest first; \`affectedCount\` found), each at most \`first\` (\`truncated\` when either was cut, or the walk of dependents stopped at its bound of ${MAX_DIFF_WALK.toLocaleString('en-US')} nodes), \`affectedTests\` (test files among or reaching them), \`unanalyzedFiles\` (changed files not compared: not source code, or not analyzed) and \`warnings\` (a tsconfig or package.json changed: imports may resolve differently).`,
      inputSchema: toolInput({
        base: z
          .string()
          .min(1)
          .max(MAX_BASE_LENGTH)
          .describe('The git revision to compare with, e.g. `main` or `HEAD~1`.'),
        depth: depthArgument(
          DEFAULT_IMPACT_DEPTH,
          'How many dependency edges to follow from the changed symbols',
        ),
        first: walkFirstArgument.describe(
          `Most items of \`changed\` and of \`affected\` to return (1..${QUERY_BOUNDS.walkNodes}, default ${DEFAULT_WALK_FIRST}); \`truncated\` says when either was cut.`,
        ),
      }),
      annotations: READ_ONLY,
    },
    (args, { signal }) =>
      answer(context, 'diff_impact', async () => {
        if (!services.diffImpact)
          throw new ToolInputError(
            'diff impact needs the analyzed files, which this process has no access to',
            'NOT_AVAILABLE',
          );
        let result: Awaited<ReturnType<NonNullable<typeof services.diffImpact>>>;
        try {
          // Cut at `first` where it is computed: the rest of a large diff is never held.
          result = await services.diffImpact(args.base, args.depth, args.first, signal);
        } catch (error) {
          if (error instanceof DiffImpactError) throw new ToolInputError(error.message);
          // No one reads the answer (the SDK drops it): not logged as a failure.
          if (error instanceof DiffImpactCancelledError)
            throw new ToolInputError('the request was cancelled', 'NOT_AVAILABLE');
          throw error;
        }
        const affectedTests = result.affectedTests.map((file) => file.key);
        const { changed, affected } = result;
        const changedCut =
          changed.length < result.changedTotal
            ? ` The first ${changed.length} changes are here: raise \`first\` or compare with a nearer revision for the rest.`
            : '';
        const affectedCut =
          affected.length < result.affectedTotal
            ? ` Showing the nearest ${affected.length} affected of ${result.affectedTotal}: raise \`first\` (up to ${QUERY_BOUNDS.walkNodes}) for more, or lower \`depth\`.`
            : result.truncated && changedCut === ''
              ? ' The walk of dependents stopped at its bound: there may be more; lower `depth`.'
              : '';
        return toolResult(
          services,
          {
            base: result.base,
            commit: result.commit,
            depth: args.depth,
            changed,
            changedCount: result.changedTotal,
            affected: affected.map(nodeRecord),
            affectedCount: result.affectedTotal,
            truncated: result.truncated,
            affectedTests,
            unanalyzedFiles: result.unanalyzedFiles,
            warnings: result.warnings,
          },
          [
            listText(
              `Against ${result.base} (${result.commit.slice(0, 12)}): ${result.changedTotal} change(s), ${result.affectedTotal} affected node(s), ${result.affectedTests.length} affected test file(s).${changedCut}${affectedCut}`,
              changed.map(changeLine),
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
