import {
  type EdgeType,
  edgeProps,
  fileOfKey,
  type GraphNode,
  isSymbolKind,
  symbolProps,
  USE_EDGES,
} from '../../model/index.ts';
import type { MemoryGraph } from './memory-graph.ts';
import type { SearchIndex } from './search-index.ts';
import { prefixRange } from './sorted-strings.ts';

/** Edges by which another file uses a symbol. IMPORTS are handled by name, below. */
const USES = new Set<EdgeType>(USE_EDGES);

/**
 * Keys, sorted, of exported symbols under `pathPrefix` that no node of another file calls,
 * instantiates, references, extends or implements, and that no other file imports by name
 * (`'*'` — a namespace or star import — does not count as using a name).
 */
export function unusedExportKeys(
  graph: MemoryGraph,
  index: SearchIndex,
  pathPrefix: string | undefined,
): string[] {
  const keys = index.keys.items;
  const [start, end] = pathPrefix ? prefixRange(keys, pathPrefix) : [0, keys.length];
  const importedNames = new Map<string, Set<string>>();
  const namesImportedFrom = (file: string): Set<string> => {
    let names = importedNames.get(file);
    if (names) return names;
    names = new Set();
    graph.forEachInEdge(file, (edge) => {
      if (edge.type !== 'IMPORTS' || fileOfKey(edge.from) === file) return;
      for (const name of edgeProps(edge, 'IMPORTS').names ?? []) names.add(name);
    });
    importedNames.set(file, names);
    return names;
  };
  const isUnused = (node: GraphNode): boolean => {
    const file = fileOfKey(node.key);
    let used = false;
    graph.forEachInEdge(node.key, (edge) => {
      if (!used && USES.has(edge.type) && fileOfKey(edge.from) !== file) used = true;
    });
    if (used || file === undefined || !graph.hasNode(file)) return !used;
    const names = namesImportedFrom(file);
    const { name, defaultExport } = symbolProps(node);
    return !((name !== undefined && names.has(name)) || (defaultExport === true && names.has('default')));
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
