/**
 * Layout off the main thread: ForceAtlas2 in its web worker (graphology-layout-forceatlas2's
 * `worker` entry), which writes positions back into the graph as it iterates — sigma redraws
 * from them — and is stopped once the picture has settled.
 */
import { circular } from 'graphology-layout';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import type { PictureGraph } from './graph-diff.ts';

/**
 * How often movement is measured (and positions reach the drawn graph), and below which share
 * of the picture's size the nodes' moves (see {@link typicalMove}) count as still. ForceAtlas2
 * never quite stops on dense graphs (nodes keep trembling by about 1 % of the picture per check
 * on effect's folders), so still means below that.
 */
const CHECK_MS = 250;
const STILL = 0.01;
/** Checks in a row that must be still. */
const STILL_CHECKS = 3;

export interface RunningLayout {
  /** Stops the worker (at once; `onSettled` is not called). */
  stop(): void;
}

/** Places every node on a circle (a focus at its centre): where a first layout starts from. */
export function seedPositions(graph: PictureGraph, focus?: string): void {
  circular.assign(graph, { scale: 100 });
  if (focus && graph.hasNode(focus)) graph.mergeNodeAttributes(focus, { x: 0, y: 0 });
}

/**
 * Runs ForceAtlas2 in a worker from the current positions until nodes move less than a small
 * share of the picture's size for a few checks in a row, or `maxMs` (10 s) passed; then stops the
 * worker and calls `onSettled`.
 *
 * @remarks
 * The worker lays out a copy of the graph, and its positions are copied into the drawn graph
 * at each check, not at each iteration: sigma then draws a few frames a second instead of one
 * per iteration, which keeps the main thread free where drawing is slow (software WebGL). A
 * node or edge added to or dropped from the drawn graph meanwhile restarts the worker on a
 * fresh copy.
 */
export function startLayout(
  graph: PictureGraph,
  options: { readonly onSettled: () => void; readonly maxMs?: number },
): RunningLayout {
  if (graph.order < 3) {
    options.onSettled();
    return { stop() {} };
  }
  const started = performance.now();
  let shadow = graph.copy();
  let layout = spawn(shadow);
  let previous = positionsOf(graph);
  let still = 0;
  let moving = false;
  let done = false;
  // A change set adds nodes and edges one by one: restart once, after all of them.
  let restarting: ReturnType<typeof setTimeout> | undefined;
  const restart = () => {
    restarting ??= setTimeout(() => {
      restarting = undefined;
      layout.kill();
      shadow = graph.copy();
      layout = spawn(shadow);
    }, 0);
  };
  const events = ['nodeAdded', 'nodeDropped', 'edgeAdded', 'edgeDropped'] as const;
  for (const event of events) graph.on(event, restart);
  const finish = (settled: boolean) => {
    if (done) return;
    done = true;
    clearInterval(timer);
    clearTimeout(restarting);
    for (const event of events) graph.off(event, restart);
    layout.kill();
    if (settled) options.onSettled();
  };
  const timer = setInterval(() => {
    graph.updateEachNodeAttributes((key, attributes) => {
      if (!shadow.hasNode(key)) return attributes;
      const at = shadow.getNodeAttributes(key);
      attributes.x = at.x;
      attributes.y = at.y;
      return attributes;
    });
    const current = positionsOf(graph);
    const share = typicalMove(previous, current) / extentOf(current);
    previous = current;
    // Nothing moves until the worker's first iterations arrive: stillness counts after that.
    if (share > 0) moving = true;
    still = moving && share < STILL ? still + 1 : 0;
    if (still >= STILL_CHECKS || performance.now() - started > (options.maxMs ?? 10_000)) finish(true);
  }, CHECK_MS);
  return { stop: () => finish(false) };
}

function spawn(graph: PictureGraph): FA2Layout {
  const layout = new FA2Layout(graph, {
    settings: {
      ...forceAtlas2.inferSettings(graph),
      barnesHutOptimize: graph.order > 150,
      edgeWeightInfluence: 0.5,
      slowDown: 10 * (1 + Math.log(graph.order)),
    },
    getEdgeWeight: 'weight',
  });
  layout.start();
  return layout;
}

function positionsOf(graph: PictureGraph): Map<string, [number, number]> {
  const positions = new Map<string, [number, number]>();
  graph.forEachNode((key, attributes) => {
    positions.set(key, [attributes.x, attributes.y]);
  });
  return positions;
}

/**
 * How far nodes moved, the drift of the whole picture taken out (ForceAtlas2 lets it wander,
 * and sigma re-centres it anyway): the 90th percentile of the nodes' moves, so that a few
 * nodes still swinging do not keep a settled picture running, nor a calm majority hide a
 * picture still unfolding.
 */
function typicalMove(
  before: ReadonlyMap<string, [number, number]>,
  after: ReadonlyMap<string, [number, number]>,
): number {
  let dx = 0;
  let dy = 0;
  let count = 0;
  for (const [key, [x, y]] of after) {
    const was = before.get(key);
    if (!was) continue;
    dx += x - was[0];
    dy += y - was[1];
    count += 1;
  }
  if (count === 0) return Number.POSITIVE_INFINITY;
  dx /= count;
  dy /= count;
  const moves: number[] = [];
  for (const [key, [x, y]] of after) {
    const was = before.get(key);
    if (was) moves.push(Math.hypot(x - was[0] - dx, y - was[1] - dy));
  }
  moves.sort((a, b) => a - b);
  return moves[Math.floor(moves.length * 0.9)]!;
}

function extentOf(positions: ReadonlyMap<string, [number, number]>): number {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const [x, y] of positions.values()) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  return Math.max(Math.hypot(maxX - minX, maxY - minY), 1);
}
