/**
 * Every Cypher statement the Memgraph adapter sends, in one place to read and review (the
 * schema's are in `requirements.ts`).
 *
 * @remarks
 * Written for Memgraph's dialect (docs/ARCHITECTURE.md, "Memgraph adapter"): `*BFS` for shortest paths (there is no
 * `shortestPath()`), no pattern expressions or `EXISTS {}` subqueries (`OPTIONAL MATCH` +
 * `count` instead). Labels and relationship types cannot be parameters, so they are written
 * into the text — only ever from the model's allow-lists (`NODE_KINDS`, `EDGE_TYPES`),
 * checked by {@link nodeLabel} and {@link relationshipTypes}. Everything else is a
 * `$parameter`; integers are sent as neo4j Integers (a JS number would arrive as a Float).
 *
 * Storage: each node is `(:CodeNode:<KIND> {key, kind, file, nameLower, nameLength, qualifiedLower,
 * qualifiedLength, ...props})`
 * — its properties at the top level (Memgraph keeps list and map values whole), the reserved
 * ones beside them (`neo4j-values.ts`); each edge is `[:<TYPE> {...props}]`; the revision is
 * `(:CodenavMeta {id: 'graph'}).revision`.
 */
import neo4j from 'neo4j-driver';
import {
  EDGE_TYPES,
  type EdgeType,
  isSymbolKind,
  NODE_KINDS,
  type NodeKind,
  USE_EDGES,
} from '../../model/index.ts';
import type { ResolvedFilter, ResolvedFolderGraph } from '../bounds.ts';
import type { SearchPosition } from '../cursor.ts';
import { GraphStoreError, MAX_REEXPORT_DEPTH } from '../port.ts';
import { isQualifiedSearch } from '../search-name.ts';

/** A statement and its parameters. */
export interface Statement {
  readonly text: string;
  readonly params: Readonly<Record<string, unknown>>;
  /**
   * When set, a row returned by this statement means the change set is invalid: the adapter
   * aborts the transaction with `INVALID_CHANGE_SET` and this message, plus the rows' `key`s.
   */
  readonly rejectIfRows?: string;
}

/** The label every code node carries (the index and the key constraint are on it). */
export const NODE_LABEL = 'CodeNode';

/**
 * A label or type name as written into a statement: from an allow-list, and escaped with
 * backticks so that a name that is also a Cypher keyword (`CONTAINS`) can never be misread.
 */
function escaped(name: string): string {
  return `\`${name}\``;
}

/** The label written for a node kind, from the allow-list only. */
export function nodeLabel(kind: string): NodeKind {
  const label = NODE_KINDS.find((k) => k === kind);
  if (!label)
    throw new GraphStoreError('INVALID_CHANGE_SET', `node kind ${JSON.stringify(kind)} is not a node kind`);
  return label;
}

/** A relationship type pattern (`:CALLS|IMPORTS`, or nothing for every type), from the allow-list only. */
export function relationshipTypes(types: readonly string[] | undefined): string {
  if (types === undefined) return '';
  const allowed = types.map((type) => {
    const known = EDGE_TYPES.find((t) => t === type);
    if (!known)
      throw new GraphStoreError('BAD_REQUEST', `edge type ${JSON.stringify(type)} is not an edge type`);
    return known;
  });
  // No pattern would match every type: an empty list (nothing) is answered without a query.
  if (allowed.length === 0)
    throw new GraphStoreError('BAD_REQUEST', 'an empty list of edge types matches nothing');
  return `:${allowed.map(escaped).join('|')}`;
}

function relationshipType(type: string): EdgeType {
  const known = EDGE_TYPES.find((t) => t === type);
  if (!known)
    throw new GraphStoreError('INVALID_CHANGE_SET', `edge type ${JSON.stringify(type)} is not an edge type`);
  return known;
}

