/**
 * The Memgraph adapter without a server: the statements it would send, their parameters and
 * batching, and the schema it creates from what `SHOW … INFO` answers.
 */

import { readFileSync } from 'node:fs';
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { resolveFolderGraph } from '../../server/graph/bounds.ts';
import { START } from '../../server/graph/cursor.ts';
import { buildApplyStatements } from '../../server/graph/memgraph/apply-statements.ts';
import * as cypher from '../../server/graph/memgraph/cypher.ts';
import {
  CONSTRAINTS,
  INDEXES,
  missingSchema,
  releaseWarning,
  storageModeOf,
  storageModeProblem,
} from '../../server/graph/memgraph/requirements.ts';
import { planChangeSet } from '../../server/graph/plan-change-set.ts';
import { GraphStoreError } from '../../server/graph/port.ts';
import { type ChangeSet, EDGE_TYPES, isSymbolKind, NODE_KINDS, USE_EDGES } from '../../server/model/index.ts';
import { adding, edge, file, symbol } from './fixture.ts';

/** What each statement does, from its text. */
function describeStatement(statement: cypher.Statement): string {
  const text = statement.text;
  if (text === cypher.REMOVE_NODES) return 'remove nodes';
  if (text === cypher.MISSING_NODES) return 'check endpoints';
  const label = /SET node:`(\w+)`$/.exec(text)?.[1];
  if (label) return `upsert ${label}`;
  const type = /\[edge:`(\w+)`\]/.exec(text)?.[1];
  if (type && text.includes('DELETE edge')) return `remove ${type}`;
  if (type && text.includes('MERGE')) return `upsert ${type}`;
  if (type && text.includes('CREATE')) return `create ${type}`;
  return 'unknown';
}

const statementsOf = (changeSet: ChangeSet, options?: Parameters<typeof buildApplyStatements>[1]) =>
  buildApplyStatements(planChangeSet(changeSet), options);

function rowsOf(statements: readonly cypher.Statement[], what: string): { props: Record<string, unknown> }[] {
  const statement = statements.find((s) => describeStatement(s) === what);
  return (statement?.params.rows ?? []) as { props: Record<string, unknown> }[];
}

const sample: ChangeSet = {
  files: ['src/a.ts'],
  changes: [
    {
      op: 'EDGE_ADDED',
      edge: edge('CALLS', 'src/a.ts#f', 'src/a.ts#g', { count: 2, line: 7, maxArguments: 3 }),
    },
    {
      op: 'NODE_ADDED',
      node: symbol('src/a.ts#f', 'FUNCTION', { startLine: 3, ratio: 0.5, spans: [[1, 2]] }),
    },
    { op: 'EDGE_REMOVED', edge: { type: 'REFERENCES', from: 'src/a.ts#f', to: 'src/b.ts#T' } },
    { op: 'NODE_REMOVED', key: 'src/b.ts#T', kind: 'TYPE_ALIAS' },
    { op: 'NODE_UPDATED', node: file('src/a.ts', { lines: 40, hash: null }) },
    { op: 'NODE_ADDED', node: symbol('src/a.ts#g', 'FUNCTION') },
    {
      op: 'EDGE_ADDED',
      edge: edge('IMPORTS', 'src/a.ts', 'npm:react', { names: ['useState'], typeOnly: false }),
    },
    { op: 'EDGE_ADDED', edge: edge('CONTAINS', 'src/a.ts', 'src/a.ts#f') },
  ],
};

/** Every read statement, with typical arguments. */
const search = { text: 'parse', kinds: ['FUNCTION' as const], pathPrefix: 'src/', exported: true };
const readStatements: cypher.Statement[] = [
  cypher.getNodes(['a']),
  cypher.getEdges(['a'], 'IN', ['CALLS', 'CONTAINS']),
  cypher.searchByPrefix(search, START, 51),
  cypher.countMatches(search),
  cypher.countWithSubstrings(search, START, 51),
  cypher.listPage({ ...search, text: undefined }, '', 51),
  cypher.traverseLevel(['a'], ['a'], { types: ['CALLS', 'REFERENCES'], direction: 'IN' }, 10),
  cypher.importersByNameLevel(['a'], ['a'], 10),
  cypher.importersByName(['a']),
  cypher.shortestPath('a', 'b', { types: undefined, maxDepth: 5 }),
  cypher.fileImports(false),
  cypher.unusedExports('src/', '', 51),
  cypher.unusedExports('src/', '', 51, {
    entries: ['src/index.ts'],
    exposing: ['src/index.ts', 'src/all.ts'],
  }),
  { text: cypher.PUBLIC_API_FILES, params: {} },
  { text: cypher.COUNT_NODES, params: {} },
  { text: cypher.COUNT_EDGES, params: {} },
  { text: cypher.READ_REVISION, params: {} },
];

