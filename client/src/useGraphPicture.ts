/**
 * The graph picture's data: a graphology graph loaded from a bounded slice (`importGraph` or
 * `neighbourhood`) and kept current in place from the live revisions, with the recent changes
 * and which nodes should flash.
 *
 * Revisions that arrive while the slice is being (re)loaded are kept and applied on top of it
 * once it lands: the slice may predate them, and applying changes is idempotent if it does not.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type CombinedError, useClient } from 'urql';
import type { EdgeType } from './gql/graphql.ts';
import { graphql } from './gql/index.ts';
import {
  applyGraphChanges,
  createPictureGraph,
  type DiffResult,
  type PictureGraph,
  reconcileSlice,
  type SliceData,
  type SliceScope,
} from './graph/graph-diff.ts';
import { layoutPicture } from './graph/layout.ts';
import type { RevisionEvent } from './live/revision.ts';
import { useLive, useRevisions } from './useLive.ts';

const ImportGraphQuery = graphql(`
  query ImportGraphSlice($pathPrefix: String, $limit: Int) {
    importGraph(pathPrefix: $pathPrefix, limit: $limit) {
      truncated
      nodes {
        key
        kind
        name
      }
      edges {
        key
        type
        from {
          key
        }
        to {
          key
        }
      }
    }
  }
`);

const NeighbourhoodQuery = graphql(`
  query NeighbourhoodSlice($key: String!, $depth: Int, $limit: Int, $types: [EdgeType!]) {
    neighbourhood(key: $key, depth: $depth, limit: $limit, types: $types) {
      truncated
      nodes {
        key
        kind
        name
      }
      edges {
        key
        type
        from {
          key
        }
        to {
          key
        }
      }
    }
  }
`);

export interface RecentChange {
  readonly id: number;
  readonly key: string;
  readonly op: 'added' | 'updated' | 'removed';
  readonly label: string;
  readonly revision: number;
}

export type Flash = 'added' | 'updated';

export interface GraphPicture {
  readonly graph: PictureGraph;
  readonly loading: boolean;
  readonly error: CombinedError | undefined;
  readonly truncated: boolean;
  /** Nodes left out by the limit since the last load. */
  readonly skipped: number;
  readonly recent: readonly RecentChange[];
  /** Nodes to highlight for a moment; read by the renderer. */
  readonly flashes: ReadonlyMap<string, Flash>;
  /** Bumps whenever the graph or the flashes change: the renderer refreshes. */
  readonly version: number;
}

const FLASH_MS = 2500;
const RECENT_MAX = 40;

export function useGraphPicture(scope: SliceScope): GraphPicture {
  const client = useClient();
  const graph = useMemo(() => createPictureGraph(), []);
  const epoch = useLive((s) => s.epoch);
  const reconnects = useLive((s) => s.reconnects);
  const [status, setStatus] = useState<{ loading: boolean; error?: CombinedError; truncated: boolean }>({
    loading: true,
    truncated: false,
  });
  const [recent, setRecent] = useState<readonly RecentChange[]>([]);
  const [version, setVersion] = useState(0);
  const [skipped, setSkipped] = useState(0);
  const flashes = useRef(new Map<string, Flash>());
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  const loading = useRef(false);
  const buffered = useRef<RevisionEvent[]>([]);
  const loadToken = useRef(0);
  const nextId = useRef(1);

  const bump = useCallback(() => setVersion((v) => v + 1), []);

  const note = useCallback(
    (result: DiffResult, revision: number) => {
      const items: RecentChange[] = [];
      const label = (key: string) => (graph.hasNode(key) ? graph.getNodeAttribute(key, 'label') : key);
      for (const key of result.added)
        items.push({ id: nextId.current++, key, op: 'added', label: label(key), revision });
      for (const key of result.updated)
        items.push({ id: nextId.current++, key, op: 'updated', label: label(key), revision });
      for (const key of result.removed)
        items.push({ id: nextId.current++, key, op: 'removed', label: label(key), revision });
      if (items.length > 0) setRecent((list) => [...items.reverse(), ...list].slice(0, RECENT_MAX));
      if (result.skipped > 0) setSkipped((n) => n + result.skipped);
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

  const apply = useCallback(
    (event: RevisionEvent) => note(applyGraphChanges(graph, event.changes, scope), event.revision),
    [graph, scope, note],
  );

  const load = useCallback(async () => {
    const token = ++loadToken.current;
    loading.current = true;
    setStatus((s) => ({ ...s, loading: true }));
    const result =
      scope.mode === 'imports'
        ? await client
            .query(
              ImportGraphQuery,
              { pathPrefix: scope.pathPrefix || null, limit: scope.limit },
              { requestPolicy: 'network-only' },
            )
            .toPromise()
        : await client
            .query(
              NeighbourhoodQuery,
              {
                key: scope.focus,
                depth: scope.depth,
                limit: scope.limit,
                types: scope.edgeTypes && scope.edgeTypes.length > 0 ? (scope.edgeTypes as EdgeType[]) : null,
              },
              { requestPolicy: 'network-only' },
            )
            .toPromise();
    if (token !== loadToken.current) return;
    loading.current = false;
    const data = result.data
      ? 'importGraph' in result.data
        ? result.data.importGraph
        : result.data.neighbourhood
      : undefined;
    if (!data) {
      setStatus((s) => ({ ...s, loading: false, error: result.error }));
      return;
    }
    const slice: SliceData = {
      truncated: data.truncated,
      nodes: data.nodes,
      edges: data.edges.map((e) => ({ key: e.key, type: e.type, from: e.from.key, to: e.to.key })),
    };
    const first = graph.order === 0;
    const diff = reconcileSlice(graph, slice, scope);
    if (first) layoutPicture(graph, scope.mode === 'neighbourhood' ? scope.focus : undefined);
    else if (diff.added.length + diff.removed.length + diff.updated.length > 0) note(diff, 0);
    const pending = buffered.current;
    buffered.current = [];
    for (const event of pending) apply(event);
    setSkipped(0);
    setStatus({ loading: false, truncated: data.truncated });
    bump();
  }, [client, graph, scope, apply, note, bump]);

  // The first load, and a full reload after every re-query of the stream (positions are kept).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the epoch is the trigger, not an input.
  useEffect(() => {
    void load();
  }, [load, epoch]);

  const failed = status.error !== undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a reconnect is the trigger, not an input.
  useEffect(() => {
    if (failed) void load();
  }, [reconnects]);

  useRevisions((event) => {
    if (loading.current) buffered.current.push(event);
    else apply(event);
  });

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending) clearTimeout(timer);
    };
  }, []);

  return {
    graph,
    loading: status.loading,
    error: status.error,
    truncated: status.truncated,
    skipped,
    recent,
    flashes: flashes.current,
    version,
  };
}
