/**
 * Semantic changes: what a revision (or a branch's diff) means for code that uses it, derived
 * from plain graph records. Plain data, shared by the indexer, the events and the API.
 */

/** Every kind of semantic change, in the order a revision lists them. */
export const SEMANTIC_CHANGE_KINDS = [
  'SYMBOL_ADDED',
  'SYMBOL_REMOVED',
  'SYMBOL_RENAMED',
  'SYMBOL_MOVED',
  'SIGNATURE_CHANGED',
  'EXPORT_ADDED',
  'EXPORT_REMOVED',
  'CALLS_BROKEN',
  'CYCLE_INTRODUCED',
  'CYCLE_RESOLVED',
  'BODY_CHANGED',
] as const;

/**
 * What a change means. `BODY_CHANGED` (the body differs, the signature does not) is only
 * reported by `diffImpact`: live revisions leave body edits out, they change no contract.
 */
export type SemanticChangeKind = (typeof SEMANTIC_CHANGE_KINDS)[number];

/** One semantic change, as `graphChanged { semantic }` and `semanticChanges` carry it. */
export interface SemanticChange {
  readonly kind: SemanticChangeKind;
  /** The symbol's key (its new key when renamed or moved); for a cycle, its first file. */
  readonly key: string;
  /** The old key of a renamed or moved symbol. */
  readonly previousKey?: string;
  /** The old signature, name or path (by kind). */
  readonly before?: string;
  /** The new signature, name or path (by kind). */
  readonly after?: string;
  /** True when code in the graph depended on what was removed, renamed, moved or re-signed. */
  readonly breaking: boolean;
  /** Keys of that code (at most {@link MAX_AFFECTED}; `message` gives the count); a cycle's files. */
  readonly affected: readonly string[];
  /** One plain sentence for a log. */
  readonly message: string;
}

/** Most keys one change lists in `affected`. */
export const MAX_AFFECTED = 50;

/** True when a change concerns something under `pathPrefix` (its key, old key, or a cycle's files). */
export function semanticChangeMatches(change: SemanticChange, pathPrefix: string): boolean {
  const inPrefix = (key: string | undefined) => key !== undefined && fileOf(key).startsWith(pathPrefix);
  if (change.kind === 'CYCLE_INTRODUCED' || change.kind === 'CYCLE_RESOLVED')
    return change.affected.some(inPrefix);
  return inPrefix(change.key) || inPrefix(change.previousKey);
}

/** The file part of a key: `src/a.ts#X.y` → `src/a.ts`; a key without `#` is its own file. */
export function fileOf(key: string): string {
  const hash = key.indexOf('#');
  return hash === -1 ? key : key.slice(0, hash);
}