/** An integer parameter: a JS number would reach Memgraph as a Float. */
export function int(value: number): ReturnType<typeof neo4j.int> {
  return neo4j.int(value);
}

// ---------------------------------------------------------------------------------------
// Writes: one transaction per change set, statements in this order.

/**
 * Which revision does this change set become? Increments the singleton counter and returns
 * it. It runs first in the transaction so that a concurrent writer conflicts at once (and is
 * retried) instead of after all its work.
 */
export const NEXT_REVISION = `
MERGE (meta:CodenavMeta {id: 'graph'})
SET meta.revision = coalesce(meta.revision, 0) + 1
RETURN meta.revision AS revision`;

/** Remove these edges of one type ($rows: [{from, to}]); absent ones are skipped. */
export function removeEdgesText(type: string): string {
  return `
UNWIND $rows AS row
MATCH (:${NODE_LABEL} {key: row.from})-[edge:${escaped(relationshipType(type))}]->(:${NODE_LABEL} {key: row.to})
DELETE edge`;
}

/** Remove these nodes and every edge they have ($keys); absent ones are skipped. */
export const REMOVE_NODES = `
UNWIND $keys AS key
MATCH (node:${NODE_LABEL} {key: key})
DETACH DELETE node`;

/**
 * Upsert nodes of one kind ($rows: [{key, props}], props holding key and kind too): each node
 * becomes exactly the given record — properties replaced whole, its kind label set and any
 * other kind's label removed, since an upsert may change a node's kind.
 */
export function upsertNodesText(kind: string): string {
  const label = nodeLabel(kind);
  const others = NODE_KINDS.filter((k) => k !== label)
    .map(escaped)
    .join(':');
  return `
UNWIND $rows AS row
MERGE (node:${NODE_LABEL} {key: row.key})
SET node = row.props
REMOVE node:${others}
SET node:${escaped(label)}`;
}

/**
 * Which of these edge endpoints do not exist, once this change set's removals and node
 * upserts are done ($keys)? Any row rejects the change set.
 */
export const MISSING_NODES = `
UNWIND $keys AS key
OPTIONAL MATCH (node:${NODE_LABEL} {key: key})
WITH key, node
WHERE node IS NULL
RETURN key
LIMIT 10`;

/**
 * Upsert edges of one type ($rows: [{from, to, props}]): at most one edge of a type between
 * two nodes, its properties replaced whole. Both ends exist (checked by {@link MISSING_NODES}).
 */
export function upsertEdgesText(type: string): string {
  return `
UNWIND $rows AS row
MATCH (source:${NODE_LABEL} {key: row.from}), (target:${NODE_LABEL} {key: row.to})
MERGE (source)-[edge:${escaped(relationshipType(type))}]->(target)
SET edge = row.props`;
}

/**
 * Create edges of one type ($rows: [{from, to, props}]), for the first change set into an
 * empty graph: no edge exists yet, so `MERGE`'s search of each pair's edges is skipped. The
 * rows name each edge once (the adapter keeps the last of duplicates).
 */
export function createEdgesText(type: string): string {
  return `
UNWIND $rows AS row
MATCH (source:${NODE_LABEL} {key: row.from}), (target:${NODE_LABEL} {key: row.to})
CREATE (source)-[edge:${escaped(relationshipType(type))}]->(target)
SET edge = row.props`;
}

/** Delete everything: for tests that need an empty database between cases. */
export const DELETE_EVERYTHING = 'MATCH (node) DETACH DELETE node';

// ---------------------------------------------------------------------------------------
// Reads, each in a read transaction.

/** What revision is the stored graph at? No row: an empty database, revision 0. */
export const READ_REVISION = `
MATCH (meta:CodenavMeta {id: 'graph'})
RETURN meta.revision AS revision`;

/** Which nodes have these keys? */
export function getNodes(keys: readonly string[]): Statement {
  return {
    text: `
UNWIND $keys AS key
MATCH (node:${NODE_LABEL} {key: key})
RETURN node`,
    params: { keys },
  };
}

