/**
 * Applying `graphChanged` revisions to the graphology graph behind the picture, in place:
 * added nodes and edges appear, removed ones vanish, updated ones are reported (to flash),
 * and only new nodes get a position — near their neighbours — so nothing else moves.
 *
 * The picture is a bounded slice (the file import graph, or a node's neighbourhood), so a
 * change only enters it when it belongs to that slice: a file under the prefix, an import
 * between two shown files, a node linked to a shown one within the neighbourhood's depth.
 * Every operation is idempotent (EDGE_ADDED is an upsert, removing what is absent does
 * nothing), so replaying revisions a fresh query already contains is harmless.
 */
import { MultiDirectedGraph } from 'graphology';
import { isExternalKey, isSymbolKey, labelOfKey, parseEdgeKey } from '../live/keys.ts';
import type { GraphChange } from '../live/revision.ts';
import { colorOfKind, EDGE_COLOR, sizeOfKind } from './palette.ts';

export interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  kind: string;
  /** Edges from the focus, in a neighbourhood. */
  depth?: number;
  /** Files a node of the folder picture holds. */
  files?: number;
}

export interface EdgeAttributes {
  size: number;
  color: string;
  /** The edge type (CALLS, IMPORTS, …); sigma's own `type` picks the drawing program. */
  relation: string;
  /** Imports an edge of the folder picture stands for: ForceAtlas2 pulls heavier edges harder. */
  weight?: number;
}

export type PictureGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

export type SliceScope =
  | {
      readonly mode: 'imports';
      /** Only files under it (root-relative). */
      readonly pathPrefix?: string;
      readonly limit: number;
    }
  | {
      readonly mode: 'neighbourhood';
      readonly focus: string;
      readonly depth: number;
      readonly limit: number;
      /** Only edges of these types; all when absent or empty. */
      readonly edgeTypes?: readonly string[];
    }
  | {
      /** What depends on `keys`, within `depth` dependency edges followed backwards. */
      readonly mode: 'impact';
      readonly keys: readonly string[];
      readonly depth: number;
      readonly limit: number;
      /** The edge types it draws, as the server said with the slice (`edgeTypes`: the dependencies); none before. */
      readonly edgeTypes?: readonly string[];
    };

/** A slice as the API returns it (`importGraph`, `neighbourhood`), flattened. */
export interface SliceData {
  readonly nodes: readonly { readonly key: string; readonly kind: string; readonly name?: string }[];
  readonly edges: readonly {
    readonly key: string;
    readonly type: string;
    readonly from: string;
    readonly to: string;
  }[];
  readonly truncated: boolean;
  /** The edge types the slice draws (`edgeTypes` of the API's slices). */
  readonly edgeTypes?: readonly string[];
}

export interface DiffResult {
  readonly added: string[];
  readonly updated: string[];
  readonly removed: string[];
  readonly edgesAdded: string[];
  readonly edgesRemoved: string[];
  /** Nodes that belonged in the picture but were left out by its limit. */
  skipped: number;
}

export interface DiffOptions {
  /** Jitter for new positions. @default Math.random */
  readonly random?: () => number;
}

export function createPictureGraph(): PictureGraph {
  return new MultiDirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: true });
}

/** A result with nothing done yet. */
export const emptyResult = (): DiffResult => ({
  added: [],
  updated: [],
  removed: [],
  edgesAdded: [],
  edgesRemoved: [],
  skipped: 0,
});

