import { appendFileSync } from 'node:fs';
import * as path from 'node:path';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, describe, expect, it } from 'vitest';
import { responseCachePlugin } from '../../server/http/response-cache.ts';
import { countingStore } from '../helpers/counting-store.ts';
import { copyFixture, removeCopies, tempDir, writeFiles as write } from '../helpers/fixtures.ts';
import { commitBase, git } from '../helpers/git.ts';
import { startInProcess, stopServers } from '../helpers/server.ts';

afterAll(async () => {
  await stopServers();
  removeCopies();
});

describe('response cache', () => {
  it('answers a repeated query at the same revision without reading the graph, and a new revision afresh', async () => {
    const { store, calls } = countingStore();
    const root = copyFixture('incremental');
    const server = await startInProcess(root, {}, { store });
    const query = '{ symbols(query: "ad") { totalCount edges { node { key callers { key } } } } }';

    const first = await server.gql(query);
    calls.length = 0;
    const second = await server.gql(query);
    expect(second).toEqual(first);
    expect(calls).toEqual(['revision']);

    appendFileSync(
      path.join(root, 'src/math.ts'),
      '\nexport function adder(): number {\n  return add(1, 2);\n}\n',
    );
    await server.gql('mutation { reanalyze(paths: ["src/math.ts"]) { revision } }');
    calls.length = 0;
    const third = await server.gql<{ symbols: { totalCount: number } }>(query);
    expect(calls).toContain('findNodes');
    expect(third.data?.symbols.totalCount).toBe(
      (first.data as { symbols: { totalCount: number } }).symbols.totalCount + 1,
    );
  });

  it('never caches the analysis state, which changes between revisions', async () => {
    const { store, calls } = countingStore();
    const server = await startInProcess(copyFixture('incremental'), {}, { store });
    await server.gql('{ analysis { state } stats { files } }');
    calls.length = 0;
    await server.gql('{ analysis { state } stats { files } }');
    expect(calls).toContain('stats');
  });
});

describe('answers that do not follow the revision', () => {
  it('answers source text as the file is now and diffImpact against the commit a branch is at now, unlike the graph', async () => {
    const repo = tempDir('codenav-cache-');
    commitBase(repo, {
      'src/math.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
    });
    write(repo, {
      'src/math.ts': 'export function add(a: number, b: number): number {\n  return b + a;\n}\n',
    });
    const server = await startInProcess(repo);

    const diff = '{ diffImpact(base: "main") { commit changed { kind key } } }';
    const before = await server.gql<{ diffImpact: { commit: string; changed: unknown[] } }>(diff);
    expect(before.data?.diffImpact.changed).toEqual([{ kind: 'BODY_CHANGED', key: 'src/math.ts#add' }]);
    git(repo, 'commit', '-q', '-am', 'swap');
    // The same revision of the graph, but main has moved to the work tree.
    expect(await server.gql(diff)).toEqual({
      data: { diffImpact: { commit: git(repo, 'rev-parse', 'HEAD').trim(), changed: [] } },
    });

    const source =
      '{ codeNode(key: "src/math.ts#add") { ... on CodeSymbol { source { text matchesGraph } } } }';
    expect(await server.gql(source)).toMatchObject({
      data: { codeNode: { source: { text: expect.stringContaining('b + a'), matchesGraph: true } } },
    });
    write(repo, {
      'src/math.ts': 'export function add(a: number, b: number): number {\n  return a - -b;\n}\n',
    });
    // Edited on disk, not analyzed again (no watcher here): the text is the new one, and says so.
    expect(await server.gql(source)).toMatchObject({
      data: { codeNode: { source: { text: expect.stringContaining('a - -b'), matchesGraph: false } } },
    });
  });
});

describe('response cache bounds', () => {
  it('keeps answers up to a total size, least recently used out first, and never one too large', async () => {
    let executions = 0;
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { text(size: Int!): String! }',
        resolvers: {
          Query: {
            text: (_: unknown, { size }: { size: number }) => {
              executions += 1;
              return 'x'.repeat(size);
            },
          },
        },
      }),
      plugins: [responseCachePlugin({ revision: async () => 1, maxBytes: 10_000, maxEntryBytes: 5_000 })],
    });
    const ask = async (size: number) => {
      const response = await yoga.fetch('http://codenav/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ text(size: ${size}) }` }),
      });
      return ((await response.json()) as { data: { text: string } }).data.text.length;
    };
    const executed = async (size: number) => {
      const before = executions;
      expect(await ask(size)).toBe(size);
      return executions - before;
    };

    expect(await executed(4_000)).toBe(1);
    expect(await executed(4_000)).toBe(0);
    // Larger than one entry may be: answered, never kept.
    expect(await executed(6_000)).toBe(1);
    expect(await executed(6_000)).toBe(1);
    // 4,000 + 3,000 fit in 10,000; another 3,001 pushes out the least recently used (4,000).
    expect(await executed(3_000)).toBe(1);
    expect(await executed(3_001)).toBe(1);
    expect(await executed(3_000)).toBe(0);
    expect(await executed(4_000)).toBe(1);
  });
});
