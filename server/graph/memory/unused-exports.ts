import {
  type EdgeType,
  edgeProps,
  fileOfKey,
  fileProps,
  type GraphNode,
  isSymbolKind,
  symbolProps,
  USE_EDGES,
} from '../../model/index.ts';
import { MAX_REEXPORT_DEPTH } from '../port.ts';
import type { MemoryGraph } from './memory-graph.ts';
import type { SearchIndex } from './search-index.ts';
import { prefixRange } from './sorted-strings.ts';

/** Edges by which another file uses a symbol. IMPORTS are handled by name, below. */
const USES = new Set<EdgeType>(USE_EDGES);

/**
 * Keys, sorted, of exported symbols under `pathPrefix` that no node of another file calls,
 * instantiates, references, extends or implements, and that no other file imports by name
 * (`'*'` — a namespace or star import — does not count as using a name); unless
 * `includePublicApi`, without a package's public API (see `GraphStore.unusedExports`).
 */
export function unusedExportKeys(
  graph: MemoryGraph,
  index: SearchIndex,
  pathPrefix: string | undefined,
  includePublicApi: boolean,
): string[] {
  const keys = index.keys.items;
  const [start, end] = pathPrefix ? prefixRange(keys, pathPrefix) : [0, keys.length];
  const exposure = includePublicApi ? undefined : publicApiFiles(graph, index);
  /** Per file: the names other files import from it, and whether an exposing file re-exports all of it. */
  const importsOf = new Map<string, { names: Set<string>; wholeExposed: boolean }>();
  const importsFrom = (file: string) => {
    let found = importsOf.get(file);
    if (found) return found;
    found = { names: new Set(), wholeExposed: false };
    graph.forEachInEdge(file, (edge) => {
      if (edge.type !== 'IMPORTS' || fileOfKey(edge.from) === file) return;
      const { names, reExport } = edgeProps(edge, 'IMPORTS');
      for (const name of names ?? []) found!.names.add(name);
      if (reExport === true && names?.includes('*') && exposure?.exposing.has(edge.from))
        found!.wholeExposed = true;
    });
    importsOf.set(file, found);
    return found;
  };
  const isUnused = (node: GraphNode): boolean => {
    const file = fileOfKey(node.key);
    if (file !== undefined && exposure?.entries.has(file)) return false;
    let used = false;
    graph.forEachInEdge(node.key, (edge) => {
      if (!used && USES.has(edge.type) && fileOfKey(edge.from) !== file) used = true;
    });
    if (used || file === undefined || !graph.hasNode(file)) return !used;
    const { names, wholeExposed } = importsFrom(file);
    const { name, defaultExport } = symbolProps(node);
    return !(
      wholeExposed ||
      (name !== undefined && names.has(name)) ||
      (defaultExport === true && names.has('default'))
    );
  };

  const unused: string[] = [];
  for (let at = start; at < end; at += 1) {
    const node = graph.getNode(keys[at]!)!;
    const { exported, path } = symbolProps(node);
    if (exported !== true || !isSymbolKind(node.kind)) continue;
    if (pathPrefix && !path?.startsWith(pathPrefix)) continue;
    if (isUnused(node)) unused.push(node.key);
  }
  return unused;
}

/**
 * The files whose exports are a package's public API: its entry points, and the files they
 * re-export from (`export … from`), through chains of at most {@link MAX_REEXPORT_DEPTH}.
 */
function publicApiFiles(
  graph: MemoryGraph,
  index: SearchIndex,
): { entries: Set<string>; exposing: Set<string> } {
  const entries = new Set(
    index.keysOfKind('FILE').filter((file) => fileProps(graph.getNode(file)!).entryPoint === true),
  );
  const exposing = new Set(entries);
  let level = [...entries];
  for (let depth = 0; depth < MAX_REEXPORT_DEPTH && level.length > 0; depth++) {
    const next: string[] = [];
    for (const file of level) {
      graph.forEachOutEdge(file, (edge) => {
        if (edge.type !== 'IMPORTS' || edgeProps(edge, 'IMPORTS').reExport !== true) return;
        if (exposing.has(edge.to) || graph.getNode(edge.to)?.kind !== 'FILE') return;
        exposing.add(edge.to);
        next.push(edge.to);
      });
    }
    level = next;
  }
  return { entries, exposing };
}
