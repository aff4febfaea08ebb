/**
 * The graph picture's data: a graphology graph loaded from a bounded slice (`importGraph` or
 * `neighbourhood`) and kept current in place from the live revisions, with the recent changes
 * and which nodes should flash.
 *
 * The slices select little on purpose: the API weighs a slice by its limit, and an edge's key
 * (`TYPE:from->to`) already says all the picture needs of it.
 *
 * Revisions that arrive while the slice is being (re)loaded are kept and applied on top of it
 * once it lands: the slice may predate them, and applying changes is idempotent if it does not.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type Client, type CombinedError, useClient } from 'urql';
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
import { parseEdgeKey } from './live/keys.ts';
import type { RevisionEvent } from './live/revision.ts';
import { createThrottle } from './live/throttle.ts';
import { useLive, useRevisions } from './useLive.ts';

const ImportGraphQuery = graphql(`
  query ImportGraphSlice($pathPrefix: String, $limit: Int) {
    importGraph(pathPrefix: $pathPrefix, limit: $limit) {
      truncated
      nodes {
        key
        kind
      }
      edges {
        key
      }
    }
  }
`);

// A missing focus would be a NOT_FOUND error (an HTTP 404): ask whether it exists first.
const FocusQuery = graphql(`
  query PictureFocus($key: String!) {
    codeNode(key: $key) {
      key
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
      }
      edges {
        key
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
  /** The focus of a neighbourhood is not in the graph. */
  readonly missing: boolean;
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
  const [status, setStatus] = useState<{
    loading: boolean;
    error?: CombinedError;
    missing?: boolean;
    truncated: boolean;
  }>({
    loading: true,
    truncated: false,
  });
  const [recent, setRecent] = useState<readonly RecentChange[]>([]);
  const [version, setVersion] = useState(0);
  const [skipped, setSkipped] = useState(0);
  const flashes = useRef(new Map<string, Flash>());
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  const loading = useRef(false);
  /** The last load failed or found no focus: the graph does not follow the server. */
  const stale = useRef(false);
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
    const outcome = await fetchSlice(client, scope);
    if (token !== loadToken.current) return;
    loading.current = false;
    if ('error' in outcome) {
      stale.current = true;
      setStatus((s) => ({ ...s, loading: false, error: outcome.error }));
      return;
    }
    if ('missing' in outcome) {
      // Not in the graph (removed, or a restarted server still analyzing): nothing to draw until it is.
      stale.current = true;
      graph.clear();
      buffered.current = [];
      setStatus({ loading: false, missing: true, truncated: false });
      bump();
      return;
    }
    stale.current = false;
    const { slice } = outcome;
    const first = graph.order === 0;
    const diff = reconcileSlice(graph, slice, scope);
    if (first) layoutPicture(graph, scope.mode === 'neighbourhood' ? scope.focus : undefined);
    else if (diff.added.length + diff.removed.length + diff.updated.length > 0) note(diff, 0);
    const pending = buffered.current;
    buffered.current = [];
    for (const event of pending) apply(event);
    setSkipped(0);
    setStatus({ loading: false, truncated: slice.truncated });
    bump();
  }, [client, graph, scope, apply, note, bump]);

  // After a failed or empty load, revisions bring the slice back by reloading it, not by diffs.
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useMemo(() => createThrottle(() => void loadRef.current(), 500), []);
  useEffect(() => () => reload.cancel(), [reload]);

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
    else if (stale.current) reload.call();
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
    missing: status.missing ?? false,
    truncated: status.truncated,
    skipped,
    recent,
    flashes: flashes.current,
    version,
  };
}

type SliceOutcome = { slice: SliceData } | { missing: true } | { error: CombinedError | undefined };

async function fetchSlice(client: Client, scope: SliceScope): Promise<SliceOutcome> {
  const options = { requestPolicy: 'network-only' } as const;
  let data: { truncated: boolean; nodes: SliceData['nodes']; edges: readonly { key: string }[] };
  if (scope.mode === 'imports') {
    const result = await client
      .query(ImportGraphQuery, { pathPrefix: scope.pathPrefix || null, limit: scope.limit }, options)
      .toPromise();
    if (!result.data) return { error: result.error };
    data = result.data.importGraph;
  } else {
    const focus = await client.query(FocusQuery, { key: scope.focus }, options).toPromise();
    if (!focus.data) return { error: focus.error };
    if (!focus.data.codeNode) return { missing: true };
    const types = scope.edgeTypes && scope.edgeTypes.length > 0 ? (scope.edgeTypes as EdgeType[]) : null;
    const result = await client
      .query(NeighbourhoodQuery, { key: scope.focus, depth: scope.depth, limit: scope.limit, types }, options)
      .toPromise();
    if (!result.data) return { error: result.error };
    data = result.data.neighbourhood;
  }
  return {
    slice: {
      truncated: data.truncated,
      nodes: data.nodes,
      edges: data.edges.flatMap((e) => {
        const parsed = parseEdgeKey(e.key);
        return parsed ? [{ key: e.key, ...parsed }] : [];
      }),
    },
  };
}
