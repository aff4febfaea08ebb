/**
 * The folder picture: `folderGraph` results kept in a graphology graph, in place. Opening a
 * folder puts its files and subfolders where it stood, closing one puts it where they were,
 * nothing else moves; sizes follow degree, colours the top-level package or folder, labels
 * are last segments (the full path, the node's key, shows on hover and in the side panel).
 */

import { isExternalKey, parseEdgeKey } from '../live/keys.ts';
import type { GraphChange, RevisionEvent } from '../live/revision.ts';
import { distinguishingHints } from '../names.ts';
import {
  createPictureGraph,
  type DiffResult,
  dropMissing,
  emptyResult,
  type PictureGraph,
  placeNearNeighbours,
} from './graph-diff.ts';
import { EDGE_COLOR } from './palette.ts';

export interface FolderData {
  readonly nodes: readonly { readonly path: string; readonly folder: boolean; readonly files: number }[];
  readonly edges: readonly { readonly from: string; readonly to: string; readonly imports: number }[];
  readonly truncated: boolean;
}

/** Folders that hold packages: colour by the package inside (`packages/core/`), not by them. */
const PACKAGE_FOLDERS = new Set(['packages', 'apps', 'libs', 'modules', 'services', 'plugins', 'examples']);

/** Colours for groups, distinct on white (Tableau 10, slightly darkened). */
const GROUP_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#59a14f',
  '#b07aa1',
  '#76b7b2',
  '#edc948',
  '#ff9da7',
  '#9c755f',
  '#7f7f7f',
];

export const createFolderGraph = createPictureGraph;

/** A node's label: the last segment of its path (`lib/` for a folder, `a.ts` for a file). */
export function shortLabel(path: string): string {
  return path.slice(path.lastIndexOf('/', path.length - 2) + 1);
}

/**
 * Makes the graph show `data`: removes what is gone, adds what is new — a folder's contents
 * where the folder was, a folder where its contents were, anything else near its neighbours —
 * and updates file counts and import weights. Returns what changed, to flash.
 */
export function reconcileFolders(
  graph: PictureGraph,
  data: FolderData,
  random: () => number = Math.random,
): DiffResult {
  const result = emptyResult();
  const wanted = new Map(data.nodes.map((node) => [node.path, node]));
  const wantedEdges = new Map(data.edges.map((edge) => [`${edge.from}->${edge.to}`, edge]));
  const gone = new Map<string, { x: number; y: number }>();
  dropMissing(graph, wanted, wantedEdges, result, (key) => {
    const { x, y } = graph.getNodeAttributes(key);
    gone.set(key, { x, y });
  });
  const fresh = new Set<string>();
  for (const node of data.nodes) {
    if (graph.hasNode(node.path)) {
      if (graph.getNodeAttribute(node.path, 'files') !== node.files) {
        graph.setNodeAttribute(node.path, 'files', node.files);
        result.updated.push(node.path);
      }
      continue;
    }
    const at = placeFromGone(node.path, gone, random);
    graph.addNode(node.path, {
      x: at?.x ?? 0,
      y: at?.y ?? 0,
      size: 1,
      color: GROUP_COLORS[0]!,
      label: shortLabel(node.path),
      kind: node.folder ? 'FOLDER' : 'FILE',
      files: node.files,
    });
    if (!at) fresh.add(node.path);
    result.added.push(node.path);
  }
  for (const edge of data.edges) {
    const key = `${edge.from}->${edge.to}`;
    const attributes = {
      size: edgeSize(edge.imports),
      color: EDGE_COLOR,
      relation: 'IMPORTS',
      weight: edge.imports,
    };
    if (graph.hasEdge(key)) graph.mergeEdgeAttributes(key, attributes);
    else if (graph.hasNode(edge.from) && graph.hasNode(edge.to)) {
      graph.addDirectedEdgeWithKey(key, edge.from, edge.to, attributes);
      result.edgesAdded.push(key);
    }
  }
  placeNearNeighbours(graph, fresh, random);
  restyle(graph);
  return result;
}

/**
 * Where a new node goes when it replaces nodes that just left: inside a folder that was
 * opened (near its place), or at the centre of the contents of a folder that was closed.
 */
function placeFromGone(
  path: string,
  gone: ReadonlyMap<string, { x: number; y: number }>,
  random: () => number,
): { x: number; y: number } | undefined {
  let x = 0;
  let y = 0;
  let count = 0;
  for (const [key, at] of gone) {
    const parent = key.endsWith('/') && path.startsWith(key);
    const child = path.endsWith('/') && key.startsWith(path);
    if (!parent && !child) continue;
    x += at.x;
    y += at.y;
    count += 1;
  }
  if (count === 0) return undefined;
  const angle = random() * 2 * Math.PI;
  const jitter = 1 + random() * 4;
  return { x: x / count + Math.cos(angle) * jitter, y: y / count + Math.sin(angle) * jitter };
}

function edgeSize(imports: number): number {
  return 0.6 + Math.log2(1 + imports) * 0.8;
}

