import type { ts } from 'ts-morph';
import type { GraphEdge, GraphNode } from '../model/index.ts';
import type { FileDiagnostic } from './file-node.ts';
import { externalModuleKey, type ImportSite, isBareSpecifier } from './imports.ts';
import type { ModuleResolver } from './module-resolver.ts';

/**
 * Where an import leads: an analyzed file or an external module (`key`), nothing worth an edge
 * (undefined: a JSON file), or nowhere (unresolved: a diagnostic, no edge).
 */
export type ImportTarget = { key: string; external?: GraphNode } | { unresolved: true } | undefined;

/** What the import sites of one file come to. */
export interface FileImports {
  /** One IMPORTS edge per imported module, merging every import of it. */
  readonly edges: GraphEdge[];
  /** The external modules it imports. */
  readonly externals: GraphNode[];
  /** Analyzed files it imports, re-exports or loads. */
  readonly importedFiles: Set<string>;
  /** One per import that resolves nowhere. */
  readonly diagnostics: FileDiagnostic[];
  readonly hasUnresolvedImports: boolean;
  /**
   * The specifiers of the imports that resolve nowhere, each once, sorted: all of them, where
   * the diagnostics a FILE node keeps are cut at 50.
   */
  readonly unresolvedSpecifiers: string[];
}

/**
 * Resolves a file's import sites and merges them into one IMPORTS edge per target: the union
 * of the names, type-only and dynamic only when every import of it is, a re-export when one
 * is, the first line of the first.
 */
export function importEdges(
  file: string,
  sites: readonly ImportSite[],
  targetOf: (specifier: string) => ImportTarget,
): FileImports {
  const imports = new Map<
    string,
    { names: Set<string>; typeOnly: boolean; dynamic: boolean; reExport: boolean; firstLine: number }
  >();
  const externals = new Map<string, GraphNode>();
  const importedFiles = new Set<string>();
  const diagnostics: FileDiagnostic[] = [];
  const unresolvedSpecifiers = new Set<string>();
  let hasUnresolvedImports = false;
  for (const site of sites) {
    const target = targetOf(site.specifier);
    if (target === undefined) continue;
    if ('unresolved' in target) {
      hasUnresolvedImports = true;
      unresolvedSpecifiers.add(site.specifier);
      diagnostics.push({
        line: site.line,
        column: 1,
        message: `cannot resolve import '${site.specifier}'`,
        code: 'UNRESOLVED_IMPORT',
        severity: 'warning',
      });
      continue;
    }
    if (target.external) externals.set(target.key, target.external);
    else importedFiles.add(target.key);
    const merged = imports.get(target.key);
    if (!merged) {
      imports.set(target.key, {
        names: new Set(site.names),
        typeOnly: site.typeOnly,
        dynamic: site.dynamic,
        reExport: site.reExport,
        firstLine: site.line,
      });
    } else {
      for (const name of site.names) merged.names.add(name);
      merged.typeOnly &&= site.typeOnly;
      merged.dynamic &&= site.dynamic;
      merged.reExport ||= site.reExport;
    }
  }
  const edges: GraphEdge[] = [];
  for (const [to, info] of imports) {
    edges.push({
      type: 'IMPORTS',
      from: file,
      to,
      props: {
        names: [...info.names].sort(),
        typeOnly: info.typeOnly,
        dynamic: info.dynamic,
        reExport: info.reExport,
        firstLine: info.firstLine,
      },
    });
  }
  return {
    edges,
    externals: [...externals.values()],
    importedFiles,
    diagnostics,
    hasUnresolvedImports,
    unresolvedSpecifiers: [...unresolvedSpecifiers].sort(),
  };
}

/**
 * Where `specifier`, imported by `sourceFile`, leads (see {@link ImportTarget}).
 *
 * @param analyzedKey - the key of an absolute path when it is an analyzed file.
 */
export function importTarget(
  specifier: string,
  sourceFile: ts.SourceFile,
  resolver: ModuleResolver,
  analyzedKey: (absolute: string) => string | undefined,
): ImportTarget {
  const resolved = resolver.resolve(specifier, sourceFile.fileName, sourceFile.impliedNodeFormat);
  const bare = isBareSpecifier(specifier);
  if (resolved) {
    const target = analyzedKey(resolved.resolvedFileName);
    if (target !== undefined) return { key: target };
    // A resolved file that is not analyzed (JSON, a relative path into node_modules): no edge.
    if (!bare) return undefined;
  }
  if (bare && !(resolved === undefined && resolver.isPathAlias(specifier, sourceFile.fileName))) {
    const external = externalModuleKey(specifier);
    return {
      key: external.key,
      external: {
        key: external.key,
        kind: 'EXTERNAL_MODULE',
        props: { name: external.name, builtin: external.builtin },
      },
    };
  }
  return { unresolved: true };
}
