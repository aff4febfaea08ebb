import { EventsError, type RevisionEvent } from '../server/events/port.ts';
import { type Change, changeKey, changeKind, fileOfKey } from '../server/model/index.ts';
import { checkPathArg } from './args.ts';
import { builder } from './builder.ts';
import type { SchemaContext } from './context.ts';
import { ChangeOpEnum, GraphElementKindEnum } from './enums.ts';
import { userError } from './errors.ts';
import { JsonScalar } from './scalars.ts';
import { filterSemantic } from './semantic-filter.ts';

const GraphChangeRef = builder.objectRef<Change>('GraphChange').implement({
  description: 'One change in a revision: a node added, updated or removed, or an edge added or removed.',
  fields: (t) => ({
    op: t.field({ type: ChangeOpEnum, resolve: (c) => c.op }),
    key: t.string({ description: 'The node key, or `TYPE:from->to` for an edge.', resolve: changeKey }),
    kind: t.field({
      type: GraphElementKindEnum,
      description: 'The node kind, or the edge type.',
      resolve: changeKind,
    }),
    from: t.string({
      nullable: true,
      description: 'An edge’s source key.',
      resolve: (c) => ('edge' in c ? c.edge.from : null),
    }),
    to: t.string({
      nullable: true,
      description: 'An edge’s target key.',
      resolve: (c) => ('edge' in c ? c.edge.to : null),
    }),
    properties: t.field({
      type: JsonScalar,
      nullable: true,
      description:
        'The new properties of an added or updated node or of an added edge: apply without another query.',
      resolve: (c) => ('node' in c ? c.node.props : c.op === 'EDGE_ADDED' ? c.edge.props : null),
    }),
  }),
});

export type Filtered = RevisionEvent | { readonly error: EventsError };

export const GraphChangeEventRef = builder.objectRef<Filtered>('GraphChangeEvent').implement({
  description: 'One revision: the changes one applied change set made.',
  fields: (t) => ({
    revision: t.int({ resolve: (e) => revisionOf(e).revision }),
    files: t.stringList({
      description: 'Root-relative paths of the files whose edit caused it.',
      resolve: (e) => [...revisionOf(e).files],
    }),
    timestamp: t.float({
      description: 'When it was applied, epoch milliseconds.',
      resolve: (e) => revisionOf(e).timestamp,
    }),
    changes: t.field({ type: [GraphChangeRef], resolve: (e) => [...revisionOf(e).changes] }),
  }),
});

/** A failure of the revision stream becomes an error in the payload, not a closed socket. */
export function revisionOf(event: Filtered): RevisionEvent {
  if ('error' in event) throw userError(event.error.code, event.error.message);
  return event;
}

function matches(
  change: Change,
  pathPrefix: string | undefined,
  kinds: ReadonlySet<string> | undefined,
): boolean {
  if (kinds && !kinds.has(changeKind(change))) return false;
  if (pathPrefix === undefined) return true;
  const keys = 'edge' in change ? [change.edge.from, change.edge.to] : [changeKey(change)];
  return keys.some((key) => fileOfKey(key)?.startsWith(pathPrefix) ?? false);
}

/** What a subscriber asked for: changes under `pathPrefix`, of `kinds`. */
interface ChangeFilter {
  readonly pathPrefix: string | undefined;
  readonly kinds: ReadonlySet<string> | undefined;
  /** Equal for equal filters: the prefix and the kinds, sorted. */
  readonly key: string;
}

/**
 * Most filtered views one revision keeps: views live as long as their revision (in the
 * revision log), so however many distinct filters clients send, a revision holds this many.
 */
const MAX_VIEWS_PER_REVISION = 64;

/** Each revision's filtered views by filter key; `null` when nothing in it passes the filter. */
const views = new WeakMap<RevisionEvent, Map<string, RevisionEvent | null>>();