/**
 * Sizes by weighted degree, colours by top-level group (below what every node shares), and
 * labels: the last segment, or as much of the path as tells apart nodes of one name
 * (`operators/index.ts`, `ajax/index.ts`).
 */
function restyle(graph: PictureGraph): void {
  const paths = graph.nodes();
  const common = commonFolder(paths);
  const hints = distinguishingHints(paths.map((key) => ({ key, label: shortLabel(key) })));
  graph.updateEachNodeAttributes((key, attributes) => {
    attributes.label = hints.get(key) ?? shortLabel(key);
    let degree = 0;
    graph.forEachEdge(key, (_edge, edge) => {
      degree += edge.weight ?? 1;
    });
    attributes.size = Math.min(4 + 2.2 * Math.sqrt(degree), 24);
    attributes.color = GROUP_COLORS[hash(groupOf(key, common)) % GROUP_COLORS.length]!;
    return attributes;
  });
}

/** The longest folder (ending with `/`) every path starts with, or `''`. */
function commonFolder(paths: readonly string[]): string {
  if (paths.length === 0) return '';
  let common = paths[0]!.slice(0, paths[0]!.lastIndexOf('/', paths[0]!.length - 2) + 1);
  for (const path of paths) while (!path.startsWith(common) || path === common) common = parentOf(common);
  return common;
}

function parentOf(folder: string): string {
  return folder.slice(0, folder.lastIndexOf('/', folder.length - 2) + 1);
}

/**
 * The colour group of a path: its first folder below `common` (two for a folder of packages);
 * files right in `common` share its colour.
 */
export function groupOf(path: string, common: string): string {
  const rest = path.slice(common.length).split('/');
  if (rest.length === 1) return common;
  const depth = PACKAGE_FOLDERS.has(rest[0]!) && rest.length > 2 ? 2 : 1;
  return common + rest.slice(0, depth).join('/');
}

function hash(text: string): number {
  let value = 2166136261;
  for (let i = 0; i < text.length; i += 1) value = Math.imul(value ^ text.charCodeAt(i), 16777619);
  return value >>> 0;
}

/** The node of the picture that shows a file: the file itself, or the closed folder holding it. */
export function nodeShowing(graph: PictureGraph, file: string): string | undefined {
  if (graph.hasNode(file)) return file;
  for (let end = file.lastIndexOf('/'); end > 0; end = file.lastIndexOf('/', end - 1)) {
    const folder = file.slice(0, end + 1);
    if (graph.hasNode(folder)) return folder;
  }
  return undefined;
}

/** Files a revision changed, and whether it added or removed files or file imports. */
export function folderChanges(event: RevisionEvent): { files: Set<string>; structural: boolean } {
  const files = new Set<string>(event.files);
  let structural = false;
  for (const change of event.changes) {
    if (isStructural(change)) structural = true;
    const ends = change.op.startsWith('EDGE_') ? parseEdgeKey(change.key) : undefined;
    for (const key of ends ? [ends.from, ends.to] : [change.key]) {
      if (isExternalKey(key)) continue;
      const hash = key.indexOf('#');
      files.add(hash === -1 ? key : key.slice(0, hash));
    }
  }
  return { files, structural };
}

function isStructural(change: GraphChange): boolean {
  if (change.op === 'NODE_ADDED' || change.op === 'NODE_REMOVED') return change.kind === 'FILE';
  if (change.op !== 'EDGE_ADDED' && change.op !== 'EDGE_REMOVED') return false;
  const ends = parseEdgeKey(change.key);
  return change.kind === 'IMPORTS' && ends !== undefined && !isExternalKey(ends.to);
}

/** How deep a folder is below the folder of the path prefix (`src/lib/` below `''` is 2). */
export function folderDepth(folder: string, pathPrefix: string): number {
  const base = pathPrefix.slice(0, pathPrefix.lastIndexOf('/') + 1);
  return folder.slice(base.length).split('/').length - 1;
}

/** The open folders: every folder (below the prefix's folder) above a shown node, sorted. */
export function openFolders(shown: readonly string[], pathPrefix: string): string[] {
  const base = pathPrefix.slice(0, pathPrefix.lastIndexOf('/') + 1);
  const open = new Set<string>();
  for (const path of shown) {
    for (
      let end = path.indexOf('/', base.length);
      end !== -1 && end < path.length - 1;
      end = path.indexOf('/', end + 1)
    )
      open.add(path.slice(0, end + 1));
  }
  return [...open].sort();
}

/**
 * The address after closing an open folder: the level drops to the folder's depth when the
 * level is what opened it, and every other folder that holds a shown node stays open by name.
 */
export function closeFolder(
  shown: readonly string[],
  view: { readonly pathPrefix: string; readonly level: number },
  folder: string,
): { level: number; open: string[] } {
  const level = Math.min(view.level, folderDepth(folder, view.pathPrefix));
  return {
    level,
    open: openFolders(shown, view.pathPrefix).filter(
      (open) => !open.startsWith(folder) && folderDepth(open, view.pathPrefix) >= level,
    ),
  };
}
