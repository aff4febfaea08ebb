import { symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, removeCopies, tempDir, writeFiles } from '../helpers/fixtures.ts';
import { errorCodes, type GraphqlTarget, startInProcess, stopServers } from '../helpers/server.ts';

let server: GraphqlTarget;
let root: string;

beforeAll(async () => {
  root = copyFixture('resolution');
  const outside = tempDir('codenav-outside-');
  writeFileSync(path.join(outside, 'secret.ts'), 'export const secret = 1;\n');
  symlinkSync(outside, path.join(root, 'src/escape'));
  server = await startInProcess(root);
});
afterAll(async () => {
  await stopServers();
  removeCopies();
});

type Data = Record<string, any>;

describe('root fields', () => {
  it('reports stats that match the analyzed graph', async () => {
    const { data } = await server.gql<Data>(
      '{ stats { files symbols edges revision nodesByKind { kind count } } }',
    );
    expect(data?.stats.files).toBe(14);
    expect(data?.stats.symbols).toBe(63);
    // 122, and the 4 OVERRIDES edges tests/analysis/resolution.test.ts lists.
    expect(data?.stats.edges).toBe(126);
    expect(data?.stats.revision).toBeGreaterThan(0);
    const kinds = Object.fromEntries(data?.stats.nodesByKind.map((k: Data) => [k.kind, k.count]));
    expect(kinds).toMatchObject({ FILE: 14, CLASS: 6, ENUM: 1 });
  });

  it('reports the analysis as READY once done', async () => {
    const { data } = await server.gql<Data>('{ analysis { state filesTotal filesDone durationMs phase } }');
    expect(data?.analysis).toMatchObject({ state: 'READY', filesTotal: 14, filesDone: 14, phase: 'DONE' });
    expect(data?.analysis.durationMs).toBeGreaterThan(0);
  });

  it('finds a file by path with its symbols, imports and importers', async () => {
    const { data } = await server.gql<Data>(`{
      file(path: "src/lib/math.ts") {
        path language lines isTest
        symbols { key kind name }
        importedBy { from { path } names reExport }
      }
    }`);
    expect(data?.file.path).toBe('src/lib/math.ts');
    expect(data?.file.symbols.map((s: Data) => s.key)).toEqual([
      'src/lib/math.ts#sum',
      'src/lib/math.ts#shout',
      'src/lib/math.ts#double',
      'src/lib/math.ts#triple',
    ]);
    expect(data?.file.importedBy.map((i: Data) => [i.from.path, i.names, i.reExport])).toEqual([
      ['src/legacy.js', ['sum'], false],
      ['src/lib/index.ts', ['default', 'sum'], true],
      ['src/shop.ts', ['*', 'default', 'double'], false],
    ]);
  });

  it('says NOT_FOUND for a file that is not analyzed', async () => {
    const body = await server.gql('{ file(path: "src/nope.ts") { path } }');
    expect(errorCodes(body)).toEqual(['NOT_FOUND']);
  });

  it.each([
    ['../etc/passwd', 'leaves the analyzed root'],
    ['/etc/passwd', 'is absolute'],
    ['src/escape/secret.ts', 'through a symlink'],
  ])('refuses the path %s as BAD_USER_INPUT', async (input, reason) => {
    const body = await server.gql('query($p: String!) { file(path: $p) { path } }', { p: input });
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors?.[0]?.message).toContain(reason);
  });

  it('pages through files with cursors and a total count', async () => {
    const first = await server.gql<Data>(
      '{ files(first: 5, pathPrefix: "src/") { totalCount edges { cursor node { path } } pageInfo { hasNextPage endCursor } } }',
    );
    expect(first.data?.files.totalCount).toBe(14);
    expect(first.data?.files.edges.map((e: Data) => e.node.path)).toEqual([
      'src/anonymous.ts',
      'src/broken.ts',
      'src/geometry.ts',
      'src/kinds.ts',
      'src/legacy.js',
    ]);
    expect(first.data?.files.pageInfo.hasNextPage).toBe(true);
    const next = await server.gql<Data>(
      'query($after: String) { files(first: 5, after: $after) { edges { node { path } } } }',
      {
        after: first.data?.files.pageInfo.endCursor,
      },
    );
    expect(next.data?.files.edges[0].node.path).toBe('src/lib/cart.ts');
  });

  it('searches symbols by name: exact, then prefix, then substring, filtered by kind', async () => {
    const { data } = await server.gql<Data>(
      '{ symbols(query: "cart", first: 10) { totalCount edges { node { key kind } } } }',
    );
    const keys = data?.symbols.edges.map((e: Data) => e.node.key);
    expect(keys[0]).toBe('src/lib/cart.ts#Cart');
    expect(keys).toContain('src/shop.ts#Shop.cart');
    const methods = await server.gql<Data>(
      '{ symbols(query: "price", kinds: [METHOD]) { edges { node { key } } } }',
    );
    expect(methods.data?.symbols.edges.map((e: Data) => e.node.key)).toEqual([
      'src/lib/cart.ts#Cart.price',
      'src/lib/cart.ts#Priced.price',
    ]);
  });

  it('refuses a page larger than 500 as BAD_USER_INPUT', async () => {
    const body = await server.gql('{ symbols(first: 501) { totalCount } }');
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a walk deeper than 10 or a slice over 500 nodes as BAD_USER_INPUT, saying the bounds', async () => {
    const deep = await server.gql(
      '{ codeNode(key: "src/lib/cart.ts#Cart.add") { ... on CodeSymbol { callers(depth: 11) { key } } } }',
    );
    expect(errorCodes(deep)).toEqual(['BAD_USER_INPUT']);
    expect(deep.errors?.[0]?.message).toBe('depth must be 1..10, got 11');
    const large = await server.gql('{ importGraph(limit: 501) { truncated } }');
    expect(errorCodes(large)).toEqual(['BAD_USER_INPUT']);
    expect(large.errors?.[0]?.message).toBe('limit must be 1..500, got 501');
  });

  it('answers who may run in a method’s place, and who may call it, with includeOverrides', async () => {
    const { data } = await server.gql<Data>(`{
      base: codeNode(key: "src/geometry.ts#Sized.area") {
        ... on CodeSymbol {
          direct: implementations { key }
          all: implementations(includeOverrides: true) { key }
        }
      }
      shape: codeNode(key: "src/geometry.ts#Shape.area") {
        ... on CodeSymbol {
          direct: implementations { key }
          all: implementations(includeOverrides: true) { key }
        }
      }
      square: codeNode(key: "src/shapes.ts#Square.area") {
        ... on CodeSymbol {
          direct: callers { key }
          all: callers(includeOverrides: true) { key }
        }
      }
    }`);
    const keys = (list: Data[]) => list.map((n) => n.key);
    expect(keys(data?.base.direct)).toEqual(['src/geometry.ts#Shape.area', 'src/shapes.ts#Square.area']);
    expect(keys(data?.base.all)).toEqual(['src/geometry.ts#Shape.area', 'src/shapes.ts#Square.area']);
    // An abstract method implements nothing; Square.area overrides it.
    expect(keys(data?.shape.direct)).toEqual([]);
    expect(keys(data?.shape.all)).toEqual(['src/shapes.ts#Square.area']);
    // `shape.area()` on a BaseShape resolves to Shape.area, which Square.area overrides.
    expect(keys(data?.square.direct)).toEqual([]);
    expect(keys(data?.square.all)).toEqual(['src/shapes.ts#Board.totalArea']);
  });

  it('names the files whose top-level code calls a symbol, which callers (symbols only) leaves out', async () => {
    // src/shop.ts ends with a top-level `lazyTotal();`: no symbol calls it, its file does.
    const { data } = await server.gql<Data>(`{
      codeNode(key: "src/shop.ts#lazyTotal") {
        ... on CodeSymbol {
          callers { key }
          callerFiles { path }
          incomingCalls { caller { key } count }
        }
      }
      sum: codeNode(key: "src/lib/math.ts#sum") {
        ... on CodeSymbol { near: callerFiles { path } far: callerFiles(depth: 2) { path } }
      }
    }`);
    expect(data?.codeNode.callers).toEqual([]);
    expect(data?.codeNode.callerFiles).toEqual([{ path: 'src/shop.ts' }]);
    expect(data?.codeNode.incomingCalls).toEqual([{ caller: { key: 'src/shop.ts' }, count: 1 }]);
    // sum is called by lazyTotal, which the top-level code of src/shop.ts calls: two calls away.
    expect(data?.sum.near).toEqual([]);
    expect(data?.sum.far).toEqual([{ path: 'src/shop.ts' }]);
  });

  it('searches by qualified name when the query holds a `.`', async () => {
    const { data } = await server.gql<Data>(
      '{ symbols(query: "cart.ADD") { totalCount edges { node { key qualifiedName } } } }',
    );
    expect(data?.symbols.totalCount).toBe(1);
    expect(data?.symbols.edges[0].node).toEqual({
      key: 'src/lib/cart.ts#Cart.add',
      qualifiedName: 'Cart.add',
    });
  });

  it('looks nodes up by readable key and by opaque Relay id', async () => {
    const { data } = await server.gql<Data>(
      '{ codeNode(key: "src/lib/cart.ts#Cart.add") { id key kind name } }',
    );
    expect(data?.codeNode).toMatchObject({ key: 'src/lib/cart.ts#Cart.add', kind: 'METHOD', name: 'add' });
    const id = data?.codeNode.id;
    expect(id).not.toContain('src/');
    const byId = await server.gql<Data>(
      'query($id: ID!) { node(id: $id) { id ... on CodeNode { key } } nodes(ids: [$id]) { id } }',
      { id },
    );
    expect(byId.data?.node.key).toBe('src/lib/cart.ts#Cart.add');
    expect(byId.data?.nodes).toEqual([{ id }]);
  });

  it('answers a bad Relay id with BAD_USER_INPUT, and in nodes with null in its place only', async () => {
    const { data } = await server.gql<Data>('{ codeNode(key: "src/lib/cart.ts#Cart.add") { id } }');
    const id = data?.codeNode.id;
    // Well-formed, but of a type we do not have: Pothos said "Foo has not been implemented".
    const foreign = Buffer.from('Foo:bar').toString('base64');
    const both = await server.gql<Data>('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids: [id, 'bogus', foreign],
    });
    expect(both.data?.nodes).toEqual([{ id }, null, null]);
    expect(both.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['nodes', 1], 'BAD_USER_INPUT'],
      [['nodes', 2], 'BAD_USER_INPUT'],
    ]);
    expect(both.errors?.[0]?.message).toBe(
      'Invalid global ID: "bogus" is no id this API returned (pass a node\'s `id`, or its readable key to `codeNode(key:)`)',
    );
    const one = await server.gql<Data>('{ node(id: "bogus") { id } }');
    expect(one.data).toEqual({ node: null });
    expect(errorCodes(one)).toEqual(['BAD_USER_INPUT']);
    // A well-formed id of a node that is gone is null, no error.
    const gone = Buffer.from('File:src/gone.ts').toString('base64');
    expect(await server.gql('query($id: ID!) { node(id: $id) { id } }', { id: gone })).toEqual({
      data: { node: null },
    });
  });

  it('computes impact: everything that depends on a symbol, with depth, the files importing or re-exporting it included', async () => {
    const { data } = await server.gql<Data>(
      '{ impact(keys: ["src/lib/math.ts#sum"], depth: 2) { depth node { key } } }',
    );
    const impacted = data?.impact.map((i: Data) => [i.node.key, i.depth]);
    expect(impacted).toEqual([
      // lib/index.ts re-exports it (`export { sum as add } from './math'`); legacy.js imports it,
      // and its legacyTotal, which calls it, stands for it.
      ['src/legacy.js#legacyTotal', 1],
      ['src/lib/index.ts', 1],
      ['src/shop.ts#Shop.checkout', 1],
      ['src/shop.ts#lazyTotal', 1],
      // What depends on the barrel: lib/chain.ts (`export * from './index'`), shop.ts (imports from it).
      ['src/lib/chain.ts', 2],
      ['src/shop.ts', 2],
    ]);
  });

  it('finds a shortest path between two symbols', async () => {
    const { data } = await server.gql<Data>(`{
      path(from: "src/widgets.jsx#Root", to: "src/lib/cart.ts#Cart.price", via: [CALLS]) {
        nodes { key } edges { type }
      }
    }`);
    expect(data?.path.nodes.map((n: Data) => n.key)).toEqual([
      'src/widgets.jsx#Root',
      'src/view.tsx#App',
      'src/view.tsx#Price',
      'src/lib/cart.ts#Cart.price',
    ]);
    expect(data?.path.edges.map((e: Data) => e.type)).toEqual(['CALLS', 'CALLS', 'CALLS']);
  });

  it('lists exported symbols nothing outside their file uses', async () => {
    const { data } = await server.gql<Data>(
      '{ unusedExports(pathPrefix: "src/kinds.ts", first: 50) { edges { node { key } } } }',
    );
    const keys = data?.unusedExports.edges.map((e: Data) => e.node.key);
    expect(keys).toContain('src/kinds.ts#Pair');
    expect(keys).toContain('src/kinds.ts#tick');
    const used = await server.gql<Data>(
      '{ unusedExports(pathPrefix: "src/lib/math.ts") { edges { node { key } } } }',
    );
    expect(used.data?.unusedExports.edges).toEqual([]);
  });
});