/**
 * Which edges of these types leave (`OUT`) or enter (`IN`) each of these nodes? Rows carry
 * the asking key, the edge and the key at its other end.
 */
export function getEdges(
  keys: readonly string[],
  direction: 'OUT' | 'IN',
  types: readonly EdgeType[] | undefined,
): Statement {
  const [left, right] = direction === 'OUT' ? ['-', '->'] : ['<-', '-'];
  return {
    text: `
UNWIND $keys AS key
MATCH (node:${NODE_LABEL} {key: key})${left}[edge${relationshipTypes(types)}]${right}(other:${NODE_LABEL})
RETURN key, edge, other.key AS otherKey`,
    params: { keys },
  };
}

/**
 * The `WHERE` conditions of the filters that are set, and their parameters. Only the set
 * ones are written, so the planner sees plain conjuncts it can use (never `$x IS NULL OR …`).
 */
function filterConditions(filter: ResolvedFilter): { conditions: string[]; params: Record<string, unknown> } {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.kinds !== undefined) {
    conditions.push('node.kind IN $kinds');
    params.kinds = filter.kinds;
  }
  if (filter.pathPrefix !== undefined) {
    conditions.push('node.path STARTS WITH $pathPrefix');
    params.pathPrefix = filter.pathPrefix;
  }
  if (filter.exported !== undefined) {
    conditions.push('coalesce(node.exported, false) = $exported');
    params.exported = filter.exported;
  }
  return { conditions, params };
}

function where(conditions: readonly string[]): string {
  return conditions.length === 0 ? '' : `\nWHERE ${conditions.join('\n  AND ')}`;
}

/**
 * The least string above every string that starts with `prefix`, in Memgraph's order (UTF-8
 * bytes, which is code point order): the prefix with its last code point incremented, so that
 * `prefix <= name < prefixEnd(prefix)` is a range seek on an index. `undefined` when there is
 * none (a prefix of nothing but U+10FFFF).
 */
export function prefixEnd(prefix: string): string | undefined {
  const points = Array.from(prefix, (char) => char.codePointAt(0)!);
  while (points.length > 0) {
    let last = points.pop()! + 1;
    if (last >= 0xd800 && last <= 0xdfff) last = 0xe000; // surrogates are not characters
    if (last <= 0x10ffff) return String.fromCodePoint(...points, last);
  }
  return undefined;
}

/**
 * Compares strings in Memgraph's order (UTF-8 bytes, which is code point order) rather than
 * JavaScript's (UTF-16 units): the two differ where a surrogate pair (U+10000 and up) meets a
 * unit of U+E000..U+FFFF. For merging lists Memgraph sorted and cut.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Both at or above the surrogates: put surrogates (the code points above U+FFFF) last.
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/**
 * The stored properties a search text is matched and ranked on: a text with a `.` matches
 * qualified names (`qualifiedLower`, `qualifiedLength`, stored only when they hold a `.`), any
 * other names (`nameLower`, `nameLength`), as `search-name.ts` decides for every adapter. Written
 * into the statement from this fixed pair only.
 */
export function searchFields(text: string): { readonly lower: string; readonly length: string } {
  return isQualifiedSearch(text)
    ? { lower: 'qualifiedLower', length: 'qualifiedLength' }
    : { lower: 'nameLower', length: 'nameLength' };
}

/**
 * A search position as parameters: `$afterTier`, `$afterLength`, `$afterKey` for the "strictly
 * after the cursor" condition of a forward page, `$before…` for the "strictly before" of a
 * backward one.
 */
function cursorParams(position: SearchPosition, backward: boolean): Record<string, unknown> {
  const side = backward ? 'before' : 'after';
  return {
    [`${side}Tier`]: int(position.tier),
    [`${side}Length`]: int(position.length),
    [`${side}Key`]: position.key,
  };
}

