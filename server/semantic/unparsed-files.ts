import { type Change, fileProps, type GraphNode, isSymbolKind } from '../model/index.ts';
import { compareSymbols, parentKey } from './compare-symbols.ts';
import type { RevisionContext } from './derive-semantic-changes.ts';
import { allDependents, sortChanges } from './derive-semantic-changes.ts';
import { fileOf, type SemanticChange } from './semantic-change.ts';

/** What a file lost while it did not parse: the nodes as they were, and their dependents then. */
interface Held {
  readonly nodes: Map<string, GraphNode>;
  readonly dependents: Map<string, readonly string[]>;
}

/**
 * Holds back the symbols a syntax error swallows. Typing `{` without its `}` turns everything
 * after it into one function's body: each save would report the rest of the file removed (and
 * breaking), and the next save added again. So while a file has TypeScript syntax errors, the
 * symbols that vanish from it are kept here instead of reported; those that come back are
 * compared with what they were; once the file parses again, whatever did not come back is
 * reported removed. A file deleted while broken reports its held symbols removed. Holding starts
 * with the revision that breaks the file: one that was broken before it reports its removals.
 *
 * @remarks
 * State of the one process that derives revisions (the indexer), in memory: after a restart a
 * symbol coming back is reported added. Plain data in and out, like the rest of this folder.
 */
export class UnparsedFiles {
  readonly #held = new Map<string, Held>();

  /**
   * The revision's semantic changes, `derived` by {@link deriveSemanticChanges} from `changes`
   * and `context`, with what broken files lost held back and what they got back settled.
   */
  settle(
    changes: readonly Change[],
    context: RevisionContext,
    derived: readonly SemanticChange[],
  ): SemanticChange[] {
    const files = new Map<string, 'broken' | 'parsed' | 'deleted'>();
    const dependents = allDependents(context);
    // The symbols added, by file: one pass over the changes (a first analysis adds every file).
    const addedByFile = new Map<string, GraphNode[]>();
    for (const c of changes) {
      if (c.op === 'NODE_REMOVED' && c.kind === 'FILE') files.set(c.key, 'deleted');
      else if ((c.op === 'NODE_ADDED' || c.op === 'NODE_UPDATED') && c.node.kind === 'FILE')
        files.set(c.node.key, hasSyntaxErrors(c.node) ? 'broken' : 'parsed');
      if (c.op === 'NODE_ADDED' && isSymbolKind(c.node.kind)) {
        const file = fileOf(c.node.key);
        const list = addedByFile.get(file);
        if (list) list.push(c.node);
        else addedByFile.set(file, [c.node]);
      }
    }
    let result = [...derived];
    const extra: SemanticChange[] = [];
    for (const [file, state] of files) {
      const held = this.#held.get(file);
      if (held === undefined && state !== 'broken') continue;
      const inFile = (key: string) => fileOf(key) === file;
      const added = addedByFile.get(file) ?? [];
      if (held !== undefined && state !== 'broken') {
        // Parses again (or is gone): the net difference since the last time it parsed.
        this.#held.delete(file);
        const back = new Set(added.map((n) => n.key));
        result = result.filter((s) => !(s.kind === 'SYMBOL_ADDED' && back.has(s.key)));
        extra.push(
          ...compareSymbols({ before: [...held.nodes.values()], after: added, dependents: held.dependents }),
        );
        continue;
      }
      if (state !== 'broken') continue;
      const lost = new Set(
        result.filter((s) => s.kind === 'SYMBOL_REMOVED' && inFile(s.key)).map((s) => s.key),
      );
      // A file that did not parse before this revision either lost these to an edit, not to the
      // error (a file broken for long does not hold its real removals forever).
      const wasBroken = context.before.has(file) && hasSyntaxErrors(context.before.get(file)!);
      if (held === undefined && (lost.size === 0 || wasBroken)) continue;
      const hold = held ?? { nodes: new Map(), dependents: new Map() };
      this.#held.set(file, hold);
      // What came back while still broken: compared with what it was, and no longer held.
      const returned = added.filter((n) => hold.nodes.has(n.key));
      if (returned.length > 0) {
        const keys = new Set(returned.map((n) => n.key));
        result = result.filter((s) => !(s.kind === 'SYMBOL_ADDED' && keys.has(s.key)));
        const was = returned.map((n) => hold.nodes.get(n.key)!);
        extra.push(...compareSymbols({ before: was, after: returned, dependents: hold.dependents }));
        for (const key of keys) hold.nodes.delete(key);
      }
      // What it lost now (members with their class): held, the oldest version kept.
      result = result.filter((s) => !(s.kind === 'SYMBOL_REMOVED' && lost.has(s.key)));
      // Only what is reported removed (with its members): a symbol moved or renamed out is not lost.
      const wasLost = (key: string) => {
        for (let k: string | undefined = key; k?.includes('#'); k = parentKey(k))
          if (lost.has(k)) return true;
        return false;
      };
      for (const c of changes) {
        if (c.op !== 'NODE_REMOVED' || !wasLost(c.key) || !isSymbolKind(c.kind)) continue;
        const old = context.before.get(c.key);
        if (old === undefined || hold.nodes.has(c.key)) continue;
        hold.nodes.set(c.key, old);
        hold.dependents.set(c.key, dependents.get(c.key) ?? []);
      }
      if (hold.nodes.size === 0) this.#held.delete(file);
    }
    return extra.length === 0 ? result : sortChanges([...result, ...extra]);
  }

  /** Forgets everything held (a revision went by without the pass: what is held may be stale). */
  clear(): void {
    this.#held.clear();
  }
}

/** A file whose text TypeScript could not parse as written (its `TS…` diagnostics). */
function hasSyntaxErrors(node: GraphNode): boolean {
  return (fileProps(node).diagnostics ?? []).some((d) => d.code.startsWith('TS') && d.severity === 'error');
}
