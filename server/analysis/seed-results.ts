import { createHash } from 'node:crypto';
import { fileOfKey, type GraphEdge, type GraphNode } from '../model/index.ts';
import type { ProjectLayout } from './project-layout.ts';

/** One file's part of a stored graph, in the shape of the analyzer's own per-file results. */
export interface SeedResult {
  readonly nodes: readonly GraphNode[];
  /** Edges leaving the file's nodes. */
  readonly edges: readonly GraphEdge[];
  /** External modules it imports. */
  readonly externals: readonly GraphNode[];
  /** Analyzed files it imports (its IMPORTS edges to files). */
  readonly importedFiles: ReadonlySet<string>;
  /** Whether one of its imports could not be resolved (`unresolvedImports`, or an `UNRESOLVED_IMPORT` diagnostic). */
  readonly hasUnresolvedImports: boolean;
}

/**
 * Splits a graph the analyzer produced (a snapshot's) back into per-file results: every
 * node belongs to the file its key begins with, every edge to the file of its `from` end,
 * and what the analyzer derives besides (imported files, externals, unresolved imports) is
 * read off the IMPORTS edges and the FILE node's diagnostics. Files whose FILE node is
 * missing are left out.
 */
export function seedResults(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
): Map<string, SeedResult & { readonly hash: string | undefined }> {
  const byKey = new Map<string, GraphNode>();
  const fileNodes = new Map<string, GraphNode[]>();
  for (const node of nodes) {
    byKey.set(node.key, node);
    const file = fileOfKey(node.key);
    if (file === undefined) continue;
    const list = fileNodes.get(file);
    if (list) list.push(node);
    else fileNodes.set(file, [node]);
  }
  const fileEdges = new Map<string, GraphEdge[]>();
  for (const edge of edges) {
    const file = fileOfKey(edge.from);
    if (file === undefined) continue;
    const list = fileEdges.get(file);
    if (list) list.push(edge);
    else fileEdges.set(file, [edge]);
  }
  const results = new Map<string, SeedResult & { readonly hash: string | undefined }>();
  for (const [file, list] of fileNodes) {
    const fileNode = byKey.get(file);
    if (fileNode?.kind !== 'FILE') continue;
    // The FILE node first, as the analyzer makes it.
    const own = [fileNode, ...list.filter((node) => node !== fileNode)];
    const out = fileEdges.get(file) ?? [];
    const externals: GraphNode[] = [];
    const importedFiles = new Set<string>();
    for (const edge of out) {
      if (edge.type !== 'IMPORTS' || edge.from !== file) continue;
      const target = byKey.get(edge.to);
      if (target?.kind === 'EXTERNAL_MODULE') externals.push(target);
      else if (target?.kind === 'FILE') importedFiles.add(edge.to);
    }
    // Every unresolved specifier is in `unresolvedImports`; the diagnostics (kept for graphs
    // stored before it existed) stop at 50.
    const { diagnostics, unresolvedImports } = fileNode.props;
    const hasUnresolvedImports =
      (Array.isArray(unresolvedImports) && unresolvedImports.length > 0) ||
      (Array.isArray(diagnostics) &&
        diagnostics.some(
          (d) =>
            typeof d === 'object' && d !== null && (d as { code?: unknown }).code === 'UNRESOLVED_IMPORT',
        ));
    results.set(file, {
      nodes: own,
      edges: out,
      externals,
      importedFiles,
      hasUnresolvedImports,
      hash: typeof fileNode.props.hash === 'string' ? fileNode.props.hash : undefined,
    });
  }
  return results;
}

/**
 * A fingerprint of what decides which files are analyzed and how imports resolve (compiler
 * options, tsconfigs, workspace packages): a stored graph made under another layout is not
 * reused file by file.
 */
export function layoutFingerprint(layout: ProjectLayout): string {
  const replacer = (_key: string, value: unknown) =>
    value instanceof Map ? [...value] : value instanceof Set ? [...value] : value;
  return createHash('sha256')
    .update(
      JSON.stringify(
        {
          options: layout.options,
          // Their file lists change with every file added or removed: that is verified file by file.
          configs: layout.configs.map(({ fileNames: _files, ...config }) => config),
          workspaces: layout.workspaces,
          rootPackage: layout.rootPackage,
        },
        replacer,
      ),
    )
    .digest('hex')
    .slice(0, 32);
}

/** A file's content hash, as its FILE node's `hash` holds it (see file-node.ts). */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
