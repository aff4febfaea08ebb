import { fileOfKey, importNamesOf, importsByName } from '../../model/index.ts';
import type { MemoryGraph } from './memory-graph.ts';

/**
 * The files that import the symbol `key` by name (see `GraphStore.importersByName`), sorted: the
 * IMPORTS edges into its file, other than its own, that name it or re-export all of the file.
 */
export function importersByNameOf(graph: MemoryGraph, key: string): string[] {
  const node = graph.getNode(key);
  const names = node === undefined ? [] : importNamesOf(node);
  const file = fileOfKey(key);
  if (names.length === 0 || file === undefined || file === key) return [];
  const importers: string[] = [];
  graph.forEachInEdge(file, (edge) => {
    if (edge.type === 'IMPORTS' && edge.from !== file && importsByName(edge, names))
      importers.push(edge.from);
  });
  return importers.sort();
}