/**
 * The revision as `filter` lets it through, or `null` when nothing does. Subscribers with equal
 * filters get the same object, so they share one execution and encoding of it
 * (server/http/shared-results.ts), and the revision is filtered once for all of them.
 */
function viewOf(event: RevisionEvent, filter: ChangeFilter): RevisionEvent | null {
  let byFilter = views.get(event);
  const known = byFilter?.get(filter.key);
  if (known !== undefined) return known;
  const view = filterRevision(event, filter);
  if (!byFilter) {
    byFilter = new Map();
    views.set(event, byFilter);
  }
  if (byFilter.size < MAX_VIEWS_PER_REVISION) byFilter.set(filter.key, view);
  return view;
}

function filterRevision(event: RevisionEvent, { pathPrefix, kinds }: ChangeFilter): RevisionEvent | null {
  const changes = event.changes.filter((c) => matches(c, pathPrefix, kinds));
  const semantic = filterSemantic(event.semantic, pathPrefix);
  if (changes.length === event.changes.length && semantic === event.semantic) return event;
  // A revision with nothing the client asked for is not sent (`kinds` asks for raw changes).
  if (changes.length > 0 || (kinds === undefined && (semantic?.length ?? 0) > 0))
    return { ...event, changes, ...(semantic ? { semantic } : {}) };
  return null;
}

/**
 * The engine's revisions, filtered, with a stream failure as a payload. A hand-written
 * iterator rather than an async generator: a generator waiting for the next revision cannot
 * be returned until one arrives, so a client that leaves would hold its subscription until
 * then. Here `return()` releases it at once.
 */
function revisions(
  ctx: SchemaContext,
  since: number | undefined,
  filter: ChangeFilter | undefined,
): AsyncIterableIterator<Filtered> {
  const controller = new AbortController();
  const source = ctx.events.subscribe({ since, signal: controller.signal });
  let done = false;
  const finish = async (): Promise<IteratorResult<Filtered>> => {
    done = true;
    controller.abort();
    await source.return?.();
    return { done: true, value: undefined };
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      while (!done) {
        let result: IteratorResult<RevisionEvent>;
        try {
          result = await source.next();
        } catch (error) {
          if (!(error instanceof EventsError)) throw error;
          done = true;
          return { done: false, value: { error } };
        }
        if (result.done) break;
        // The engine's own event when nothing is filtered out: subscribers of the same
        // revision then share one execution of it (server/http/shared-results.ts).
        const view = filter ? viewOf(result.value, filter) : result.value;
        if (view) return { done: false, value: view };
      }
      return finish();
    },
    return: finish,
  };
}

builder.subscriptionFields((t) => ({
  graphChanged: t.field({
    type: GraphChangeEventRef,
    description:
      'One payload per revision. With `since`, every revision after it first (from the log), then live revisions — no gap, no duplicate. A `since` older than the log, or ahead of it (from a log the server no longer has), is a REVISION_EXPIRED error: query the graph again, then subscribe with its revision.',
    args: {
      since: t.arg.int(),
      pathPrefix: t.arg.string(),
      kinds: t.arg({ type: [GraphElementKindEnum] }),
    },
    // A `since` the log cannot serve (negative, older than the log, ahead of it) or cannot
    // check now (Redis away) is the engine's to answer: it is the one that reads the log.
    subscribe: (_, args, ctx) => {
      const pathPrefix = checkPathArg(ctx, args.pathPrefix, 'pathPrefix');
      const kinds = args.kinds && args.kinds.length > 0 ? [...new Set<string>(args.kinds)].sort() : undefined;
      const filter =
        pathPrefix === undefined && kinds === undefined
          ? undefined
          : {
              pathPrefix,
              kinds: kinds && new Set(kinds),
              key: JSON.stringify([pathPrefix ?? null, kinds ?? null]),
            };
      return revisions(ctx, args.since ?? undefined, filter);
    },
    // Never reads its arguments: shared results leave variables only they use out of their key.
    resolve: (event) => event,
  }),
}));
