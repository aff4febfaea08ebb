import * as path from 'node:path';
import type { FileSystemHost } from 'ts-morph';
import { parse as parseYaml } from 'yaml';
import { firstJsonSyntaxError } from './tsconfig.ts';

/** A package of an npm, yarn or pnpm workspace. */
export interface WorkspacePackage {
  readonly name: string;
  /** Absolute directory of the package. */
  readonly dir: string;
  /** The parsed package.json. */
  readonly manifest: PackageManifest;
}

export interface PackageManifest {
  readonly name?: string;
  readonly source?: string;
  readonly types?: string;
  readonly typings?: string;
  readonly main?: string;
  readonly module?: string;
  readonly exports?: unknown;
  /** A command's file, or commands' files by name. */
  readonly bin?: unknown;
  readonly workspaces?: readonly string[] | { readonly packages?: readonly string[] };
}

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'out', 'coverage']);
const MAX_DEPTH = 5;

/** A project's workspace, as its root declares it. */
export interface Workspace {
  /** Its packages, by name. */
  readonly packages: Map<string, WorkspacePackage>;
  /** The globs (root-relative folders, `!` to exclude) where packages are looked for. */
  readonly patterns: readonly string[];
  /** The manifests it read that do not parse, each as a message (root-relative path first). */
  readonly problems: readonly string[];
}

/**
 * The workspace packages declared by the root's `package.json` (`workspaces`, npm and yarn)
 * or `pnpm-workspace.yaml` (`packages:`), by package name.
 */
export function findWorkspace(fileSystem: FileSystemHost, root: string): Workspace {
  const problems: string[] = [];
  /** A manifest, or undefined (said in `problems` when it is there but does not parse). */
  const read = (dir: string, ignored: string) => {
    const file = path.join(dir, 'package.json');
    const { manifest, syntaxError } = readManifestFile(fileSystem, file);
    if (syntaxError !== undefined) {
      const relative = path.relative(root, file).split(path.sep).join('/');
      problems.push(`${relative}: does not parse (${syntaxError}): ${ignored} until it does`);
    }
    return manifest;
  };
  const patterns = workspacePatterns(
    fileSystem,
    root,
    read(root, 'its workspaces and entry points are not read'),
  );
  const packages = new Map<string, WorkspacePackage>();
  if (patterns.length === 0) return { packages, patterns, problems };
  const inWorkspace = workspaceMatcher(patterns);

  const visit = (dir: string, depth: number) => {
    const rel = path.relative(root, dir).split(path.sep).join('/');
    if (rel && inWorkspace(rel)) {
      const manifest = read(dir, 'it is no package of the workspace');
      if (typeof manifest?.name === 'string' && manifest.name !== '' && !packages.has(manifest.name)) {
        packages.set(manifest.name, { name: manifest.name, dir, manifest: entryFields(manifest) });
      }
    }
    if (depth >= MAX_DEPTH) return;
    for (const entry of fileSystem.readDirSync(dir)) {
      if (entry.isDirectory && !entry.isSymlink && !SKIPPED_DIRS.has(path.basename(entry.name))) {
        visit(entry.name, depth + 1);
      }
    }
  };
  visit(root, 0);
  return { packages, patterns, problems };
}

/**
 * Whether `dir` (root-relative, posix) is where {@link findWorkspace} looks for a package with
 * these globs, whether or not one is there yet.
 */
export function isWorkspaceDir(patterns: readonly string[], dir: string): boolean {
  const segments = dir.split('/');
  return (
    dir !== '' &&
    dir !== '.' &&
    segments.length <= MAX_DEPTH &&
    !segments.some((segment) => SKIPPED_DIRS.has(segment)) &&
    workspaceMatcher(patterns)(dir)
  );
}

/** Matches a root-relative folder against workspace globs: one that is included and not excluded. */
function workspaceMatcher(patterns: readonly string[]): (dir: string) => boolean {
  const include = patterns.filter((p) => !p.startsWith('!')).map(globMatcher);
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => globMatcher(p.slice(1)));
  return (dir) => include.some((glob) => glob.test(dir)) && !exclude.some((glob) => glob.test(dir));
}

export function readManifest(fileSystem: FileSystemHost, file: string): PackageManifest | undefined {
  return readManifestFile(fileSystem, file).manifest;
}

/** A manifest's content, or why it does not parse; neither when there is none (or it is no object). */
function readManifestFile(
  fileSystem: FileSystemHost,
  file: string,
): { manifest?: PackageManifest; syntaxError?: string } {
  let text: string;
  try {
    text = fileSystem.readFileSync(file);
  } catch {
    return {};
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { syntaxError: manifestSyntaxError(file, text) ?? 'not JSON' };
  }
  return value !== null && typeof value === 'object' ? { manifest: value as PackageManifest } : {};
}

/**
 * Why a manifest's text is no JSON, as `line:column message` (as npm and Node read it: strictly,
 * so a trailing comma is an error, which TypeScript's reading of a tsconfig forgives); undefined
 * when it parses.
 */
