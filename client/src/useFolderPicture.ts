/**
 * The folder picture's data: `folderGraph` for the folders the address opens, kept in one
 * graphology graph in place (opening and closing folders, live revisions), laid out in a web
 * worker. Without a level in the address the picture opens levels until it shows enough nodes.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { type Client, type CombinedError, useClient } from 'urql';
import { graphql } from './gql/index.ts';
import {
  createFolderGraph,
  type FolderData,
  folderChanges,
  nodeShowing,
  reconcileFolders,
} from './graph/folder-picture.ts';
import type { PictureGraph } from './graph/graph-diff.ts';
import { type PictureLayout, useLayout } from './useLayout.ts';
import { useRevisions } from './useLive.ts';
import { type Flash, type RecentChange, usePictureChanges } from './usePictureChanges.ts';
import { useReloading } from './useReloading.ts';

const FolderGraphQuery = graphql(`
  query FolderGraph($pathPrefix: String, $depth: Int, $expanded: [String!], $limit: Int) {
    folderGraph(pathPrefix: $pathPrefix, depth: $depth, expanded: $expanded, limit: $limit) {
      truncated
      nodes {
        path
        folder
        files
      }
      edges {
        from
        to
        imports
      }
    }
  }
`);

export interface FolderScope {
  readonly pathPrefix?: string;
  /** Folders less deep than this are open; absent: chosen for a readable first picture. */
  readonly level?: number;
  /** Folders opened beyond the level. */
  readonly open: readonly string[];
  readonly limit: number;
}

export interface FolderPicture {
  readonly graph: PictureGraph;
  readonly loading: boolean;
  readonly error: CombinedError | undefined;
  readonly truncated: boolean;
  readonly recent: readonly RecentChange[];
  readonly flashes: ReadonlyMap<string, Flash>;
  readonly version: number;
  readonly layout: PictureLayout;
}

/** A first picture opens levels until it has this many nodes (or nothing is left to open). */
const FIRST_PICTURE_NODES = 8;
const MAX_AUTO_LEVEL = 8;

/**
 * @param onLevel called with the level chosen for a first picture, for the address to record.
 */
export function useFolderPicture(scope: FolderScope, onLevel: (level: number) => void): FolderPicture {
  const client = useClient();
  const graph = useMemo(() => createFolderGraph(), []);
  const layout = useLayout(graph);
  const changes = usePictureChanges(graph);
  const [status, setStatus] = useState<{ loading: boolean; error?: CombinedError; truncated: boolean }>({
    loading: true,
    truncated: false,
  });
  const loading = useRef(false);
  const again = useRef(0);
  /** The revision that asked for the next load, to list its changes under it. */
  const pendingRevision = useRef(0);
  const token = useRef(0);
  const onLevelRef = useRef(onLevel);
  onLevelRef.current = onLevel;
  const { note, bump } = changes;
  const runLayout = layout.run;

  const load = useCallback(
    async (revision = 0) => {
      const mine = ++token.current;
      loading.current = true;
      setStatus((s) => ({ ...s, loading: true }));
      let level = scope.level ?? 1;
      let result = await fetchFolders(client, scope, level);
      while (
        scope.level === undefined &&
        'data' in result &&
        wantsMore(result.data) &&
        level < MAX_AUTO_LEVEL
      ) {
        level += 1;
        result = await fetchFolders(client, scope, level);
      }
      if (mine !== token.current) return;
      loading.current = false;
      if ('error' in result) {
        setStatus((s) => ({ ...s, loading: false, error: result.error }));
        return;
      }
      const first = graph.order === 0;
      const diff = reconcileFolders(graph, result.data);
      if (first) runLayout({ seed: true });
      else {
        if (diff.added.length > 0) runLayout();
        note(diff, revision);
      }
      setStatus({ loading: false, truncated: result.data.truncated });
      bump();
      if (scope.level === undefined) onLevelRef.current(level);
      if (again.current > 0) {
        const next = again.current;
        again.current = 0;
        void load(next);
      }
    },
    [client, graph, scope, note, bump, runLayout],
  );

  const failed = status.error !== undefined;
  const reload = useReloading(
    useCallback(() => {
      const revision = pendingRevision.current;
      pendingRevision.current = 0;
      void load(revision);
    }, [load]),
    failed,
    300,
  );

  useRevisions((event) => {
    const { files, structural } = folderChanges(event);
    const touched = new Set<string>();
    for (const file of files) {
      const node = nodeShowing(graph, file);
      if (node) touched.add(node);
    }
    if (touched.size > 0) note({ added: [], updated: [...touched], removed: [] }, event.revision);
    if (!structural && !failed) return;
    if (loading.current) again.current = event.revision;
    else {
      pendingRevision.current = event.revision;
      reload.call();
    }
  });

  return {
    graph,
    loading: status.loading,
    error: status.error,
    truncated: status.truncated,
    recent: changes.recent,
    flashes: changes.flashes,
    version: changes.version,
    layout,
  };
}

/** Too few nodes to read, and a folder left to open. */
function wantsMore(data: FolderData): boolean {
  return data.nodes.length < FIRST_PICTURE_NODES && data.nodes.some((node) => node.folder);
}

async function fetchFolders(
  client: Client,
  scope: FolderScope,
  level: number,
): Promise<{ data: FolderData } | { error: CombinedError | undefined }> {
  const result = await client
    .query(
      FolderGraphQuery,
      { pathPrefix: scope.pathPrefix || null, depth: level, expanded: [...scope.open], limit: scope.limit },
      { requestPolicy: 'network-only' },
    )
    .toPromise();
  return result.data ? { data: result.data.folderGraph } : { error: result.error };
}
