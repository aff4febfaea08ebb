import * as path from 'node:path';
import { type FileSystemHost, type ResolutionHostFactory, ts } from 'ts-morph';
import { isStackOverflow } from './compiler-guard.ts';
import type { ProjectLayout } from './project-layout.ts';
import { isPath, sourceBases, stripExtension, toSourceDir, withSourceExtensions } from './source-twins.ts';
import type { WorkspacePackage } from './workspaces.ts';

/** Resolves module specifiers the way the program does. */
export interface ModuleResolver {
  /** The module `specifier` names from `containingFile` (absolute), or undefined. */
  resolve(
    specifier: string,
    containingFile: string,
    mode?: ts.ResolutionMode,
  ): ts.ResolvedModuleFull | undefined;
  /** True when `specifier` matches a `paths` alias of the file's tsconfig (so it is not a package). */
  isPathAlias(specifier: string, containingFile: string): boolean;
  /** For ts-morph's `resolutionHost` option: the program resolves with {@link resolve}. */
  readonly resolutionHost: ResolutionHostFactory;
  /** Forget cached resolutions (after files were added or deleted: failures may now succeed). */
  clearCache(): void;
}

/**
 * Module resolution as each file's own tsconfig sees it (its `paths`, `baseUrl`,
 * `moduleResolution`), inside one program; and a sibling workspace package resolves to
 * its source files, not to its (often unbuilt) output or to `npm:`.
 */
export function createModuleResolver(layout: ProjectLayout, fileSystem: FileSystemHost): ModuleResolver {
  // The config owning each file; files outside every config use the program's options.
  const ownerOf = new Map<string, ts.CompilerOptions>();
  for (const config of layout.configs) {
    for (const file of config.fileNames) if (!ownerOf.has(file)) ownerOf.set(file, config.options);
  }
  const optionsOf = (file: string) => ownerOf.get(file) ?? layout.options;
  const caches = new Map<ts.CompilerOptions, ts.ModuleResolutionCache>();
  const cacheFor = (options: ts.CompilerOptions) => {
    let cache = caches.get(options);
    if (!cache) {
      cache = ts.createModuleResolutionCache(layout.root, (f) => f, options);
      caches.set(options, cache);
    }
    return cache;
  };
  const host = moduleResolutionHost(fileSystem, layout.root);

  const resolve = (name: string, containingFile: string, mode?: ts.ResolutionMode) => {
    const options = optionsOf(containingFile);
    const { resolvedModule } = ts.resolveModuleName(
      name,
      containingFile,
      options,
      host,
      cacheFor(options),
      undefined,
      mode,
    );
    const pkg =
      resolvedModule && !needsSourceRedirect(resolvedModule) ? undefined : workspaceOf(layout, name);
    if (!pkg) return resolvedModule;
    const source = workspaceCandidates(pkg.package, pkg.subpath).find((candidate) =>
      host.fileExists(candidate),
    );
    if (!source) return resolvedModule;
    return {
      resolvedFileName: source,
      extension: extensionOf(source),
      isExternalLibraryImport: false,
    } satisfies ts.ResolvedModuleFull;
  };

  return {
    resolve,
    clearCache: () => caches.clear(),
    isPathAlias: (specifier, containingFile) =>
      Object.keys(optionsOf(containingFile).paths ?? {}).some((pattern) => {
        const star = pattern.indexOf('*');
        return star === -1 ? specifier === pattern : specifier.startsWith(pattern.slice(0, star));
      }),
    resolutionHost: () => ({
      resolveModuleNames: (
        moduleNames,
        containingFile,
        _reused,
        _redirected,
        _options,
        containingSourceFile,
      ) => moduleNames.map((name) => resolve(name, containingFile, containingSourceFile?.impliedNodeFormat)),
    }),
  };
}

function moduleResolutionHost(fileSystem: FileSystemHost, root: string): ts.ModuleResolutionHost {
  return {
    fileExists: (p) => fileSystem.fileExistsSync(p),
    readFile: (p) => {
      try {
        return fileSystem.readFileSync(p);
      } catch (error) {
        // A stack overflow is no missing file: TypeScript would cache it as one.
        if (isStackOverflow(error)) throw error;
        return undefined;
      }
    },
    directoryExists: (p) => fileSystem.directoryExistsSync(p),
    realpath: (p) => fileSystem.realpathSync(p),
    getCurrentDirectory: () => root,
    getDirectories: (p) =>
      fileSystem
        .readDirSync(p)
        .filter((e) => e.isDirectory)
        .map((e) => path.basename(e.name)),
  };
}

/** A resolution into declaration output or node_modules may have a workspace source twin. */
function needsSourceRedirect(resolved: ts.ResolvedModuleFull): boolean {
  return resolved.isExternalLibraryImport === true || resolved.resolvedFileName.endsWith('.d.ts');
}

function workspaceOf(
  layout: ProjectLayout,
  specifier: string,
): { package: WorkspacePackage; subpath: string } | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  const pkg = layout.workspaces.get(parts.slice(0, nameLength).join('/'));
  return pkg ? { package: pkg, subpath: parts.slice(nameLength).join('/') } : undefined;
}

/**
 * Where a workspace package's source for `subpath` may be, most likely first: the
 * manifest's `source`, its entry points mapped from build output back to `src/`, then
 * conventional `src/index` and `index` files.
 */
function workspaceCandidates(pkg: WorkspacePackage, subpath: string): string[] {
  const { manifest } = pkg;
  const bases: string[] = [];
  if (subpath === '') {
    if (isPath(manifest.source)) bases.push(stripExtension(manifest.source));
    for (const entry of [
      manifest.types,
      manifest.typings,
      manifest.module,
      manifest.main,
      exportsEntry(manifest.exports),
    ]) {
      if (isPath(entry)) bases.push(...sourceBases(entry));
    }
    bases.push('src/index', 'index');
  } else {
    bases.push(`src/${subpath}`, subpath, toSourceDir(subpath));
  }
  return [...new Set(bases)].flatMap((base) => withSourceExtensions(path.join(pkg.dir, base)));
}

function extensionOf(file: string): ts.Extension {
  const match = /\.[cm]?[jt]sx?$/.exec(file);
  return (match?.[0] ?? '.ts') as ts.Extension;
}

/** The main entry of an `exports` field: `"./x.js"`, `{ ".": … }` or conditions. */
function exportsEntry(exportsField: unknown): string | undefined {
  if (typeof exportsField === 'string') return exportsField;
  if (!exportsField || typeof exportsField !== 'object') return undefined;
  const record = exportsField as Record<string, unknown>;
  const main = '.' in record ? record['.'] : record;
  if (typeof main === 'string') return main;
  if (!main || typeof main !== 'object') return undefined;
  const conditions = main as Record<string, unknown>;
  for (const key of ['source', 'types', 'import', 'default', 'require']) {
    const value = conditions[key];
    if (typeof value === 'string') return value;
    const nested = exportsEntry(value);
    if (nested) return nested;
  }
  return undefined;
}
