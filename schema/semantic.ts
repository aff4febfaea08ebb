/**
 * Semantic changes in the API: `graphChanged { semantic }` and `semanticChanges(since, pathPrefix)`.
 */
import { EventsError } from '../server/events/port.ts';
import {
  type RevisionSemanticChange,
  type SEMANTIC_CHANGE_KINDS,
  type SemanticChange,
  semanticChangesSince,
} from '../server/semantic/index.ts';
import { checkPathArg, checkSinceArg } from './args.ts';
import { builder } from './builder.ts';
import { userError } from './errors.ts';
import { GraphChangeEventRef, revisionOf } from './graph-change.ts';

const SemanticChangeKindEnum = builder.enumType('SemanticChangeKind', {
  description: 'What a change means for code that uses it.',
  values: {
    SYMBOL_ADDED: { description: 'A symbol appeared.' },
    SYMBOL_REMOVED: { description: 'A symbol disappeared (not renamed, not moved).' },
    SYMBOL_RENAMED: {
      description: 'Same kind, file and place (or signature): a new name. `before`/`after`: the names.',
    },
    SYMBOL_MOVED: {
      description: 'Same kind and name, same text: another file. `before`/`after`: the paths.',
    },
    SIGNATURE_CHANGED: {
      description: 'The header changed (not only its formatting). `before`/`after`: the signatures.',
    },
    EXPORT_ADDED: { description: 'A symbol is now exported.' },
    EXPORT_REMOVED: { description: 'A symbol is no longer exported.' },
    CALLS_BROKEN: {
      description:
        'Calls that resolved to `key` are still written but resolve to nothing now; `affected`: the callers.',
    },
    CALLS_RESTORED: {
      description:
        "CALLS_BROKEN's counterpart, never breaking: calls that resolved to nothing resolve to `key` again (an import put right, a syntax error fixed); `affected`: the callers.",
    },
    CYCLE_INTRODUCED: { description: 'An import cycle appeared (or grew); `affected`: its files.' },
    CYCLE_RESOLVED: { description: 'An import cycle dissolved (or shrank); `affected`: its files.' },
    BODY_CHANGED: { description: 'The body changed, not the signature: reported by `diffImpact` only.' },
  } satisfies Record<(typeof SEMANTIC_CHANGE_KINDS)[number], { description: string }>,
});

export const SemanticChangeRef = builder
  .objectRef<SemanticChange | RevisionSemanticChange>('SemanticChange')
  .implement({
    description: 'What a change means: a symbol renamed, a signature changed, an import cycle introduced.',
    fields: (t) => ({
      kind: t.field({ type: SemanticChangeKindEnum, resolve: (c) => c.kind }),
      key: t.string({
        description: 'The symbol (its new key when renamed or moved); for a cycle, one file of it.',
        resolve: (c) => c.key,
      }),
      previousKey: t.string({
        nullable: true,
        description: 'The old key of a renamed or moved symbol.',
        resolve: (c) => c.previousKey ?? null,
      }),
      before: t.string({
        nullable: true,
        description: 'The old signature, name or path (by kind).',
        resolve: (c) => c.before ?? null,
      }),
      after: t.string({
        nullable: true,
        description: 'The new signature, name or path (by kind).',
        resolve: (c) => c.after ?? null,
      }),
      breaking: t.boolean({
        description: 'True when code in the graph depended on what was removed, renamed, moved or re-signed.',
        resolve: (c) => c.breaking,
      }),
      affected: t.stringList({
        description:
          'Keys of the code that depended on it (at most 50; `message` gives the count); a cycle’s files.',
        resolve: (c) => [...c.affected],
      }),
      message: t.string({ description: 'One plain sentence for a log.', resolve: (c) => c.message }),
      revision: t.int({
        nullable: true,
        description: 'The revision that made it (in `semanticChanges`).',
        resolve: (c) => ('revision' in c ? c.revision : null),
      }),
    }),
  });

builder.objectField(GraphChangeEventRef, 'semantic', (t) =>
  t.field({
    type: [SemanticChangeRef],
    description:
      'What the revision means (under `pathPrefix` when one is given). Empty for the first analysis.',
    resolve: (e) => [...(revisionOf(e).semantic ?? [])],
  }),
);

builder.queryField('semanticChanges', (t) =>
  t.field({
    type: [SemanticChangeRef],
    description:
      'The semantic changes of every revision after `since`, oldest first. A `since` older than the revision log (or ahead of it) is REVISION_EXPIRED.',
    args: { since: t.arg.int({ required: true }), pathPrefix: t.arg.string() },
    complexity: { field: 20, multiplier: 10 },
    resolve: async (_, args, ctx) => {
      const since = checkSinceArg(args.since);
      const pathPrefix = checkPathArg(ctx, args.pathPrefix, 'pathPrefix');
      try {
        return await semanticChangesSince(ctx.events, since, pathPrefix);
      } catch (error) {
        if (error instanceof EventsError) throw userError(error.code, error.message);
        throw error;
      }
    },
  }),
);
