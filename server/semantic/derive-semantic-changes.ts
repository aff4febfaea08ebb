import {
  type Change,
  edgeKey,
  fileOfKey,
  type GraphEdge,
  type GraphNode,
  importNamesOf,
  importsByName,
  isSymbolKind,
  symbolProps,
} from '../model/index.ts';
import { compatibleForCallers } from './compare-signatures.ts';
import { compare, compareSymbols, count, nameOfKey, parentKey } from './compare-symbols.ts';
import type { DependentUses } from './dependent-uses.ts';
import { affectedFields, fileOf, SEMANTIC_CHANGE_KINDS, type SemanticChange } from './semantic-change.ts';
import { classesLacking, type TypeHierarchy } from './type-hierarchy.ts';

/** Everything {@link deriveSemanticChanges} needs besides the change set, read before it is applied. */
export interface RevisionContext {
  /** The nodes the change set updates or removes, as they were ({@link keysToReadBefore}). */
  readonly before: ReadonlyMap<string, GraphNode>;
  /** For the keys of {@link dependentKeys}: the keys of the nodes depending on each (use edges in), before. */
  readonly dependents: ReadonlyMap<string, readonly string[]>;
  /**
   * For the keys of {@link dependentKeys}: the files importing each by name with nothing more
   * precise standing for them (`GraphStore.importersByName`: a re-export, an import no code of
   * the file uses through an edge), before. Dependents too.
   */
  readonly importers?: ReadonlyMap<string, readonly string[]>;
  /**
   * For the files of `importers`: their IMPORTS edges, before. With the change set they tell
   * whether such a file still imports a symbol by name, or imports its new name after a rename or
   * move. Leave out to count every such file as still importing the old one.
   */
  readonly importsBefore?: ReadonlyMap<string, readonly GraphEdge[]>;
  /**
   * Import cycles (strongly connected components of the file import graph) that hold a file
   * of the revision's import edges, before and after it. Leave out to skip cycle detection.
   */
  readonly cycles?: { readonly before: readonly string[][]; readonly after: readonly string[][] };
  /**
   * The types below the interfaces that gain members, before ({@link readTypeHierarchy}). Leave
   * out to treat every member added to an interface as breaking nothing.
   */
  readonly hierarchy?: TypeHierarchy;
  /**
   * For the classes {@link classesGainingConstructors} names: the code that instantiates or
   * extends each (INSTANTIATES and EXTENDS edges in), before.
   */
  readonly instantiators?: ReadonlyMap<string, readonly string[]>;
  /**
   * For the functions and methods re-signed so that an old call may not fit
   * ({@link resignedCallables}): how each dependent uses it, before ({@link readDependentUses}).
   * Leave out to count every dependent of such a re-sign as broken.
   */
  readonly uses?: DependentUses;
  /**
   * Of the calls the change set adds from {@link callersResolvingMore}, those that existed
   * before it (by {@link edgeKey}): those are sent again with new properties (a count, a line),
   * not calls that resolve again. Leave out to report no `CALLS_RESTORED`.
   */
  readonly callsBefore?: ReadonlySet<string>;
}

/** The keys whose old nodes {@link deriveSemanticChanges} needs: every node updated or removed. */
export function keysToReadBefore(changes: readonly Change[]): string[] {
  const keys: string[] = [];
  for (const c of changes) {
    if (c.op === 'NODE_UPDATED') keys.push(c.node.key);
    else if (c.op === 'NODE_REMOVED') keys.push(c.key);
  }
  return keys;
}

/**
 * The callers, there before the change set, that count fewer unresolved calls after it and gain
 * call edges (CALLS, INSTANTIATES) in it: the calls that may resolve again. `before` holds the
 * old nodes ({@link keysToReadBefore}).
 */
export function callersResolvingMore(
  changes: readonly Change[],
  before: ReadonlyMap<string, GraphNode>,
): string[] {
  const fewer = new Set<string>();
  for (const c of changes) {
    if (c.op !== 'NODE_UPDATED') continue;
    const old = before.get(c.node.key);
    if (old !== undefined && unresolvedCalls(c.node) < unresolvedCalls(old)) fewer.add(c.node.key);
  }
  const callers = new Set<string>();
  for (const c of changes)
    if (c.op === 'EDGE_ADDED' && isCall(c.edge.type) && fewer.has(c.edge.from)) callers.add(c.edge.from);
  return [...callers].sort(compare);
}

