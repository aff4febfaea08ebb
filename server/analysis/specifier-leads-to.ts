import * as posix from 'node:path/posix';

const SCRIPT_EXTENSION = /\.(?:d\.)?[cm]?[jt]sx?$/;

/**
 * Whether `specifier`, imported by `importer`, may name `file` (all root-relative): a relative
 * path to it (with or without its extension, or its folder for an `index` file), or a path
 * mapping or `baseUrl` path whose tail is its path (`@/lib/a` for `src/lib/a.ts`). Syntax only:
 * what the module resolution of the base would have done is not known.
 */
export function specifierLeadsTo(importer: string, specifier: string, file: string): boolean {
  const stem = file.replace(SCRIPT_EXTENSION, '');
  const targets =
    stem === 'index'
      ? [stem, '']
      : stem.endsWith('/index')
        ? [stem, stem.slice(0, -'/index'.length)]
        : [stem];
  if (/^\.\.?(?:\/|$)/.test(specifier)) {
    const joined = posix.normalize(posix.join(posix.dirname(importer), specifier)).replace(/\/$/, '');
    const target = joined === '.' ? '' : joined;
    return targets.includes(target) || targets.includes(target.replace(SCRIPT_EXTENSION, ''));
  }
  const path = specifier.replace(SCRIPT_EXTENSION, '').replace(/\/$/, '');
  const tails = path.includes('/') ? [path, path.slice(path.indexOf('/') + 1)] : [path];
  return targets.some((t) => tails.some((tail) => tail !== '' && (t === tail || t.endsWith(`/${tail}`))));
}