/** Applies one revision's changes (in order) to the picture. */
export function applyGraphChanges(
  graph: PictureGraph,
  changes: readonly GraphChange[],
  scope: SliceScope,
  options: DiffOptions = {},
): DiffResult {
  const result = emptyResult();
  const fresh = new Set<string>();
  const lostEdges = new Set<string>();
  // Kinds and names announced in this revision, for nodes that enter through an edge.
  const announced = new Map<string, { kind: string; name?: string }>();
  for (const change of changes)
    if (change.op === 'NODE_ADDED' || change.op === 'NODE_UPDATED')
      announced.set(change.key, { kind: change.kind, name: nameOf(change.properties) });

  for (const change of changes) {
    switch (change.op) {
      case 'NODE_ADDED':
      case 'NODE_UPDATED': {
        const name = nameOf(change.properties);
        if (graph.hasNode(change.key)) {
          const attributes = graph.getNodeAttributes(change.key);
          const label = labelFor(change.key, change.kind, name);
          if (attributes.kind !== change.kind || attributes.label !== label) {
            graph.mergeNodeAttributes(change.key, {
              kind: change.kind,
              label,
              color: colorOfKind(change.kind),
            });
          }
          if (!fresh.has(change.key)) pushOnce(result.updated, change.key);
        } else if (change.op === 'NODE_ADDED' && entersByItself(change.key, change.kind, scope)) {
          if (graph.order >= scope.limit) result.skipped++;
          else {
            addNode(graph, change.key, change.kind, name, scope, 0);
            fresh.add(change.key);
          }
        }
        break;
      }
      case 'NODE_REMOVED': {
        if (!graph.hasNode(change.key)) break;
        graph.dropNode(change.key);
        if (fresh.delete(change.key)) remove(result.added, change.key);
        else result.removed.push(change.key);
        remove(result.updated, change.key);
        break;
      }
      case 'EDGE_ADDED': {
        const ends = endsOf(change);
        if (!ends) break;
        if (graph.hasEdge(change.key)) break;
        if (!edgeBelongs(change.kind, scope)) break;
        const fromShown = graph.hasNode(ends.from);
        const toShown = graph.hasNode(ends.to);
        if (!fromShown && !toShown) break;
        if (!(fromShown && toShown)) {
          // A neighbourhood grows through edges: a node linked to a shown one, within the depth;
          // an impact picture through new dependents of a shown node.
          if (scope.mode === 'imports' || (scope.mode === 'impact' && !toShown)) break;
          const anchor = fromShown ? ends.from : ends.to;
          const other = fromShown ? ends.to : ends.from;
          const depth = (graph.getNodeAttribute(anchor, 'depth') ?? 0) + 1;
          if (depth > scope.depth) break;
          if (graph.order >= scope.limit) {
            result.skipped++;
            break;
          }
          const known = announced.get(other);
          addNode(graph, other, known?.kind ?? guessKind(other), known?.name, scope, depth);
          fresh.add(other);
        }
        graph.addDirectedEdgeWithKey(change.key, ends.from, ends.to, edgeAttributes(change.kind));
        result.edgesAdded.push(change.key);
        break;
      }
      case 'EDGE_REMOVED': {
        if (!graph.hasEdge(change.key)) break;
        const [from, to] = graph.extremities(change.key);
        graph.dropEdge(change.key);
        result.edgesRemoved.push(change.key);
        lostEdges.add(from);
        lostEdges.add(to);
        break;
      }
    }
  }

  if (scope.mode !== 'imports') {
    // A node no longer linked to anything shown has left the neighbourhood (or the impact).
    for (const key of lostEdges) {
      if (isStart(key, scope) || !graph.hasNode(key) || graph.degree(key) > 0) continue;
      graph.dropNode(key);
      if (fresh.delete(key)) remove(result.added, key);
      else result.removed.push(key);
      remove(result.updated, key);
    }
  }
  for (const key of fresh) result.added.push(key);
  placeNearNeighbours(graph, fresh, options.random ?? Math.random);
  return result;
}

/**
 * Drops the edges and nodes of `graph` whose keys are not kept, recording them in `result`.
 * `beforeDrop` sees each node while it still stands (to remember where it was).
 */
export function dropMissing(
  graph: PictureGraph,
  nodeKeys: ReadonlySetLike,
  edgeKeys: ReadonlySetLike,
  result: DiffResult,
  beforeDrop?: (key: string) => void,
): void {
  for (const key of graph.edges()) {
    if (edgeKeys.has(key)) continue;
    graph.dropEdge(key);
    result.edgesRemoved.push(key);
  }
  for (const key of graph.nodes()) {
    if (nodeKeys.has(key)) continue;
    beforeDrop?.(key);
    graph.dropNode(key);
    result.removed.push(key);
  }
}

/** A set or map of keys, as far as {@link dropMissing} asks. */
interface ReadonlySetLike {
  has(key: string): boolean;
}

/**
 * Makes the picture match a freshly queried slice: drops what is gone, adds what is new (placed
 * near its neighbours), keeps everything else where it is. On an empty graph every node is new:
 * the caller then lays the whole picture out.
 */
