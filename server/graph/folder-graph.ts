/**
 * The folder picture's grouping, shared by the adapters: the memory store groups in
 * JavaScript with {@link folderGroupOf}; the Memgraph store groups in Cypher by the same rule
 * (`cypher.ts`), and both cut the result with {@link finishFolderGraph}.
 */
import type { ResolvedFolderGraph } from './bounds.ts';
import type { FolderGraph, FolderGraphEdge, FolderGraphNode } from './port.ts';

/**
 * The node a file counts in: its shallowest folder below the prefix's folder that is closed
 * — at least `depth` folders deep and not expanded — or the file itself when every folder
 * above it is open. Folders end with `/`.
 */
export function folderGroupOf(
  path: string,
  options: ResolvedFolderGraph,
  expanded: ReadonlySet<string>,
): string {
  const segments = path.split('/');
  let folder = '';
  for (let level = 1; level < segments.length; level += 1) {
    folder += `${segments[level - 1]}/`;
    if (level >= options.baseDepth + options.depth && !expanded.has(folder)) return folder;
  }
  return path;
}

/**
 * The folder graph from its groups (node path → files) and group-to-group import counts:
 * when there are more groups than the limit, those holding the most files are kept (ties in
 * path order) with the edges between them. Nodes come in path order, edges by `from`, `to`.
 */
export function finishFolderGraph(
  groups: ReadonlyMap<string, number>,
  imports: readonly FolderGraphEdge[],
  limit: number,
): FolderGraph {
  let kept = [...groups.entries()];
  const truncated = kept.length > limit;
  if (truncated) kept = kept.sort((a, b) => b[1] - a[1] || compare(a[0], b[0])).slice(0, limit);
  const nodes: FolderGraphNode[] = kept
    .map(([path, files]) => ({ path, folder: path.endsWith('/'), files }))
    .sort((a, b) => compare(a.path, b.path));
  const shown = new Set(nodes.map((node) => node.path));
  const edges = imports
    .filter((edge) => shown.has(edge.from) && shown.has(edge.to))
    .sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to));
  return { nodes, edges, truncated };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
