import * as path from 'node:path';
import type { ProjectLayout } from './project-layout.ts';
import { isPath, sourceBases } from './source-twins.ts';
import type { PackageManifest } from './workspaces.ts';

/**
 * Most manifest paths read of one package, and most `*` patterns (and `*` keys deciding them)
 * kept of one package and of all: a manifest is the project's JSON, as wide as it likes, each
 * pattern is tried on every file, and each key on every file a pattern matches. Real manifests
 * stay far below (effect: 40 subpaths, 14 of them patterns); one package's excess takes nothing
 * from the others'.
 */
const MAX_TARGETS = 1_000;
const MAX_PATTERNS = 50;
const MAX_ALL_PATTERNS = 500;
/** A source file's extension, `.d.ts` included. */
const SOURCE_EXTENSION = /(?:\.d)?\.[cm]?[jt]sx?$/;

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
  /** Entry files without their extension (`/abs/src/index`). */
  const bases = new Set<string>();
  const patterns = new Map<string, SubpathPattern>();
  const addBases = (dir: string, target: string, asFolder: boolean) => {
    for (const base of sourceBases(target)) {
      const absolute = path.join(dir, base);
      bases.add(absolute);
      // `"main": "lib"` is lib/index.js to Node; an `exports` target is a file.
      if (asFolder) bases.add(`${absolute}/index`);
    }
  };
  const packages = [
    ...(layout.rootPackage ? [{ dir: layout.root, manifest: layout.rootPackage }] : []),
    ...layout.workspaces.values(),
  ];
  for (const { dir, manifest } of packages) {
    // Each field of each package within its own budget (`stringLeaves` stops at MAX_TARGETS):
    // a wide `bin` hides no `exports`, one package's manifest no other's.
    for (const target of manifestTargets(manifest)) addBases(dir, target, true);
    for (const target of binTargets(manifest.bin)) addBases(dir, target, false);
    const subpaths = subpathsOf(manifest.exports);
    if (!subpaths) {
      for (const target of stringLeaves(manifest.exports)) addBases(dir, target, false);
      continue;
    }
    const keys = subpathKeys(subpaths);
    let budget = MAX_TARGETS;
    let ownPatterns = 0;
    for (const [key, value] of subpaths) {
      const targets = stringLeaves(value).slice(0, Math.max(0, budget));
      budget -= targets.length;
      for (const target of targets) {
        const stars = target.split('*').length - 1;
        if (stars === 0) addBases(dir, target, false);
        else if (
          stars === 1 &&
          key.split('*').length === 2 &&
          ownPatterns < MAX_PATTERNS &&
          patterns.size < MAX_ALL_PATTERNS
        ) {
          ownPatterns += 1;
          for (const base of sourceBases(target)) {
            const files = filesOf(path.join(dir, base));
            patterns.set(`${key}\n${files.source}`, { files, key, keys });
          }
        }
      }
    }
  }
  return (file) => {
    if (bases.has(file.replace(SOURCE_EXTENSION, ''))) return true;
    for (const pattern of patterns.values()) {
      const star = pattern.files.exec(file)?.[1];
      if (
        star !== undefined &&
        isExported(
          pattern.keys,
          pattern.key.replace('*', () => star),
        )
      )
        return true;
    }
    return false;
  };
}

/** `main`, `module`, `types`, `typings`, `source`; `index` without `main` or `exports`. */
function manifestTargets(manifest: PackageManifest): string[] {
  const targets: unknown[] = [
    manifest.main,
    manifest.module,
    manifest.types,
    manifest.typings,
    manifest.source,
  ];
  if (!isPath(manifest.main) && manifest.exports === undefined) targets.push('index');
  return targets.filter(isPath);
}

/** A command's file, or the files of commands by name. */
function binTargets(bin: unknown): string[] {
  return bin && typeof bin === 'object' ? stringLeaves(bin) : [bin].filter(isPath);
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
  // The most specific: a subpath under only a less specific key is taken for not exported.
  return { exact, patterns: patterns.slice(0, MAX_PATTERNS) };
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

/** Every string in a manifest value (any conditions, any nesting; already pruned in depth), at most MAX_TARGETS. */
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
  return new RegExp(`^${before}(.+)${after}\\.[cm]?[jt]sx?$`);
}