export function reconcileSlice(
  graph: PictureGraph,
  slice: SliceData,
  scope: SliceScope,
  options: DiffOptions = {},
): DiffResult {
  const result = emptyResult();
  dropMissing(graph, new Set(slice.nodes.map((n) => n.key)), new Set(slice.edges.map((e) => e.key)), result);
  const fresh = new Set<string>();
  for (const node of slice.nodes) {
    if (graph.hasNode(node.key)) {
      const label = labelFor(node.key, node.kind, node.name);
      const attributes = graph.getNodeAttributes(node.key);
      if (attributes.label !== label || attributes.kind !== node.kind) {
        graph.mergeNodeAttributes(node.key, { label, kind: node.kind, color: colorOfKind(node.kind) });
        result.updated.push(node.key);
      }
    } else {
      addNode(graph, node.key, node.kind, node.name, scope, 0);
      fresh.add(node.key);
      result.added.push(node.key);
    }
  }
  for (const edge of slice.edges) {
    if (graph.hasEdge(edge.key) || !graph.hasNode(edge.from) || !graph.hasNode(edge.to)) continue;
    graph.addDirectedEdgeWithKey(edge.key, edge.from, edge.to, edgeAttributes(edge.type));
    result.edgesAdded.push(edge.key);
  }
  if (scope.mode === 'neighbourhood') assignDepths(graph, [scope.focus]);
  if (scope.mode === 'impact') assignDepths(graph, scope.keys, 'IN');
  placeNearNeighbours(graph, fresh, options.random ?? Math.random);
  return result;
}

/**
 * Distances from the start nodes, as the query counts them: ignoring direction for a
 * neighbourhood, along incoming edges (dependents) for an impact.
 */
function assignDepths(graph: PictureGraph, starts: readonly string[], direction?: 'IN'): void {
  const present = starts.filter((key) => graph.hasNode(key));
  const seen = new Set(present);
  let frontier = present;
  for (const key of present) graph.setNodeAttribute(key, 'depth', 0);
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const key of frontier)
      for (const neighbour of direction === 'IN' ? graph.inNeighbors(key) : graph.neighbors(key)) {
        if (seen.has(neighbour)) continue;
        seen.add(neighbour);
        graph.setNodeAttribute(neighbour, 'depth', depth);
        next.push(neighbour);
      }
    frontier = next;
  }
}

/**
 * Gives each fresh node a position: the centre of its already placed neighbours plus a little
 * jitter, or a free spot at the edge of the picture when it has none. Fresh nodes linked only
 * to fresh nodes are placed after those, in passes.
 */
export function placeNearNeighbours(
  graph: PictureGraph,
  fresh: ReadonlySet<string>,
  random: () => number,
): void {
  if (fresh.size === 0) return;
  const pending = new Set([...fresh].filter((key) => graph.hasNode(key)));
  const placed = (key: string) => !pending.has(key);
  const extent = extentOf(graph, pending);
  const near = spread(graph, pending);
  while (pending.size > 0) {
    let progressed = false;
    for (const key of [...pending]) {
      const anchors = graph.neighbors(key).filter((n) => n !== key && placed(n));
      if (anchors.length === 0) continue;
      let x = 0;
      let y = 0;
      for (const anchor of anchors) {
        x += graph.getNodeAttribute(anchor, 'x');
        y += graph.getNodeAttribute(anchor, 'y');
      }
      const angle = random() * 2 * Math.PI;
      // A new leaf of one node goes where that node's other neighbours are, not onto it.
      const distance =
        (anchors.length === 1 ? typicalReach(graph, anchors[0]!, pending) : near) * (0.8 + random() * 0.4);
      graph.mergeNodeAttributes(key, {
        x: x / anchors.length + Math.cos(angle) * distance,
        y: y / anchors.length + Math.sin(angle) * distance,
      });
      pending.delete(key);
      progressed = true;
    }
    if (progressed) continue;
    // Nothing placed links to what is left: put one at the rim, then go on from it.
    const [key] = pending as Set<string>;
    const angle = random() * 2 * Math.PI;
    graph.mergeNodeAttributes(key!, {
      x: extent.x + Math.cos(angle) * (extent.radius + near),
      y: extent.y + Math.sin(angle) * (extent.radius + near),
    });
    pending.delete(key!);
  }
}