/** The rank `(tier, length, key)` strictly past the cursor: after it forward, before it backward. */
const PAST_CURSOR = (tier: string, length: string, backward: boolean) => {
  const [side, than] = backward ? ['before', '<'] : ['after', '>'];
  return `(${tier} ${than} $${side}Tier OR (${tier} = $${side}Tier AND (${length} ${than} $${side}Length OR (${length} = $${side}Length AND node.key ${than} $${side}Key))))`;
};

/** `ORDER BY` of the rank: ascending forward, descending backward (the nearest to the cursor first). */
const rankOrder = (columns: readonly string[], backward: boolean) =>
  columns.map((column) => (backward ? `${column} DESC` : column)).join(', ');

/**
 * Search, exact and prefix tiers: which nodes' lowercased names equal or start with the text,
 * past the cursor, nearest first (rank order forward, reversed backward)? A range seek on the
 * `nameLower` index reads only those names. `nameLower` and `nameLength` are stored by the
 * adapter, computed in JavaScript (the memory store's rules), so `tier` and `length` rank
 * exactly as the memory store does.
 */
export function searchByPrefix(
  filter: ResolvedFilter & { readonly text: string },
  cursor: SearchPosition,
  limit: number,
  backward = false,
): Statement {
  const { conditions, params } = filterConditions(filter);
  const { lower, length } = searchFields(filter.text);
  const end = prefixEnd(filter.text);
  const range = [`node.${lower} >= $text`, ...(end === undefined ? [] : [`node.${lower} < $textEnd`])];
  return {
    text: `
MATCH (node:${NODE_LABEL})${where([...range, `node.${lower} STARTS WITH $text`, ...conditions])}
WITH node, CASE WHEN node.${lower} = $text THEN 0 ELSE 1 END AS tier, node.${length} AS length
WHERE ${PAST_CURSOR('tier', 'length', backward)}
RETURN node, tier, length
ORDER BY ${rankOrder(['tier', 'length', 'node.key'], backward)}
LIMIT $limit`,
    params: {
      ...params,
      text: filter.text,
      ...(end === undefined ? {} : { textEnd: end }),
      ...cursorParams(cursor, backward),
      limit: int(limit),
    },
  };
}

/**
 * How many nodes does the search match (`total`)? Without text, every node the filters
 * keep. A name containing the text can be anywhere in the index, so this is a scan.
 */
export function countMatches(filter: ResolvedFilter): Statement {
  const { conditions, params } = filterConditions(filter);
  const text = filter.text === undefined ? [] : [`node.${searchFields(filter.text).lower} CONTAINS $text`];
  return {
    text: `
MATCH (node:${NODE_LABEL})${where([...text, ...conditions])}
RETURN count(node) AS total`,
    params: filter.text === undefined ? params : { ...params, text: filter.text },
  };
}

/**
 * Search, substring tier, in the same scan as the count: how many nodes match (`total`), and
 * which of those whose name contains the text without starting with it come next past the
 * cursor (`page`, nearest first — rank order forward, reversed backward — at most `limit`)?
 * Each match is read once for both.
 */
export function countWithSubstrings(
  filter: ResolvedFilter & { readonly text: string },
  cursor: SearchPosition,
  limit: number,
  backward = false,
): Statement {
  const { conditions, params } = filterConditions(filter);
  const { lower, length } = searchFields(filter.text);
  return {
    text: `
MATCH (node:${NODE_LABEL})${where([`node.${lower} CONTAINS $text`, ...conditions])}
WITH node ORDER BY ${rankOrder([`node.${length}`, 'node.key'], backward)}
WITH count(node) AS total,
  collect(CASE WHEN NOT (node.${lower} STARTS WITH $text) AND ${PAST_CURSOR('2', `node.${length}`, backward)} THEN node END) AS substrings
RETURN total, substrings[..$limit] AS page`,
    params: { ...params, text: filter.text, ...cursorParams(cursor, backward), limit: int(limit) },
  };
}

