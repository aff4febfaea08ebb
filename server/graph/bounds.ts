/**
 * Request bounds shared by every adapter. Each check throws {@link GraphStoreError}
 * `BAD_REQUEST` for a value beyond {@link LIMITS} or outside the model (an unknown edge
 * type, a fractional page size): adapters reject, they never clamp, so a caller learns
 * that it asked for too much instead of silently getting less.
 */
import {
  EDGE_TYPES,
  type EdgeType,
  isEdgeType,
  isNodeKind,
  NODE_KINDS,
  type NodeKind,
} from '../model/index.ts';
import {
  type CycleOptions,
  DEFAULTS,
  type Direction,
  type FolderGraphOptions,
  GraphStoreError,
  LIMITS,
  type NodeFilter,
  type PageRequest,
  type PathOptions,
  type TraverseOptions,
} from './port.ts';

function badRequest(message: string): GraphStoreError {
  return new GraphStoreError('BAD_REQUEST', message);
}

/** An integer within `min..max`, or a `BAD_REQUEST` naming the option. */
export function assertIntInRange(value: unknown, min: number, max: number, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw badRequest(`${name} must be an integer in ${min}..${max}, got ${String(value)}`);
  }
  return value;
}

/** At most {@link LIMITS.batchKeys} string keys. */
export function assertKeys(keys: readonly string[], name = 'keys'): readonly string[] {
  if (!Array.isArray(keys)) throw badRequest(`${name} must be a list of strings`);
  if (keys.length > LIMITS.batchKeys) {
    throw badRequest(`${name} may hold at most ${LIMITS.batchKeys} keys, got ${keys.length}`);
  }
  for (const key of keys) {
    if (typeof key !== 'string') throw badRequest(`${name} must be a list of strings`);
  }
  return keys;
}

/** Edge types from the allow-list, deduplicated; `undefined` means every type. */
export function assertEdgeTypes(types: readonly string[] | undefined): readonly EdgeType[] | undefined {
  return assertAllowed(types, 'types', 'edge type', EDGE_TYPES, isEdgeType);
}

/** Node kinds from the allow-list, deduplicated; `undefined` means every kind. */
export function assertNodeKinds(kinds: readonly string[] | undefined): readonly NodeKind[] | undefined {
  return assertAllowed(kinds, 'kinds', 'node kind', NODE_KINDS, isNodeKind);
}

/** Values of `allowed`, deduplicated; a list with any other value is a bad request that names them. */
function assertAllowed<T extends string>(
  values: readonly string[] | undefined,
  name: string,
  what: string,
  allowed: readonly T[],
  isAllowed: (value: string) => value is T,
): readonly T[] | undefined {
  if (values === undefined) return undefined;
  if (!Array.isArray(values)) throw badRequest(`${name} must be a list of ${what}s`);
  for (const value of values) {
    if (!isAllowed(value))
      throw badRequest(`unknown ${what} ${JSON.stringify(value)}; expected one of ${allowed.join(', ')}`);
  }
  return [...new Set(values as readonly T[])];
}

export function assertDirection<D extends Direction>(direction: unknown, allowed: readonly D[]): D {
  if (!allowed.includes(direction as D)) {
    throw badRequest(`direction must be one of ${allowed.join(', ')}, got ${String(direction)}`);
  }
  return direction as D;
}

/** A page size: `first` in 0..{@link LIMITS.pageSize}, {@link DEFAULTS.pageSize} when absent. */
export function resolvePageSize(page: PageRequest | undefined): number {
  return page?.first === undefined
    ? DEFAULTS.pageSize
    : assertIntInRange(page.first, 0, LIMITS.pageSize, 'first');
}

export interface ResolvedTraverse {
  readonly types: readonly EdgeType[] | undefined;
  readonly direction: 'OUT' | 'IN';
  readonly maxDepth: number;
  readonly limit: number;
  /** Step from symbols to their importers by name too: `importsByName`, IN, IMPORTS among the types. */
  readonly importsByName: boolean;
}

/**
 * `maxDepth` in 1..{@link LIMITS.traverseDepth}; `limit` in 0..{@link LIMITS.traverseLimit}
 * ({@link DEFAULTS.traverseLimit} when absent).
 */
