/**
 * The plain shapes of `graphChanged` payloads that the live modules work on. They match the
 * generated operation types structurally, so these modules stay free of codegen output and
 * can be unit-tested in Node.
 */
import { fileOfKey } from './keys.ts';

export type ChangeOp = 'NODE_ADDED' | 'NODE_UPDATED' | 'NODE_REMOVED' | 'EDGE_ADDED' | 'EDGE_REMOVED';

/** One change of a revision: for an edge, `key` is `TYPE:from->to` and `kind` its type. */
export interface GraphChange {
  readonly op: ChangeOp;
  readonly key: string;
  readonly kind: string;
  readonly from?: string | null;
  readonly to?: string | null;
  /** New properties of an added or updated node, or of an added edge. */
  readonly properties?: unknown;
}

/** What a change means (`graphChanged { semantic }`): a symbol renamed, a signature changed… */
export interface SemanticChange {
  readonly kind: string;
  readonly key: string;
  readonly previousKey?: string | null;
  readonly before?: string | null;
  readonly after?: string | null;
  /** Code in the graph depended on what was removed, renamed, moved or re-signed. */
  readonly breaking: boolean;
  readonly affected: readonly string[];
  /** One plain sentence. */
  readonly message: string;
}

export interface RevisionEvent {
  readonly revision: number;
  readonly files: readonly string[];
  /** Epoch milliseconds. */
  readonly timestamp: number;
  readonly changes: readonly GraphChange[];
  /** What the changes mean; absent from servers without semantic changes. */
  readonly semantic?: readonly SemanticChange[];
}

export function isEdgeChange(change: GraphChange): boolean {
  return change.op === 'EDGE_ADDED' || change.op === 'EDGE_REMOVED';
}

/** The node keys a change is about: the node, or both ends of an edge. */
export function keysOfChange(change: GraphChange): string[] {
  if (!isEdgeChange(change)) return [change.key];
  return [change.from, change.to].filter((key): key is string => typeof key === 'string');
}

/**
 * Whether a revision touches any of the given node keys or files (a node of the file, or an
 * edge with an end in it): what a page watches to know when to query again.
 */
export function revisionTouches(
  event: RevisionEvent,
  watch: { readonly keys?: ReadonlySet<string>; readonly files?: ReadonlySet<string> },
): boolean {
  if (watch.files && event.files.some((file) => watch.files?.has(file))) return true;
  for (const change of event.changes) {
    for (const key of keysOfChange(change)) {
      if (watch.keys?.has(key)) return true;
      if (watch.files) {
        const file = fileOfKey(key);
        if (file !== undefined && watch.files.has(file)) return true;
      }
    }
  }
  return false;
}
