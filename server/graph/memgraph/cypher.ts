/**
 * Every Cypher statement the Memgraph adapter sends, in one place to read and review.
 *
 * @remarks
 * Written for Memgraph's dialect (see `MEMGRAPH.md`): `*BFS` for shortest paths (there is no
 * `shortestPath()`), no `IF NOT EXISTS` in DDL, no pattern expressions or `EXISTS {}`
 * subqueries (`OPTIONAL MATCH` + `count` instead). Labels and relationship types cannot be
 * parameters, so they are written into the text — only ever from the model's allow-lists
 * (`NODE_KINDS`, `EDGE_TYPES`), checked by {@link nodeLabel} and {@link relationshipTypes}.
 * Everything else is a `$parameter`; integers are sent as neo4j Integers (a JS number would
 * arrive as a Float).
 *
 * Storage: each node is `(:CodeNode:<KIND> {key, kind, ...props})` — its properties at the
 * top level (Memgraph keeps list and map values whole), `key` and `kind` beside them; each
 * edge is `[:<TYPE> {...props}]`; the revision is `(:CodenavMeta {id: 'graph'}).revision`.
 */
import neo4j from 'neo4j-driver';
import { EDGE_TYPES, type EdgeType, NODE_KINDS, type NodeKind } from '../../model/index.ts';
import type { SearchPosition } from '../cursor.ts';
import { GraphStoreError } from '../port.ts';

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
// Schema, run at every connect with auto-commit `session.run` (DDL is refused inside
// explicit transactions). Memgraph has no IF NOT EXISTS: the adapter tolerates "already
// exists" answers, so these are idempotent.

export const SCHEMA: readonly string[] = [
  // Label index: scans of every code node (search, stats) start from :CodeNode.
  `CREATE INDEX ON :${NODE_LABEL}`,
  // Label+property index: every lookup by key (MATCH (n:CodeNode {key: …})). The
  // uniqueness constraint does not provide one.
  `CREATE INDEX ON :${NODE_LABEL}(key)`,
  // One node per key: a second MERGE of the same key in a racing transaction fails at commit
  // instead of creating a duplicate.
  `CREATE CONSTRAINT ON (node:${NODE_LABEL}) ASSERT node.key IS UNIQUE`,
  // importCycles reads every file.
  'CREATE INDEX ON :FILE',
  // The revision's singleton node.
  'CREATE INDEX ON :CodenavMeta(id)',
];

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

/** The search filter, as parameters ($text lowercased; null means no filter). */
export interface SearchParams {
  readonly text: string | undefined;
  readonly kinds: readonly NodeKind[] | undefined;
  readonly pathPrefix: string | undefined;
  readonly exported: boolean | undefined;
}

/**
 * The nodes a search matches, each with its rank: tier 0 an exact name (or no text), 1 a
 * name prefix, 2 a substring, case-insensitive; then the lowercased name's length. The same
 * ranking as the memory store's indexes.
 */
const SEARCH = `
MATCH (node:${NODE_LABEL})
WHERE ($kinds IS NULL OR node.kind IN $kinds)
  AND ($pathPrefix IS NULL OR node.path STARTS WITH $pathPrefix)
  AND ($exported IS NULL OR coalesce(node.exported, false) = $exported)
WITH node, toLower(node.name) AS name
WHERE $text IS NULL OR name CONTAINS $text
WITH node,
  CASE WHEN $text IS NULL OR name = $text THEN 0 WHEN name STARTS WITH $text THEN 1 ELSE 2 END AS tier,
  CASE WHEN $text IS NULL THEN 0 ELSE size(name) END AS length`;

function searchParams(filter: SearchParams): Record<string, unknown> {
  return {
    text: filter.text ?? null,
    kinds: filter.kinds ?? null,
    pathPrefix: filter.pathPrefix ?? null,
    exported: filter.exported ?? null,
  };
}

/** How many nodes does this search match (totalCount)? */
export function countSearch(filter: SearchParams): Statement {
  return { text: `${SEARCH}\nRETURN count(node) AS total`, params: searchParams(filter) };
}

