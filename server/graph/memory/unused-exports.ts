import { type EdgeType, fileOfKey, type GraphNode } from '../../model/index.ts';
import type { MemoryGraph } from './memory-graph.ts';
import type { SearchIndex } from './search-index.ts';
import { prefixRange } from './sorted-strings.ts';

/** Edges by which another file uses a symbol. IMPORTS are handled by name, below. */
const USES = new Set<EdgeType>(['CALLS', 'INSTANTIATES', 'REFERENCES', 'EXTENDS', 'IMPLEMENTS']);

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
      if (edge.type !== 'IMPORTS' || fileOfKey(edge.from) === file || !Array.isArray(edge.props.names))
        return;
      for (const name of edge.props.names) if (typeof name === 'string') names.add(name);
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
    const { name, defaultExport } = node.props;
    return !(
      (typeof name === 'string' && names.has(name)) ||
      (defaultExport === true && names.has('default'))
    );
  };

  const unused: string[] = [];
  for (let at = start; at < end; at += 1) {
    const node = graph.getNode(keys[at]!)!;
    if (node.props.exported !== true || node.kind === 'FILE' || node.kind === 'EXTERNAL_MODULE') continue;
    if (pathPrefix && !(typeof node.props.path === 'string' && node.props.path.startsWith(pathPrefix)))
      continue;
    if (isUnused(node)) unused.push(node.key);
  }
  return unused;
}
