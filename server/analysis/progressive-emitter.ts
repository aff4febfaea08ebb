import type { Change, ChangeSet, GraphEdge, GraphNode } from '../model/index.ts';

/**
 * Cuts a growing graph into change sets that are each consistent on their own: an edge is
 * sent only once both of its ends have been sent, so that the store (which refuses an
 * edge to a missing node) can apply every batch as it comes. Used by the first analysis,
 * whose results arrive file by file.
 */
export class ProgressiveEmitter {
  readonly #sent = new Set<string>();
  /** Edges waiting for a node, by the key of the node they wait for. */
  readonly #waiting = new Map<string, GraphEdge[]>();

  /** The change set that adds these files' nodes and every edge that can now be added. */
  batch(files: readonly string[], nodes: readonly GraphNode[], edges: readonly GraphEdge[]): ChangeSet {
    const changes: Change[] = [];
    const ready: GraphEdge[] = [];
    for (const node of nodes) {
      if (this.#sent.has(node.key)) continue;
      this.#sent.add(node.key);
      changes.push({ op: 'NODE_ADDED', node });
    }
    const consider = (edge: GraphEdge) => {
      const missing = !this.#sent.has(edge.from) ? edge.from : !this.#sent.has(edge.to) ? edge.to : undefined;
      if (missing === undefined) return void ready.push(edge);
      const list = this.#waiting.get(missing);
      if (list) list.push(edge);
      else this.#waiting.set(missing, [edge]);
    };
    for (const node of nodes) {
      const waiting = this.#waiting.get(node.key);
      if (!waiting) continue;
      this.#waiting.delete(node.key);
      waiting.forEach(consider);
    }
    edges.forEach(consider);
    for (const edge of ready) changes.push({ op: 'EDGE_ADDED', edge });
    return { files, changes };
  }
}
