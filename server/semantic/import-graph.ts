import { findCycles } from '../graph/find-cycles.ts';
import { type Change, fileOfKey, type GraphEdge } from '../model/index.ts';

/**
 * The file→file import graph (type-only imports left out, as `importCycles` does by default),
 * kept current from change sets, to find the import cycles around a revision's import edges
 * without reading the whole graph again.
 */
export class ImportGraph {
  readonly #out = new Map<string, Set<string>>();
  readonly #in = new Map<string, Set<string>>();

  /** @param edges - every IMPORTS edge of the graph (others are ignored). */
  constructor(edges: Iterable<GraphEdge> = []) {
    for (const edge of edges) if (counts(edge)) this.#add(edge.from, edge.to);
  }

  /** Applies a change set's import edges (and removed files). */
  apply(changes: readonly Change[]): void {
    for (const c of changes) {
      if (c.op === 'EDGE_REMOVED' && c.edge.type === 'IMPORTS') this.#remove(c.edge.from, c.edge.to);
      else if (c.op === 'EDGE_ADDED' && c.edge.type === 'IMPORTS') {
        // An upsert: a type-only import is not (or no longer) a dependency.
        if (counts(c.edge)) this.#add(c.edge.from, c.edge.to);
        else this.#remove(c.edge.from, c.edge.to);
      } else if (c.op === 'NODE_REMOVED' && c.kind === 'FILE') {
        for (const to of [...(this.#out.get(c.key) ?? [])]) this.#remove(c.key, to);
        for (const from of [...(this.#in.get(c.key) ?? [])]) this.#remove(from, c.key);
      }
    }
  }

  /**
   * The import cycles holding any of `files`, each sorted, sorted by first file. Only the files
   * that both reach and are reached from `files` are looked at: a cycle through a file lies
   * within them.
   */
  cyclesThrough(files: readonly string[]): string[][] {
    if (files.length === 0) return [];
    const forward = this.#reach(files, this.#out);
    const backward = this.#reach(files, this.#in);
    const region = [...forward].filter((f) => backward.has(f));
    const inRegion = new Set(region);
    const edges: [string, string][] = [];
    for (const from of region)
      for (const to of this.#out.get(from) ?? []) if (inRegion.has(to)) edges.push([from, to]);
    const wanted = new Set(files);
    return findCycles(edges).filter((cycle) => cycle.some((file) => wanted.has(file)));
  }

  #reach(start: readonly string[], next: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
    const seen = new Set(start);
    const queue = [...start];
    while (queue.length > 0) {
      for (const other of next.get(queue.pop()!) ?? []) {
        if (seen.has(other)) continue;
        seen.add(other);
        queue.push(other);
      }
    }
    return seen;
  }

  #add(from: string, to: string): void {
    link(this.#out, from, to);
    link(this.#in, to, from);
  }

  #remove(from: string, to: string): void {
    this.#out.get(from)?.delete(to);
    this.#in.get(to)?.delete(from);
  }
}

/** Files at either end of the file→file import edges a change set adds or removes. */
export function importTouchedFiles(changes: readonly Change[]): string[] {
  const files = new Set<string>();
  for (const c of changes) {
    if ((c.op !== 'EDGE_ADDED' && c.op !== 'EDGE_REMOVED') || c.edge.type !== 'IMPORTS') continue;
    if (!isFile(c.edge.to)) continue;
    files.add(c.edge.from);
    files.add(c.edge.to);
  }
  return [...files].sort();
}

function link(map: Map<string, Set<string>>, from: string, to: string): void {
  const set = map.get(from);
  if (set) set.add(to);
  else map.set(from, new Set([to]));
}

function isFile(key: string): boolean {
  return fileOfKey(key) === key;
}

function counts(edge: Pick<GraphEdge, 'type' | 'to' | 'props'>): boolean {
  return edge.type === 'IMPORTS' && isFile(edge.to) && edge.props.typeOnly !== true;
}
