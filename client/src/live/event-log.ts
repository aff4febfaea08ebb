/**
 * The dashboard's event log: revisions (and notices such as "re-queried after a restart"),
 * newest first, capped in memory so a long session or a big re-analysis cannot grow it
 * without bound. Immutable: every append returns a new log, for React state.
 */
import { type GraphChange, isEdgeChange, type RevisionEvent, type SemanticChange } from './revision.ts';

export interface EventLogLimits {
  /** Entries kept; older ones are dropped. */
  readonly maxEntries: number;
  /** Changes kept per revision (the counts still cover all of them). */
  readonly maxChangesPerEntry: number;
}

export const DEFAULT_LOG_LIMITS: EventLogLimits = { maxEntries: 200, maxChangesPerEntry: 100 };

export interface ChangeCounts {
  readonly nodesAdded: number;
  readonly nodesUpdated: number;
  readonly nodesRemoved: number;
  readonly edgesAdded: number;
  readonly edgesRemoved: number;
}

export interface RevisionEntry {
  readonly type: 'revision';
  /** Unique within the log (React key). */
  readonly id: number;
  readonly revision: number;
  readonly files: readonly string[];
  readonly timestamp: number;
  /** The first `maxChangesPerEntry` changes, nodes before edges. */
  readonly changes: readonly GraphChange[];
  /** Changes not kept. */
  readonly omittedChanges: number;
  readonly counts: ChangeCounts;
  /** What the changes mean, breaking ones first (the first `maxChangesPerEntry`). */
  readonly semantic: readonly SemanticChange[];
  /** Semantic changes not kept. */
  readonly omittedSemantic: number;
}

export interface NoticeEntry {
  readonly type: 'notice';
  readonly id: number;
  readonly timestamp: number;
  readonly level: 'info' | 'warning';
  readonly message: string;
}

export type LogEntry = RevisionEntry | NoticeEntry;

export interface EventLog {
  /** Newest first. */
  readonly entries: readonly LogEntry[];
  /** Entries dropped by the cap since the log began. */
  readonly dropped: number;
  readonly nextId: number;
}

export function createEventLog(): EventLog {
  return { entries: [], dropped: 0, nextId: 1 };
}

export function countChanges(changes: readonly GraphChange[]): ChangeCounts {
  const counts = { nodesAdded: 0, nodesUpdated: 0, nodesRemoved: 0, edgesAdded: 0, edgesRemoved: 0 };
  for (const change of changes) {
    if (change.op === 'NODE_ADDED') counts.nodesAdded++;
    else if (change.op === 'NODE_UPDATED') counts.nodesUpdated++;
    else if (change.op === 'NODE_REMOVED') counts.nodesRemoved++;
    else if (change.op === 'EDGE_ADDED') counts.edgesAdded++;
    else counts.edgesRemoved++;
  }
  return counts;
}

export function appendRevision(
  log: EventLog,
  event: RevisionEvent,
  limits: EventLogLimits = DEFAULT_LOG_LIMITS,
): EventLog {
  // Node changes are what people look for ("did my function appear?"): keep them first.
  const ordered = [
    ...event.changes.filter((c) => !isEdgeChange(c)),
    ...event.changes.filter((c) => isEdgeChange(c)),
  ];
  const kept = ordered.slice(0, limits.maxChangesPerEntry).map(
    // Properties can be large (signatures, docs): the log keeps what it shows.
    ({ op, key, kind, from, to }): GraphChange => ({ op, key, kind, from, to }),
  );
  // Breaking changes are what a reader must not miss: first, in the server's order otherwise.
  const semantic = [
    ...(event.semantic ?? []).filter((c) => c.breaking),
    ...(event.semantic ?? []).filter((c) => !c.breaking),
  ];
  const keptSemantic = semantic.slice(0, limits.maxChangesPerEntry).map(
    ({ kind, key, previousKey, breaking, affected, message }): SemanticChange => ({
      kind,
      key,
      previousKey,
      breaking,
      affected: affected.slice(0, 10),
      message,
    }),
  );
  const entry: RevisionEntry = {
    type: 'revision',
    id: log.nextId,
    revision: event.revision,
    files: event.files.slice(0, limits.maxChangesPerEntry),
    timestamp: event.timestamp,
    changes: kept,
    omittedChanges: ordered.length - kept.length,
    counts: countChanges(event.changes),
    semantic: keptSemantic,
    omittedSemantic: semantic.length - keptSemantic.length,
  };
  return push(log, entry, limits);
}

export function appendNotice(
  log: EventLog,
  message: string,
  level: NoticeEntry['level'] = 'info',
  limits: EventLogLimits = DEFAULT_LOG_LIMITS,
  now: number = Date.now(),
): EventLog {
  return push(log, { type: 'notice', id: log.nextId, timestamp: now, level, message }, limits);
}

function push(log: EventLog, entry: LogEntry, limits: EventLogLimits): EventLog {
  const entries = [entry, ...log.entries];
  const excess = Math.max(0, entries.length - limits.maxEntries);
  if (excess > 0) entries.length = limits.maxEntries;
  return { entries, dropped: log.dropped + excess, nextId: log.nextId + 1 };
}