describe('Memgraph write statements', () => {
  it('apply a change set as removals, node upserts by kind, endpoint check, edge upserts by type', () => {
    expect(statementsOf(sample).map(describeStatement)).toEqual([
      'remove REFERENCES',
      'remove nodes',
      'upsert FUNCTION',
      'upsert FILE',
      'check endpoints',
      'upsert CALLS',
      'upsert IMPORTS',
      'upsert CONTAINS',
    ]);
  });

  it('send each node with its key, kind and file beside its properties, without null properties', () => {
    const statements = statementsOf(sample);
    const fileRows = statements.find((s) => describeStatement(s) === 'upsert FILE')?.params.rows;
    expect(fileRows).toEqual([
      {
        key: 'src/a.ts',
        props: {
          key: 'src/a.ts',
          kind: 'FILE',
          file: 'src/a.ts',
          path: 'src/a.ts',
          language: 'ts',
          lines: neo4j.int(40),
        },
      },
    ]);
    expect(statements.find((s) => s.text === cypher.REMOVE_NODES)?.params).toEqual({ keys: ['src/b.ts#T'] });
  });

  it('store qualified names holding a `.` lowercased and measured, for a search with a `.`', () => {
    const stored = rowsOf(
      statementsOf(
        adding([symbol('src/o.ts#ÜberService.Place', 'METHOD'), symbol('src/o.ts#place', 'METHOD')]),
      ),
      'upsert METHOD',
    ).map((row) => row.props);
    expect(stored.map((props) => [props.qualifiedLower, props.qualifiedLength])).toEqual([
      ['überservice.place', neo4j.int(17)],
      // A qualified name without a `.` can match no such search: nothing is stored.
      [undefined, undefined],
    ]);
  });

  it('store names lowercased and measured by JavaScript, for search to match Unicode names', () => {
    const statements = statementsOf(
      adding([
        symbol('src/ü.ts#Überprüfung', 'FUNCTION'),
        symbol('src/ü.ts#ΣΟΦΙΑ', 'FUNCTION'),
        { key: 'npm:react', kind: 'EXTERNAL_MODULE', props: { name: 'React' } },
      ]),
    );
    const stored = rowsOf(statements, 'upsert FUNCTION').map((row) => row.props);
    expect(stored.map((props) => [props.nameLower, props.nameLength, props.file])).toEqual([
      ['überprüfung', neo4j.int(11), 'src/ü.ts'],
      ['σοφια', neo4j.int(5), 'src/ü.ts'],
    ]);
    const external = rowsOf(statements, 'upsert EXTERNAL_MODULE')[0]?.props;
    expect(external).toMatchObject({ nameLower: 'react', nameLength: neo4j.int(5) });
    // External modules belong to no file.
    expect(external).not.toHaveProperty('file');
    // A node without a name has nothing for search.
    const [fileNode] = rowsOf(statementsOf(adding([file('src/a.ts')])), 'upsert FILE');
    expect(fileNode?.props).not.toHaveProperty('nameLower');
  });

  it('send integer properties as neo4j Integers, deep inside lists too, and floats as numbers', () => {
    const statements = statementsOf(sample);
    const [f] = rowsOf(statements, 'upsert FUNCTION');
    expect(neo4j.isInt(f?.props.startLine)).toBe(true);
    expect(f?.props.startLine).toEqual(neo4j.int(3));
    expect(f?.props.ratio).toBe(0.5);
    const spans = f?.props.spans as unknown[][];
    expect(neo4j.isInt(spans[0]?.[1])).toBe(true);
    const [calls] = rowsOf(statements, 'upsert CALLS');
    expect(neo4j.isInt(calls?.props.count)).toBe(true);
    // The most arguments a call passes is compared as an integer with a parameter count.
    expect(calls?.props.maxArguments).toEqual(neo4j.int(3));
  });

  it('check every endpoint of the new edges and reject the change set when one is missing', () => {
    const check = statementsOf(sample).find((s) => s.text === cypher.MISSING_NODES);
    expect(check?.rejectIfRows).toMatch(/do not exist/);
    expect([...((check?.params.keys ?? []) as string[])].sort()).toEqual([
      'npm:react',
      'src/a.ts',
      'src/a.ts#f',
      'src/a.ts#g',
    ]);
  });

  it('create edges instead of merging them into an empty graph, each edge once as its last upsert says', () => {
    const twice: ChangeSet = {
      files: [],
      changes: [
        ...sample.changes,
        { op: 'EDGE_ADDED', edge: edge('CALLS', 'src/a.ts#f', 'src/a.ts#g', { count: 3, line: 7 }) },
      ],
    };
    const first = statementsOf(twice, { emptyGraph: true });
    expect(first.map(describeStatement).slice(-3)).toEqual([
      'create CALLS',
      'create IMPORTS',
      'create CONTAINS',
    ]);
    expect(first.at(-3)?.text).toContain('CREATE (source)-[edge:`CALLS`]->(target)');
    expect(rowsOf(first, 'create CALLS')).toEqual([
      { from: 'src/a.ts#f', to: 'src/a.ts#g', props: { count: neo4j.int(3), line: neo4j.int(7) } },
    ]);
    const later = statementsOf(twice);
    expect(later.map(describeStatement).slice(-3)).toEqual([
      'upsert CALLS',
      'upsert IMPORTS',
      'upsert CONTAINS',
    ]);
    expect(later.some((s) => s.text.includes('CREATE'))).toBe(false);
  });

  it('split every list into UNWIND batches of the batch size', () => {
    const nodes = Array.from({ length: 25 }, (_, i) => symbol(`src/x.ts#s${i}`, 'VARIABLE'));
    const edges = nodes.slice(1).map((n) => edge('REFERENCES', nodes[0]!.key, n.key));
    const statements = statementsOf(adding([file('src/x.ts'), ...nodes], edges), { batchSize: 10 });
    const rowsOf = (what: string) =>
      statements.filter((s) => describeStatement(s) === what).map((s) => (s.params.rows as unknown[]).length);
    expect(rowsOf('upsert VARIABLE')).toEqual([10, 10, 5]);
    expect(rowsOf('upsert FILE')).toEqual([1]);
    expect(rowsOf('upsert REFERENCES')).toEqual([10, 10, 4]);
    const checks = statements
      .filter((s) => s.text === cypher.MISSING_NODES)
      .map((s) => (s.params.keys as unknown[]).length);
    expect(checks).toEqual([10, 10, 5]);
  });

  it('use the default batch size of 10k rows', () => {
    const nodes = Array.from({ length: 10_001 }, (_, i) => symbol(`src/y.ts#s${i}`, 'VARIABLE'));
    const upserts = statementsOf(adding(nodes)).filter((s) => describeStatement(s) === 'upsert VARIABLE');
    expect(upserts.map((s) => (s.params.rows as unknown[]).length)).toEqual([10_000, 1]);
  });

  it('reject a change set with a kind or type outside the allow-list before writing a statement', () => {
    const injection = 'FILE) DETACH DELETE n //';
    const bogus: ChangeSet[] = [
      { files: [], changes: [{ op: 'NODE_ADDED', node: { key: 'a', kind: injection as never, props: {} } }] },
      {
        files: [],
        changes: [{ op: 'EDGE_ADDED', edge: { type: injection as never, from: 'a', to: 'b', props: {} } }],
      },
      { files: [], changes: [{ op: 'EDGE_REMOVED', edge: { type: 'HATES' as never, from: 'a', to: 'b' } }] },
    ];
    for (const changeSet of bogus) {
      expect(() => statementsOf(changeSet)).toThrow(
        expect.objectContaining({ name: 'GraphStoreError', code: 'INVALID_CHANGE_SET' }),
      );
    }
    expect(() => cypher.upsertNodesText(injection)).toThrow(GraphStoreError);
    expect(() => cypher.upsertEdgesText(injection)).toThrow(GraphStoreError);
    expect(() => cypher.createEdgesText(injection)).toThrow(GraphStoreError);
    expect(() => cypher.removeEdgesText(injection)).toThrow(GraphStoreError);
    expect(() => cypher.relationshipTypes([injection])).toThrow(GraphStoreError);
  });

  it('write only allow-listed labels and relationship types into statement text', () => {
    const allowed = new Set<string>([...NODE_KINDS, ...EDGE_TYPES, cypher.NODE_LABEL, 'CodenavMeta']);
    const texts = [
      cypher.NEXT_REVISION,
      ...statementsOf(sample).map((s) => s.text),
      ...NODE_KINDS.map(cypher.upsertNodesText),
      ...EDGE_TYPES.map(cypher.upsertEdgesText),
      ...EDGE_TYPES.map(cypher.createEdgesText),
      ...[...INDEXES, ...CONSTRAINTS].map((item) => item.create),
      ...readStatements.map((s) => s.text),
    ];
    for (const text of texts) {
      const names = [...text.matchAll(/[:|]\s*`?([A-Za-z_]+)/g)]
        .map((m) => m[1]!)
        .filter((n) => /^[A-Z]/.test(n));
      for (const name of names) expect(allowed, `${name} in ${text}`).toContain(name);
    }
  });
});

describe('Memgraph read statements', () => {
  it('send page sizes, limits and cursor positions as neo4j Integers', () => {
    const after = { tier: 1, length: 6, key: 'src/b.ts#Parser' };
    const page = cypher.searchByPrefix(search, after, 51);
    expect(page.params).toMatchObject({
      text: 'parse',
      kinds: ['FUNCTION'],
      pathPrefix: 'src/',
      exported: true,
      afterKey: 'src/b.ts#Parser',
    });
    for (const name of ['afterTier', 'afterLength', 'limit'])
      expect(neo4j.isInt(page.params[name])).toBe(true);
    expect(page.params.limit).toEqual(neo4j.int(51));
    for (const statement of [
      cypher.countWithSubstrings(search, after, 10),
      cypher.listPage(search, '', 10),
      cypher.unusedExports(undefined, '', 10),
      cypher.traverseLevel(['a'], ['a'], { types: undefined, direction: 'OUT' }, 10),
    ]) {
      expect(statement.params.limit).toEqual(neo4j.int(10));
    }
  });

  it("leave a package's public API out of unused exports only when asked to, with its files as parameters", () => {
    const all = cypher.unusedExports(undefined, '', 10);
    expect(all.text).not.toMatch(/\$entries|\$exposing/);
    expect(all.params).not.toHaveProperty('entries');
    const publicApi = { entries: ['src/index.ts'], exposing: ['src/index.ts', 'src/all.ts'] };
    const without = cypher.unusedExports(undefined, '', 10, publicApi);
    expect(without.text).toContain('AND NOT symbol.file IN $entries');
    expect(without.text).toContain(
      "OR (imports.reExport = true AND '*' IN imports.names AND importer.key IN $exposing)",
    );
    expect(without.params).toMatchObject(publicApi);
    // Re-export chains are walked breadth first, each file once, and only through re-exports.
    expect(cypher.PUBLIC_API_FILES).toMatch(
      /-\[:IMPORTS \*BFS \.\.\d+ \(edge, file \| edge\.reExport = true AND file\.kind = 'FILE'\)\]->/,
    );
  });

  it('match a query with a `.` on the stored qualified names, in every search statement, and index them', () => {
    const dotted = { ...search, text: 'orderservice.place' };
    const statements = [
      cypher.searchByPrefix(dotted, START, 51),
      cypher.countMatches(dotted),
      cypher.countWithSubstrings(dotted, START, 51),
    ];
    for (const statement of statements) {
      expect(statement.text).not.toContain('nameLower');
      expect(statement.params.text).toBe('orderservice.place');
    }
    const [prefix, count, substrings] = statements.map((statement) => statement.text);
    expect(prefix).toContain(
      'WHERE node.qualifiedLower >= $text\n  AND node.qualifiedLower < $textEnd\n  AND node.qualifiedLower STARTS WITH $text',
    );
    expect(prefix).toContain(
      'CASE WHEN node.qualifiedLower = $text THEN 0 ELSE 1 END AS tier, node.qualifiedLength AS length',
    );
    expect(count).toContain('WHERE node.qualifiedLower CONTAINS $text');
    expect(substrings).toContain('WITH node ORDER BY node.qualifiedLength, node.key');
    expect(substrings).toContain('NOT (node.qualifiedLower STARTS WITH $text)');
    // Without a `.`, names, as before.
    expect(cypher.searchByPrefix(search, START, 51).text).not.toContain('qualified');
    expect(INDEXES.map((index) => index.create)).toContain('CREATE INDEX ON :CodeNode(qualifiedLower)');
  });

  it('write only the filters that are set, so the planner sees plain conditions', () => {
    const none = cypher.countMatches({
      text: undefined,
      kinds: undefined,
      pathPrefix: undefined,
      exported: undefined,
    });
    expect(none.text).not.toContain('WHERE');
    expect(none.params).toEqual({});
    const some = cypher.countMatches({ text: 'p', kinds: ['CLASS'], pathPrefix: undefined, exported: false });
    expect(some.text).toContain(
      'WHERE node.nameLower CONTAINS $text\n  AND node.kind IN $kinds\n  AND coalesce(node.exported, false) = $exported',
    );
    expect(some.params).toEqual({ text: 'p', kinds: ['CLASS'], exported: false });
    const list = cypher.listPage(
      { text: undefined, kinds: undefined, pathPrefix: 'lib/', exported: undefined },
      'k',
      5,
    );
    expect(list.text).toContain('WHERE node.key > $afterKey\n  AND node.path STARTS WITH $pathPrefix');
    expect(list.text).toMatch(/ORDER BY node\.key\nLIMIT \$limit$/);
  });

  it('search exact and prefix names with a range seek on the stored lowercase name', () => {
    const statement = cypher.searchByPrefix(
      { ...search, kinds: undefined, pathPrefix: undefined, exported: undefined },
      START,
      5,
    );
    expect(statement.text).toContain(
      'WHERE node.nameLower >= $text\n  AND node.nameLower < $textEnd\n  AND node.nameLower STARTS WITH $text',
    );
    expect(statement.text).toContain(
      'CASE WHEN node.nameLower = $text THEN 0 ELSE 1 END AS tier, node.nameLength AS length',
    );
    expect(statement.params).toMatchObject({ text: 'parse', textEnd: 'parsf' });
    // Memgraph's toLower folds ASCII only and size() counts bytes: neither is used.
    for (const { text } of readStatements) {
      expect(text).not.toMatch(/toLower|size\(/);
    }
  });

  it('compare strings in code point order, as Memgraph sorts them, not in UTF-16 units', () => {
    const words = ['b', 'a\uffff', 'a😀', 'a', 'a\ue000', 'a\ud7ff', 'ab', ''];
    const byBytes = (x: string, y: string) => Buffer.compare(Buffer.from(x), Buffer.from(y));
    expect([...words].sort(cypher.compareCodePoints)).toEqual([...words].sort(byBytes));
    expect([...words].sort(cypher.compareCodePoints)).toEqual([
      '',
      'a',
      'ab',
      'a\ud7ff',
      'a\ue000',
      'a\uffff',
      'a😀',
      'b',
    ]);
    expect(cypher.compareCodePoints('x', 'x')).toBe(0);
  });

  it('bound a prefix by its last code point plus one, past surrogates and astral characters', () => {
    expect(cypher.prefixEnd('get')).toBe('geu');
    expect(cypher.prefixEnd('grü')).toBe('grý');
    expect(cypher.prefixEnd('a\ud7ff')).toBe('a\ue000');
    expect(cypher.prefixEnd('x😀')).toBe('x😁');
    expect(cypher.prefixEnd('x\u{10ffff}')).toBe('y');
    expect(cypher.prefixEnd('\u{10ffff}')).toBe(undefined);
    const seek = cypher.searchByPrefix({ ...search, text: '\u{10ffff}' }, START, 5);
    expect(seek.text).not.toContain('$textEnd');
    expect(seek.params).not.toHaveProperty('textEnd');
  });

  it('count the matches and collect the next substring matches in one scan', () => {
    const statement = cypher.countWithSubstrings(search, { tier: 2, length: 7, key: 'k' }, 3);
    expect(statement.text.match(/MATCH/g)).toHaveLength(1);
    expect(statement.text).toContain('WHERE node.nameLower CONTAINS $text');
    expect(statement.text).toContain('WITH node ORDER BY node.nameLength, node.key');
    expect(statement.text).toContain(
      'collect(CASE WHEN NOT (node.nameLower STARTS WITH $text) AND (2 > $afterTier',
    );
    expect(statement.text).toMatch(/RETURN total, substrings\[\.\.\$limit\] AS page$/);
    expect(statement.params).toMatchObject({
      afterTier: neo4j.int(2),
      afterLength: neo4j.int(7),
      afterKey: 'k',
    });
  });

  it('page backward with the cursor conditions turned and every order descending, the nearest first', () => {
    const before = { tier: 1, length: 6, key: 'src/b.ts#Parser' };
    const prefix = cypher.searchByPrefix(search, before, 3, true);
    expect(prefix.text).toContain(
      'WHERE (tier < $beforeTier OR (tier = $beforeTier AND (length < $beforeLength OR (length = $beforeLength AND node.key < $beforeKey))))',
    );
    expect(prefix.text).toContain('ORDER BY tier DESC, length DESC, node.key DESC\nLIMIT $limit');
    expect(prefix.params).toMatchObject({
      beforeTier: neo4j.int(1),
      beforeLength: neo4j.int(6),
      beforeKey: 'src/b.ts#Parser',
      limit: neo4j.int(3),
    });
    expect(prefix.params).not.toHaveProperty('afterKey');
    expect(cypher.searchByPrefix(search, before, 3).text).toContain('ORDER BY tier, length, node.key\nLIMIT');

    const substrings = cypher.countWithSubstrings(search, { tier: 2, length: 7, key: 'k' }, 3, true);
    expect(substrings.text).toContain('WITH node ORDER BY node.nameLength DESC, node.key DESC');
    expect(substrings.text).toContain(
      'collect(CASE WHEN NOT (node.nameLower STARTS WITH $text) AND (2 < $beforeTier OR (2 = $beforeTier AND (node.nameLength < $beforeLength',
    );
    expect(substrings.params).toMatchObject({
      beforeTier: neo4j.int(2),
      beforeLength: neo4j.int(7),
      beforeKey: 'k',
    });

    const list = cypher.listPage(search, 'src/b.ts', 4, true);
    expect(list.text).toContain('node.key < $beforeKey');
    expect(list.text).toContain('ORDER BY node.key DESC\nLIMIT $limit');
    expect(list.params).toMatchObject({ beforeKey: 'src/b.ts', limit: neo4j.int(4) });
    // The last page: no bound at all, so the planner may read the key index from its end.
    const last = cypher.listPage(search, undefined, 4, true);
    expect(last.text).not.toContain('$beforeKey');
    expect(last.params).not.toHaveProperty('beforeKey');

    const unused = cypher.unusedExports('src/', 'src/a.ts#x', 11, undefined, true);
    expect(unused.text).toContain('WITH symbol ORDER BY symbol.key DESC');
    expect(unused.text).toContain('collect(CASE WHEN symbol.key < $beforeKey THEN symbol END) AS following');
    expect(unused.params).toEqual({ pathPrefix: 'src/', beforeKey: 'src/a.ts#x', limit: neo4j.int(11) });
    const lastUnused = cypher.unusedExports(undefined, undefined, 11, undefined, true);
    expect(lastUnused.text).toContain('collect(symbol) AS following');
    expect(lastUnused.params).toEqual({ limit: neo4j.int(11) });
  });

  it('traverse one level per statement from every frontier key, skipping what was seen, up to the limit', () => {
    const callers = cypher.traverseLevel(
      ['k', 'j'],
      ['k', 'j', 'i'],
      { types: ['CALLS'], direction: 'IN' },
      7,
    );
    expect(callers.text).toContain('UNWIND $frontier AS key');
    expect(callers.text).toContain('MATCH (:CodeNode {key: key})<-[:`CALLS`]-(node:CodeNode)');
    expect(callers.text).toContain('WHERE NOT (node.key IN $seen)\nWITH DISTINCT node');
    expect(callers.text).toMatch(/ORDER BY node\.key\nLIMIT \$limit$/);
    expect(callers.params).toEqual({ frontier: ['k', 'j'], seen: ['k', 'j', 'i'], limit: neo4j.int(7) });
    const callees = cypher.traverseLevel(['k'], ['k'], { types: undefined, direction: 'OUT' }, 7);
    expect(callees.text).toContain('MATCH (:CodeNode {key: key})-[]->(node:CodeNode)');
    expect(() => cypher.traverseLevel(['k'], ['k'], { types: [], direction: 'OUT' }, 1)).toThrow(
      GraphStoreError,
    );
  });

  it('find the importers of symbols by name from the stored file, the names list and the re-export flag', () => {
    // In this order: the files of a symbol's users are collected once per symbol, before its
    // importers are matched, so the users are not expanded again for every importer.
    const rule = [
      'WHERE symbol.exported = true AND symbol.qualifiedName = symbol.name',
      "AND NOT (symbol.kind IN ['FILE', 'EXTERNAL_MODULE'])",
      'OPTIONAL MATCH (user:CodeNode)-[:`CALLS`|`INSTANTIATES`|`EXTENDS`|`IMPLEMENTS`|`REFERENCES`|`OVERRIDES`]->(symbol)',
      'WITH key, symbol, collect(DISTINCT user.file) AS usedFrom',
      'MATCH (node:CodeNode)-[imports:IMPORTS]->(:CodeNode {key: symbol.file})',
      'WHERE node.key <> symbol.file',
      "AND (symbol.name IN imports.names OR (symbol.defaultExport = true AND 'default' IN imports.names)",
      "OR (imports.reExport = true AND '*' IN imports.names))",
      'AND (imports.reExport = true OR NOT (node.key IN usedFrom))',
    ];
    const inOrder = (text: string) => {
      const at = rule.map((part) => text.indexOf(part));
      expect(at).not.toContain(-1);
      expect(at).toEqual([...at].sort((a, b) => a - b));
      // The users are matched once, not per importer.
      expect(text.match(/MATCH \(user:/g)).toHaveLength(1);
    };
    const byKey = cypher.importersByName(['src/b.ts#parse', 'lib/d.ts#Shout']);
    expect(byKey.text).toContain('UNWIND $keys AS key\nMATCH (symbol:CodeNode {key: key})');
    inOrder(byKey.text);
    expect(byKey.text).toMatch(/WITH DISTINCT key, node\.key AS importer\nRETURN key, importer$/);
    expect(byKey.params).toEqual({ keys: ['src/b.ts#parse', 'lib/d.ts#Shout'] });
    const level = cypher.importersByNameLevel(['k'], ['k', 'j'], 7);
    expect(level.text).toContain('UNWIND $frontier AS key\nMATCH (symbol:CodeNode {key: key})');
    inOrder(level.text);
    expect(level.text).toContain('AND NOT (node.key IN $seen)\nWITH DISTINCT node');
    expect(level.text).toMatch(/ORDER BY node\.key\nLIMIT \$limit$/);
    expect(level.params).toEqual({ frontier: ['k'], seen: ['k', 'j'], limit: neo4j.int(7) });
  });

  it('find shortest paths breadth-first with the depth written into the pattern', () => {
    const path = cypher.shortestPath('a', 'b', { types: ['IMPORTS', 'CALLS'], maxDepth: 15 });
    expect(path.text).toContain('-[edges:`IMPORTS`|`CALLS` *BFS ..15]->');
    expect(path.text).not.toContain('shortestPath(');
  });

  it('find unused exports by the stored file property, counting and paging in one statement', () => {
    const statement = cypher.unusedExports('src/', 'src/a.ts#x', 11);
    expect(statement.text).not.toContain('split(');
    expect(statement.text).toContain('WHERE dependent.file IS NULL OR dependent.file <> symbol.file');
    expect(statement.text).toContain('(:CodeNode {key: symbol.file})');
    expect(statement.text).toContain('AND symbol.path STARTS WITH $pathPrefix');
    expect(statement.text).toMatch(/RETURN total, following\[\.\.\$limit\] AS page$/);
    expect(statement.params).toEqual({ pathPrefix: 'src/', afterKey: 'src/a.ts#x', limit: neo4j.int(11) });
    const everywhere = cypher.unusedExports(undefined, '', 11);
    expect(everywhere.text).not.toContain('$pathPrefix');
  });

  it('build the unused-exports patterns from the model table: its use edges, its non-symbol kinds', () => {
    const text = cypher.unusedExports(undefined, '', 11).text;
    expect(text).toContain(
      '(dependent:CodeNode)-[:`CALLS`|`INSTANTIATES`|`EXTENDS`|`IMPLEMENTS`|`REFERENCES`|`OVERRIDES`]->(symbol)',
    );
    expect(text).toContain(`-[${cypher.relationshipTypes(USE_EDGES)}]->(symbol)`);
    expect(text).toContain("NOT (symbol.kind IN ['FILE', 'EXTERNAL_MODULE'])");
    expect(NODE_KINDS.filter((kind) => !isSymbolKind(kind))).toEqual(['FILE', 'EXTERNAL_MODULE']);
  });

  it('group files into folders in Cypher by the memory store’s rule, the levels sent as Integers', () => {
    const options = resolveFolderGraph({ pathPrefix: 'src/', depth: 2, expanded: ['src/a/b', 'src/c/'] });
    const groups = cypher.folderGroups(options);
    expect(groups.text).toBe(`
MATCH (file:FILE)
WHERE file.key STARTS WITH $pathPrefix
WITH file.key AS fileKey, split(file.key, '/') AS segments
WITH fileKey,
  reduce(found = '', level IN range($firstLevel, size(segments) - 1) |
    CASE
      WHEN found <> '' THEN found
      WHEN reduce(folder = '', segment IN segments[..level] | folder + segment + '/') IN $expanded THEN ''
      ELSE reduce(folder = '', segment IN segments[..level] | folder + segment + '/')
    END) AS fileFolder
RETURN CASE fileFolder WHEN '' THEN fileKey ELSE fileFolder END AS nodePath, count(*) AS files`);
    // src/ is one segment; two folders below it are open by depth, so the first closed level is 3.
    expect(groups.params).toEqual({
      firstLevel: neo4j.int(3),
      expanded: ['src/a/b/', 'src/c/'],
      pathPrefix: 'src/',
    });
    const everywhere = cypher.folderGroups(resolveFolderGraph({}));
    expect(everywhere.text).not.toContain('WHERE');
    expect(everywhere.params).toEqual({ firstLevel: neo4j.int(1), expanded: [] });
  });

  it('count imports between folders with both ends grouped, leaving out imports inside one', () => {
    const imports = cypher.folderImports(resolveFolderGraph({ pathPrefix: 'lib' }));
    expect(imports.text).toContain('MATCH (importer:FILE)-[:`IMPORTS`]->(imported:FILE)');
    expect(imports.text).toContain(
      'WHERE importer.key STARTS WITH $pathPrefix AND imported.key STARTS WITH $pathPrefix',
    );
    expect(imports.text).toContain('IN importerSegments[..level]');
    expect(imports.text).toContain('IN importedSegments[..level]');
    expect(imports.text).toMatch(/WHERE source <> target\nRETURN source, target, count\(\*\) AS imports$/);
    expect(imports.params).toEqual({ firstLevel: neo4j.int(1), expanded: [], pathPrefix: 'lib' });
    for (const statement of [imports, cypher.folderGroups(resolveFolderGraph({}))]) {
      // No list comprehensions, and no string lengths or offsets (bytes before Memgraph 3.12).
      expect(statement.text).not.toMatch(
        /\[\w+ IN [^\]]*(WHERE|\|)[^\]]*\]|substring\(|size\((file|importer|imported)\./,
      );
    }
  });

  it('count edges type by type, each from its edge-type index, in one statement', () => {
    const parts = cypher.COUNT_EDGES.split('\nUNION ALL\n');
    expect(parts).toEqual(
      EDGE_TYPES.map(
        (type) => `MATCH ()-[edge:\`${type}\`]->()\nRETURN '${type}' AS type, count(edge) AS total`,
      ),
    );
  });
});

describe('the Memgraph schema', () => {
  const all = [...INDEXES, ...CONSTRAINTS].map((item) => item.create);

  it('creates every index and constraint on an empty database, indexes first', () => {
    expect(missingSchema([], [])).toEqual(all);
    expect(all).toEqual(
      expect.arrayContaining([
        'CREATE INDEX ON :CodeNode',
        'CREATE INDEX ON :CodeNode(key)',
        'CREATE INDEX ON :CodeNode(nameLower)',
        'CREATE INDEX ON :FILE',
        'CREATE INDEX ON :CodenavMeta(id)',
        'CREATE EDGE INDEX ON :`CONTAINS`',
        'CREATE EDGE INDEX ON :`CALLS`',
        'CREATE CONSTRAINT ON (n:CodeNode) ASSERT n.key IS UNIQUE',
        'CREATE CONSTRAINT ON (n:CodenavMeta) ASSERT n.id IS UNIQUE',
      ]),
    );
    expect(all.filter((text) => text.startsWith('CREATE EDGE INDEX'))).toHaveLength(EDGE_TYPES.length);
  });

  it('creates only what SHOW INDEX INFO and SHOW CONSTRAINT INFO do not list, as Memgraph 3.2+ lists them', () => {
    const indexRows = [
      { 'index type': 'edge-type', label: 'CALLS', property: null, count: 10 },
      { 'index type': 'label', label: 'CodeNode', property: null, count: 10 },
      { 'index type': 'label+property', label: 'CodeNode', property: ['key'], count: 10 },
      // Not ours: a descending index, a composite one, another label's.
      { 'index type': 'label+property (DESC)', label: 'CodeNode', property: ['nameLower'], count: 10 },
      { 'index type': 'label+property', label: 'CodeNode', property: ['nameLower', 'key'], count: 10 },
      { 'index type': 'label+property', label: 'Other', property: ['id'], count: 1 },
    ];
    const constraintRows = [
      { 'constraint type': 'unique', label: 'CodeNode', properties: ['key'], data_type: '' },
    ];
    const missing = missingSchema(indexRows, constraintRows);
    expect(missing).toContain('CREATE INDEX ON :CodeNode(nameLower)');
    expect(missing).toContain('CREATE CONSTRAINT ON (n:CodenavMeta) ASSERT n.id IS UNIQUE');
    for (const present of [
      'CREATE EDGE INDEX ON :`CALLS`',
      'CREATE INDEX ON :CodeNode',
      'CREATE INDEX ON :CodeNode(key)',
      'CREATE CONSTRAINT ON (n:CodeNode) ASSERT n.key IS UNIQUE',
    ]) {
      expect(missing).not.toContain(present);
    }
    expect(missing).toHaveLength(all.length - 4);
  });

  it('reads the single property string that Memgraph before 3.2 lists, and creates nothing when all is there', () => {
    const indexRows = all
      .filter((text) => text.startsWith('CREATE INDEX') || text.startsWith('CREATE EDGE'))
      .map((text) => {
        const [, edgeType] = /EDGE INDEX ON :`(\w+)`/.exec(text) ?? [];
        if (edgeType) return { 'index type': 'edge-type', label: edgeType, property: null };
        const [, label, property] = /ON :(\w+)(?:\((\w+)\))?/.exec(text)!;
        return property
          ? { 'index type': 'label+property', label, property }
          : { 'index type': 'label', label, property: null };
      });
    const constraintRows = [
      { 'constraint type': 'unique', label: 'CodeNode', properties: ['key'] },
      { 'constraint type': 'unique', label: 'CodenavMeta', properties: ['id'] },
    ];
    expect(missingSchema(indexRows, constraintRows)).toEqual([]);
  });

  it('warns about releases outside 3.0 to 3.12, and about no other', () => {
    for (const version of ['3.0.0', '3.5.2', '3.12.0', '3.12.0+5~abc', 'v3.7.1', 'unknown'])
      expect(releaseWarning(version), version).toBe(undefined);
    for (const version of ['2.22.1', '3.13.1', '4.0.0'])
      expect(releaseWarning(version)).toBe(
        `Memgraph ${version} is outside the releases the adapter was written for (3.0 to 3.12); see docs/DEPLOYMENT.md`,
      );
  });

  it('is what the compose file’s Memgraph runs: a release the adapter was written for', () => {
    const compose = readFileSync(new URL('../../docker/compose.yaml', import.meta.url), 'utf8');
    const [, tag] = /image: memgraph\/memgraph:\$\{MEMGRAPH_VERSION:-([^}]+)\}/.exec(compose) ?? [];
    expect(tag).toMatch(/^\d+\.\d+\.\d+$/);
    expect(releaseWarning(tag!)).toBe(undefined);
  });

  it('finds the storage mode among SHOW STORAGE INFO rows and refuses all but the transactional one', () => {
    const rows = [
      { 'storage info': 'vertex_count', value: 3 },
      { 'storage info': 'storage_mode', value: 'IN_MEMORY_ANALYTICAL' },
    ];
    expect(storageModeOf(rows)).toBe('IN_MEMORY_ANALYTICAL');
    // Memgraph 3.11+ lists only the instance's startup default without ON CURRENT DATABASE.
    expect(storageModeOf([{ 'storage info': 'global_storage_mode', value: 'IN_MEMORY_TRANSACTIONAL' }])).toBe(
      undefined,
    );
    expect(storageModeProblem('IN_MEMORY_TRANSACTIONAL', 'bolt://m:7687')).toBe(undefined);
    expect(storageModeProblem('IN_MEMORY_ANALYTICAL', 'bolt://m:7687')).toBe(
      'Memgraph at bolt://m:7687 runs in IN_MEMORY_ANALYTICAL storage mode, which has no transactions (a change set would not be atomic) and no unique constraints; switch it with "STORAGE MODE IN_MEMORY_TRANSACTIONAL;" or start it with --storage-mode=IN_MEMORY_TRANSACTIONAL',
    );
    expect(storageModeProblem('ON_DISK_TRANSACTIONAL', 'bolt://m:7687')).toMatch(
      /ON_DISK_TRANSACTIONAL storage mode/,
    );
  });
});