describe("a library's public API", () => {
  it('is not listed among unused exports: what its entry point exports and re-exports, through chains; File.entryPoint says which files are entries', async () => {
    const library = tempDir();
    writeFiles(library, {
      'package.json': JSON.stringify({ name: 'shapes', type: 'module', exports: { '.': './dist/index.js' } }),
      'tsconfig.json': JSON.stringify({
        compilerOptions: { module: 'NodeNext', strict: true },
        include: ['src'],
      }),
      'src/index.ts':
        "export * from './shapes.js';\nexport * as Geometry from './geometry/index.js';\nexport const version = '1';\n",
      'src/shapes.ts': 'export function circle(r: number) {\n  return { r };\n}\n',
      'src/geometry/index.ts': "export * from './area.js';\n",
      'src/geometry/area.ts': 'export const area = (r: number) => Math.PI * r * r;\n',
      'src/internal.ts': 'export function leftover() {\n  return 0;\n}\n',
    });
    const lib = await startInProcess(library);
    const unused = async (args: string) =>
      (await lib.gql<Data>(`{ unusedExports${args} { totalCount edges { node { key } } } }`)).data
        ?.unusedExports;
    expect(await unused('')).toEqual({
      totalCount: 1,
      edges: [{ node: { key: 'src/internal.ts#leftover' } }],
    });
    const all = await unused('(includePublicApi: true)');
    expect(all.edges.map((e: Data) => e.node.key)).toEqual([
      'src/geometry/area.ts#area',
      'src/index.ts#version',
      'src/internal.ts#leftover',
      'src/shapes.ts#circle',
    ]);
    const { data } = await lib.gql<Data>(
      '{ entry: file(path: "src/index.ts") { entryPoint } other: file(path: "src/shapes.ts") { entryPoint } }',
    );
    expect(data).toEqual({ entry: { entryPoint: true }, other: { entryPoint: false } });
  });
});

