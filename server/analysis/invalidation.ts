import { fileOfKey, fileProps, type GraphNode, symbolProps } from '../model/index.ts';
import type { Declared } from './declarations.ts';

/** The files an edit touched, with what analysis found in them before it. */
export interface Edit {
  readonly changed: readonly string[];
  /**
   * Those of `changed` whose `require` bindings resolve otherwise than before (a module added,
   * deleted, or declared by a `declare module` elsewhere): what their code imports changed, as
   * when an import line is edited.
   */
  readonly rebound: readonly string[];
  readonly added: readonly string[];
  readonly deleted: readonly string[];
  readonly before: ReadonlyMap<
    string,
    { readonly nodes: readonly GraphNode[]; readonly importsHash?: string } | undefined
  >;
  /** Whether `specifier`, which resolved nowhere from `file`, now resolves to an added file. */
  readonly resolvesToAdded: (file: string, specifier: string) => boolean;
  /**
   * By file, the owners whose code names what no graph node was declared or imported under
   * before the edit and one is now: their identifiers of that name were skipped, and are resolved now.
   */
  readonly usingNewNames: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * By file, the owners whose code names what a graph node was declared or imported under before
   * the edit and none is now: their identifiers of that name that did not resolve no longer count
   * as unresolved.
   */
  readonly usingGoneNames: ReadonlyMap<string, ReadonlySet<string>>;
}

