/**
 * The sigma.js renderer of a picture graph. Sigma follows the graph's own events, so nodes and
 * edges added or dropped by the diff appear and vanish by themselves; `version` only asks for
 * a refresh when the flashes (read by the node reducer) change.
 */
import { useEffect, useRef, useState } from 'react';
import Sigma from 'sigma';
import type { EdgeAttributes, NodeAttributes, PictureGraph } from '../graph/graph-diff.ts';
import { FLASH_ADDED, FLASH_UPDATED } from '../graph/palette.ts';
import type { Flash } from '../useGraphPicture.ts';
import { describeError } from './ErrorMessage.tsx';

const DIMMED = '#e1e4e8';

export function SigmaCanvas({
  graph,
  flashes,
  version,
  onClickNode,
}: {
  graph: PictureGraph;
  flashes: ReadonlyMap<string, Flash>;
  version: number;
  onClickNode?: (key: string) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const sigma = useRef<Sigma<NodeAttributes, EdgeAttributes> | undefined>(undefined);
  const hovered = useRef<string | undefined>(undefined);
  const clickRef = useRef(onClickNode);
  clickRef.current = onClickNode;
  const [failure, setFailure] = useState<string | undefined>();

  useEffect(() => {
    if (!container.current) return;
    let renderer: Sigma<NodeAttributes, EdgeAttributes>;
    try {
      renderer = new Sigma<NodeAttributes, EdgeAttributes>(graph, container.current, {
        defaultEdgeType: 'arrow',
        renderEdgeLabels: false,
        labelFont: 'system-ui, -apple-system, "Segoe UI", sans-serif',
        labelSize: 12,
        labelColor: { color: '#24292f' },
        labelRenderedSizeThreshold: 5,
        // Slightly denser labels than sigma's default: slices are small, and names are what people read.
        labelDensity: 1,
        labelGridCellSize: 80,
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
          const focus = hovered.current;
          if (focus && focus !== node && !graph.areNeighbors(focus, node))
            return { ...data, color: DIMMED, label: '', zIndex: 0 };
          if (focus === node) return { ...data, highlighted: true, zIndex: 1 };
          return data;
        },
        edgeReducer: (edge, data) => {
          const focus = hovered.current;
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
  }, [version]);

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