function unresolvedCalls(node: GraphNode): number {
  return Number(node.props.unresolvedCalls ?? 0);
}

/** The containers that gain a `constructor` in the change set (classes that had none, when they existed before). */
export function classesGainingConstructors(changes: readonly Change[]): string[] {
  const classes: string[] = [];
  for (const c of changes) {
    if (c.op !== 'NODE_ADDED' || c.node.kind !== 'METHOD' || !c.node.key.endsWith('.constructor')) continue;
    const container = parentKey(c.node.key);
    if (container?.includes('#')) classes.push(container);
  }
  return classes.sort(compare);
}

/**
 * The keys whose dependents {@link deriveSemanticChanges} needs, given the old nodes: symbols
 * removed, and symbols whose signature or export changed.
 */
export function dependentKeys(changes: readonly Change[], before: ReadonlyMap<string, GraphNode>): string[] {
  const keys: string[] = [];
  for (const c of changes) {
    if (c.op === 'NODE_REMOVED' && isSymbolKind(c.kind)) keys.push(c.key);
    if (c.op !== 'NODE_UPDATED' || !isSymbolKind(c.node.kind)) continue;
    const old = before.get(c.node.key);
    if (
      old !== undefined &&
      (old.props.signature !== c.node.props.signature ||
        !sameList(old.props.overloads, c.node.props.overloads) ||
        old.props.exported !== c.node.props.exported)
    )
      keys.push(c.node.key);
  }
  return keys;
}