/**
 * Listing without text: which nodes the filters keep come next in key order after `cursorKey`
 * (forward), or nearest before it in reverse key order (backward; from the last key without it)?
 */
export function listPage(
  filter: ResolvedFilter,
  cursorKey: string | undefined,
  limit: number,
  backward = false,
): Statement {
  const { conditions, params } = filterConditions(filter);
  if (!backward) {
    return {
      text: `
MATCH (node:${NODE_LABEL})${where(['node.key > $afterKey', ...conditions])}
RETURN node
ORDER BY node.key
LIMIT $limit`,
      params: { ...params, afterKey: cursorKey ?? '', limit: int(limit) },
    };
  }
  const bound = cursorKey === undefined ? [] : ['node.key < $beforeKey'];
  return {
    text: `
MATCH (node:${NODE_LABEL})${where([...bound, ...conditions])}
RETURN node
ORDER BY node.key DESC
LIMIT $limit`,
    params: { ...params, ...(cursorKey === undefined ? {} : { beforeKey: cursorKey }), limit: int(limit) },
  };
}

/**
 * One level of a traversal: which nodes one edge away from the `frontier` keys have not been
 * seen yet (`seen`: the start keys and every node reached so far)? At most `limit`, in key
 * order. A traversal runs one of these per depth from all its starts at once, and stops at
 * the limit, so its work is bounded by the nodes it returns, not by paths or starts.
 */
export function traverseLevel(
  frontier: readonly string[],
  seen: readonly string[],
  options: { types: readonly EdgeType[] | undefined; direction: 'OUT' | 'IN' },
  limit: number,
): Statement {
  const [left, right] = options.direction === 'OUT' ? ['-', '->'] : ['<-', '-'];
  return {
    text: `
UNWIND $frontier AS key
MATCH (:${NODE_LABEL} {key: key})${left}[${relationshipTypes(options.types)}]${right}(node:${NODE_LABEL})
WHERE NOT (node.key IN $seen)
WITH DISTINCT node
RETURN node
ORDER BY node.key
LIMIT $limit`,
    params: { frontier, seen, limit: int(limit) },
  };
}

/**
 * Where a `symbol` is imported by name, by a file (`node`) that is the dependent to report: the
 * `imports` edge into its file (the stored `file`) from another file names it (its `name`, or
 * `default` for a default export), or re-exports all of that file (`*` with `reExport`); a
 * re-export always counts, a plain import only when no code of that file (its stored `file`)
 * uses the symbol through a use edge. The files of the symbol's users are collected once per
 * symbol before the importers are matched (a per-importer `OPTIONAL MATCH` of its users would
 * expand importers × users: millions of rows for a helper called across a file thousands import). Only an exported top-level symbol
 * (`qualifiedName = name`) is imported by name; a namespace import (`*` alone) names nothing.
 * `importNamesOf` and `importsByName` in the model, and `importers-by-name.ts`, say the same in
 * JavaScript. (A function: `NOT_SYMBOLS` and `USES` are defined below.)
 */
const importedByName =
  () => `symbol.exported = true AND symbol.qualifiedName = symbol.name AND NOT (symbol.kind IN ${NOT_SYMBOLS})
OPTIONAL MATCH (user:${NODE_LABEL})-[${USES}]->(symbol)
WITH key, symbol, collect(DISTINCT user.file) AS usedFrom
MATCH (node:${NODE_LABEL})-[imports:IMPORTS]->(:${NODE_LABEL} {key: symbol.file})
WHERE node.key <> symbol.file
  AND (symbol.name IN imports.names OR (symbol.defaultExport = true AND 'default' IN imports.names)
    OR (imports.reExport = true AND '*' IN imports.names))
  AND (imports.reExport = true OR NOT (node.key IN usedFrom))`;

/**
 * Which files import each of `keys` by name (`key`, `importer`; see `GraphStore.importersByName`)?
 * A key that is no exported top-level symbol has no row.
 */
