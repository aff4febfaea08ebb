/**
 * The graph picture's data: a graphology graph loaded from a bounded slice (`importGraph`,
 * `neighbourhood` or `impactGraph`) and kept current in place from the live revisions, with the
 * recent changes, which nodes should flash, and its layout (in a web worker).
 *
 * The slices select little on purpose: the API weighs a slice by its limit, and an edge's key
 * (`TYPE:from->to`) already says all the picture needs of it.
 *
 * Revisions that arrive while the slice is being (re)loaded are kept and applied on top of it
 * once it lands: the slice may predate them, and applying changes is idempotent if it does not.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
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
import { parseEdgeKey } from './live/keys.ts';
import type { RevisionEvent } from './live/revision.ts';
import { type PictureLayout, useLayout } from './useLayout.ts';
import { useRevisions } from './useLive.ts';
import { type Flash, type RecentChange, usePictureChanges } from './usePictureChanges.ts';
import { useReloading } from './useReloading.ts';

/** What the picture needs of a slice, whichever query gives it. */
export const GraphSliceFields = graphql(`
  fragment GraphSliceFields on GraphSlice {
    truncated
    nodes {
      key
      kind
    }
    edges {
      key
    }
  }
`);

const ImportGraphQuery = graphql(`
  query ImportGraphSlice($pathPrefix: String, $limit: Int) {
    importGraph(pathPrefix: $pathPrefix, limit: $limit) {
      ...GraphSliceFields
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

const ImpactGraphQuery = graphql(`
  query ImpactGraphSlice($keys: [String!]!, $depth: Int, $limit: Int) {
    impactGraph(keys: $keys, depth: $depth, limit: $limit) {
      ...GraphSliceFields
      edgeTypes
    }
  }
`);

const NeighbourhoodQuery = graphql(`
  query NeighbourhoodSlice($key: String!, $depth: Int, $limit: Int, $types: [EdgeType!]) {
    neighbourhood(key: $key, depth: $depth, limit: $limit, types: $types) {
      ...GraphSliceFields
    }
  }
`);

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
  readonly layout: PictureLayout;
}

export function useGraphPicture(scope: SliceScope): GraphPicture {
  const client = useClient();
  const graph = useMemo(() => createPictureGraph(), []);
  const layout = useLayout(graph);
  const [status, setStatus] = useState<{
    loading: boolean;
    error?: CombinedError;
    missing?: boolean;
    truncated: boolean;
  }>({
    loading: true,
    truncated: false,
  });
  const [skipped, setSkipped] = useState(0);
  const { recent, flashes, version, bump, note: noteChanges } = usePictureChanges(graph);
  const loading = useRef(false);
  /** The last load failed or found no focus: the graph does not follow the server. */
  const stale = useRef(false);
  const buffered = useRef<RevisionEvent[]>([]);
  const loadToken = useRef(0);

  const note = useCallback(
    (result: DiffResult, revision: number) => {
      if (result.skipped > 0) setSkipped((n) => n + result.skipped);
      noteChanges(result, revision);
    },
    [noteChanges],
  );

  /** The edge types the loaded slice draws: an impact picture takes the dependencies from the server. */
  const drawn = useRef<readonly string[] | undefined>(undefined);
  const apply = useCallback(
    (event: RevisionEvent) => {
      const current = scope.mode === 'impact' ? { ...scope, edgeTypes: drawn.current } : scope;
      note(applyGraphChanges(graph, event.changes, current), event.revision);
    },
    [graph, scope, note],
  );
  const runLayout = layout.run;

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
    drawn.current = slice.edgeTypes;
    const first = graph.order === 0;
    const diff = reconcileSlice(graph, slice, scope);
    if (first) runLayout({ seed: true, focus: scope.mode === 'neighbourhood' ? scope.focus : undefined });
    else if (diff.added.length + diff.removed.length + diff.updated.length > 0) note(diff, 0);
    const pending = buffered.current;
    buffered.current = [];
    for (const event of pending) apply(event);
    setSkipped(0);
    setStatus({ loading: false, truncated: slice.truncated });
    bump();
  }, [client, graph, scope, apply, note, bump, runLayout]);

  // After a failed or empty load, revisions bring the slice back by reloading it, not by diffs.
  // The first load, and a full reload after every re-query of the stream (positions are kept).
  const reload = useReloading(
    useCallback(() => void load(), [load]),
    status.error !== undefined,
    500,
  );

  useRevisions((event) => {
    if (loading.current) buffered.current.push(event);
    else if (stale.current) reload.call();
    else {
      apply(event);
      // A dependent further away than one new edge needs the query: an impact picture asks again.
      if (
        scope.mode === 'impact' &&
        event.changes.some((c) => c.op === 'EDGE_ADDED' && graph.hasNode(parseEdgeKey(c.key)?.to ?? ''))
      )
        reload.call();
    }
  });

  return {
    graph,
    loading: status.loading,
    error: status.error,
    missing: status.missing ?? false,
    truncated: status.truncated,
    skipped,
    recent,
    flashes,
    version,
    layout,
  };
}

type SliceOutcome = { slice: SliceData } | { missing: true } | { error: CombinedError | undefined };

async function fetchSlice(client: Client, scope: SliceScope): Promise<SliceOutcome> {
  const options = { requestPolicy: 'network-only' } as const;
  let data: {
    truncated: boolean;
    nodes: SliceData['nodes'];
    edges: readonly { key: string }[];
    edgeTypes?: readonly string[];
  };
  if (scope.mode === 'imports') {
    const result = await client
      .query(ImportGraphQuery, { pathPrefix: scope.pathPrefix || null, limit: scope.limit }, options)
      .toPromise();
    if (!result.data) return { error: result.error };
    data = result.data.importGraph;
  } else if (scope.mode === 'impact') {
    const result = await client
      .query(ImpactGraphQuery, { keys: [...scope.keys], depth: scope.depth, limit: scope.limit }, options)
      .toPromise();
    if (!result.data) return { error: result.error };
    data = result.data.impactGraph;
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
      ...(data.edgeTypes ? { edgeTypes: data.edgeTypes } : {}),
      nodes: data.nodes,
      edges: data.edges.flatMap((e) => {
        const parsed = parseEdgeKey(e.key);
        return parsed ? [{ key: e.key, ...parsed }] : [];
      }),
    },
  };
}
