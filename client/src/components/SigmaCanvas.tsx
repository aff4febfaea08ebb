/**
 * The sigma.js renderer of a picture graph. Sigma follows the graph's own events, so nodes and
 * edges added or dropped by the diff (or moved by the layout worker) appear, vanish and move by
 * themselves; `version` only asks for a refresh when the flashes or the selection (read by the
 * node reducer) change. Labels are short; a hovered node shows its key (the full path).
 */
import { useEffect, useRef, useState } from 'react';
import Sigma from 'sigma';
import type { EdgeAttributes, NodeAttributes, PictureGraph } from '../graph/graph-diff.ts';
import { FLASH_ADDED, FLASH_UPDATED } from '../graph/palette.ts';
import type { Flash } from '../usePictureChanges.ts';
import { describeError } from './ErrorMessage.tsx';

const DIMMED = '#e1e4e8';

export function SigmaCanvas({
  graph,
  flashes,
  version,
  selected,
  moving = false,
  onClickNode,
}: {
  graph: PictureGraph;
  flashes: ReadonlyMap<string, Flash>;
  version: number;
  /** A node to single out (the side panel shows it). */
  selected?: string;
  /**
   * The layout is moving the nodes: edges and labels are not drawn meanwhile — thousands of
   * edges redrawn a few times a second hold the main thread for hundreds of milliseconds in
   * software WebGL.
   */
  moving?: boolean;
  onClickNode?: (key: string) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const sigma = useRef<Sigma<NodeAttributes, EdgeAttributes> | undefined>(undefined);
  const hovered = useRef<string | undefined>(undefined);
  const clickRef = useRef(onClickNode);
  clickRef.current = onClickNode;
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const movingRef = useRef(moving);
  movingRef.current = moving;
  const [failure, setFailure] = useState<string | undefined>();

  useEffect(() => {
    if (!container.current) return;
    let renderer: Sigma<NodeAttributes, EdgeAttributes>;
    // A hovered node may leave the graph under the pointer (a folder opened by its click).
    const hoveredNode = () => {
      if (hovered.current !== undefined && !graph.hasNode(hovered.current)) hovered.current = undefined;
      return hovered.current;
    };
    try {
      renderer = new Sigma<NodeAttributes, EdgeAttributes>(graph, container.current, {
        defaultEdgeType: 'arrow',
        renderEdgeLabels: false,
        labelFont: 'system-ui, -apple-system, "Segoe UI", sans-serif',
        labelSize: 12,
        labelColor: { color: '#24292f' },
        // Sigma keeps the labels of the largest nodes in each grid cell: labels never pile up,
        // and zooming in shows more of them.
        labelRenderedSizeThreshold: 3,
        labelDensity: 0.8,
        labelGridCellSize: 110,
        zIndex: true,
        allowInvalidContainer: true,
        nodeReducer: (node, data) => {
          const flash = flashes.get(node);
          if (flash)
            return {
              ...data,
              color: flash === 'added' ? FLASH_ADDED : FLASH_UPDATED,
              size: data.size * 1.7,
              forceLabel: true,
              highlighted: true,
              zIndex: 2,
            };
          const focus = hoveredNode();
          if (focus && focus !== node && !graph.areNeighbors(focus, node))
            return { ...data, color: DIMMED, label: '', zIndex: 0 };
          // The hovered node's label is its full key.
          if (focus === node) return { ...data, label: node, highlighted: true, forceLabel: true, zIndex: 3 };
          if (selectedRef.current === node)
            return { ...data, highlighted: true, forceLabel: true, zIndex: 2 };
          return data;
        },
        edgeReducer: (edge, data) => {
          if (movingRef.current) return { ...data, hidden: true };
          const focus = hoveredNode();
          if (focus && !graph.hasExtremity(edge, focus)) return { ...data, hidden: true };
          if (focus) return { ...data, color: '#8c959f', size: 2 };
          return data;
        },
      });
    } catch (error) {
      setFailure(describeError(error as Error));
      return;
    }
    renderer.on('clickNode', ({ node }) => clickRef.current?.(node));
    renderer.on('enterNode', ({ node }) => {
      hovered.current = node;
      if (container.current) container.current.style.cursor = 'pointer';
      renderer.refresh({ skipIndexation: true });
    });
    renderer.on('leaveNode', () => {
      hovered.current = undefined;
      if (container.current) container.current.style.cursor = '';
      renderer.refresh({ skipIndexation: true });
    });
    sigma.current = renderer;
    return () => {
      renderer.kill();
      sigma.current = undefined;
    };
  }, [graph, flashes]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the version is the trigger of the refresh.
  useEffect(() => {
    sigma.current?.refresh();
  }, [version, selected]);

  useEffect(() => {
    // Also refreshes: the edge reducer reads `moving` too.
    sigma.current?.setSetting('renderLabels', !moving);
  }, [moving]);

  return (
    <div className="sigma-wrap">
      <div ref={container} className="sigma-container" data-testid="graph-canvas" />
      {failure ? (
        <div className="error sigma-failure" role="alert">
          <strong>The picture cannot be drawn</strong>
          <span>{failure} (sigma.js needs WebGL.) The list beside it still follows the graph.</span>
        </div>
      ) : null}
    </div>
  );
}
