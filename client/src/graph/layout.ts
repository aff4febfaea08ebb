/** The one full layout of a picture, when it is first drawn; later changes only place new nodes. */
import { circular } from 'graphology-layout';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { PictureGraph } from './graph-diff.ts';

export function layoutPicture(graph: PictureGraph, focus?: string): void {
  if (graph.order === 0) return;
  circular.assign(graph, { scale: 100 });
  if (focus && graph.hasNode(focus)) graph.mergeNodeAttributes(focus, { x: 0, y: 0 });
  if (graph.order < 3) return;
  forceAtlas2.assign(graph, {
    // A few hundred nodes at most (the slices are bounded): synchronous iterations take milliseconds.
    iterations: graph.order > 200 ? 60 : 150,
    settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 200 },
  });
}