export function resolveTraverse(options: TraverseOptions): ResolvedTraverse {
  return {
    types: assertEdgeTypes(options.types),
    direction: assertDirection(options.direction, ['OUT', 'IN'] as const),
    maxDepth: assertIntInRange(options.maxDepth, 1, LIMITS.traverseDepth, 'maxDepth'),
    limit:
      options.limit === undefined
        ? DEFAULTS.traverseLimit
        : assertIntInRange(options.limit, 0, LIMITS.traverseLimit, 'limit'),
    importsByName:
      options.importsByName === true &&
      options.direction === 'IN' &&
      (options.types === undefined || options.types.includes('IMPORTS')),
  };
}

export interface ResolvedPath {
  readonly types: readonly EdgeType[] | undefined;
  readonly maxDepth: number;
}

/** `maxDepth` in 1..{@link LIMITS.pathDepth}, {@link DEFAULTS.pathDepth} when absent. */
export function resolvePath(options: PathOptions | undefined): ResolvedPath {
  return {
    types: assertEdgeTypes(options?.types),
    maxDepth:
      options?.maxDepth === undefined
        ? DEFAULTS.pathDepth
        : assertIntInRange(options.maxDepth, 1, LIMITS.pathDepth, 'maxDepth'),
  };
}

/** A {@link NodeFilter} checked and normalized: empty strings mean no filter. */
export interface ResolvedFilter {
  /** Lowercased search text. */
  readonly text: string | undefined;
  readonly kinds: readonly NodeKind[] | undefined;
  readonly pathPrefix: string | undefined;
  readonly exported: boolean | undefined;
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw badRequest(`${name} must be a string`);
  return value;
}

export function resolveFilter(filter: NodeFilter): ResolvedFilter {
  const exported = filter.exported ?? undefined;
  if (exported !== undefined && typeof exported !== 'boolean') throw badRequest('exported must be a boolean');
  return {
    text: optionalString(filter.text, 'text')?.toLowerCase(),
    kinds: assertNodeKinds(filter.kinds),
    pathPrefix: optionalString(filter.pathPrefix, 'pathPrefix'),
    exported,
  };
}

/** A path prefix filter: a string, or `undefined` for none. */
export function resolvePathPrefix(pathPrefix: unknown): string | undefined {
  return optionalString(pathPrefix, 'pathPrefix');
}

/** The `includeTypeOnly` flag of `importCycles`. */
export function resolveIncludeTypeOnly(options: CycleOptions | undefined): boolean {
  const include = options?.includeTypeOnly ?? false;
  if (typeof include !== 'boolean') throw badRequest('includeTypeOnly must be a boolean');
  return include;
}

/** {@link FolderGraphOptions} checked and normalized. */
export interface ResolvedFolderGraph {
  /** Files must start with this; `''` for every file. */
  readonly pathPrefix: string;
  /** How many path segments the prefix's folder has (`src/li` → 1): grouping starts below it. */
  readonly baseDepth: number;
  readonly depth: number;
  /** Opened folders, each ending with `/`. */
  readonly expanded: readonly string[];
  readonly limit: number;
}

/**
 * `depth` in 1..{@link LIMITS.folderDepth}, at most {@link LIMITS.expandedFolders} non-empty
 * `expanded` folders (normalized to end with `/`), `limit` in 1..{@link LIMITS.folderNodes}.
 */
export function resolveFolderGraph(options: FolderGraphOptions | undefined): ResolvedFolderGraph {
  const pathPrefix = optionalString(options?.pathPrefix, 'pathPrefix') ?? '';
  const expanded = options?.expanded ?? [];
  if (!Array.isArray(expanded)) throw badRequest('expanded must be a list of folder paths');
  if (expanded.length > LIMITS.expandedFolders) {
    throw badRequest(`expanded may hold at most ${LIMITS.expandedFolders} folders, got ${expanded.length}`);
  }
  const folders = new Set<string>();
  for (const folder of expanded) {
    if (typeof folder !== 'string' || folder === '' || folder === '/')
      throw badRequest('expanded must be a list of non-empty folder paths');
    folders.add(folder.endsWith('/') ? folder : `${folder}/`);
  }
  return {
    pathPrefix,
    baseDepth: pathPrefix.split('/').length - 1,
    depth: options?.depth === undefined ? 1 : assertIntInRange(options.depth, 1, LIMITS.folderDepth, 'depth'),
    expanded: [...folders].sort(),
    limit:
      options?.limit === undefined
        ? DEFAULTS.folderNodes
        : assertIntInRange(options.limit, 1, LIMITS.folderNodes, 'limit'),
  };
}
