/**
 * Where the source of a path a package manifest names may be: a manifest names what a build
 * writes (`dist/index.js`, `types/index.d.ts`), and the analyzed project holds its source
 * (`src/index.ts`).
 */

/** The extensions a source file may have, most likely first. */
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** Build output folders whose files have a source twin under `src/`. */
const OUTPUT_DIR = /^(?:dist|lib|build|out|esm|cjs|types)(?:\/(?:esm|cjs|types))?\//;
const OUTPUT_EXT = /(?:\.d)?\.[cm]?[jt]s$/;

/** A manifest field holds anything: only a non-empty string is a path. */
export function isPath(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** `dist/esm/x` → `src/x`: a path in build output moved to the source folder (others unchanged). */
export function toSourceDir(file: string): string {
  return file.replace(OUTPUT_DIR, 'src/');
}

/**
 * The paths, without extension and relative to the package, that the source of a manifest's
 * path may have, most likely first: `./dist/x.js` → `src/x`, `dist/x`.
 */
export function sourceBases(manifestPath: string): string[] {
  const clean = stripExtension(manifestPath.replace(/^\.\//, ''));
  return [...new Set([toSourceDir(clean), clean])];
}

/** `x.js`, `x.d.ts`, `x.mts` → `x`. */
export function stripExtension(file: string): string {
  return file.replace(OUTPUT_EXT, '');
}

/** Every file a base may be: it with a source extension, or its folder's index. */
export function withSourceExtensions(base: string): string[] {
  return [
    ...SOURCE_EXTENSIONS.map((ext) => base + ext),
    ...SOURCE_EXTENSIONS.map((ext) => `${base}/index${ext}`),
  ];
}
