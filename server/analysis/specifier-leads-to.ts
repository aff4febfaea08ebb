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
 * Whether `specifier`, imported by `importer`, may name any of `files`: the answer of
 * `files.some((file) => specifierLeadsTo(importer, specifier, file))`, from sets of the paths the
 * files may be named by, built once (the specifier is normalized once, not once per file).
 */
export function createSpecifierLeadsToAny(
  files: Iterable<string>,
): (importer: string, specifier: string) => boolean {
  const targets = new Set<string>();
  for (const file of files) for (const target of targetsOf(file)) targets.add(target);
  // Every tail of a target after a `/`, for path mappings: built when one is first asked.
  let tails: Set<string> | undefined;
  const tailsOfTargets = () => {
    const all = new Set<string>();
    for (const target of targets) {
      all.add(target);
      for (let at = target.indexOf('/'); at !== -1; at = target.indexOf('/', at + 1))
        all.add(target.slice(at + 1));
    }
    return all;
  };
  return (importer, specifier) => {
    if (RELATIVE.test(specifier)) {
      const target = relativeTarget(importer, specifier);
      return targets.has(target) || targets.has(target.replace(SCRIPT_EXTENSION, ''));
    }
    tails ??= tailsOfTargets();
    const known = tails;
    return tailsOf(specifier).some((tail) => tail !== '' && known.has(tail));
  };
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