/** Two optional lists (overloads) with the same items in the same order. */
function sameList(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

/**
 * The semantic changes of one revision: what its change set means for code that uses what
 * changed. Plain data in, plain data out.
 *
 * @remarks
 * - Symbols: see {@link compareSymbols} (renames and moves are one event each; members fold
 *   into their class; formatting and body edits are nothing).
 * - `CALLS_BROKEN`: a call (CALLS) or `new` (INSTANTIATES) edge removed while the call is still
 *   written (its caller stays, and either counts one more unresolved call or was not edited
 *   itself) and calls nothing of that name instead: it resolves to nothing now. One event per
 *   callee, listing the callers (a class's taking in its members'); left out when the callee's
 *   removal, rename, move or export removal already says so.
 * - `CALLS_RESTORED`, its counterpart (not breaking): a call or `new` edge added that was not there
 *   before (`context.callsBefore`), from a caller that was there and counts fewer unresolved calls
 *   now, to a callee it called nothing of that name of before: a call that resolved to nothing
 *   resolves again (an import put right, a syntax error fixed). Left out when the callee's
 *   addition, rename, move or export addition already says so.
 * - Cycles: components in `cycles.after` not inside one before are introduced (a new or grown
 *   cycle); components before not inside one after are resolved (dissolved or shrunk).
 */
export function deriveSemanticChanges(
  changes: readonly Change[],
  context: RevisionContext,
): SemanticChange[] {
  const beforeSymbols: GraphNode[] = [];
  const afterSymbols: GraphNode[] = [];
  const gone = new Set<string>();
  const newEdges = new Set<string>();
  for (const c of changes) {
    if (c.op === 'NODE_REMOVED') {
      gone.add(c.key);
      const old = context.before.get(c.key);
      if (old !== undefined && isSymbolKind(old.kind)) beforeSymbols.push(old);
    } else if (c.op === 'NODE_ADDED' || c.op === 'NODE_UPDATED') {
      if (!isSymbolKind(c.node.kind)) continue;
      afterSymbols.push(c.node);
      const old = context.before.get(c.node.key);
      if (c.op === 'NODE_UPDATED' && old !== undefined) beforeSymbols.push(old);
    } else if (c.op === 'EDGE_ADDED') {
      newEdges.add(`${c.edge.from}\u0000${c.edge.to}`);
    }
  }
  const importsNow = importsAfter(changes, context, gone);
  const afterByKey = new Map(afterSymbols.map((n) => [n.key, n]));
  const stopped = stoppedUsing(changes, context);
  const stoppedImporting = stoppedImportingBy(changes, context, importsNow);
  // Each list made a set once: asked for every dependent of a symbol, a scan of the list each
  // time cost its square (10,000 dependents of a removed symbol: 10^8 compares).
  const withEdge = setsOf(context.dependents);
  const withName = setsOf(context.importers);
  const byEdge = (dependent: string, key: string) => withEdge(key).has(dependent);
  const byName = (dependent: string, key: string) => withName(key).has(dependent);
  const result = compareSymbols({
    before: beforeSymbols,
    after: afterSymbols,
    dependents: allDependents(context),
    gone,
    // A file that imports the new key by name follows it as an edge to it would.
    follows: (dependent, key) =>
      newEdges.has(`${dependent}\u0000${key}`) ||
      (isFileKey(dependent) && importsNow(dependent, key, afterByKey.get(key))),
    // Every way it depended stopped: its use edges, and its import by name.
    stopped: (dependent, key) =>
      (!byEdge(dependent, key) || stopped(dependent, key)) &&
      (!byName(dependent, key) || stoppedImporting(dependent, key)),
    lackers: brokenByAddition(changes, context),
    ...(context.uses ? { uses: context.uses } : {}),
  });
  result.push(...brokenCalls(changes, context, result, gone));
  result.push(...restoredCalls(changes, context, result));
  if (context.cycles) result.push(...cycleChanges(context.cycles.before, context.cycles.after));
  return sortChanges(result);
}

/** For a key of `lists`: its list as a set, made on the first ask. */
function setsOf(
  lists: ReadonlyMap<string, readonly string[]> | undefined,
): (key: string) => ReadonlySet<string> {
  const sets = new Map<string, ReadonlySet<string>>();
  return (key) => {
    let set = sets.get(key);
    if (set === undefined) {
      set = new Set(lists?.get(key));
      sets.set(key, set);
    }
    return set;
  };
}

/** The dependents of each key: its use edges' sources, then its importers by name. */
export function allDependents(context: RevisionContext): ReadonlyMap<string, readonly string[]> {
  if (context.importers === undefined || context.importers.size === 0) return context.dependents;
  const all = new Map(context.dependents);
  for (const [key, files] of context.importers)
    all.set(key, [...new Set([...(all.get(key) ?? []), ...files])]);
  return all;
}

/** A file's key (symbols have `#`, external modules a scheme and no file). */
function isFileKey(key: string): boolean {
  return !key.includes('#') && fileOfKey(key) === key;
}

/**
 * Whether `file` imports `symbol` (`key`, its node as it is now) by name after the change set: its
 * IMPORTS edge to the symbol's file as the change set leaves it (sent again, removed, or as it was
 * before, in `importsBefore`; gone with either end).
 */
function importsAfter(
  changes: readonly Change[],
  context: RevisionContext,
  gone: ReadonlySet<string>,
): (file: string, key: string, symbol: GraphNode | undefined) => boolean {
  const latest = new Map<string, GraphEdge | undefined>();
  for (const c of changes)
    if ((c.op === 'EDGE_ADDED' || c.op === 'EDGE_REMOVED') && c.edge.type === 'IMPORTS')
      latest.set(`${c.edge.from}\u0000${c.edge.to}`, c.op === 'EDGE_ADDED' ? c.edge : undefined);
  return (file, key, symbol) => {
    const target = fileOfKey(key);
    if (target === undefined || gone.has(file) || gone.has(target)) return false;
    const at = `${file}\u0000${target}`;
    const edge = latest.has(at)
      ? latest.get(at)
      : context.importsBefore?.get(file)?.find((e) => e.type === 'IMPORTS' && e.to === target);
    const names = symbol === undefined ? [] : importNamesOf(symbol);
    return edge !== undefined && importsByName(edge, names);
  };
}

/**
 * A file that imported `key` by name no longer does: it was edited in the change (its hash
 * changed) without one more import that resolves nowhere (an import left dangling by a deleted
 * file still imports it), and its import of the symbol's file no longer names it.
 */
function stoppedImportingBy(
  changes: readonly Change[],
  context: RevisionContext,
  importsNow: (file: string, key: string, symbol: GraphNode | undefined) => boolean,
): (file: string, key: string) => boolean {
  const clean = new Set<string>();
  for (const c of changes) {
    if (c.op !== 'NODE_UPDATED' || c.node.kind !== 'FILE') continue;
    const old = context.before.get(c.node.key);
    if (old === undefined || old.props.hash === c.node.props.hash) continue;
    const unresolved = (n: GraphNode) =>
      new Set(Array.isArray(n.props.unresolvedImports) ? (n.props.unresolvedImports as string[]) : []);
    const had = unresolved(old);
    if ([...unresolved(c.node)].every((specifier) => had.has(specifier))) clean.add(c.node.key);
  }
  return (file, key) => clean.has(file) && !importsNow(file, key, context.before.get(key));
}

/**
 * `dependent` no longer uses `key`: its use edges to `key` were removed in the change, were all
 * calls or instantiations, and the dependent was edited without one more unresolved call (so
 * the call was taken out, not left dangling). A reference, subtype or type use that went away
 * cannot be told from one left unresolved, so it keeps counting.
 */
function stoppedUsing(
  changes: readonly Change[],
  context: RevisionContext,
): (dependent: string, key: string) => boolean {
  const removedTypes = new Map<string, Set<string>>();
  const clean = new Set<string>();
  for (const c of changes) {
    if (c.op === 'EDGE_REMOVED') {
      const at = `${c.edge.from}\u0000${c.edge.to}`;
      const types = removedTypes.get(at);
      if (types) types.add(c.edge.type);
      else removedTypes.set(at, new Set([c.edge.type]));
    }
    if (c.op !== 'NODE_UPDATED') continue;
    const old = context.before.get(c.node.key);
    if (old === undefined || old.props.hash === c.node.props.hash) continue;
    if (Number(c.node.props.unresolvedCalls ?? 0) <= Number(old.props.unresolvedCalls ?? 0))
      clean.add(c.node.key);
  }
  return (dependent, key) => {
    if (!clean.has(dependent)) return false;
    const types = removedTypes.get(`${dependent}\u0000${key}`);
    return types !== undefined && [...types].every((type) => type === 'CALLS' || type === 'INSTANTIATES');
  };
}

/**
 * For a member added to an interface: the classes that are of the interface by declaration
 * (implementing it or an interface extending it, or extending such a class) and have no member of
 * that name, of their own or inherited (before, nor added with it), unless the member is optional
 * (`x?`). For a
 * constructor added to a class: the code that instantiates or extends the class, unless the
 * constructor can still be called without arguments.
 */
function brokenByAddition(
  changes: readonly Change[],
  context: RevisionContext,
): (member: GraphNode) => readonly string[] {
  const added = new Set<string>();
  for (const c of changes) if (c.op === 'NODE_ADDED') added.add(c.node.key);
  return (member) => {
    const container = parentKey(member.key);
    if (container !== undefined && member.key === `${container}.constructor`) {
      // A class without a constructor took no arguments: one that needs some breaks its `new`s.
      const users = context.instantiators?.get(container) ?? [];
      // `public constructor(a?: string)` is called as `constructor(a?: string)` is.
      const signature = (symbolProps(member).signature ?? '').replace(
        /^(?:(?:public|protected|private)\s+)+/,
        '',
      );
      return compatibleForCallers('constructor()', signature) ? [] : users;
    }
    const hierarchy = context.hierarchy;
    if (container === undefined || hierarchy === undefined || !hierarchy.below.has(container)) return [];
    if (isOptionalMember(symbolProps(member).signature ?? '')) return [];
    return classesLacking(hierarchy, container, member.key.slice(container.length + 1), added);
  };
}

/** `name?: T`, `readonly name?: T`, `run?(): void`: a member an implementer may leave out. */
function isOptionalMember(signature: string): boolean {
  return /^(?:(?:readonly|public|abstract|static)\s+)*(?:[\w$]+|"[^"]*"|'[^']*'|\[[^\]]*\])\s*\?/.test(
    signature.trim(),
  );
}

