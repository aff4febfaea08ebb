/** A picture's worker layout as React state: `running` until it settles, restartable. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PictureGraph } from './graph/graph-diff.ts';
import { type RunningLayout, seedPositions, startLayout } from './graph/layout.ts';

export type LayoutState = 'idle' | 'running' | 'settled';

export interface PictureLayout {
  readonly state: LayoutState;
  /** (Re)starts the layout from the current positions; `seed` first spreads every node on a circle. */
  run(options?: { readonly seed?: boolean; readonly focus?: string }): void;
}

export function useLayout(graph: PictureGraph): PictureLayout {
  const [state, setState] = useState<LayoutState>('idle');
  const running = useRef<RunningLayout | undefined>(undefined);
  const run = useCallback(
    (options: { readonly seed?: boolean; readonly focus?: string } = {}) => {
      running.current?.stop();
      if (options.seed) seedPositions(graph, options.focus);
      setState('running');
      running.current = startLayout(graph, {
        onSettled: () => {
          running.current = undefined;
          setState('settled');
        },
      });
    },
    [graph],
  );
  useEffect(() => () => running.current?.stop(), []);
  return { state, run };
}
