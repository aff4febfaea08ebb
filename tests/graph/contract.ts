/**
 * The graph store contract: one suite that every {@link GraphStore} adapter must pass.
 * `memory.test.ts` runs it on every `npm test`; `memgraph.test.ts` whenever MEMGRAPH_URI is set.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GraphStore, GraphStoreError, LIMITS, type NodeFilter } from '../../server/graph/port.ts';
import { type ChangeSet, EDGE_TYPES, type GraphNode, NODE_KINDS } from '../../server/model/index.ts';
import { adding, edge, edges, file, keyOf, nodes, project, symbol } from './fixture.ts';

/** How the suite gets a fresh, empty store for each test, and disposes of it. */
export interface StoreHarness {
  create(): Promise<GraphStore>;
  destroy(store: GraphStore): Promise<void>;
}

async function rejection(promise: Promise<unknown>): Promise<GraphStoreError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphStoreError);
  return error as GraphStoreError;
}

async function expectCode(promise: Promise<unknown>, code: GraphStoreError['code']): Promise<void> {
  expect((await rejection(promise)).code).toBe(code);
}

const keys = (list: readonly (GraphNode | undefined)[]): (string | undefined)[] => list.map(keyOf);
const tooManyKeys = Array.from({ length: LIMITS.batchKeys + 1 }, (_, i) => `k${i}`);