export function manifestSyntaxError(fileName: string, text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    // TypeScript's message where it finds the error (it says where); else JSON.parse's.
    const lenient = firstJsonSyntaxError(fileName, text);
    if (lenient !== undefined) return lenient;
    const message = error instanceof Error ? error.message : String(error);
    const position = /\bat position (\d+)/.exec(message);
    const at = position ? Number(position[1]) : /end of JSON input/.test(message) ? text.length : undefined;
    const reason = message.replace(/ in JSON at position \d+.*$/s, '');
    if (at === undefined) return reason;
    const before = text.slice(0, at).split(/\r\n|\n|\r/);
    return `${before.length}:${before.at(-1)!.length + 1} ${reason}`;
  }
}

/** Deepest nesting of a manifest's `exports` kept: real manifests nest two or three levels. */
const MAX_EXPORTS_DEPTH = 16;

/**
 * What resolution reads of a package's manifest, and no more: a package.json is the project's
 * JSON and may nest without bound elsewhere (what is kept is serialized into the layout's
 * fingerprint, and walked by recursion).
 */
function entryFields(manifest: PackageManifest): PackageManifest {
  const { name, source, types, typings, main, module } = manifest;
  return {
    name,
    source,
    types,
    typings,
    main,
    module,
    exports: pruned(manifest.exports, MAX_EXPORTS_DEPTH),
    bin: pruned(manifest.bin, 1),
  };
}

/** The entry fields of the package in `dir` (see {@link entryFields}); undefined without a manifest. */
export function readPackageEntries(fileSystem: FileSystemHost, dir: string): PackageManifest | undefined {
  const manifest = readManifest(fileSystem, path.join(dir, 'package.json'));
  return manifest && entryFields(manifest);
}

/** `value` without what nests deeper than `depth` levels. */
function pruned(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth === 0) return undefined;
  if (Array.isArray(value)) return value.map((item) => pruned(item, depth - 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, pruned(item, depth - 1)]));
}

function workspacePatterns(
  fileSystem: FileSystemHost,
  root: string,
  manifest: PackageManifest | undefined,
): string[] {
  const declared: unknown = manifest?.workspaces;
  // The manifest is the project's JSON: only a list is a list of globs.
  const fromManifest: unknown = Array.isArray(declared)
    ? declared
    : (declared as { packages?: unknown } | null | undefined)?.packages;
  const patterns: unknown[] = Array.isArray(fromManifest) ? [...fromManifest] : [];
  try {
    patterns.push(...parsePnpmWorkspace(fileSystem.readFileSync(path.join(root, 'pnpm-workspace.yaml'))));
  } catch {
    // No pnpm workspace, or not YAML: no pnpm packages (the file is the package manager's to report).
  }
  return patterns
    .filter((p): p is string => typeof p === 'string')
    .map((p) => p.replace(/^\.\//, '').replace(/\/$/, ''));
}

/** The `packages:` globs of a pnpm-workspace.yaml (block or flow list, comments, anchors: any YAML). */
function parsePnpmWorkspace(text: string): string[] {
  const document: unknown = parseYaml(text);
  const packages = (document as { packages?: unknown } | null)?.packages;
  return Array.isArray(packages) ? packages.filter((p): p is string => typeof p === 'string') : [];
}

/** One step of a workspace glob: `**` (anything), `*` (anything but `/`), `?`, or a character. */
type GlobToken = 'any' | 'star' | 'one' | { readonly char: string };

/** A matcher for `packages/*`-style globs over root-relative posix paths; `**` spans directories. */
interface GlobMatcher {
  test(path: string): boolean;
}

/**
 * `packages/*` → a matcher over root-relative posix paths; `**` spans directories (and `**\/`
 * matches no folder too). The globs and the folder names both come from the analyzed project:
 * a regular expression built from them (`*a*a*a…b`) backtracks exponentially, so they are
 * matched by walking every position of the glob at once: time is the product of their lengths.
 */
function globMatcher(glob: string): GlobMatcher {
  const tokens: GlobToken[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      tokens.push('any');
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') tokens.push('star');
    else if (c === '?') tokens.push('one');
    else tokens.push({ char: c });
  }
  return { test: (text) => matchGlob(tokens, text) };
}

/** `.` of a regular expression: what `**` spans. */
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

function matchGlob(tokens: readonly GlobToken[], text: string): boolean {
  const end = tokens.length;
  // states[i]: the first i tokens can match what was read so far.
  const skipEmpty = (states: Uint8Array) => {
    for (let i = 0; i < end; i++)
      if (states[i] && (tokens[i] === 'any' || tokens[i] === 'star')) states[i + 1] = 1;
    return states;
  };
  let states = skipEmpty(new Uint8Array(end + 1).fill(1, 0, 1));
  for (const c of text.split('')) {
    const next = new Uint8Array(end + 1);
    let alive = false;
    for (let i = 0; i < end; i++) {
      if (!states[i]) continue;
      const token = tokens[i]!;
      if (token === 'any') {
        if (!LINE_TERMINATOR.test(c)) next[i] = 1;
      } else if (token === 'star') {
        if (c !== '/') next[i] = 1;
      } else if (token === 'one') {
        if (c !== '/') next[i + 1] = 1;
      } else if (token.char === c) {
        next[i + 1] = 1;
      }
      alive = true;
    }
    if (!alive) return false;
    states = skipEmpty(next);
  }
  return states[end] === 1;
}
