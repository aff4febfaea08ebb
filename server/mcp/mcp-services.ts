/**
 * What the MCP server needs from the rest of codenav: the same ports and functions the GraphQL
 * schema gets, and two questions of other stages passed in as plain functions.
 */
import type { EventsEngine, ProgressEvent } from '../events/port.ts';
import type { GraphStore } from '../graph/port.ts';

/** A semantic change as `changes_since` and `diff_impact` return it (the API's `SemanticChange`). */
export interface McpSemanticChange {
  readonly kind: string;
  readonly key: string;
  readonly previousKey?: string;
  readonly before?: string;
  readonly after?: string;
  readonly breaking: boolean;
  readonly affected: readonly string[];
  readonly message: string;
  /** The revision that made it (for `changes_since`). */
  readonly revision?: number;
}

/**
 * The semantic changes of every revision after `since`, oldest first, under a checked
 * `pathPrefix`. Throws for a `since` older than the revision log (its message is shown as is).
 */
export type ChangesSince = (since: number, pathPrefix?: string) => Promise<readonly McpSemanticChange[]>;

/** What `diff_impact` answers: the API's `DiffImpact`, with keys for its nodes and files. */
export interface McpDiffImpact {
  readonly base: string;
  readonly commit: string;
  readonly changed: readonly McpSemanticChange[];
  /** Keys of what transitively depends on the changed symbols. */
  readonly affected: readonly string[];
  /** Paths of the test files among them or reaching them. */
  readonly affectedTests: readonly string[];
}

/**
 * Compares the analyzed working tree with a git revision `base`, following dependents up to
 * `depth`. Throws for an unknown revision or a folder that is not a git work tree.
 */
export type DiffImpact = (base: string, depth: number) => Promise<McpDiffImpact>;

/** The services of one codenav process, shared by every MCP session. */
export interface McpServices {
  readonly store: GraphStore;
  readonly events: EventsEngine;
  /** The analysis now: tools say when they answer from a graph that is still being built. */
  analysis(): Pick<ProgressEvent, 'state' | 'phase' | 'filesDone' | 'filesTotal'>;
  /** The API's path guard: root-relative, no `..`, no symlink out of the root. */
  checkPath(path: string): { path: string } | { error: string };
  /** Reads an analyzed file as it is now; `undefined` when it cannot be read (outside the root included). */
  readonly readSource?: (
    path: string,
  ) => Promise<{ readonly text: string; readonly hash: string } | undefined>;
  /** Absent until the semantic stage provides it: `changes_since` then says it is unavailable. */
  readonly changesSince?: ChangesSince;
  /** Absent where this process cannot diff against git: `diff_impact` then says so. */
  readonly diffImpact?: DiffImpact;
}
