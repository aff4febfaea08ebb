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
  'CALLS_RESTORED',
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
  /**
   * Only when `affected` was cut at {@link MAX_AFFECTED}: the files of all of that code, sorted
   * (at most {@link MAX_AFFECTED_FILES}; beyond, their folders, ending in `/`), so that a
   * `pathPrefix` filter still finds the code it watches past the first keys.
   */
  readonly affectedFiles?: readonly string[];
}

/** Most keys one change lists in `affected`. */
export const MAX_AFFECTED = 50;

/** Most entries of {@link SemanticChange.affectedFiles}. */
export const MAX_AFFECTED_FILES = 500;

/**
 * `affected` (at most {@link MAX_AFFECTED} of `keys`) and, when that cut some, `affectedFiles`.
 */
export function affectedFields(
  keys: readonly string[],
): Pick<SemanticChange, 'affected'> & { affectedFiles?: readonly string[] } {
  if (keys.length <= MAX_AFFECTED) return { affected: [...keys] };
  return { affected: keys.slice(0, MAX_AFFECTED), affectedFiles: filesOrFolders(keys) };
}

/** The distinct files of `keys`, sorted; past {@link MAX_AFFECTED_FILES}, the deepest folders that fit. */
function filesOrFolders(keys: readonly string[]): string[] {
  const files = [...new Set(keys.map(fileOf))].sort();
  if (files.length <= MAX_AFFECTED_FILES) return files;
  let depth = 0;
  for (const file of files) depth = Math.max(depth, file.split('/').length - 1);
  for (let d = depth; d > 0; d--) {
    // A file fewer than `d` folders deep stands for itself, not for a folder named like it.
    const folders = new Set(
      files.map((file) => {
        const parts = file.split('/');
        return parts.length > d ? `${parts.slice(0, d).join('/')}/` : file;
      }),
    );
    if (folders.size <= MAX_AFFECTED_FILES) return [...folders].sort();
  }
  return ['']; // Everything is in the root folder: under every prefix, for all we can say.
}

/**
 * True when a change concerns something under `pathPrefix`: its key or old key, or the code it
 * affects (the callers a re-sign breaks, the implementers a new member breaks, a cycle's files).
 * A subscriber watching `packages/app/` hears of `packages/lib/x.ts#f` re-signed when code under
 * `packages/app/` uses `f`.
 */
export function semanticChangeMatches(change: SemanticChange, pathPrefix: string): boolean {
  const inPrefix = (key: string | undefined) => key !== undefined && fileOf(key).startsWith(pathPrefix);
  if (inPrefix(change.key) || inPrefix(change.previousKey) || change.affected.some(inPrefix)) return true;
  // A folder (`a/b/`, or `` for the root) holds files under the prefix when it lies under the
  // prefix, or the prefix under it.
  return (change.affectedFiles ?? []).some(
    (entry) =>
      entry.startsWith(pathPrefix) || ((entry === '' || entry.endsWith('/')) && pathPrefix.startsWith(entry)),
  );
}

/** The file part of a key: `src/a.ts#X.y` → `src/a.ts`; a key without `#` is its own file. */
export function fileOf(key: string): string {
  const hash = key.indexOf('#');
  return hash === -1 ? key : key.slice(0, hash);
}