describe('pictures', () => {
  it('draws the import graph by folder: files of closed folders as one node, imports between them counted', async () => {
    const { data, errors } = await server.gql<Data>(
      '{ folderGraph(depth: 2) { truncated nodes { path name folder files } edges { from to imports } } }',
    );
    expect(errors).toBeUndefined();
    const graph = data!.folderGraph;
    expect(graph.truncated).toBe(false);
    expect(graph.nodes).toContainEqual({ path: 'src/lib/', name: 'lib/', folder: true, files: 4 });
    expect(graph.nodes).toContainEqual({ path: 'src/shop.ts', name: 'shop.ts', folder: false, files: 1 });
    expect(graph.nodes.reduce((sum: number, n: Data) => sum + n.files, 0)).toBe(14);
    expect(graph.edges).toContainEqual({ from: 'src/shop.ts', to: 'src/lib/', imports: 3 });
    const top = await server.gql<Data>('{ folderGraph { nodes { path files } edges { from } } }');
    expect(top.data?.folderGraph).toEqual({ nodes: [{ path: 'src/', files: 14 }], edges: [] });
    const opened = await server.gql<Data>(
      '{ folderGraph(expanded: ["src", "src/lib/"]) { nodes { path } } }',
    );
    expect(opened.data?.folderGraph.nodes.map((n: Data) => n.path)).toContain('src/lib/math.ts');
    const under = await server.gql<Data>('{ folderGraph(pathPrefix: "src/lib/") { nodes { path } } }');
    expect(under.data?.folderGraph.nodes.map((n: Data) => n.path)).toEqual([
      'src/lib/cart.ts',
      'src/lib/chain.ts',
      'src/lib/index.ts',
      'src/lib/math.ts',
    ]);
  });

  it('refuses folder pictures outside the root or beyond the limits as BAD_USER_INPUT', async () => {
    for (const query of [
      '{ folderGraph(pathPrefix: "src/escape/") { truncated } }',
      '{ folderGraph(expanded: ["../elsewhere"]) { truncated } }',
      '{ folderGraph(limit: 501) { truncated } }',
      '{ folderGraph(depth: 0) { truncated } }',
    ]) {
      expect(errorCodes(await server.gql(query)), query).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('draws the impact of a symbol: it, what depends on it, and the dependency edges among them', async () => {
    const { data } = await server.gql<Data>(
      '{ impactGraph(keys: ["src/lib/math.ts#sum"], depth: 1) { truncated nodes { key } edges { key } } }',
    );
    const keys = data?.impactGraph.nodes.map((n: Data) => n.key);
    expect(keys).toEqual(
      expect.arrayContaining(['src/lib/math.ts#sum', 'src/shop.ts#Shop.checkout', 'src/shop.ts#lazyTotal']),
    );
    expect(data?.impactGraph.edges.map((e: Data) => e.key)).toContain(
      'CALLS:src/shop.ts#Shop.checkout->src/lib/math.ts#sum',
    );
    expect(data?.impactGraph.truncated).toBe(false);
  });
});

describe('import cycles', () => {
  let cycles: GraphqlTarget;
  beforeAll(async () => {
    const dir = tempDir('codenav-cycles-');
    const write = (file: string, text: string) => writeFiles(dir, { [file]: text });
    write('a.ts', "import { b } from './b';\nexport const a = () => b();\n");
    write('b.ts', "import { c } from './c';\nexport const b = () => c();\n");
    write('c.ts', "import { a } from './a';\nexport const c = () => a();\n");
    write('d.ts', "import type { E } from './e';\nexport type D = E;\n");
    write('e.ts', "import type { D } from './d';\nexport type E = D | 1;\n");
    cycles = await startInProcess(dir);
  });

  it('lists strongly connected components of the import graph, type-only imports only when asked', async () => {
    const plain = await cycles.gql<Data>('{ importCycles { files { path } } }');
    expect(plain.data?.importCycles.map((c: Data) => c.files.map((f: Data) => f.path))).toEqual([
      ['a.ts', 'b.ts', 'c.ts'],
    ]);
    const all = await cycles.gql<Data>('{ importCycles(includeTypeOnly: true) { files { path } } }');
    expect(all.data?.importCycles.map((c: Data) => c.files.map((f: Data) => f.path))).toEqual([
      ['a.ts', 'b.ts', 'c.ts'],
      ['d.ts', 'e.ts'],
    ]);
  });
});
