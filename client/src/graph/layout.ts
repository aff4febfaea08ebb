/**
 * Layout off the main thread: ForceAtlas2 in its web worker (graphology-layout-forceatlas2's
 * `worker` entry), which writes positions back into the graph as it iterates — sigma redraws
 * from them — and is stopped once the picture has settled.
 */
import { circular } from 'graphology-layout';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import type { PictureGraph } from './graph-diff.ts';

/** How often movement is measured, and below which share of the picture's size a node's average move counts as still. */
const CHECK_MS = 250;
const STILL = 0.0015;
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
 * share of the picture's size for a few checks in a row, or `maxMs` passed; then stops the
 * worker and calls `onSettled`.
 */
export function startLayout(
  graph: PictureGraph,
  options: { readonly onSettled: () => void; readonly maxMs?: number },
): RunningLayout {
  if (graph.order < 3) {
    options.onSettled();
    return { stop() {} };
  }
  const layout = new FA2Layout(graph, {
    settings: {
      ...forceAtlas2.inferSettings(graph),
      barnesHutOptimize: graph.order > 150,
      edgeWeightInfluence: 1,
    },
    getEdgeWeight: 'weight',
  });
  layout.start();
  const started = performance.now();
  let previous = positionsOf(graph);
  let still = 0;
  let moving = false;
  let done = false;
  const finish = (settled: boolean) => {
    if (done) return;
    done = true;
    clearInterval(timer);
    layout.kill();
    if (settled) options.onSettled();
  };
  const timer = setInterval(() => {
    const current = positionsOf(graph);
    const share = averageMove(previous, current) / extentOf(current);
    previous = current;
    // Nothing moves until the worker's first iterations arrive: stillness counts after that.
    if (share > 0) moving = true;
    still = moving && share < STILL ? still + 1 : 0;
    if (still >= STILL_CHECKS || performance.now() - started > (options.maxMs ?? 15_000)) finish(true);
  }, CHECK_MS);
  return { stop: () => finish(false) };
}

function positionsOf(graph: PictureGraph): Map<string, [number, number]> {
  const positions = new Map<string, [number, number]>();
  graph.forEachNode((key, attributes) => {
    positions.set(key, [attributes.x, attributes.y]);
  });
  return positions;
}

function averageMove(
  before: ReadonlyMap<string, [number, number]>,
  after: ReadonlyMap<string, [number, number]>,
): number {
  let total = 0;
  let count = 0;
  for (const [key, [x, y]] of after) {
    const was = before.get(key);
    if (!was) continue;
    total += Math.hypot(x - was[0], y - was[1]);
    count += 1;
  }
  return count === 0 ? Number.POSITIVE_INFINITY : total / count;
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
