/**
 * What changed in a picture, for people to see: the recent changes (newest first) and which
 * nodes flash for a moment. `version` bumps whenever the graph or the flashes change, so the
 * renderer refreshes.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DiffResult, PictureGraph } from './graph/graph-diff.ts';

export interface RecentChange {
  readonly id: number;
  readonly key: string;
  readonly op: 'added' | 'updated' | 'removed';
  readonly label: string;
  readonly revision: number;
}

export type Flash = 'added' | 'updated';

const FLASH_MS = 2500;
const RECENT_MAX = 40;

export interface PictureChanges {
  readonly recent: readonly RecentChange[];
  /** Nodes to highlight for a moment; read by the renderer. */
  readonly flashes: ReadonlyMap<string, Flash>;
  readonly version: number;
  /** Asks the renderer to refresh. */
  bump(): void;
  /** Lists a diff's nodes as recent changes of `revision` (0: a reload) and flashes the added and updated. */
  note(result: Pick<DiffResult, 'added' | 'updated' | 'removed'>, revision: number): void;
}

export function usePictureChanges(graph: PictureGraph): PictureChanges {
  const [recent, setRecent] = useState<readonly RecentChange[]>([]);
  const [version, setVersion] = useState(0);
  const flashes = useRef(new Map<string, Flash>());
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  const nextId = useRef(1);

  const bump = useCallback(() => setVersion((v) => v + 1), []);

  const note = useCallback(
    (result: Pick<DiffResult, 'added' | 'updated' | 'removed'>, revision: number) => {
      const items: RecentChange[] = [];
      const label = (key: string) => (graph.hasNode(key) ? graph.getNodeAttribute(key, 'label') : key);
      for (const key of result.added)
        items.push({ id: nextId.current++, key, op: 'added', label: label(key), revision });
      for (const key of result.updated)
        items.push({ id: nextId.current++, key, op: 'updated', label: label(key), revision });
      for (const key of result.removed)
        items.push({ id: nextId.current++, key, op: 'removed', label: label(key), revision });
      if (items.length > 0) setRecent((list) => [...items.reverse(), ...list].slice(0, RECENT_MAX));
      const flashing = [
        ...result.added.map((key) => [key, 'added'] as const),
        ...result.updated.map((key) => [key, 'updated'] as const),
      ];
      for (const [key, flash] of flashing) flashes.current.set(key, flash);
      if (flashing.length > 0) {
        const timer = setTimeout(() => {
          timers.current.delete(timer);
          for (const [key, flash] of flashing)
            if (flashes.current.get(key) === flash) flashes.current.delete(key);
          bump();
        }, FLASH_MS);
        timers.current.add(timer);
      }
      bump();
    },
    [graph, bump],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending) clearTimeout(timer);
    };
  }, []);

  return { recent, flashes: flashes.current, version, bump, note };
}
