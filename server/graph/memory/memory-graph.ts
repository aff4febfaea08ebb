import { MultiDirectedGraph } from 'graphology';
import type { Attributes } from 'graphology-types';
import type { EdgeRef, GraphEdge, GraphNode, NodeKind } from '../../model/index.ts';

/**
 * Records are graphology's attributes themselves, returned to readers as is and replaced
 * whole on update, never mutated: no wrapper object per node or edge.
 */
type StoredNode = GraphNode & Attributes;
type StoredEdge = GraphEdge & Attributes;

// The predicate of #findEdge, allocated once rather than as a closure per call.
let wantedType = '';
const hasWantedType = (_key: string, edge: StoredEdge): boolean => edge.type === wantedType;

/**
 * The code graph's topology on graphology: a directed multigraph (edges of several types may
 * join two nodes), self-loops allowed (a file importing itself), addressed by node keys.
 *
 * @remarks
 * Inside graphology each node goes by a small integer id instead of its key. graphology keeps
 * adjacency in plain objects keyed by neighbour; with keys like `src/a.ts#f` every object
 * grows its own chain of V8 hidden classes, which made loading 400k edges take seconds, while
 * integer keys are stored as array elements.
 */
export class MemoryGraph {
  readonly #graph = new MultiDirectedGraph<StoredNode, StoredEdge>({ allowSelfLoops: true });
  readonly #ids = new Map<string, string>();
  #nextId = 0;
  // Edge keys are ours too: graphology's generated ones cost a string concatenation and an
  // extra lookup each.
  #nextEdgeId = 0;

  hasNode(key: string): boolean {
    return this.#ids.has(key);
  }

  /** The node with this key, or `undefined`. */
  getNode(key: string): GraphNode | undefined {
    const id = this.#ids.get(key);
    return id === undefined ? undefined : this.#graph.getNodeAttributes(id);
  }

  /** Adds or replaces a node (its edges stay); returns the record it replaced. */
  upsertNode(node: GraphNode): GraphNode | undefined {
    const id = this.#ids.get(node.key);
    if (id !== undefined) {
      const previous = this.#graph.getNodeAttributes(id);
      this.#graph.replaceNodeAttributes(id, node as StoredNode);
      return previous;
    }
    const newId = String(this.#nextId++);
    this.#ids.set(node.key, newId);
    this.#graph.addNode(newId, node as StoredNode);
    return undefined;
  }

  /** Removes a node and its edges, calling `onEdge` for each edge removed; returns the node. */
  removeNode(key: string, onEdge: (edge: GraphEdge) => void): GraphNode | undefined {
    const id = this.#ids.get(key);
    if (id === undefined) return undefined;
    const node = this.#graph.getNodeAttributes(id);
    this.#graph.forEachEdge(id, (_id, edge) => onEdge(edge));
    this.#graph.dropNode(id);
    this.#ids.delete(key);
    return node;
  }

  /** graphology's key of the edge of `ref`'s type from `ref.from` to `ref.to`, if any. */
  #findEdge(ref: EdgeRef, from: string, to: string): string | undefined {
    // Between two nodes there are at most a few edges (one per type): scanning them is cheaper
    // than building and hashing a string key for every edge.
    wantedType = ref.type;
    return this.#graph.findOutEdge(from, to, hasWantedType);
  }

  /** Adds or replaces an edge whose ends exist; returns whether it is new. */
  upsertEdge(edge: GraphEdge): boolean {
    const from = this.#ids.get(edge.from)!;
    const to = this.#ids.get(edge.to)!;
    const existing = this.#findEdge(edge, from, to);
    if (existing !== undefined) {
      this.#graph.replaceEdgeAttributes(existing, edge as StoredEdge);
      return false;
    }
    this.#graph.addDirectedEdgeWithKey(String(this.#nextEdgeId++), from, to, edge as StoredEdge);
    return true;
  }

  /** Removes an edge; returns whether it existed. */
  removeEdge(ref: EdgeRef): boolean {
    const from = this.#ids.get(ref.from);
    const to = this.#ids.get(ref.to);
    const existing = from === undefined || to === undefined ? undefined : this.#findEdge(ref, from, to);
    if (existing === undefined) return false;
    this.#graph.dropEdge(existing);
    return true;
  }

  /** Calls `fn` with each edge leaving the node. */
  forEachOutEdge(key: string, fn: (edge: GraphEdge) => void): void {
    const id = this.#ids.get(key);
    if (id !== undefined) this.#graph.forEachOutEdge(id, (_id, edge) => fn(edge));
  }

  /** Calls `fn` with each edge entering the node. */
  forEachInEdge(key: string, fn: (edge: GraphEdge) => void): void {
    const id = this.#ids.get(key);
    if (id !== undefined) this.#graph.forEachInEdge(id, (_id, edge) => fn(edge));
  }

  /**
   * Each node's kind and number of edges of each type, out and in: row `id × types.length`,
   * column the index of the type in `types`; `kinds[id]` is undefined for a removed node.
   */
  degrees(types: readonly string[]): {
    readonly kinds: readonly (NodeKind | undefined)[];
    readonly out: Int32Array;
    readonly in: Int32Array;
  } {
    // One pass over the nodes and one over the edges, into a row per node id (ids are small
    // integers): iterating each node's adjacency instead was sixty times slower.
    const index = new Map(types.map((type, i) => [type, i]));
    const width = types.length;
    const kinds: (NodeKind | undefined)[] = new Array(this.#nextId);
    const out = new Int32Array(this.#nextId * width);
    const into = new Int32Array(this.#nextId * width);
    this.#graph.forEachNode((id, node) => {
      kinds[Number(id)] = node.kind;
    });
    this.#graph.forEachEdge((_id, edge, source, target) => {
      const type = index.get(edge.type)!;
      out[Number(source) * width + type]! += 1;
      into[Number(target) * width + type]! += 1;
    });
    return { kinds, out, in: into };
  }

  /** Calls `fn` with every node of the graph. */
  forEachNode(fn: (node: GraphNode) => void): void {
    this.#graph.forEachNode((_id, node) => fn(node));
  }

  /** Calls `fn` with every edge of the graph and its two end nodes. */
  forEachEdge(fn: (edge: GraphEdge, from: GraphNode, to: GraphNode) => void): void {
    this.#graph.forEachEdge((_id, edge, _from, _to, from, to) => fn(edge, from, to));
  }

  clear(): void {
    this.#graph.clear();
    this.#ids.clear();
  }
}