export function describeGraphStoreContract(name: string, harness: StoreHarness): void {
  describe(`the ${name} graph store`, () => {
    let store: GraphStore;

    beforeEach(async () => {
      store = await harness.create();
    });

    afterEach(async () => {
      await harness.destroy(store);
    });

    const load = () => store.apply(project);
    const search = async (filter: NodeFilter, first = 50) =>
      keys((await store.findNodes(filter, { first })).items);

    describe('apply and revisions', () => {
      it('starts empty at revision 0', async () => {
        expect(await store.revision()).toBe(0);
        const stats = await store.stats();
        expect(stats.revision).toBe(0);
        expect(Object.values(stats.nodes).every((n) => n === 0)).toBe(true);
        expect(Object.values(stats.edges).every((n) => n === 0)).toBe(true);
      });

      it('returns revisions that grow by one per applied change set, empty ones included', async () => {
        expect(await load()).toBe(1);
        expect(await store.apply({ files: [], changes: [] })).toBe(2);
        expect(await store.apply(adding([file('src/z.ts')]))).toBe(3);
        expect(await store.revision()).toBe(3);
        expect((await store.stats()).revision).toBe(3);
      });

      it('reads back nodes and edges exactly as written, lists and maps included', async () => {
        const rich = symbol('src/r.ts#rich', 'FUNCTION', {
          exported: true,
          startLine: 12,
          ratio: 0.25,
          tags: ['a', 'b'],
          span: { start: { line: 1, column: 2 }, end: { line: 3, column: 4 } },
          signature: 'rich(): void',
        });
        await store.apply(
          adding([file('src/r.ts'), rich], [edge('CONTAINS', 'src/r.ts', rich.key, { order: 1 })]),
        );
        expect(await store.getNodes([rich.key])).toEqual([rich]);
        expect(await store.getEdges([rich.key], { direction: 'IN' })).toEqual([
          [edge('CONTAINS', 'src/r.ts', rich.key, { order: 1 })],
        ]);
      });

      it('drops null properties, as an absent property', async () => {
        const node = symbol('src/n.ts#n', 'VARIABLE', { doc: null, kept: 'yes' });
        await store.apply(adding([file('src/n.ts'), node]));
        const [read] = await store.getNodes([node.key]);
        expect(read?.props).toEqual({
          name: 'n',
          qualifiedName: 'n',
          path: 'src/n.ts',
          exported: false,
          kept: 'yes',
        });
      });

      it('treats NODE_ADDED of an existing key as an upsert that replaces kind and properties whole', async () => {
        await load();
        const renamed = {
          key: 'src/c.ts#unused',
          kind: 'VARIABLE',
          props: { name: 'renamed', path: 'src/c.ts' },
        } as const;
        await store.apply({ files: ['src/c.ts'], changes: [{ op: 'NODE_ADDED', node: renamed }] });
        expect(await store.getNodes([renamed.key])).toEqual([renamed]);
        expect(await search({ text: 'renamed' })).toEqual([renamed.key]);
        expect(await search({ text: 'unused' })).toEqual([]);
        const stats = await store.stats();
        expect(stats.nodes.VARIABLE).toBe(2);
        expect(stats.nodes.FUNCTION).toBe(6);
        expect(await search({ kinds: ['VARIABLE'] })).toEqual(['lib/e.ts#extra', renamed.key]);
      });

      it('treats NODE_UPDATED of a missing key as an upsert that creates it', async () => {
        const node = symbol('src/new.ts#fresh', 'FUNCTION');
        await store.apply({ files: [], changes: [{ op: 'NODE_UPDATED', node }] });
        expect(await store.getNodes([node.key])).toEqual([node]);
      });

      it('treats EDGE_ADDED of an existing edge as an upsert of its properties', async () => {
        await load();
        const calls = edge('CALLS', 'src/a.ts#main', 'src/a.ts#helper', { count: 2, line: 4 });
        await store.apply({ files: ['src/a.ts'], changes: [{ op: 'EDGE_ADDED', edge: calls }] });
        const [out] = await store.getEdges(['src/a.ts#main'], { direction: 'OUT', types: ['CALLS'] });
        expect(out).toEqual([calls]);
        expect((await store.stats()).edges.CALLS).toBe(6);
      });

      it('removes a node with all of its edges', async () => {
        await load();
        await store.apply({
          files: ['src/b.ts'],
          changes: [{ op: 'NODE_REMOVED', key: 'src/b.ts#parse', kind: 'FUNCTION' }],
        });
        expect(await store.getNodes(['src/b.ts#parse'])).toEqual([undefined]);
        const [fromHelper, fromParseAll, intoMethod] = await store.getEdges(
          ['src/a.ts#helper', 'src/c.ts#parseAll', 'src/b.ts#Parser.parse'],
          { direction: 'OUT', types: ['CALLS'] },
        );
        expect(fromHelper).toEqual([]);
        expect(fromParseAll?.map((e) => e.to)).toEqual(['src/c.ts#localOnly']);
        expect(intoMethod).toEqual([]);
        expect(
          (await store.getEdges(['src/b.ts#Parser.parse'], { direction: 'IN', types: ['CALLS'] }))[0],
        ).toEqual([]);
        const stats = await store.stats();
        expect(stats.edges.CALLS).toBe(3);
        expect(stats.edges.CONTAINS).toBe(11);
        expect(stats.nodes.FUNCTION).toBe(6);
      });

      it('removes an edge and ignores removals of things that are absent', async () => {
        await load();
        await store.apply({
          files: [],
          changes: [
            { op: 'EDGE_REMOVED', edge: { type: 'CALLS', from: 'src/a.ts#main', to: 'src/a.ts#helper' } },
            { op: 'EDGE_REMOVED', edge: { type: 'CALLS', from: 'src/a.ts#main', to: 'src/b.ts#parse' } },
            { op: 'NODE_REMOVED', key: 'src/nowhere.ts', kind: 'FILE' },
          ],
        });
        const [out] = await store.getEdges(['src/a.ts#main'], { direction: 'OUT' });
        expect(out?.map((e) => `${e.type}:${e.to}`)).toEqual(['INSTANTIATES:src/b.ts#Parser']);
        expect((await store.stats()).edges.CALLS).toBe(5);
      });

      it('applies edges to nodes added in the same change set', async () => {
        const a = symbol('src/x.ts#a', 'FUNCTION');
        const b = symbol('src/x.ts#b', 'FUNCTION');
        await store.apply(adding([file('src/x.ts'), a, b], [edge('CALLS', a.key, b.key)]));
        expect((await store.getEdges([a.key], { direction: 'OUT' }))[0]).toEqual([
          edge('CALLS', a.key, b.key),
        ]);
      });

      it('rejects a change set with an edge to a missing node and applies none of it', async () => {
        await load();
        const before = await store.stats();
        const bad: ChangeSet = {
          files: ['src/a.ts'],
          changes: [
            { op: 'NODE_ADDED', node: symbol('src/a.ts#added', 'FUNCTION') },
            { op: 'NODE_REMOVED', key: 'src/a.ts#helper', kind: 'FUNCTION' },
            { op: 'EDGE_REMOVED', edge: { type: 'CALLS', from: 'src/a.ts#main', to: 'src/a.ts#helper' } },
            { op: 'EDGE_ADDED', edge: edge('CALLS', 'src/a.ts#added', 'src/nowhere.ts#ghost') },
          ],
        };
        const error = await rejection(store.apply(bad));
        expect(error.code).toBe('INVALID_CHANGE_SET');
        expect(error.message).toContain('src/nowhere.ts#ghost');
        expect(await store.revision()).toBe(1);
        expect(await store.stats()).toEqual(before);
        expect(keys(await store.getNodes(['src/a.ts#added', 'src/a.ts#helper']))).toEqual([
          undefined,
          'src/a.ts#helper',
        ]);
        expect(
          (await store.getEdges(['src/a.ts#main'], { direction: 'OUT', types: ['CALLS'] }))[0],
        ).toHaveLength(1);
        expect(await store.apply({ files: [], changes: [] })).toBe(2);
      });

      it('rejects an edge to a node that the same change set removes', async () => {
        await load();
        const bad: ChangeSet = {
          files: [],
          changes: [
            { op: 'NODE_REMOVED', key: 'src/a.ts#helper', kind: 'FUNCTION' },
            { op: 'EDGE_ADDED', edge: edge('CALLS', 'src/a.ts#main', 'src/a.ts#helper') },
          ],
        };
        await expectCode(store.apply(bad), 'INVALID_CHANGE_SET');
        expect(keys(await store.getNodes(['src/a.ts#helper']))).toEqual(['src/a.ts#helper']);
      });

      it('rejects unknown kinds, edge types, ops and reserved or mistyped properties', async () => {
        await load();
        const bogus = [
          { op: 'NODE_ADDED', node: { key: 'src/q.ts', kind: 'BOGUS', props: {} } },
          { op: 'EDGE_ADDED', edge: { type: 'HATES', from: 'src/a.ts', to: 'src/b.ts', props: {} } },
          { op: 'TELEPORT', key: 'src/a.ts' },
          { op: 'NODE_ADDED', node: { key: 'src/q.ts', kind: 'FILE', props: { kind: 'CLASS' } } },
          { op: 'NODE_ADDED', node: { key: 'src/q.ts', kind: 'FILE', props: { nameLower: 'q.ts' } } },
          { op: 'NODE_ADDED', node: { key: 'src/q.ts', kind: 'FILE', props: { file: 'src/q.ts' } } },
          { op: 'NODE_ADDED', node: { key: 'src/q.ts', kind: 'FILE', props: { name: 42 } } },
          { op: 'NODE_ADDED', node: { key: '', kind: 'FILE', props: {} } },
        ];
        for (const change of bogus) {
          const changeSet = { files: [], changes: [{ op: 'NODE_ADDED', node: file('src/ok.ts') }, change] };
          await expectCode(store.apply(changeSet as unknown as ChangeSet), 'INVALID_CHANGE_SET');
        }
        expect(await store.revision()).toBe(1);
        expect(await store.getNodes(['src/ok.ts'])).toEqual([undefined]);
      });

      it('lets a concurrent read see a change set either whole or not at all', async () => {
        await load();
        const many = Array.from({ length: 400 }, (_, i) => symbol(`src/many.ts#s${i}`, 'VARIABLE'));
        const manyKeys = many.map((n) => n.key);
        const [revision, during] = await Promise.all([
          store.apply(adding([file('src/many.ts'), ...many])),
          store.getNodes(manyKeys),
        ]);
        expect(revision).toBe(2);
        expect([0, many.length]).toContain(during.filter(Boolean).length);
        expect((await store.getNodes(manyKeys)).filter(Boolean)).toHaveLength(many.length);
      });
    });

    describe('batched reads', () => {
      beforeEach(load);

      it('answers getNodes in input order, duplicates and misses included', async () => {
        const got = await store.getNodes(['src/b.ts#parse', 'missing', 'src/a.ts', 'src/b.ts#parse']);
        expect(keys(got)).toEqual(['src/b.ts#parse', undefined, 'src/a.ts', 'src/b.ts#parse']);
        expect(got[2]).toEqual(nodes[0]);
        expect(await store.getNodes([])).toEqual([]);
      });

      it('answers getEdges in input order, each list by type, then from, then to', async () => {
        const [parse, missing, a] = await store.getEdges(['src/b.ts#parse', 'missing', 'src/a.ts'], {
          direction: 'BOTH',
        });
        expect(parse?.map((e) => `${e.type}:${e.from}->${e.to}`)).toEqual([
          'CALLS:src/a.ts#helper->src/b.ts#parse',
          'CALLS:src/b.ts#parse->src/b.ts#Parser.parse',
          'CALLS:src/c.ts#parseAll->src/b.ts#parse',
          'CONTAINS:src/b.ts->src/b.ts#parse',
        ]);
        expect(missing).toEqual([]);
        expect(a?.map((e) => `${e.type}:${e.from}->${e.to}`)).toEqual([
          'CONTAINS:src/a.ts->src/a.ts#helper',
          'CONTAINS:src/a.ts->src/a.ts#main',
          'IMPORTS:src/a.ts->lib/e.ts',
          'IMPORTS:src/a.ts->npm:react',
          'IMPORTS:src/a.ts->src/b.ts',
          'IMPORTS:src/b.ts->src/a.ts',
        ]);
      });

      it('filters getEdges by direction and type', async () => {
        const [out] = await store.getEdges(['src/a.ts'], { direction: 'OUT', types: ['IMPORTS'] });
        expect(out?.map((e) => e.to)).toEqual(['lib/e.ts', 'npm:react', 'src/b.ts']);
        expect(out?.[2]?.props).toEqual({ names: ['parse', 'Parser'], typeOnly: false });
        const [into] = await store.getEdges(['src/a.ts'], { direction: 'IN', types: ['IMPORTS', 'CALLS'] });
        expect(into?.map((e) => e.from)).toEqual(['src/b.ts']);
      });

      it('treats an empty list of edge types as matching no edge', async () => {
        expect(await store.getEdges(['src/a.ts'], { direction: 'BOTH', types: [] })).toEqual([[]]);
        expect(await store.traverse(['src/a.ts'], { direction: 'OUT', types: [], maxDepth: 3 })).toEqual([]);
        expect(await store.shortestPath('src/a.ts', 'src/b.ts', { types: [] })).toBe(undefined);
      });

      it('lists a self-import once in both directions', async () => {
        const [both] = await store.getEdges(['lib/self.ts'], { direction: 'BOTH' });
        expect(both?.map((e) => `${e.from}->${e.to}`)).toEqual(['lib/self.ts->lib/self.ts']);
      });

      it('rejects batches beyond the key limit and unknown types or directions', async () => {
        await expectCode(store.getNodes(tooManyKeys), 'BAD_REQUEST');
        await expectCode(store.getEdges(tooManyKeys, { direction: 'OUT' }), 'BAD_REQUEST');
        await expectCode(
          store.getEdges(['src/a.ts'], { direction: 'OUT', types: ['HATES' as never] }),
          'BAD_REQUEST',
        );
        await expectCode(store.getEdges(['src/a.ts'], { direction: 'UP' as never }), 'BAD_REQUEST');
        expect(await store.getNodes(tooManyKeys.slice(1))).toHaveLength(LIMITS.batchKeys);
      });
    });

    describe('search', () => {
      beforeEach(load);

      it('ranks exact names first, then prefixes, then substrings; shorter names, then keys, first', async () => {
        const ranked = [
          'src/b.ts#Parser.parse',
          'src/b.ts#parse',
          'src/b.ts#Parser',
          'src/c.ts#parseAll',
          'lib/d.ts#reparse',
        ];
        expect(await search({ text: 'parse' })).toEqual(ranked);
        expect(await search({ text: 'PaRsE' })).toEqual(ranked);
      });

      it('finds substrings in the middle of names, short queries included', async () => {
        expect(await search({ text: 'arse' })).toEqual([
          'src/b.ts#Parser.parse',
          'src/b.ts#parse',
          'src/b.ts#Parser',
          'lib/d.ts#reparse',
          'src/c.ts#parseAll',
        ]);
        expect(await search({ text: 'pa' })).toEqual([
          'src/b.ts#Parser.parse',
          'src/b.ts#parse',
          'src/b.ts#Parser',
          'src/c.ts#parseAll',
          'lib/d.ts#reparse',
        ]);
        expect(await search({ text: 'xyz' })).toEqual([]);
      });

      it('matches and ranks non-ASCII names by JavaScript’s Unicode case rules and lengths', async () => {
        const intl = (name: string, kind: 'FUNCTION' | 'CLASS' = 'FUNCTION') =>
          symbol(`src/intl.ts#${name}`, kind, { exported: true });
        await store.apply(
          adding([
            file('src/intl.ts'),
            intl('Überprüfung'),
            intl('überall'),
            intl('ÄRGER', 'CLASS'),
            intl('qéé'),
            intl('qabc'),
            intl('ΣΟΦΙΑ', 'CLASS'),
          ]),
        );
        // Ü, Ä and Σ fold to ü, ä and σ (not only ASCII letters).
        expect(await search({ text: 'ÜBER' })).toEqual(['src/intl.ts#überall', 'src/intl.ts#Überprüfung']);
        expect(await search({ text: 'ärger' })).toEqual(['src/intl.ts#ÄRGER']);
        expect(await search({ text: 'σοφ' })).toEqual(['src/intl.ts#ΣΟΦΙΑ']);
        expect(await search({ text: 'PRÜF' })).toEqual(['src/intl.ts#Überprüfung']);
        // Shorter first counts characters, not UTF-8 bytes: qéé (3) before qabc (4).
        expect(await search({ text: 'q' })).toEqual(['src/intl.ts#qéé', 'src/intl.ts#qabc']);
        const page = await store.findNodes({ text: 'Ü' }, { first: 1 });
        expect(page).toMatchObject({ totalCount: 2, hasNextPage: true });
        const rest = await store.findNodes({ text: 'Ü' }, { first: 1, after: page.cursors[0] });
        expect(keys(rest.items)).toEqual(['src/intl.ts#Überprüfung']);
        expect(await store.getNodes(['src/intl.ts#ÄRGER'])).toEqual([intl('ÄRGER', 'CLASS')]);
      });

      it('matches a query with a `.` against qualified names, ranked as names are, following renames', async () => {
        await store.apply(
          adding([
            file('src/o.ts'),
            symbol('src/o.ts#OrderService', 'CLASS', { exported: true }),
            symbol('src/o.ts#OrderService.place', 'METHOD'),
            symbol('src/o.ts#OrderService.placeAll', 'METHOD'),
            symbol('src/o.ts#Legacy.OrderService.place', 'METHOD'),
          ]),
        );
        // Exact, then prefix, then substring; the name alone (`place`) holds no `.`.
        expect(await search({ text: 'OrderService.place' })).toEqual([
          'src/o.ts#OrderService.place',
          'src/o.ts#OrderService.placeAll',
          'src/o.ts#Legacy.OrderService.place',
        ]);
        expect(await search({ text: 'parser.PARSE' })).toEqual(['src/b.ts#Parser.parse']);
        expect(await search({ text: 'r.pa' })).toEqual(['src/b.ts#Parser.parse']);
        expect(
          await search({ text: 'OrderService.place', kinds: ['METHOD'], pathPrefix: 'src/o' }),
        ).toHaveLength(3);
        const page = await store.findNodes({ text: 'orderservice.place' }, { first: 2 });
        expect(page).toMatchObject({ totalCount: 3, hasNextPage: true });
        const rest = await store.findNodes(
          { text: 'orderservice.place' },
          { first: 2, after: page.cursors[1] },
        );
        expect(keys(rest.items)).toEqual(['src/o.ts#Legacy.OrderService.place']);
        // Undotted queries still match names only.
        expect(await search({ text: 'place' })).toEqual([
          'src/o.ts#Legacy.OrderService.place',
          'src/o.ts#OrderService.place',
          'src/o.ts#OrderService.placeAll',
        ]);
        await store.apply({
          files: ['src/o.ts'],
          changes: [
            {
              op: 'NODE_UPDATED',
              node: symbol('src/o.ts#OrderService.placeAll', 'METHOD', { qualifiedName: 'Orders.placeAll' }),
            },
            { op: 'NODE_REMOVED', key: 'src/o.ts#Legacy.OrderService.place', kind: 'METHOD' },
          ],
        });
        expect(await search({ text: 'OrderService.place' })).toEqual(['src/o.ts#OrderService.place']);
        expect(await search({ text: 'orders.' })).toEqual(['src/o.ts#OrderService.placeAll']);
      });

      it('combines text with kind, path prefix and exported filters', async () => {
        expect(await search({ text: 'parse', kinds: ['FUNCTION'] })).toEqual([
          'src/b.ts#parse',
          'src/c.ts#parseAll',
          'lib/d.ts#reparse',
        ]);
        expect(await search({ text: 'parse', pathPrefix: 'lib/' })).toEqual(['lib/d.ts#reparse']);
        expect(await search({ text: 'parse', exported: false })).toEqual(['src/b.ts#Parser.parse']);
      });

      it('lists nodes in key order without text, filtered by kind, path prefix and exported', async () => {
        const all = nodes.map((n) => n.key).sort();
        expect(await search({}, 500)).toEqual(all);
        expect(await search({ kinds: ['CLASS', 'FILE'] })).toEqual(
          nodes
            .filter((n) => n.kind === 'CLASS' || n.kind === 'FILE')
            .map((n) => n.key)
            .sort(),
        );
        expect(await search({ pathPrefix: 'src/c' })).toEqual([
          'src/c.ts',
          'src/c.ts#localOnly',
          'src/c.ts#parseAll',
          'src/c.ts#unused',
        ]);
        expect(await search({ pathPrefix: 'lib/', kinds: ['FUNCTION', 'VARIABLE'], exported: true })).toEqual(
          ['lib/d.ts#reparse', 'lib/e.ts#extra'],
        );
      });

      it('follows renames, removals and re-additions in its indexes', async () => {
        expect(await search({ text: 'arse' })).toHaveLength(5);
        await store.apply({
          files: ['src/c.ts'],
          changes: [
            {
              op: 'NODE_UPDATED',
              node: symbol('src/c.ts#parseAll', 'FUNCTION', { name: 'loadAll', exported: true }),
            },
            { op: 'NODE_REMOVED', key: 'lib/d.ts#reparse', kind: 'FUNCTION' },
          ],
        });
        expect(await search({ text: 'parse' })).toEqual([
          'src/b.ts#Parser.parse',
          'src/b.ts#parse',
          'src/b.ts#Parser',
        ]);
        expect(await search({ text: 'arse' })).toEqual([
          'src/b.ts#Parser.parse',
          'src/b.ts#parse',
          'src/b.ts#Parser',
        ]);
        expect(await search({ text: 'oadal' })).toEqual(['src/c.ts#parseAll']);
        expect(await search({ kinds: ['FUNCTION'], pathPrefix: 'lib/' })).toEqual([]);
        await store.apply(adding([symbol('lib/d.ts#reparse', 'FUNCTION')]));
        expect(await search({ text: 'epars' })).toEqual(['lib/d.ts#reparse']);
      });

      it('pages with cursors and reports the total count on every page', async () => {
        const first = await store.findNodes({ text: 'parse' }, { first: 2 });
        expect(keys(first.items)).toEqual(['src/b.ts#Parser.parse', 'src/b.ts#parse']);
        expect(first.cursors).toHaveLength(2);
        expect(first).toMatchObject({ totalCount: 5, hasNextPage: true });
        const second = await store.findNodes({ text: 'parse' }, { first: 2, after: first.cursors[1] });
        expect(keys(second.items)).toEqual(['src/b.ts#Parser', 'src/c.ts#parseAll']);
        expect(second).toMatchObject({ totalCount: 5, hasNextPage: true });
        const third = await store.findNodes({ text: 'parse' }, { first: 2, after: second.cursors[1] });
        expect(keys(third.items)).toEqual(['lib/d.ts#reparse']);
        expect(third).toMatchObject({ totalCount: 5, hasNextPage: false });
      });

      it('walks every node page by page without repeats or gaps', async () => {
        const seen: string[] = [];
        let after: string | undefined;
        for (;;) {
          const page = await store.findNodes({}, { first: 3, after });
          expect(page.totalCount).toBe(nodes.length);
          seen.push(...page.items.map((n) => n.key));
          if (!page.hasNextPage) break;
          after = page.cursors.at(-1);
        }
        expect(seen).toEqual(nodes.map((n) => n.key).sort());
      });

      it('continues after a cursor whose node was removed in between', async () => {
        const first = await store.findNodes({ text: 'parse' }, { first: 2 });
        await store.apply({
          files: [],
          changes: [{ op: 'NODE_REMOVED', key: 'src/b.ts#parse', kind: 'FUNCTION' }],
        });
        const next = await store.findNodes({ text: 'parse' }, { first: 2, after: first.cursors[1] });
        expect(keys(next.items)).toEqual(['src/b.ts#Parser', 'src/c.ts#parseAll']);
        expect(next.totalCount).toBe(4);
      });

      it('returns an empty page with the total count for first: 0', async () => {
        const page = await store.findNodes({ text: 'parse' }, { first: 0 });
        expect(page).toEqual({ items: [], cursors: [], totalCount: 5, hasNextPage: true });
      });

      it('rejects page sizes beyond the limit, foreign cursors and unknown kinds', async () => {
        await expectCode(store.findNodes({}, { first: LIMITS.pageSize + 1 }), 'BAD_REQUEST');
        await expectCode(store.findNodes({}, { first: -1 }), 'BAD_REQUEST');
        await expectCode(store.findNodes({}, { first: 2.5 }), 'BAD_REQUEST');
        await expectCode(store.findNodes({}, { after: 'not-a-cursor' }), 'BAD_REQUEST');
        await expectCode(store.findNodes({ kinds: ['BOGUS' as never] }), 'BAD_REQUEST');
        expect((await store.findNodes({}, { first: LIMITS.pageSize })).items).toHaveLength(nodes.length);
      });
    });

    describe('traversal and paths', () => {
      beforeEach(load);

      const reached = async (...args: Parameters<GraphStore['traverse']>) =>
        (await store.traverse(...args)).map((r) => `${r.depth}:${r.node.key}`);

      it('reaches callees depth by depth, each node at its smallest depth', async () => {
        expect(await reached(['src/a.ts#main'], { direction: 'OUT', types: ['CALLS'], maxDepth: 1 })).toEqual(
          ['1:src/a.ts#helper'],
        );
        expect(await reached(['src/a.ts#main'], { direction: 'OUT', types: ['CALLS'], maxDepth: 3 })).toEqual(
          ['1:src/a.ts#helper', '2:src/b.ts#parse', '3:src/b.ts#Parser.parse'],
        );
        expect(
          await reached(['src/a.ts#main'], {
            direction: 'OUT',
            types: ['CALLS', 'INSTANTIATES', 'CONTAINS'],
            maxDepth: 3,
          }),
        ).toEqual(['1:src/a.ts#helper', '1:src/b.ts#Parser', '2:src/b.ts#Parser.parse', '2:src/b.ts#parse']);
      });

      it('reaches callers backwards, ordered by depth then key, cut at the limit', async () => {
        const callers = [
          '1:src/b.ts#parse',
          '2:src/a.ts#helper',
          '2:src/c.ts#parseAll',
          '3:lib/d.ts#reparse',
          '3:src/a.ts#main',
        ];
        const options = { direction: 'IN', types: ['CALLS'], maxDepth: 10 } as const;
        expect(await reached(['src/b.ts#Parser.parse'], options)).toEqual(callers);
        expect(await reached(['src/b.ts#Parser.parse'], { ...options, limit: 3 })).toEqual(
          callers.slice(0, 3),
        );
        expect(await reached(['src/b.ts#Parser.parse'], { ...options, limit: 0 })).toEqual([]);
      });

      it('leaves start keys out and follows every edge type by default', async () => {
        expect(
          await reached(['src/a.ts#main', 'src/a.ts#helper'], {
            direction: 'OUT',
            types: ['CALLS'],
            maxDepth: 1,
          }),
        ).toEqual(['1:src/b.ts#parse']);
        expect(await reached(['src/b.ts'], { direction: 'OUT', maxDepth: 2 })).toEqual([
          '1:src/a.ts',
          '1:src/b.ts#Parser',
          '1:src/b.ts#parse',
          '2:lib/e.ts',
          '2:npm:react',
          '2:src/a.ts#helper',
          '2:src/a.ts#main',
          '2:src/b.ts#Parser.parse',
        ]);
        expect(await reached(['missing'], { direction: 'OUT', maxDepth: 3 })).toEqual([]);
      });

      it('finds the returned node records whole', async () => {
        const [first] = await store.traverse(['src/b.ts#parse'], {
          direction: 'IN',
          types: ['CONTAINS'],
          maxDepth: 1,
        });
        expect(first).toEqual({ node: nodes[1], depth: 1 });
      });

      it('rejects depths, limits and key batches beyond the limits', async () => {
        const base = { direction: 'OUT', maxDepth: 1 } as const;
        await expectCode(store.traverse(['src/a.ts'], { ...base, maxDepth: 0 }), 'BAD_REQUEST');
        await expectCode(
          store.traverse(['src/a.ts'], { ...base, maxDepth: LIMITS.traverseDepth + 1 }),
          'BAD_REQUEST',
        );
        await expectCode(
          store.traverse(['src/a.ts'], { ...base, limit: LIMITS.traverseLimit + 1 }),
          'BAD_REQUEST',
        );
        await expectCode(store.traverse(tooManyKeys, base), 'BAD_REQUEST');
        await expectCode(
          store.traverse(['src/a.ts'], { ...base, direction: 'BOTH' as never }),
          'BAD_REQUEST',
        );
        expect(
          await store.traverse(['src/a.ts'], { ...base, maxDepth: LIMITS.traverseDepth }),
        ).not.toHaveLength(0);
      });

      /**
       * A barrel re-exporting all of lib/e.ts and `parse` (whose top-level code also calls it), a
       * file importing `extra` from the barrel and `unused` from src/c.ts (used nowhere in it), and
       * lib/api.ts re-exporting all of src/b.ts.
       */
      const addBarrel = () =>
        store.apply(
          adding(
            [file('src/barrel.ts'), file('src/app.ts'), file('lib/api.ts')],
            [
              edge('IMPORTS', 'src/barrel.ts', 'lib/e.ts', { names: ['*'], typeOnly: false, reExport: true }),
              edge('IMPORTS', 'src/barrel.ts', 'src/b.ts', {
                names: ['parse'],
                typeOnly: false,
                reExport: true,
              }),
              edge('CALLS', 'src/barrel.ts', 'src/b.ts#parse', { count: 1, firstLine: 3 }),
              edge('IMPORTS', 'src/app.ts', 'src/barrel.ts', { names: ['extra'], typeOnly: false }),
              edge('IMPORTS', 'src/app.ts', 'src/c.ts', { names: ['unused'], typeOnly: false }),
              edge('IMPORTS', 'lib/api.ts', 'src/b.ts', { names: ['*'], typeOnly: false, reExport: true }),
            ],
          ),
        );

      it('finds the files importing a symbol by name where no code of theirs uses it: re-exports always', async () => {
        await addBarrel();
        expect(
          await store.importersByName([
            'src/b.ts#parse',
            'src/b.ts#Parser',
            'lib/d.ts#Shout',
            'lib/e.ts#extra',
            'lib/e.ts#Base',
            'src/c.ts#unused',
            'src/b.ts#Parser.parse',
            'src/a.ts#helper',
            'src/a.ts',
            'missing',
            'lib/api.ts',
          ]),
        ).toEqual([
          // src/a.ts and src/c.ts import `parse`, and their code calls it: that code is the
          // dependent. The barrel calls it too, but passes it on.
          ['lib/api.ts', 'src/barrel.ts'],
          // src/a.ts imports `Parser` and main instantiates it: only the `export *`.
          ['lib/api.ts'],
          // A default export is imported as `default` (here by a type-only import, nothing using it).
          ['src/c.ts'],
          // src/a.ts's namespace import (`*` without reExport) names nothing; the barrel's `export *` does.
          ['src/barrel.ts'],
          // lib/d.ts imports `Base`, and its Shout implements it.
          ['src/barrel.ts'],
          // Imported and used nowhere: the import itself is what breaks.
          ['src/app.ts'],
          // A member, a symbol not exported, a file, a missing key, a file with no symbols: none.
          [],
          [],
          [],
          [],
          [],
        ]);
        expect(await store.importersByName([])).toEqual([]);
        await expectCode(store.importersByName(tooManyKeys), 'BAD_REQUEST');
      });

      it('steps back from a symbol to the files importing it by name only when asked, over IMPORTS', async () => {
        await addBarrel();
        const options = { direction: 'IN', types: ['IMPORTS', 'CALLS'], maxDepth: 3 } as const;
        expect(await reached(['lib/e.ts#extra'], options)).toEqual([]);
        expect(await reached(['lib/e.ts#extra'], { ...options, importsByName: true })).toEqual([
          '1:src/barrel.ts',
          '2:src/app.ts',
        ]);
        expect(
          await reached(['lib/e.ts#extra'], { ...options, types: ['CALLS'], importsByName: true }),
        ).toEqual([]);
        expect(
          await reached(['lib/e.ts#extra'], { direction: 'OUT', maxDepth: 3, importsByName: true }),
        ).toEqual([]);
        // Merged with the edges' own level in key order, and cut at the limit.
        const parse = { ...options, maxDepth: 1 };
        expect(await reached(['src/b.ts#parse'], parse)).toEqual([
          '1:src/a.ts#helper',
          '1:src/barrel.ts',
          '1:src/c.ts#parseAll',
        ]);
        expect(await reached(['src/b.ts#parse'], { ...parse, importsByName: true })).toEqual([
          '1:lib/api.ts',
          '1:src/a.ts#helper',
          '1:src/barrel.ts',
          '1:src/c.ts#parseAll',
        ]);
        expect(await reached(['src/b.ts#parse'], { ...parse, importsByName: true, limit: 2 })).toEqual([
          '1:lib/api.ts',
          '1:src/a.ts#helper',
        ]);
      });

      it('finds a shortest path with its nodes and edges', async () => {
        const path = await store.shortestPath('src/a.ts#main', 'src/b.ts#Parser.parse', { types: ['CALLS'] });
        expect(keys(path?.nodes ?? [])).toEqual([
          'src/a.ts#main',
          'src/a.ts#helper',
          'src/b.ts#parse',
          'src/b.ts#Parser.parse',
        ]);
        expect(path?.edges).toEqual(edges.filter((e) => e.type === 'CALLS').slice(0, 3));
        const any = await store.shortestPath('src/a.ts#main', 'src/b.ts#Parser.parse');
        expect(any?.edges.map((e) => e.type)).toEqual(['INSTANTIATES', 'CONTAINS']);
      });

      it('finds no path beyond maxDepth, against the edges, or to a missing node', async () => {
        expect(
          await store.shortestPath('src/a.ts#main', 'src/b.ts#Parser.parse', {
            types: ['CALLS'],
            maxDepth: 2,
          }),
        ).toBe(undefined);
        expect(await store.shortestPath('src/b.ts#Parser.parse', 'src/a.ts#main')).toBe(undefined);
        expect(await store.shortestPath('src/a.ts#main', 'missing')).toBe(undefined);
      });

      it('answers a path from a node to itself with that node alone', async () => {
        expect(await store.shortestPath('src/a.ts#main', 'src/a.ts#main')).toEqual({
          nodes: [nodes[7]],
          edges: [],
        });
      });

      it('rejects path depths beyond the limit', async () => {
        await expectCode(
          store.shortestPath('src/a.ts', 'src/b.ts', { maxDepth: LIMITS.pathDepth + 1 }),
          'BAD_REQUEST',
        );
        await expectCode(store.shortestPath('src/a.ts', 'src/b.ts', { maxDepth: 0 }), 'BAD_REQUEST');
        expect(
          await store.shortestPath('src/a.ts', 'src/b.ts', { maxDepth: LIMITS.pathDepth }),
        ).toBeDefined();
      });
    });

    describe('cycles, unused exports and stats', () => {
      beforeEach(load);

      it('finds import cycles without type-only imports by default', async () => {
        expect(await store.importCycles()).toEqual([['lib/self.ts'], ['src/a.ts', 'src/b.ts']]);
        expect(await store.importCycles({ includeTypeOnly: false })).toEqual([
          ['lib/self.ts'],
          ['src/a.ts', 'src/b.ts'],
        ]);
      });

      it('finds the cycles that type-only imports close when asked to include them', async () => {
        expect(await store.importCycles({ includeTypeOnly: true })).toEqual([
          ['lib/d.ts', 'src/c.ts'],
          ['lib/self.ts'],
          ['src/a.ts', 'src/b.ts'],
        ]);
      });

      it('updates cycles when an import goes away', async () => {
        await store.apply({
          files: [],
          changes: [{ op: 'EDGE_REMOVED', edge: { type: 'IMPORTS', from: 'src/b.ts', to: 'src/a.ts' } }],
        });
        expect(await store.importCycles()).toEqual([['lib/self.ts']]);
      });

      it('lists exported symbols that no other file uses or imports by name', async () => {
        const page = await store.unusedExports({});
        expect(keys(page.items)).toEqual([
          'lib/d.ts#reparse',
          'lib/e.ts#extra',
          'src/c.ts#localOnly',
          'src/c.ts#unused',
        ]);
        expect(page).toMatchObject({ totalCount: 4, hasNextPage: false });
        expect(keys((await store.unusedExports({ pathPrefix: 'src/' })).items)).toEqual([
          'src/c.ts#localOnly',
          'src/c.ts#unused',
        ]);
      });

      it("leaves out a package's public API — its entry points' exports and what they re-export, through chains — unless asked", async () => {
        await store.apply(
          adding(
            [
              file('lib/index.ts', { entryPoint: true }),
              file('lib/f.ts'),
              file('src/barrel.ts'),
              symbol('lib/index.ts#version', 'VARIABLE', { exported: true }),
            ],
            [
              edge('CONTAINS', 'lib/index.ts', 'lib/index.ts#version'),
              // The entry re-exports all of f, which re-exports all of e: e's exports are public.
              edge('IMPORTS', 'lib/index.ts', 'lib/f.ts', { names: ['*'], typeOnly: false, reExport: true }),
              edge('IMPORTS', 'lib/f.ts', 'lib/e.ts', { names: ['*'], typeOnly: false, reExport: true }),
              // Only imported, not re-exported, by the entry: not public.
              edge('IMPORTS', 'lib/index.ts', 'src/c.ts', { names: ['*'], typeOnly: false, reExport: false }),
              // Re-exported by a file no entry point reaches: not public.
              edge('IMPORTS', 'src/barrel.ts', 'lib/d.ts', { names: ['*'], typeOnly: false, reExport: true }),
            ],
          ),
        );
        const page = await store.unusedExports({});
        expect(keys(page.items)).toEqual(['lib/d.ts#reparse', 'src/c.ts#localOnly', 'src/c.ts#unused']);
        expect(page.totalCount).toBe(3);
        expect(keys((await store.unusedExports({ includePublicApi: true })).items)).toEqual([
          'lib/d.ts#reparse',
          'lib/e.ts#extra',
          'lib/index.ts#version',
          'src/c.ts#localOnly',
          'src/c.ts#unused',
        ]);
      });

      it('pages through unused exports with cursors', async () => {
        const first = await store.unusedExports({}, { first: 3 });
        expect(first).toMatchObject({ totalCount: 4, hasNextPage: true });
        const rest = await store.unusedExports({}, { first: 3, after: first.cursors[2] });
        expect(keys(rest.items)).toEqual(['src/c.ts#unused']);
        expect(rest).toMatchObject({ totalCount: 4, hasNextPage: false });
        await expectCode(store.unusedExports({}, { first: LIMITS.pageSize + 1 }), 'BAD_REQUEST');
      });

      it('counts a symbol as used once another file calls it', async () => {
        await store.apply({
          files: ['src/a.ts'],
          changes: [{ op: 'EDGE_ADDED', edge: edge('CALLS', 'src/a.ts#main', 'src/c.ts#unused') }],
        });
        expect(keys((await store.unusedExports({ pathPrefix: 'src/' })).items)).toEqual([
          'src/c.ts#localOnly',
        ]);
      });

      it('keeps OVERRIDES edges like any other type: read by type and direction, walked, counted', async () => {
        await store.apply(
          adding(
            [symbol('lib/d.ts#Shout.parse', 'METHOD')],
            [
              edge('CONTAINS', 'lib/d.ts#Shout', 'lib/d.ts#Shout.parse'),
              edge('OVERRIDES', 'lib/d.ts#Shout.parse', 'src/b.ts#Parser.parse'),
            ],
          ),
        );
        const [into] = await store.getEdges(['src/b.ts#Parser.parse'], {
          direction: 'IN',
          types: ['OVERRIDES'],
        });
        expect(into?.map((e) => `${e.type} ${e.from} -> ${e.to}`)).toEqual([
          'OVERRIDES lib/d.ts#Shout.parse -> src/b.ts#Parser.parse',
        ]);
        const walked = await store.traverse(['lib/d.ts#Shout.parse'], {
          direction: 'OUT',
          types: ['OVERRIDES', 'CALLS'],
          maxDepth: 2,
        });
        expect(walked.map((r) => `${r.depth}:${r.node.key}`)).toEqual(['1:src/b.ts#Parser.parse']);
        expect((await store.stats()).edges.OVERRIDES).toBe(1);
      });

      it('counts nodes by kind and edges by type, every kind and type present', async () => {
        const stats = await store.stats();
        expect(Object.keys(stats.nodes).sort()).toEqual([...NODE_KINDS].sort());
        expect(Object.keys(stats.edges).sort()).toEqual([...EDGE_TYPES].sort());
        for (const kind of NODE_KINDS)
          expect(stats.nodes[kind]).toBe(nodes.filter((n) => n.kind === kind).length);
        for (const type of EDGE_TYPES)
          expect(stats.edges[type]).toBe(edges.filter((e) => e.type === type).length);
        expect(stats.revision).toBe(1);
      });

      it('reports itself ready after serving a request', async () => {
        expect(store.health().state).toBe('ready');
      });
    });

    describe('the folder graph', () => {
      beforeEach(load);

      const folder = (path: string, files: number) => ({ path, folder: true, files });
      const single = (path: string) => ({ path, folder: false, files: 1 });
      /** Two more files two and three folders deep, one importing `src/a.ts`. */
      const deeper = () =>
        store.apply(
          adding(
            [file('src/deep/x/y.ts'), file('src/deep/z.ts')],
            [edge('IMPORTS', 'src/deep/x/y.ts', 'src/a.ts', { names: ['main'], typeOnly: false })],
          ),
        );

      it('groups files by their top folder and counts the imports between folders, not inside them', async () => {
        expect(await store.folderGraph()).toEqual({
          nodes: [folder('lib/', 3), folder('src/', 3)],
          edges: [
            { from: 'lib/', to: 'src/', imports: 1 },
            { from: 'src/', to: 'lib/', imports: 2 },
          ],
          truncated: false,
        });
      });

      it('opens an expanded folder into its files, edges following them, external modules left out', async () => {
        expect(await store.folderGraph({ expanded: ['src'] })).toEqual({
          nodes: [folder('lib/', 3), single('src/a.ts'), single('src/b.ts'), single('src/c.ts')],
          edges: [
            { from: 'lib/', to: 'src/c.ts', imports: 1 },
            { from: 'src/a.ts', to: 'lib/', imports: 1 },
            { from: 'src/a.ts', to: 'src/b.ts', imports: 1 },
            { from: 'src/b.ts', to: 'src/a.ts', imports: 1 },
            { from: 'src/c.ts', to: 'lib/', imports: 1 },
            { from: 'src/c.ts', to: 'src/b.ts', imports: 1 },
          ],
          truncated: false,
        });
      });

      it('opens nested folders one level at a time, by depth or by name', async () => {
        await deeper();
        const paths = async (options: Parameters<GraphStore['folderGraph']>[0]) =>
          (await store.folderGraph(options)).nodes.map((n) => `${n.path}:${n.files}`);
        expect(await paths({})).toEqual(['lib/:3', 'src/:5']);
        expect(await paths({ expanded: ['src/'] })).toEqual([
          'lib/:3',
          'src/a.ts:1',
          'src/b.ts:1',
          'src/c.ts:1',
          'src/deep/:2',
        ]);
        expect(await paths({ expanded: ['src/', 'src/deep/'] })).toContain('src/deep/x/:1');
        expect(await paths({ expanded: ['src/', 'src/deep/'] })).toContain('src/deep/z.ts:1');
        // A folder inside a closed one stays hidden in it.
        expect(await paths({ expanded: ['src/deep/'] })).toEqual(['lib/:3', 'src/:5']);
        expect(await paths({ depth: 2 })).toEqual([
          'lib/d.ts:1',
          'lib/e.ts:1',
          'lib/self.ts:1',
          'src/a.ts:1',
          'src/b.ts:1',
          'src/c.ts:1',
          'src/deep/:2',
        ]);
        expect((await store.folderGraph({ depth: 2 })).edges).toContainEqual({
          from: 'src/deep/',
          to: 'src/a.ts',
          imports: 1,
        });
      });

      it('groups below the folder of a path prefix, keeping only imports between files under it', async () => {
        await deeper();
        expect(await store.folderGraph({ pathPrefix: 'lib/' })).toEqual({
          nodes: [single('lib/d.ts'), single('lib/e.ts'), single('lib/self.ts')],
          edges: [{ from: 'lib/d.ts', to: 'lib/e.ts', imports: 1 }],
          truncated: false,
        });
        expect((await store.folderGraph({ pathPrefix: 'src/d' })).nodes).toEqual([folder('src/deep/', 2)]);
      });

      it('keeps the nodes holding the most files when the limit cuts, and says so', async () => {
        await deeper();
        expect(await store.folderGraph({ limit: 1 })).toEqual({
          nodes: [folder('src/', 5)],
          edges: [],
          truncated: true,
        });
      });

      it('follows files and imports as change sets add and remove them', async () => {
        await store.apply(
          adding(
            [file('tools/t.ts')],
            [edge('IMPORTS', 'tools/t.ts', 'lib/e.ts', { names: ['*'], typeOnly: false })],
          ),
        );
        expect(await store.folderGraph()).toMatchObject({
          nodes: [folder('lib/', 3), folder('src/', 3), folder('tools/', 1)],
          edges: expect.arrayContaining([{ from: 'tools/', to: 'lib/', imports: 1 }]),
        });
        await store.apply({
          files: ['tools/t.ts'],
          changes: [{ op: 'NODE_REMOVED', key: 'tools/t.ts', kind: 'FILE' }],
        });
        expect((await store.folderGraph()).nodes).toEqual([folder('lib/', 3), folder('src/', 3)]);
      });

      it('rejects depths, limits and expanded lists beyond the limits', async () => {
        await expectCode(store.folderGraph({ depth: 0 }), 'BAD_REQUEST');
        await expectCode(store.folderGraph({ depth: LIMITS.folderDepth + 1 }), 'BAD_REQUEST');
        await expectCode(store.folderGraph({ limit: 0 }), 'BAD_REQUEST');
        await expectCode(store.folderGraph({ limit: LIMITS.folderNodes + 1 }), 'BAD_REQUEST');
        await expectCode(store.folderGraph({ expanded: [''] }), 'BAD_REQUEST');
        await expectCode(
          store.folderGraph({
            expanded: Array.from({ length: LIMITS.expandedFolders + 1 }, (_, i) => `f${i}`),
          }),
          'BAD_REQUEST',
        );
      });
    });
  });
}
