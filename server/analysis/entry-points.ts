import * as path from 'node:path';
import type { ProjectLayout } from './project-layout.ts';
import { isPath, sourceBases, withSourceExtensions } from './source-twins.ts';
import type { PackageManifest } from './workspaces.ts';

/** Most manifest paths read per package: a manifest is the project's JSON, as wide as it likes. */
const MAX_TARGETS = 1_000;
const SOURCE_EXTENSION = String.raw`(?:\.[cm]?[jt]sx?|/index\.[cm]?[jt]sx?)?`;

/** An `exports` subpath pattern (`./*`) and the source files its target may be. */
interface SubpathPattern {
  /** Matches a source file; its one group is what the `*` stands for. */
  readonly files: RegExp;
  readonly key: string;
  /** Decides which key a subpath falls under, as Node does: null ones export nothing. */
  readonly keys: SubpathKeys;
}

/** A package's `exports` subpath keys, and which of them are null (not exported). */
interface SubpathKeys {
  readonly exact: ReadonlyMap<string, boolean>;
  /** Pattern keys, most specific first (Node's order: the longest part before `*`). */
  readonly patterns: readonly { readonly before: string; readonly after: string; readonly isNull: boolean }[];
}

/**
 * Which files are entry points of a package of the project — what its package.json's `main`,
 * `module`, `types`, `typings`, `source`, `bin` and every `exports` target name (any subpath,
 * any condition; a `*` pattern matches as Node matches it, and a subpath that a more specific
 * `null` key hides is no entry), mapped from build output back to the sources
 * (`./dist/index.js` → `src/index.ts`). Without `main` or `exports`, `index` is the entry, as
 * Node takes it. For the root's package and each workspace package.
 */
export function entryPointsOf(layout: ProjectLayout): (file: string) => boolean {
  const files = new Set<string>();
  const patterns: SubpathPattern[] = [];
  const packages = [
    ...(layout.rootPackage ? [{ dir: layout.root, manifest: layout.rootPackage }] : []),
    ...layout.workspaces.values(),
  ];
  const addFiles = (dir: string, target: string) => {
    for (const base of sourceBases(target)) {
      if (!base.includes('*')) for (const file of withSourceExtensions(path.join(dir, base))) files.add(file);
    }
  };
  for (const { dir, manifest } of packages) {
    for (const target of manifestTargets(manifest)) addFiles(dir, target);
    const subpaths = subpathsOf(manifest.exports);
    if (!subpaths) {
      for (const target of stringLeaves(manifest.exports)) addFiles(dir, target);
      continue;
    }
    const keys = subpathKeys(subpaths);
    for (const [key, value] of subpaths) {
      for (const target of stringLeaves(value)) {
        const stars = key.split('*').length - 1;
        if (stars === 0) addFiles(dir, target);
        else if (stars === 1 && target.split('*').length === 2) {
          for (const base of sourceBases(target))
            patterns.push({ files: filesOf(path.join(dir, base)), key, keys });
        }
      }
    }
  }
  return (file) =>
    files.has(file) ||
    patterns.some((pattern) => {
      const star = pattern.files.exec(file)?.[1];
      return star !== undefined && isExported(pattern.keys, pattern.key.replace('*', star));
    });
}

/** `main`, `module`, `types`, `typings`, `source`, `bin`; `index` without `main` or `exports`. */
function manifestTargets(manifest: PackageManifest): string[] {
  const targets: unknown[] = [
    manifest.main,
    manifest.module,
    manifest.types,
    manifest.typings,
    manifest.source,
  ];
  if (manifest.bin && typeof manifest.bin === 'object')
    targets.push(...Object.values(manifest.bin).slice(0, MAX_TARGETS));
  else targets.push(manifest.bin);
  if (!isPath(manifest.main) && manifest.exports === undefined) targets.push('index');
  return targets.filter(isPath);
}

/** `exports` as subpath → value, when its keys are subpaths (`"."`, `"./x"`), not conditions. */
function subpathsOf(exportsField: unknown): [string, unknown][] | undefined {
  if (!exportsField || typeof exportsField !== 'object' || Array.isArray(exportsField)) return undefined;
  const entries = Object.entries(exportsField).slice(0, MAX_TARGETS);
  return entries.length > 0 && entries.every(([key]) => key.startsWith('.')) ? entries : undefined;
}

function subpathKeys(subpaths: readonly [string, unknown][]): SubpathKeys {
  const exact = new Map<string, boolean>();
  const patterns: { before: string; after: string; isNull: boolean }[] = [];
  for (const [key, value] of subpaths) {
    const parts = key.split('*');
    if (parts.length === 1) exact.set(key, value === null);
    else if (parts.length === 2)
      patterns.push({ before: parts[0]!, after: parts[1]!, isNull: value === null });
  }
  patterns.sort((a, b) => b.before.length - a.before.length || b.after.length - a.after.length);
  return { exact, patterns };
}

/** Whether a subpath is exported: the key it falls under, as Node picks it, is not null. */
function isExported(keys: SubpathKeys, subpath: string): boolean {
  const exact = keys.exact.get(subpath);
  if (exact !== undefined) return !exact;
  const key = keys.patterns.find(
    ({ before, after }) =>
      subpath.length >= before.length + after.length && subpath.startsWith(before) && subpath.endsWith(after),
  );
  return key !== undefined && !key.isNull;
}

/** Every string in a value of `exports` (any conditions, any nesting; already pruned in depth). */
function stringLeaves(value: unknown): string[] {
  const found: string[] = [];
  const pending: unknown[] = [value];
  while (pending.length > 0 && found.length < MAX_TARGETS) {
    const next = pending.pop();
    if (isPath(next)) found.push(next);
    else if (next && typeof next === 'object') {
      for (const item of Object.values(next)) if (pending.length < MAX_TARGETS) pending.push(item);
    }
  }
  return found;
}

/** `…/src/*` → a matcher of source files, whose group is what the `*` stands for. */
function filesOf(base: string): RegExp {
  const [before, after] = base.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${before}(.+?)${after}${SOURCE_EXTENSION}$`);
}