/** Which nodes come next in this search's order, after the cursor's position? */
export function searchPage(filter: SearchParams, after: SearchPosition, limit: number): Statement {
  return {
    text: `${SEARCH}
WHERE tier > $afterTier
   OR (tier = $afterTier AND (length > $afterLength OR (length = $afterLength AND node.key > $afterKey)))
RETURN node, tier, length
ORDER BY tier, length, node.key
LIMIT $limit`,
    params: {
      ...searchParams(filter),
      afterTier: int(after.tier),
      afterLength: int(after.length),
      afterKey: after.key,
      limit: int(limit),
    },
  };
}

/**
 * Which nodes can be reached from these keys within `maxDepth` edges, each at its smallest
 * depth, start keys excluded? `*BFS` expands each node once per start, along a shortest
 * path, so the work stays linear in the nodes reached (a plain `*1..n` pattern enumerates
 * every path). The depth is an allow-listed integer written into the text.
 */
export function traverse(
  keys: readonly string[],
  options: {
    types: readonly EdgeType[] | undefined;
    direction: 'OUT' | 'IN';
    maxDepth: number;
    limit: number;
  },
): Statement {
  const [left, right] = options.direction === 'OUT' ? ['-', '->'] : ['<-', '-'];
  return {
    text: `
UNWIND $keys AS key
MATCH (start:${NODE_LABEL} {key: key})
MATCH (start)${left}[edges${relationshipTypes(options.types)} *BFS ..${depth(options.maxDepth)}]${right}(node:${NODE_LABEL})
WHERE NOT node.key IN $keys
WITH node, min(size(edges)) AS depth
RETURN node, depth
ORDER BY depth, node.key
LIMIT $limit`,
    params: { keys, limit: int(options.limit) },
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
 * Which exported symbols under a path does nothing outside their file use — no call,
 * instantiation, reference, extension or implementation from a node of another file, and
 * no other file importing their name (or `default`, for a default export; `*` does not
 * count)? A node's file is its key up to `#`.
 */
const UNUSED_EXPORTS = `
MATCH (symbol:${NODE_LABEL})
WHERE symbol.exported = true AND NOT symbol.kind IN ['FILE', 'EXTERNAL_MODULE']
  AND ($pathPrefix IS NULL OR symbol.path STARTS WITH $pathPrefix)
WITH symbol, split(symbol.key, '#')[0] AS file
OPTIONAL MATCH (dependent:${NODE_LABEL})-[:CALLS|INSTANTIATES|REFERENCES|EXTENDS|IMPLEMENTS]->(symbol)
WHERE split(dependent.key, '#')[0] <> file
WITH symbol, file, count(dependent) AS uses
WHERE uses = 0
OPTIONAL MATCH (importer:${NODE_LABEL})-[imports:IMPORTS]->(:${NODE_LABEL} {key: file})
WHERE split(importer.key, '#')[0] <> file
  AND (symbol.name IN imports.names OR (symbol.defaultExport = true AND 'default' IN imports.names))
WITH symbol, count(importer) AS importers
WHERE importers = 0`;

/** How many unused exports are there under the path (totalCount)? */
export function countUnusedExports(pathPrefix: string | undefined): Statement {
  return {
    text: `${UNUSED_EXPORTS}\nRETURN count(symbol) AS total`,
    params: { pathPrefix: pathPrefix ?? null },
  };
}

/** Which unused exports come next in key order, after `afterKey`? */
export function unusedExportsPage(
  pathPrefix: string | undefined,
  afterKey: string,
  limit: number,
): Statement {
  return {
    text: `${UNUSED_EXPORTS}
  AND symbol.key > $afterKey
RETURN symbol AS node
ORDER BY symbol.key
LIMIT $limit`,
    params: { pathPrefix: pathPrefix ?? null, afterKey, limit: int(limit) },
  };
}

/** How many nodes of each kind are there? */
export const COUNT_NODES = `
MATCH (node:${NODE_LABEL})
RETURN node.kind AS kind, count(node) AS total`;

/** How many edges of each type are there? */
export const COUNT_EDGES = `
MATCH (:${NODE_LABEL})-[edge]->(:${NODE_LABEL})
RETURN type(edge) AS type, count(edge) AS total`;