function brokenCalls(
  changes: readonly Change[],
  context: RevisionContext,
  found: readonly SemanticChange[],
  gone: ReadonlySet<string>,
): SemanticChange[] {
  const explained = new Set<string>();
  for (const c of found) {
    if (c.kind === 'SYMBOL_REMOVED' || c.kind === 'EXPORT_REMOVED') explained.add(c.key);
    if (c.previousKey !== undefined) explained.add(c.previousKey);
  }
  const isExplained = (key: string) => withinAny(key, explained);
  // A call is still written when its caller counts more unresolved calls, or when the caller's
  // own text did not change at all (what it called went away under it).
  const stillWritten = (caller: string) => !edited.has(caller) || unresolvedMore.has(caller);
  const unresolvedMore = new Set<string>();
  const edited = new Set<string>();
  /** `caller\0name`: the caller calls something of that name now (the call moved to another target). */
  const calledNow = new Set<string>();
  for (const c of changes) {
    if (c.op === 'EDGE_ADDED' && isCall(c.edge.type))
      calledNow.add(`${c.edge.from}\u0000${lastName(c.edge.to)}`);
    if (c.op !== 'NODE_UPDATED') continue;
    const old = context.before.get(c.node.key);
    if (old === undefined) continue;
    if (old.props.hash !== c.node.props.hash) edited.add(c.node.key);
    if (Number(c.node.props.unresolvedCalls ?? 0) > Number(old.props.unresolvedCalls ?? 0))
      unresolvedMore.add(c.node.key);
  }
  const callers = new Map<string, Set<string>>();
  for (const c of changes) {
    if (c.op !== 'EDGE_REMOVED' || !isCall(c.edge.type)) continue;
    const { from, to } = c.edge;
    if (gone.has(from) || !stillWritten(from) || isExplained(to)) continue;
    if (calledNow.has(`${from}\u0000${lastName(to)}`)) continue;
    const list = callers.get(to);
    if (list) list.add(from);
    else callers.set(to, new Set([from]));
  }
  return callEvents(callers, 'CALLS_BROKEN', (n) => `no longer resolve${n === 1 ? 's' : ''}`);
}