export function importersByName(keys: readonly string[]): Statement {
  return {
    text: `
UNWIND $keys AS key
MATCH (symbol:${NODE_LABEL} {key: key})
WHERE ${importedByName()}
WITH DISTINCT key, node.key AS importer
RETURN key, importer`,
    params: { keys },
  };
}

/**
 * The other half of a traversal level back over IMPORTS with `importsByName`: which files not
 * seen yet import a symbol of the `frontier` by name? At most `limit`, in key order; the adapter
 * merges them with {@link traverseLevel}'s and keeps the first `limit`.
 */
export function importersByNameLevel(
  frontier: readonly string[],
  seen: readonly string[],
  limit: number,
): Statement {
  return {
    text: `
UNWIND $frontier AS key
MATCH (symbol:${NODE_LABEL} {key: key})
WHERE ${importedByName()}
  AND NOT (node.key IN $seen)
WITH DISTINCT node
RETURN node
ORDER BY node.key
LIMIT $limit`,
    params: { frontier, seen, limit: int(limit) },
  };
}

/** What is a shortest directed path from one node to another within `maxDepth` edges? */
export function shortestPath(
  from: string,
  to: string,
  options: { types: readonly EdgeType[] | undefined; maxDepth: number },
): Statement {
  return {
    text: `
MATCH (source:${NODE_LABEL} {key: $from}), (target:${NODE_LABEL} {key: $to})
MATCH path = (source)-[edges${relationshipTypes(options.types)} *BFS ..${depth(options.maxDepth)}]->(target)
RETURN path
LIMIT 1`,
    params: { from, to },
  };
}

function depth(value: number): number {
  // Written into the text, so it must be a plain small integer (bounds.ts checked the range).
  if (!Number.isInteger(value) || value < 1 || value > 100)
    throw new GraphStoreError('BAD_REQUEST', `bad depth ${value}`);
  return value;
}

/** Which files import which files (type-only imports only when asked)? Cycles are solved in JS. */
export function fileImports(includeTypeOnly: boolean): Statement {
  return {
    text: `
MATCH (importer:FILE)-[imports:IMPORTS]->(imported:FILE)
WHERE $includeTypeOnly OR coalesce(imports.typeOnly, false) = false
RETURN importer.key AS source, imported.key AS target`,
    params: { includeTypeOnly },
  };
}

/**
 * `<name>Folder`: the folder picture's node of a file, from the statement's variable holding
 * its path segments — its shallowest closed folder, at least `$firstLevel` segments long and
 * not in `$expanded`, with a trailing `/`; or `''` when every folder above the file is open
 * and the file stands alone (`folder-graph.ts` has the same rule in JavaScript). Only
 * `reduce`, `range`, `CASE` and list slices: no list comprehension, and no `substring` or
 * `size` on strings, whose units differ between Memgraph releases.
 */
function folderGroup(name: string, segments: string): string {
  const folder = (level: string) =>
    `reduce(folder = '', segment IN ${segments}[..${level}] | folder + segment + '/')`;
  return `  reduce(found = '', level IN range($firstLevel, size(${segments}) - 1) |
    CASE
      WHEN found <> '' THEN found
      WHEN ${folder('level')} IN $expanded THEN ''
      ELSE ${folder('level')}
    END) AS ${name}Folder`;
}

function folderParams(options: ResolvedFolderGraph): Record<string, unknown> {
  return {
    firstLevel: int(options.baseDepth + options.depth),
    expanded: options.expanded,
    ...(options.pathPrefix === '' ? {} : { pathPrefix: options.pathPrefix }),
  };
}

/**
 * Folder picture, nodes: how many files under the prefix count in each node (`nodePath`,
 * `files`)? A folder ends with `/`, a file alone is its key.
 */