/** What the analyzer knows of the project, as invalidation reads it. */
export interface AnalysisIndex {
  readonly files: ReadonlyMap<
    string,
    {
      readonly declarations: { readonly symbols: readonly Declared[]; readonly importsHash: string };
      readonly result?: {
        readonly nodes: readonly GraphNode[];
        readonly hasUnresolvedImports: boolean;
        /** The files it imported (or re-exported from) when last resolved. */
        readonly importedFiles: ReadonlySet<string>;
      };
    }
  >;
  /** Who uses each key: owners with a use edge (calls, references, heritage…) to it. */
  readonly referrers: ReadonlyMap<string, ReadonlySet<string>>;
  /** Who imports each file. */
  readonly importers: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * Which owners (functions, methods, … and files, for top-level code) must be resolved
 * again after an edit, by file. In an edited file: the file itself and every symbol that
 * is new or whose own text changed — or all of it, when its imports changed. Elsewhere: the
 * users of a symbol that vanished or whose type may have changed (an edited symbol with an
 * inferred type or a new signature), and so on through users whose own type is inferred.
 * Also importers of a deleted file, files with imports a new file may satisfy, owners with
 * unresolved calls or references that a new symbol may satisfy (in the files importing, directly
 * or not, an edited or added file, or a file whose imports now lead to an added one), and — when a file's imports or re-exports
 * changed — the owners in the files importing it (transitively) that used what it imported,
 * or had unresolved calls: a barrel that drops or adds `export … from` changes what they reach.
 */
export function dirtyOwners(edit: Edit, index: AnalysisIndex): Map<string, Set<string> | 'all'> {
  const dirty = new Map<string, Set<string> | 'all'>();
  const ownersIn = (file: string): Set<string> | undefined => {
    const owners = dirty.get(file);
    if (owners === 'all') return undefined;
    if (owners) return owners;
    const created = new Set<string>();
    dirty.set(file, created);
    return created;
  };
  const changedTypes: string[] = [];
  const importsChanged: string[] = [];
  let newSymbols = edit.added.length > 0;

  for (const file of edit.added) dirty.set(file, 'all');
  for (const file of edit.deleted) {
    for (const node of edit.before.get(file)?.nodes ?? []) changedTypes.push(node.key);
    // Its importers' imports of it resolve nowhere now: every use of an imported name may have
    // become unresolved (`ns` of `import * as ns`, which led to no graph node and was no edge).
    for (const importer of index.importers.get(file) ?? []) dirty.set(importer, 'all');
  }
  for (const file of edit.changed) {
    const old = new Map(edit.before.get(file)?.nodes.map((n) => [n.key, n.props]));
    const symbols = index.files.get(file)!.declarations.symbols;
    // Undefined when all of it is resolved again already (it imports a deleted file).
    const owners = ownersIn(file);
    owners?.add(file);
    const present = new Set(symbols.map((s) => s.key));
    for (const key of old.keys()) if (key !== file && !present.has(key)) changedTypes.push(key);
    for (const symbol of symbols) {
      const props = old.get(symbol.key);
      if (props && props.hash === symbol.hash && props.signature === symbol.signature) continue;
      owners?.add(symbol.key);
      if (!props) {
        newSymbols = true;
        // A new member may be what a subclass's method now overrides: its container's users look again.
        changedTypes.push(symbol.parentKey);
      } else if (symbol.inferred || props.signature !== symbol.signature) changedTypes.push(symbol.key);
    }
    // An import now naming another module (or another export) changes what any owner's uses resolve to.
    if (
      edit.rebound.includes(file) ||
      edit.before.get(file)?.importsHash !== index.files.get(file)!.declarations.importsHash
    ) {
      dirty.set(file, 'all');
      importsChanged.push(file);
    }
  }

  /** The owners in `files` with uses left unresolved: what changed may resolve them now. */
  const addUnresolvedUsers = (files: Iterable<string>) => {
    for (const file of files)
      for (const node of index.files.get(file)?.result?.nodes ?? []) {
        const props = symbolProps(node);
        if (props.unresolvedCalls !== undefined || props.unresolvedReferences !== undefined)
          ownersIn(file)?.add(node.key);
      }
  };

  // Through a changed barrel: its importers' uses of what it imported (it may no longer pass
  // them on), and their unresolved calls (it may pass on something new).
  for (const file of importsChanged) {
    const through = transitiveImporters(index.importers, new Set([file]));
    if (through.size === 0) continue;
    for (const target of index.files.get(file)?.result?.importedFiles ?? []) {
      for (const node of index.files.get(target)?.result?.nodes ?? []) {
        for (const owner of index.referrers.get(node.key) ?? []) {
          const ownerFile = fileOfKey(owner)!;
          if (through.has(ownerFile)) ownersIn(ownerFile)?.add(owner);
        }
      }
    }
    addUnresolvedUsers(through);
  }

  // Which identifiers resolution looks at depends on the names graph nodes have (see
  // `ResolveContext.names`): a fresh analysis looks at those of a new name, and no longer counts
  // those of a gone name as unresolved.
  for (const using of [edit.usingNewNames, edit.usingGoneNames])
    for (const [file, owners] of using) {
      const dirtyOwners = ownersIn(file);
      for (const owner of owners) dirtyOwners?.add(owner);
    }

  // Users of what changed, and users of users whose type is inferred from it.
  const seen = new Set(changedTypes);
  while (changedTypes.length > 0) {
    const key = changedTypes.pop()!;
    for (const owner of index.referrers.get(key) ?? []) {
      const file = fileOfKey(owner)!;
      const owners = ownersIn(file);
      if (!owners || owners.has(owner)) continue;
      owners.add(owner);
      if (!seen.has(owner) && declared(index, file, owner)?.inferred) {
        seen.add(owner);
        changedTypes.push(owner);
      }
    }
  }

  // A file that imports what is not there may import an added file now: its calls, `new`s and
  // references of those imports were left unresolved, so all of it is resolved again — when one
  // of its unresolved specifiers now resolves to an added file (a code generator's output
  // appearing does not re-check every file still waiting for another).
  const reaching: string[] = [];
  if (edit.added.length > 0) {
    for (const [file, state] of index.files) {
      if (!state.result?.hasUnresolvedImports) continue;
      const specifiers = unresolvedSpecifiers(state.result.nodes);
      if (specifiers === undefined || specifiers.some((specifier) => edit.resolvesToAdded(file, specifier))) {
        dirty.set(file, 'all');
        reaching.push(file);
      }
    }
  }
  // A new symbol may resolve a use left unresolved in a file that imports the edited ones — or
  // that imports a file now reaching an added one: `make().run()` through `make`'s file, when the
  // file declaring what `make` returns was deleted and is back.
  if (newSymbols)
    addUnresolvedUsers(
      transitiveImporters(index.importers, new Set([...edit.changed, ...edit.added, ...reaching])),
    );
  return dirty;
}

function declared(index: AnalysisIndex, file: string, key: string): Declared | undefined {
  return index.files.get(file)?.declarations.symbols.find((s) => s.key === key);
}

function transitiveImporters(
  importers: ReadonlyMap<string, ReadonlySet<string>>,
  files: ReadonlySet<string>,
): Set<string> {
  const seen = new Set<string>();
  const queue = [...files];
  while (queue.length > 0) {
    const file = queue.pop()!;
    for (const importer of importers.get(file) ?? []) {
      if (!seen.has(importer) && !files.has(importer)) {
        seen.add(importer);
        queue.push(importer);
      }
    }
  }
  return seen;
}

/**
 * A file's imports that resolved nowhere, from its FILE node (the first of its nodes);
 * undefined for a record stored before they were kept (then any added file may be one).
 */
function unresolvedSpecifiers(nodes: readonly GraphNode[]): readonly string[] | undefined {
  const file = nodes.find((node) => node.kind === 'FILE');
  return file ? fileProps(file).unresolvedImports : undefined;
}