/** The calls that resolve again (see {@link deriveSemanticChanges}), one event per callee. */
function restoredCalls(
  changes: readonly Change[],
  context: RevisionContext,
  found: readonly SemanticChange[],
): SemanticChange[] {
  const existed = context.callsBefore;
  if (existed === undefined) return [];
  const resolving = new Set(callersResolvingMore(changes, context.before));
  if (resolving.size === 0) return [];
  const explained = new Set<string>();
  for (const c of found)
    if (
      c.kind === 'SYMBOL_ADDED' ||
      c.kind === 'EXPORT_ADDED' ||
      c.kind === 'SYMBOL_RENAMED' ||
      c.kind === 'SYMBOL_MOVED'
    )
      explained.add(c.key);
  const isExplained = (key: string) => withinAny(key, explained);
  /** `caller\0name`: the caller called something of that name before (the call moved to another target). */
  const calledBefore = new Set<string>();
  for (const c of changes)
    if (c.op === 'EDGE_REMOVED' && isCall(c.edge.type))
      calledBefore.add(`${c.edge.from}\u0000${lastName(c.edge.to)}`);
  const callers = new Map<string, Set<string>>();
  for (const c of changes) {
    if (c.op !== 'EDGE_ADDED' || !isCall(c.edge.type)) continue;
    const { from, to } = c.edge;
    if (!resolving.has(from) || existed.has(edgeKey(c.edge)) || isExplained(to)) continue;
    if (calledBefore.has(`${from}\u0000${lastName(to)}`)) continue;
    const list = callers.get(to);
    if (list) list.add(from);
    else callers.set(to, new Set([from]));
  }
  return callEvents(callers, 'CALLS_RESTORED', (n) => `${n === 1 ? 'resolves' : 'resolve'} again`);
}

/**
 * One event per callee of `callers` (callee → its callers). A class whose `new`s broke or came
 * back (a barrel no longer, or again, passes it on) takes in the calls of its members
 * (`new Box().open()`): one cause, one event.
 */