export function folderGroups(options: ResolvedFolderGraph): Statement {
  const prefix = options.pathPrefix === '' ? '' : '\nWHERE file.key STARTS WITH $pathPrefix';
  return {
    text: `
MATCH (file:FILE)${prefix}
WITH file.key AS fileKey, split(file.key, '/') AS segments
WITH fileKey,
${folderGroup('file', 'segments')}
RETURN CASE fileFolder WHEN '' THEN fileKey ELSE fileFolder END AS nodePath, count(*) AS files`,
    params: folderParams(options),
  };
}

/**
 * Folder picture, edges: how many file→file imports lead from the files of one node to those
 * of another (`source`, `target`, `imports`), both files under the prefix? Imports inside one
 * node are left out.
 */
export function folderImports(options: ResolvedFolderGraph): Statement {
  const prefix =
    options.pathPrefix === ''
      ? ''
      : '\nWHERE importer.key STARTS WITH $pathPrefix AND imported.key STARTS WITH $pathPrefix';
  return {
    text: `
MATCH (importer:FILE)-[${relationshipTypes(['IMPORTS'])}]->(imported:FILE)${prefix}
WITH importer.key AS importerKey, split(importer.key, '/') AS importerSegments,
  imported.key AS importedKey, split(imported.key, '/') AS importedSegments
WITH importerKey, importedKey,
${folderGroup('importer', 'importerSegments')},
${folderGroup('imported', 'importedSegments')}
WITH CASE importerFolder WHEN '' THEN importerKey ELSE importerFolder END AS source,
  CASE importedFolder WHEN '' THEN importedKey ELSE importedFolder END AS target
WHERE source <> target
RETURN source, target, count(*) AS imports`,
    params: folderParams(options),
  };
}

/** Edges by which another file uses a symbol, from the model (IMPORTS are matched by name). */
const USES = relationshipTypes(USE_EDGES);
/** The node kinds that are not code symbols, from the model, as a Cypher list of checked labels. */
const NOT_SYMBOLS = `[${NODE_KINDS.filter((kind) => !isSymbolKind(kind))
  .map((kind) => `'${nodeLabel(kind)}'`)
  .join(', ')}]`;

/**
 * Which files' exports are a package's public API: the entry points (FILE nodes with
 * `entryPoint`, found by their kind label), and the files they re-export from (`export … from`, IMPORTS edges with
 * `reExport`) through chains of at most {@link MAX_REEXPORT_DEPTH}, each found once
 * (breadth first: a diamond of re-exports is not walked once per path).
 */
export const PUBLIC_API_FILES = `
MATCH (entry:${NODE_LABEL}:${escaped('FILE')})
WHERE entry.entryPoint = true
OPTIONAL MATCH (entry)-[:IMPORTS *BFS ..${MAX_REEXPORT_DEPTH} (edge, file | edge.reExport = true AND file.kind = 'FILE')]->(reached:${NODE_LABEL})
RETURN collect(DISTINCT entry.key) AS entries, collect(DISTINCT reached.key) AS reached`;

/** The public API's files, as {@link PUBLIC_API_FILES} finds them. */
export interface PublicApiFiles {
  /** Entry points: every export of theirs is public. */
  readonly entries: readonly string[];
  /** Entry points and the files they re-export from: what they re-export with `*` is public. */
  readonly exposing: readonly string[];
}

/**
 * Which exported symbols under a path does nothing outside their file use — no call,
 * instantiation, reference, extension or implementation from a node of another file (or of
 * none: an external module), and no other file importing their name (or `default`, for a
 * default export; `*` does not count)? With `publicApi`, a package's public API is left out:
 * the symbols of its entry points, and those a file of `exposing` re-exports with `*`
 * (named re-exports already count as importing the name). Answers how many there are
 * (`total`) and the next ones in key order after `cursorKey` (`page`, at most `limit`) — or,
 * `backward`, the nearest ones before it in reverse key order (from the last without it) — from
 * one pass: the work is in deciding which symbols are unused, so it is done once per page,
 * not once for the count and again for the page. A node's file is its stored `file` property
 * (its key up to `#`, computed at write time).
 */
