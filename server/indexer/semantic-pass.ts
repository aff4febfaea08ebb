import type { Logger } from 'pino';
import {
  dependentsOfKeys,
  findAllNodes,
  getEdgesInBatches,
  getNodesInBatches,
  importersByNameInBatches,
} from '../graph/batched-reads.ts';
import type { GraphStore } from '../graph/port.ts';
import {
  CALL_EDGES,
  type ChangeSet,
  edgeKey,
  type GraphEdge,
  type GraphNode,
  symbolProps,
  USE_EDGES,
} from '../model/index.ts';
import {
  callersResolvingMore,
  classesGainingConstructors,
  type DependentUses,
  dependentKeys,
  deriveSemanticChanges,
  extendsAClass,
  ImportGraph,
  importTouchedFiles,
  keysToReadBefore,
  readDependentUses,
  readTypeHierarchy,
  resignedCallables,
  type SemanticChange,
  type TypeHierarchy,
  UnparsedFiles,
} from '../semantic/index.ts';

/** What the pass read before a change set was applied. */
export interface BeforeApply {
  readonly before: ReadonlyMap<string, GraphNode>;
  readonly dependents: ReadonlyMap<string, readonly string[]>;
  readonly importers: ReadonlyMap<string, readonly string[]>;
  readonly importsBefore: ReadonlyMap<string, readonly GraphEdge[]>;
  readonly touchedFiles: readonly string[];
  readonly cyclesBefore: readonly string[][];
  readonly hierarchy: TypeHierarchy | undefined;
  readonly instantiators: ReadonlyMap<string, readonly string[]>;
  readonly uses: DependentUses;
  readonly callsBefore: ReadonlySet<string>;
}

/**
 * The semantic pass of the indexer: reads what a change set needs from the store before it is
 * applied (the old nodes, their dependents), and derives the revision's semantic changes
 * after. The import graph for cycles is read from the store once, then kept current from the
 * change sets; what files with syntax errors lost is held back ({@link UnparsedFiles}).
 */
export interface SemanticPass {
  /** Reads the old state; call before the store applies `changeSet`. */
  prepare(changeSet: ChangeSet): Promise<BeforeApply>;
  /** The revision's semantic changes; call once the store applied `changeSet`. */
  derive(changeSet: ChangeSet, prepared: BeforeApply): SemanticChange[];
  /** A change set was applied without the pass: forget the import graph (read again when needed). */
  skipped(): void;
}

export function createSemanticPass(store: GraphStore, logger: Logger): SemanticPass {
  let imports: ImportGraph | undefined;
  const unparsed = new UnparsedFiles();

  const loadImports = async (): Promise<ImportGraph> => {
    const files = (await findAllNodes(store, { kinds: ['FILE'] })).map((node) => node.key);
    const lists = await getEdgesInBatches(store, files, { types: ['IMPORTS'], direction: 'OUT' });
    return new ImportGraph(lists.flat());
  };

  /**
   * The code instantiating or extending the classes that gain a constructor. A subclass is left
   * out: without a constructor of its own it took its base's arguments, which are not known here.
   */
  const readInstantiators = async (changeSet: ChangeSet) => {
    const gaining = classesGainingConstructors(changeSet.changes);
    if (gaining.length === 0) return new Map<string, string[]>();
    const nodes = await getNodesInBatches(store, gaining);
    const classes = gaining.filter((_, i) => {
      const node = nodes[i];
      return node?.kind === 'CLASS' && !extendsAClass(symbolProps(node).signature ?? '');
    });
    const edges = await getEdgesInBatches(store, classes, {
      types: ['INSTANTIATES', 'EXTENDS'],
      direction: 'IN',
    });
    return new Map(classes.map((key, i) => [key, [...new Set(edges[i]!.map((e) => e.from))]]));
  };

  /**
   * Of the calls the change set adds from callers that count fewer unresolved calls, those that
   * were there already (sent again with a new count or line): they resolve no call again.
   */
  const readCallsBefore = async (changeSet: ChangeSet, before: ReadonlyMap<string, GraphNode>) => {
    const callers = callersResolvingMore(changeSet.changes, before);
    if (callers.length === 0) return new Set<string>();
    const added = new Set<string>();
    for (const c of changeSet.changes) if (c.op === 'EDGE_ADDED') added.add(edgeKey(c.edge));
    const lists = await getEdgesInBatches(store, callers, { types: CALL_EDGES, direction: 'OUT' });
    return new Set(
      lists
        .flat()
        .map(edgeKey)
        .filter((key) => added.has(key)),
    );
  };

  return {
    async prepare(changeSet) {
      const keys = keysToReadBefore(changeSet.changes);
      const before = new Map<string, GraphNode>();
      for (const node of await getNodesInBatches(store, keys)) if (node) before.set(node.key, node);
      const changed = dependentKeys(changeSet.changes, before);
      const dependents = await dependentsOfKeys(store, changed, USE_EDGES);
      const byName = await importersByNameInBatches(store, changed);
      const importers = new Map(changed.map((key, i) => [key, byName[i]!]));
      // Their imports, to tell after the apply whether each still imports the name (or followed a
      // rename or move), as edges tell it of the other dependents.
      const files = [...new Set(byName.flat())];
      const importEdges = await getEdgesInBatches(store, files, { types: ['IMPORTS'], direction: 'OUT' });
      const importsBefore = new Map(files.map((file, i) => [file, importEdges[i]!]));
      const hierarchy = await readTypeHierarchy(store, changeSet.changes);
      const instantiators = await readInstantiators(changeSet);
      const updated = changeSet.changes.flatMap((c) => (c.op === 'NODE_UPDATED' ? [c.node] : []));
      const uses = await readDependentUses(store, resignedCallables(before, updated));
      const callsBefore = await readCallsBefore(changeSet, before);
      const touchedFiles = importTouchedFiles(changeSet.changes);
      let cyclesBefore: string[][] = [];
      if (touchedFiles.length > 0) {
        imports ??= await loadImports();
        cyclesBefore = imports.cyclesThrough(touchedFiles);
      }
      return {
        before,
        dependents,
        importers,
        importsBefore,
        touchedFiles,
        cyclesBefore,
        hierarchy,
        instantiators,
        uses,
        callsBefore,
      };
    },
    derive(changeSet, prepared) {
      let cycles: { before: readonly string[][]; after: readonly string[][] } | undefined;
      if (imports !== undefined) {
        imports.apply(changeSet.changes);
        if (prepared.touchedFiles.length > 0)
          cycles = { before: prepared.cyclesBefore, after: imports.cyclesThrough(prepared.touchedFiles) };
      }
      const context = {
        before: prepared.before,
        dependents: prepared.dependents,
        importers: prepared.importers,
        importsBefore: prepared.importsBefore,
        ...(prepared.hierarchy ? { hierarchy: prepared.hierarchy } : {}),
        instantiators: prepared.instantiators,
        uses: prepared.uses,
        callsBefore: prepared.callsBefore,
        ...(cycles ? { cycles } : {}),
      };
      const semantic = unparsed.settle(
        changeSet.changes,
        context,
        deriveSemanticChanges(changeSet.changes, context),
      );
      if (semantic.length > 0) logger.debug({ semantic: semantic.length }, 'semantic changes derived');
      return semantic;
    },
    skipped() {
      imports = undefined;
      unparsed.clear();
    },
  };
}
