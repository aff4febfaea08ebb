import * as posix from 'node:path/posix';

const SCRIPT_EXTENSION = /\.(?:d\.)?[cm]?[jt]sx?$/;
const RELATIVE = /^\.\.?(?:\/|$)/;

/**
 * Whether `specifier`, imported by `importer`, may name `file` (all root-relative): a relative
 * path to it (with or without its extension, or its folder for an `index` file), or a path
 * mapping or `baseUrl` path whose tail is its path (`@/lib/a` for `src/lib/a.ts`). Syntax only:
 * what the module resolution of the base would have done is not known.
 */
export function specifierLeadsTo(importer: string, specifier: string, file: string): boolean {
  const targets = targetsOf(file);
  if (RELATIVE.test(specifier)) {
    const target = relativeTarget(importer, specifier);
    return targets.includes(target) || targets.includes(target.replace(SCRIPT_EXTENSION, ''));
  }
  const tails = tailsOf(specifier);
  return targets.some((t) => tails.some((tail) => tail !== '' && (t === tail || t.endsWith(`/${tail}`))));
}

/**
 * Which of `files` `specifier`, imported by `importer`, may name: the files for which
 * `specifierLeadsTo` answers true, in the order given, from maps of the paths the files may be
 * named by, built once (the specifier is normalized once, not once per file).
 */
export function createSpecifierLeadsToFiles(
  files: Iterable<string>,
): (importer: string, specifier: string) => readonly string[] {
  const order = new Map<string, number>();
  const byTarget = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, file: string) => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [file]);
    else if (!list.includes(file)) list.push(file);
  };
  for (const file of files) {
    if (order.has(file)) continue;
    order.set(file, order.size);
    for (const target of targetsOf(file)) add(byTarget, target, file);
  }
  // Every tail of a target after a `/`, for path mappings: built when one is first asked.
  let byTail: Map<string, string[]> | undefined;
  const tailsOfTargets = () => {
    const all = new Map<string, string[]>();
    for (const [target, named] of byTarget) {
      const tails = [target];
      for (let at = target.indexOf('/'); at !== -1; at = target.indexOf('/', at + 1))
        tails.push(target.slice(at + 1));
      for (const tail of tails) for (const file of named) add(all, tail, file);
    }
    return all;
  };
  const inOrder = (found: Set<string>) => [...found].sort((a, b) => order.get(a)! - order.get(b)!);
  return (importer, specifier) => {
    const found = new Set<string>();
    if (RELATIVE.test(specifier)) {
      const target = relativeTarget(importer, specifier);
      for (const key of [target, target.replace(SCRIPT_EXTENSION, '')])
        for (const file of byTarget.get(key) ?? []) found.add(file);
      return inOrder(found);
    }
    byTail ??= tailsOfTargets();
    for (const tail of tailsOf(specifier))
      if (tail !== '') for (const file of byTail.get(tail) ?? []) found.add(file);
    return inOrder(found);
  };
}

/** Whether `specifier`, imported by `importer`, may name any of `files` ({@link createSpecifierLeadsToFiles}). */
export function createSpecifierLeadsToAny(
  files: Iterable<string>,
): (importer: string, specifier: string) => boolean {
  const leadsTo = createSpecifierLeadsToFiles(files);
  return (importer, specifier) => leadsTo(importer, specifier).length > 0;
}

/** The paths a file may be named by: its path without extension, and its folder for an `index`. */
function targetsOf(file: string): string[] {
  const stem = file.replace(SCRIPT_EXTENSION, '');
  return stem === 'index'
    ? [stem, '']
    : stem.endsWith('/index')
      ? [stem, stem.slice(0, -'/index'.length)]
      : [stem];
}

/** The root-relative path a relative specifier names, without a trailing `/` (`''` the root). */
function relativeTarget(importer: string, specifier: string): string {
  const joined = posix.normalize(posix.join(posix.dirname(importer), specifier)).replace(/\/$/, '');
  return joined === '.' ? '' : joined;
}

/** The tails of a non-relative specifier a file's path may end with: all of it, and past its first segment. */
function tailsOf(specifier: string): string[] {
  const path = specifier.replace(SCRIPT_EXTENSION, '').replace(/\/$/, '');
  return path.includes('/') ? [path, path.slice(path.indexOf('/') + 1)] : [path];
}
