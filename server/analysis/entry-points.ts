import * as path from 'node:path';
import type { ProjectLayout } from './project-layout.ts';
import { isPath, sourceBases, withSourceExtensions } from './source-twins.ts';
import type { PackageManifest } from './workspaces.ts';

/** Most manifest paths read per package: a manifest is the project's JSON, as wide as it likes. */
const MAX_TARGETS = 1_000;

/**
 * Which files are entry points of a package of the project — what its package.json's `main`,
 * `module`, `types`, `typings`, `source`, `bin` and every `exports` target name (any subpath,
 * any condition; a `*` pattern matches as Node matches it), mapped from build output back to
 * the sources (`./dist/index.js` → `src/index.ts`). Without `main` or `exports`, `index` is
 * the entry, as Node takes it. For the root's package and each workspace package.
 */
export function entryPointsOf(layout: ProjectLayout): (file: string) => boolean {
  const files = new Set<string>();
  const patterns: RegExp[] = [];
  const packages = [
    ...(layout.rootPackage ? [{ dir: layout.root, manifest: layout.rootPackage }] : []),
    ...layout.workspaces.values(),
  ];
  for (const { dir, manifest } of packages) {
    for (const target of manifestTargets(manifest)) {
      for (const base of sourceBases(target)) {
        const stars = base.split('*').length - 1;
        if (stars === 0) for (const file of withSourceExtensions(path.join(dir, base))) files.add(file);
        else if (stars === 1) patterns.push(patternOf(path.join(dir, base)));
      }
    }
  }
  return (file) => files.has(file) || patterns.some((pattern) => pattern.test(file));
}

/** The paths a manifest names as entries (at most {@link MAX_TARGETS}). */
function manifestTargets(manifest: PackageManifest): string[] {
  const targets: string[] = [];
  const add = (value: unknown) => {
    if (isPath(value) && targets.length < MAX_TARGETS) targets.push(value);
  };
  for (const field of [manifest.main, manifest.module, manifest.types, manifest.typings, manifest.source])
    add(field);
  if (manifest.bin && typeof manifest.bin === 'object')
    for (const file of Object.values(manifest.bin)) add(file);
  else add(manifest.bin);
  // Every string leaf of `exports`, whatever its subpath and conditions (already pruned in depth).
  const pending: unknown[] = [manifest.exports];
  while (pending.length > 0 && targets.length < MAX_TARGETS) {
    const value = pending.pop();
    if (!value || typeof value !== 'object') add(value);
    else for (const item of Object.values(value)) if (pending.length < MAX_TARGETS) pending.push(item);
  }
  if (!isPath(manifest.main) && manifest.exports === undefined) add('index');
  return targets;
}

/** `…/src/*` → a matcher: the `*` stands for any text, `/` included, as in `exports` patterns. */
function patternOf(base: string): RegExp {
  const [before, after] = base.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${before}.+${after}(?:\\.[cm]?[jt]sx?|/index\\.[cm]?[jt]sx?)?$`);
}