export function unusedExports(
  pathPrefix: string | undefined,
  cursorKey: string | undefined,
  limit: number,
  publicApi?: PublicApiFiles,
  backward = false,
): Statement {
  const past = backward
    ? cursorKey === undefined
      ? 'symbol'
      : 'CASE WHEN symbol.key < $beforeKey THEN symbol END'
    : 'CASE WHEN symbol.key > $afterKey THEN symbol END';
  const path = pathPrefix === undefined ? '' : '\n  AND symbol.path STARTS WITH $pathPrefix';
  const notEntry = publicApi === undefined ? '' : '\n  AND NOT symbol.file IN $entries';
  const wholeExposed =
    publicApi === undefined
      ? ''
      : "\n       OR (imports.reExport = true AND '*' IN imports.names AND importer.key IN $exposing)";
  return {
    text: `
MATCH (symbol:${NODE_LABEL})
WHERE symbol.exported = true AND NOT (symbol.kind IN ${NOT_SYMBOLS})${path}${notEntry}
OPTIONAL MATCH (dependent:${NODE_LABEL})-[${USES}]->(symbol)
WHERE dependent.file IS NULL OR dependent.file <> symbol.file
WITH symbol, count(dependent) AS uses
WHERE uses = 0
OPTIONAL MATCH (importer:${NODE_LABEL})-[imports:IMPORTS]->(:${NODE_LABEL} {key: symbol.file})
WHERE (importer.file IS NULL OR importer.file <> symbol.file)
  AND (symbol.name IN imports.names OR (symbol.defaultExport = true AND 'default' IN imports.names)${wholeExposed})
WITH symbol, count(importer) AS importers
WHERE importers = 0
WITH symbol ORDER BY symbol.key${backward ? ' DESC' : ''}
WITH count(symbol) AS total, collect(${past}) AS following
RETURN total, following[..$limit] AS page`,
    params: {
      ...(pathPrefix === undefined ? {} : { pathPrefix }),
      ...(publicApi === undefined
        ? {}
        : { entries: [...publicApi.entries], exposing: [...publicApi.exposing] }),
      ...(backward
        ? cursorKey === undefined
          ? {}
          : { beforeKey: cursorKey }
        : { afterKey: cursorKey ?? '' }),
      limit: int(limit),
    },
  };
}

/** How many nodes of each kind are there? */
export const COUNT_NODES = `
MATCH (node:${NODE_LABEL})
RETURN node.kind AS kind, count(node) AS total`;

/**
 * How many edges of each type are there? One count per type, each a scan of that type's
 * edge-type index (`requirements.ts`), instead of expanding every node's edges.
 */
export const COUNT_EDGES = EDGE_TYPES.map(
  (type) => `MATCH ()-[edge:${escaped(type)}]->()\nRETURN '${type}' AS type, count(edge) AS total`,
).join('\nUNION ALL\n');

/** Every node, for reading the stored graph whole (the indexer's start, server/durability). */
export const ALL_NODES = `
MATCH (node:${NODE_LABEL})
RETURN node`;

/** Every edge between nodes, with its ends' keys. */
export const ALL_EDGES = `
MATCH (from:${NODE_LABEL})-[edge]->(to:${NODE_LABEL})
RETURN edge, from.key AS fromKey, to.key AS toKey`;

/**
 * Raises the stored revision to at least `$floor` (never lowers it): after a Memgraph that
 * came back empty or older than the revision log, the next revision continues the log's numbers.
 */
export const RAISE_REVISION = `
MERGE (meta:CodenavMeta {id: 'graph'})
SET meta.revision = CASE WHEN coalesce(meta.revision, 0) < $floor THEN $floor ELSE meta.revision END
RETURN meta.revision AS revision`;