/** How far a node's placed neighbours are from it, on average (the spread when it has none). */
function typicalReach(graph: PictureGraph, key: string, pending: ReadonlySet<string>): number {
  const { x, y } = graph.getNodeAttributes(key);
  let total = 0;
  let count = 0;
  for (const neighbour of graph.neighbors(key)) {
    if (pending.has(neighbour) || neighbour === key) continue;
    const at = graph.getNodeAttributes(neighbour);
    total += Math.hypot(at.x - x, at.y - y);
    count++;
  }
  return count > 0 ? total / count : spread(graph, pending);
}

function spread(graph: PictureGraph, pending: ReadonlySet<string>): number {
  return Math.max(extentOf(graph, pending).radius * 0.12, 1);
}

/** Centre and radius of the placed nodes (a unit circle around 0,0 when there are none). */
function extentOf(
  graph: PictureGraph,
  pending: ReadonlySet<string>,
): { x: number; y: number; radius: number } {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  graph.forEachNode((key, attributes) => {
    if (pending.has(key)) return;
    minX = Math.min(minX, attributes.x);
    maxX = Math.max(maxX, attributes.x);
    minY = Math.min(minY, attributes.y);
    maxY = Math.max(maxY, attributes.y);
  });
  if (minX === Number.POSITIVE_INFINITY) return { x: 0, y: 0, radius: 1 };
  const radius = Math.max(Math.hypot(maxX - minX, maxY - minY) / 2, 1);
  return { x: (minX + maxX) / 2, y: (minY + maxY) / 2, radius };
}

function addNode(
  graph: PictureGraph,
  key: string,
  kind: string,
  name: string | undefined,
  scope: SliceScope,
  depth: number,
): void {
  const focus = isStart(key, scope);
  graph.addNode(key, {
    x: 0,
    y: 0,
    size: sizeOfKind(kind, focus),
    color: colorOfKind(kind),
    label: labelFor(key, kind, name),
    kind,
    ...(scope.mode !== 'imports' ? { depth: focus ? 0 : depth } : {}),
  });
}

/** The focus of a neighbourhood, or a node whose impact is drawn. */
function isStart(key: string, scope: SliceScope): boolean {
  if (scope.mode === 'neighbourhood') return key === scope.focus;
  return scope.mode === 'impact' && scope.keys.includes(key);
}

function edgeAttributes(relation: string): EdgeAttributes {
  return { size: relation === 'CONTAINS' ? 1 : 1.5, color: EDGE_COLOR, relation };
}

/** Whether an added node enters the picture without an edge bringing it in. */
function entersByItself(key: string, kind: string, scope: SliceScope): boolean {
  if (scope.mode !== 'imports') return isStart(key, scope);
  return kind === 'FILE' && key.startsWith(scope.pathPrefix ?? '');
}

function edgeBelongs(type: string, scope: SliceScope): boolean {
  if (scope.mode === 'imports') return type === 'IMPORTS';
  if (scope.mode === 'impact') return scope.edgeTypes?.includes(type) ?? false;
  return !scope.edgeTypes || scope.edgeTypes.length === 0 || scope.edgeTypes.includes(type);
}

function endsOf(change: GraphChange): { from: string; to: string } | undefined {
  if (change.from && change.to) return { from: change.from, to: change.to };
  const parsed = parseEdgeKey(change.key);
  return parsed ? { from: parsed.from, to: parsed.to } : undefined;
}

/** For a node that enters through an edge without its kind announced. */
function guessKind(key: string): string {
  if (isExternalKey(key)) return 'EXTERNAL_MODULE';
  return isSymbolKey(key) ? 'SYMBOL' : 'FILE';
}

/** Short labels: a file's last segment, a symbol's qualified name (the key shows on hover). */
function labelFor(key: string, kind: string, name: string | undefined): string {
  if (kind === 'FILE') return key.slice(key.lastIndexOf('/') + 1);
  return labelOfKey(key) || name || key;
}

function nameOf(properties: unknown): string | undefined {
  if (typeof properties !== 'object' || properties === null) return undefined;
  const name = (properties as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

function pushOnce(list: string[], key: string): void {
  if (!list.includes(key)) list.push(key);
}

function remove(list: string[], key: string): void {
  const index = list.indexOf(key);
  if (index !== -1) list.splice(index, 1);
}