function callEvents(
  callers: Map<string, Set<string>>,
  kind: 'CALLS_BROKEN' | 'CALLS_RESTORED',
  verb: (calls: number) => string,
): SemanticChange[] {
  foldIntoClasses(callers);
  return [...callers].map(([callee, set]) => {
    const from = [...set].sort(compare);
    return {
      kind,
      key: callee,
      breaking: kind === 'CALLS_BROKEN',
      ...affectedFields(from),
      message: `${count(from.length, 'call')} to ${nameOfKey(callee)} (${fileOf(callee)}) ${verb(from.length)}: from ${listed(from)}.`,
    };
  });
}

/** True when `key` or a symbol containing it (by key) is in `keys`. */
function withinAny(key: string, keys: ReadonlySet<string>): boolean {
  for (let k: string | undefined = key; k !== undefined; k = parentOf(k)) if (keys.has(k)) return true;
  return false;
}

/**
 * A class whose `new`s broke or resolve again takes in the calls of its members
 * (`new Box().open()`): one cause, one event.
 */
function foldIntoClasses(callers: Map<string, Set<string>>): void {
  for (const [callee, from] of callers) {
    let owner: string | undefined;
    for (let k = parentOf(callee); k !== undefined; k = parentOf(k)) if (callers.has(k)) owner = k;
    if (owner === undefined) continue;
    for (const caller of from) callers.get(owner)!.add(caller);
    callers.delete(callee);
  }
}

/**
 * Cycles introduced and resolved, comparing the components around the revision's import edges.
 * A cycle that grew (or joined others) is introduced, one that shrank (or split) is resolved; the
 * message says which files were in a cycle already, or still are.
 */
function cycleChanges(before: readonly string[][], after: readonly string[][]): SemanticChange[] {
  const inside = (component: readonly string[], other: readonly string[]) =>
    component.every((file) => other.includes(file));
  /** The files of `others`' components that lie inside `component`, sorted. */
  const within = (component: readonly string[], others: readonly string[][]) =>
    others
      .filter((other) => inside(other, component))
      .flat()
      .sort(compare);
  const result: SemanticChange[] = [];
  for (const component of after) {
    if (before.some((other) => inside(component, other))) continue;
    const already = within(component, before);
    const was =
      already.length === 0
        ? ''
        : `; ${already.length === 1 ? '' : `${already.length} of them, `}${listed(already)}, ${already.length === 1 ? 'was' : 'were'} in a cycle already`;
    result.push({
      kind: 'CYCLE_INTRODUCED',
      key: component[0]!,
      breaking: false,
      ...affectedFields(component),
      message: `Import cycle introduced between ${count(component.length, 'file')}: ${listed(component)}${was}.`,
    });
  }
  for (const component of before) {
    if (after.some((other) => inside(component, other))) continue;
    const left = within(component, after);
    result.push({
      kind: 'CYCLE_RESOLVED',
      key: component[0]!,
      breaking: false,
      ...affectedFields(component),
      message:
        left.length === 0
          ? `Import cycle between ${count(component.length, 'file')} resolved: ${listed(component)}.`
          : `Import cycle between ${count(component.length, 'file')} shrank: ${listed(component)}; ${listed(left)} still form a cycle.`,
    });
  }
  return result;
}

/** Changes by kind (the order of {@link SEMANTIC_CHANGE_KINDS}), then key. */
export function sortChanges(changes: SemanticChange[]): SemanticChange[] {
  const order = new Map<string, number>(SEMANTIC_CHANGE_KINDS.map((k, i) => [k, i]));
  return changes.sort((a, b) => order.get(a.kind)! - order.get(b.kind)! || compare(a.key, b.key));
}

/** `a, b, c and 4 more`. */
function listed(keys: readonly string[]): string {
  const shown = keys.slice(0, 3);
  return keys.length > 3 ? `${shown.join(', ')} and ${keys.length - 3} more` : shown.join(', ');
}

/** A call written in code: `f()` (CALLS) or `new C()` (INSTANTIATES). */
function isCall(type: string): boolean {
  return type === 'CALLS' || type === 'INSTANTIATES';
}

/** `src/a.ts#Cart.add` → `add`. */
function lastName(key: string): string {
  const name = nameOfKey(key);
  return name.slice(name.lastIndexOf('.') + 1);
}

function parentOf(key: string): string | undefined {
  const hash = key.indexOf('#');
  const dot = key.lastIndexOf('.');
  return hash !== -1 && dot > hash ? key.slice(0, dot) : undefined;
}
