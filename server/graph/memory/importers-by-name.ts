import { fileOfKey, importNamesOf, importsByName, USE_EDGES } from '../../model/index.ts';
import type { MemoryGraph } from './memory-graph.ts';

const USES = new Set<string>(USE_EDGES);

/**
 * The files that import the symbol `key` by name (see `GraphStore.importersByName`), sorted: the
 * IMPORTS edges into its file, other than its own, that name it or re-export all of the file —
 * a plain import only from a file none of whose code uses the symbol through a use edge.
 */
export function importersByNameOf(graph: MemoryGraph, key: string): string[] {
  const node = graph.getNode(key);
  const names = node === undefined ? [] : importNamesOf(node);
  const file = fileOfKey(key);
  if (names.length === 0 || file === undefined || file === key) return [];
  const usedFrom = new Set<string | undefined>();
  graph.forEachInEdge(key, (edge) => {
    if (USES.has(edge.type)) usedFrom.add(fileOfKey(edge.from));
  });
  const importers: string[] = [];
  graph.forEachInEdge(file, (edge) => {
    if (edge.type !== 'IMPORTS' || edge.from === file || !importsByName(edge, names)) return;
    if (edge.props.reExport === true || !usedFrom.has(edge.from)) importers.push(edge.from);
  });
  return importers.sort();
}
