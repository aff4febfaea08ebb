import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../../server/analysis/index.ts';
import type { GraphEdge, GraphNode } from '../../server/model/index.ts';
import { fixturePath, removeCopies, tempDir, writeFiles } from '../helpers/fixtures.ts';
import { edgeLines, edgesFrom, nodeByKey } from '../helpers/graph.ts';

let nodes: GraphNode[];
let edges: GraphEdge[];

beforeAll(() => {
  const analyzer = new Analyzer({ root: fixturePath('resolution') });
  analyzer.analyze();
  ({ nodes, edges } = analyzer.graph());
});

afterAll(removeCopies);

const CART = 'src/lib/cart.ts';
const MATH = 'src/lib/math.ts';

describe('calls through imports', () => {
  it('resolves named, default, renamed, namespace, barrel, chained and path-alias imports to the declaration', () => {
    expect(edgesFrom(edges, 'src/shop.ts#Shop.checkout', 'CALLS', 'INSTANTIATES')).toEqual([
      `CALLS src/shop.ts#Shop.checkout -> ${CART}#Cart.add`,
      `CALLS src/shop.ts#Shop.checkout -> ${CART}#Cart.empty`,
      `CALLS src/shop.ts#Shop.checkout -> ${MATH}#double`,
      `CALLS src/shop.ts#Shop.checkout -> ${MATH}#shout`,
      `CALLS src/shop.ts#Shop.checkout -> ${MATH}#sum`,
      `CALLS src/shop.ts#Shop.checkout -> ${MATH}#triple`,
      'CALLS src/shop.ts#Shop.checkout -> src/shop.ts#Shop.total',
      `INSTANTIATES src/shop.ts#Shop.checkout -> ${CART}#Cart`,
    ]);
  });

  it('counts call sites and keeps the first line of each edge, and the most arguments a site passes', () => {
    const props = (to: string) =>
      edges.find((e) => e.type === 'CALLS' && e.from === 'src/shop.ts#Shop.checkout' && e.to === to)?.props;
    // `shout('paid')` through the barrel's `default as shout`, `shoutDefault('again')` through the default import.
    expect(props(`${MATH}#shout`)).toEqual({ count: 2, firstLine: 18, maxArguments: 1 });
    // `add` is `sum` renamed by the barrel; `math.sum` goes through the namespace.
    expect(props(`${MATH}#sum`)).toEqual({ count: 2, firstLine: 16, maxArguments: 2 });
    // `new Cart().add(1).add(2)`: a chained call on the returned `this`.
    expect(props(`${CART}#Cart.add`)).toEqual({ count: 2, firstLine: 21, maxArguments: 1 });
  });

  it('resolves a method called on a typed property of this', () => {
    expect(edgesFrom(edges, 'src/shop.ts#Shop.total', 'CALLS')).toEqual([
      `CALLS src/shop.ts#Shop.total -> ${CART}#Cart.price`,
    ]);
  });

  it('resolves calls on the namespace of a dynamic import()', () => {
    expect(edgesFrom(edges, 'src/shop.ts#lazyTotal', 'CALLS')).toEqual([
      `CALLS src/shop.ts#lazyTotal -> ${MATH}#sum`,
    ]);
  });

  it('attributes top-level calls to the file', () => {
    expect(edgesFrom(edges, 'src/shop.ts', 'CALLS')).toEqual(['CALLS src/shop.ts -> src/shop.ts#lazyTotal']);
  });

  it('resolves calls in .js files and counts calls it cannot resolve instead of inventing edges', () => {
    expect(edgesFrom(edges, 'src/legacy.js#legacyTotal', 'CALLS')).toEqual([
      `CALLS src/legacy.js#legacyTotal -> ${MATH}#sum`,
    ]);
    // `cart.price()` on an untyped parameter: no edge to any `price`.
    expect(nodeByKey(nodes, 'src/legacy.js#legacyTotal').props.unresolvedCalls).toBe(1);
    expect(nodeByKey(nodes, 'src/shop.ts#Shop.checkout').props.unresolvedCalls).toBe(1);
  });

  it('resolves calls to methods of the declared type through inheritance', () => {
    expect(edgesFrom(edges, 'src/shapes.ts#Board.totalArea', 'CALLS')).toEqual([
      'CALLS src/shapes.ts#Board.totalArea -> src/geometry.ts#Shape.area',
    ]);
  });

  it('resolves namespace members and nested namespaces', () => {
    expect(edgesFrom(edges, 'src/kinds.ts#tick')).toEqual([
      'CALLS src/kinds.ts#tick -> src/kinds.ts#Outer.Inner.deep',
      'REFERENCES src/kinds.ts#tick -> src/kinds.ts#Color',
      'REFERENCES src/kinds.ts#tick -> src/kinds.ts#Color.Red',
      'REFERENCES src/kinds.ts#tick -> src/kinds.ts#Outer',
      'REFERENCES src/kinds.ts#tick -> src/kinds.ts#Outer.Inner',
      'REFERENCES src/kinds.ts#tick -> src/kinds.ts#counter',
    ]);
  });
});

describe('arguments passed', () => {
  it('records on a call the most arguments one of its sites passes, and nothing when a site hides the count', () => {
    const root = tempDir('codenav-arguments-');
    writeFiles(root, {
      'tsconfig.json': JSON.stringify({
        compilerOptions: { strict: true, target: 'ES2022' },
        include: ['src'],
      }),
      'src/a.ts': [
        'export function f(...xs: number[]): number { return xs.length; }',
        'export class C { constructor(_a?: number) {} }',
        "export function tag(strings: TemplateStringsArray, ...values: unknown[]): string { return strings.join(''); }",
        'export function most(): void { f(); f(1, 2, 3); f(4); new C; new C(1); }',
        'export function spread(xs: number[]): void { f(1); f(...xs); }',
        `export function tagged(): string { return tag\`x\${1}\`; }`,
        '',
      ].join('\n'),
    });
    const analyzer = new Analyzer({ root });
    analyzer.analyze();
    const props = (type: string, from: string, to: string) =>
      analyzer
        .graph()
        .edges.find((e) => e.type === type && e.from === `src/a.ts#${from}` && e.to === `src/a.ts#${to}`)
        ?.props;
    expect(props('CALLS', 'most', 'f')).toEqual({ count: 3, firstLine: 4, maxArguments: 3 });
    expect(props('INSTANTIATES', 'most', 'C')).toEqual({ count: 2, firstLine: 4, maxArguments: 1 });
    // A spread or a template passes a number of arguments the text does not say: any number.
    expect(props('CALLS', 'spread', 'f')).toEqual({ count: 2, firstLine: 5 });
    expect(props('CALLS', 'tagged', 'tag')).toEqual({ count: 1, firstLine: 6 });
  });
});

describe('JSX', () => {
  it('treats a function component element as a call and a class component element as an instantiation', () => {
    expect(edgesFrom(edges, 'src/view.tsx#App', 'CALLS', 'INSTANTIATES')).toEqual([
      `CALLS src/view.tsx#App -> ${CART}#Cart.empty`,
      'CALLS src/view.tsx#App -> src/view.tsx#Price',
      'INSTANTIATES src/view.tsx#App -> src/view.tsx#Panel',
    ]);
  });

  it('resolves JSX in .jsx files across files', () => {
    expect(edgesFrom(edges, 'src/widgets.jsx#Root', 'CALLS')).toEqual([
      'CALLS src/widgets.jsx#Root -> src/view.tsx#App',
    ]);
  });
});

describe('heritage', () => {
  it('links each method to the members it overrides in its nearest bases, across files and aliases', () => {
    // Square extends Shape (imported as BaseShape) and implements Measurable (a type alias of
    // Sized): both bases are one level up and both declare area.
    expect(edgeLines(edges, 'OVERRIDES')).toEqual([
      'OVERRIDES src/geometry.ts#Shape.area -> src/geometry.ts#Sized.area',
      `OVERRIDES ${CART}#Cart.price -> ${CART}#Priced.price`,
      'OVERRIDES src/shapes.ts#Square.area -> src/geometry.ts#Shape.area',
      'OVERRIDES src/shapes.ts#Square.area -> src/geometry.ts#Sized.area',
    ]);
  });

  it('links EXTENDS and IMPLEMENTS across files, through an import alias and a type alias', () => {
    expect(edgeLines(edges, 'EXTENDS', 'IMPLEMENTS')).toEqual([
      'EXTENDS src/geometry.ts#Sized -> src/geometry.ts#Named',
      'EXTENDS src/shapes.ts#Square -> src/geometry.ts#Shape',
      'IMPLEMENTS src/geometry.ts#Shape -> src/geometry.ts#Sized',
      'IMPLEMENTS src/geometry.ts#Shape.area -> src/geometry.ts#Sized.area',
      'IMPLEMENTS src/geometry.ts#Shape.name -> src/geometry.ts#Named.name',
      `IMPLEMENTS ${CART}#Cart -> ${CART}#Priced`,
      `IMPLEMENTS ${CART}#Cart.price -> ${CART}#Priced.price`,
      'IMPLEMENTS src/shapes.ts#Square -> src/geometry.ts#Sized',
      'IMPLEMENTS src/shapes.ts#Square.area -> src/geometry.ts#Sized.area',
      'IMPLEMENTS src/shapes.ts#Square.name -> src/geometry.ts#Named.name',
    ]);
  });
});

describe('references', () => {
  it('records uses of types and values that are not calls', () => {
    expect(edgesFrom(edges, 'src/shop.ts#Shop.cart')).toEqual([
      `REFERENCES src/shop.ts#Shop.cart -> ${CART}#Cart`,
    ]);
    expect(edgesFrom(edges, `${CART}#Cart.price`, 'REFERENCES')).toEqual([
      `REFERENCES ${CART}#Cart.price -> ${CART}#Cart.#discount`,
      `REFERENCES ${CART}#Cart.price -> ${CART}#Cart.items`,
    ]);
    expect(edgesFrom(edges, 'src/geometry.ts#Measurable')).toEqual([
      'REFERENCES src/geometry.ts#Measurable -> src/geometry.ts#Sized',
    ]);
  });
});

describe('imports', () => {
  it('records one IMPORTS edge per module with names, type-only, dynamic and re-export flags', () => {
    const imports = edges.filter((e) => e.type === 'IMPORTS').map((e) => [`${e.from} -> ${e.to}`, e.props]);
    expect(Object.fromEntries(imports)).toEqual({
      'src/legacy.js -> src/lib/math.ts': {
        names: ['sum'],
        typeOnly: false,
        dynamic: false,
        reExport: false,
        firstLine: 1,
      },
      'src/lib/chain.ts -> src/lib/index.ts': {
        names: ['*'],
        typeOnly: false,
        dynamic: false,
        reExport: true,
        firstLine: 1,
      },
      'src/lib/index.ts -> src/lib/cart.ts': {
        names: ['*'],
        typeOnly: false,
        dynamic: false,
        reExport: true,
        firstLine: 1,
      },
      'src/lib/index.ts -> src/lib/math.ts': {
        names: ['default', 'sum'],
        typeOnly: false,
        dynamic: false,
        reExport: true,
        firstLine: 2,
      },
      'src/shapes.ts -> src/geometry.ts': {
        names: ['Measurable', 'Shape'],
        typeOnly: false,
        dynamic: false,
        reExport: false,
        firstLine: 1,
      },
      'src/shop.ts -> src/lib/chain.ts': {
        names: ['Cart'],
        typeOnly: false,
        dynamic: false,
        reExport: false,
        firstLine: 2,
      },
      'src/shop.ts -> src/lib/index.ts': {
        names: ['Cart', 'add', 'shout'],
        typeOnly: false,
        dynamic: false,
        reExport: false,
        firstLine: 1,
      },
      'src/shop.ts -> src/lib/math.ts': {
        names: ['*', 'default', 'double'],
        typeOnly: false,
        dynamic: false,
        reExport: false,
        firstLine: 3,
      },
      'src/view.tsx -> src/lib/cart.ts': {
        names: ['Cart'],
        typeOnly: false,
        dynamic: false,
        reExport: false,
        firstLine: 1,
      },
      'src/widgets.jsx -> src/view.tsx': {
        names: ['App'],
        typeOnly: false,
        dynamic: false,
        reExport: false,
        firstLine: 1,
      },
    });
  });

  it('reports an import it cannot resolve as a diagnostic on the file, with no edge', () => {
    const file = nodeByKey(nodes, 'src/unresolved.ts');
    expect(file.props.diagnostics).toEqual([
      {
        line: 1,
        column: 1,
        message: "cannot resolve import './does-not-exist'",
        code: 'UNRESOLVED_IMPORT',
        severity: 'warning',
      },
      {
        line: 2,
        column: 1,
        message: "cannot resolve import '@lib/nope'",
        code: 'UNRESOLVED_IMPORT',
        severity: 'warning',
      },
    ]);
    expect(edgesFrom(edges, 'src/unresolved.ts', 'IMPORTS')).toEqual([]);
    // Every unresolved specifier, once, sorted: the diagnostics stop at 50, these do not.
    expect(file.props.unresolvedImports).toEqual(['./does-not-exist', '@lib/nope']);
  });
});

describe('nodes', () => {
  it('creates a node of each kind with keys as the design fixes them', () => {
    const keysOf = (kind: string) =>
      nodes
        .filter((n) => n.kind === kind)
        .map((n) => n.key)
        .sort();
    expect(keysOf('ENUM')).toEqual(['src/kinds.ts#Color']);
    expect(keysOf('TYPE_ALIAS')).toEqual(['src/geometry.ts#Measurable', 'src/kinds.ts#Pair']);
    expect(keysOf('NAMESPACE')).toEqual([
      'src/kinds.ts#Outer',
      'src/kinds.ts#Outer.Inner',
      'src/kinds.ts#merged~namespace',
    ]);
    expect(keysOf('INTERFACE')).toEqual([
      'src/geometry.ts#Named',
      'src/geometry.ts#Sized',
      'src/kinds.ts#Box',
      `${CART}#Priced`,
    ]);
    expect(keysOf('VARIABLE')).toEqual([
      'src/kinds.ts#alpha',
      'src/kinds.ts#beta',
      'src/kinds.ts#counter',
      'src/kinds.ts#merged.version',
    ]);
    expect(keysOf('FUNCTION')).toContain('src/anonymous.ts#default');
    expect(keysOf('FUNCTION')).toContain(`${MATH}#double`); // an arrow bound to a const
    expect(keysOf('FUNCTION')).toContain(`${MATH}#triple`); // a function expression bound to a const
    expect(keysOf('METHOD')).toContain(`${CART}#Cart.size`); // the get/set pair is one node
    expect(keysOf('PROPERTY')).toContain('src/shop.ts#Shop.cart'); // a constructor parameter property
    expect(keysOf('PROPERTY')).toContain('src/kinds.ts#Color.Red'); // an enum member
    expect(keysOf('EXTERNAL_MODULE')).toEqual([]);
  });

  it('folds overloads into the implementation and merged interfaces into the first declaration', () => {
    const format = nodes.filter((n) => n.key.startsWith('src/kinds.ts#format'));
    expect(format.map((n) => [n.key, n.props.startLine, n.props.signature])).toEqual([
      ['src/kinds.ts#format', 23, 'export function format(value: number | string): string'],
    ]);
    // What callers see: the overloads, not the implementation.
    expect(format[0]!.props.overloads).toEqual([
      'export function format(value: number): string',
      'export function format(value: string): string',
    ]);
    expect(nodeByKey(nodes, `${MATH}#double`).props.overloads).toBeUndefined();
    expect(nodeByKey(nodes, 'src/kinds.ts#Box').props.startLine).toBe(27);
    expect(edgesFrom(edges, 'src/kinds.ts#Box')).toEqual([
      'CONTAINS src/kinds.ts#Box -> src/kinds.ts#Box.height',
      'CONTAINS src/kinds.ts#Box -> src/kinds.ts#Box.width',
    ]);
  });

  it('keeps a default-exported declaration under its own name', () => {
    const shout = nodeByKey(nodes, `${MATH}#shout`);
    expect(shout.props).toMatchObject({ exported: true, defaultExport: true, name: 'shout' });
  });

  it('gives a class every property of the model', () => {
    expect(nodeByKey(nodes, `${CART}#Cart`).props).toEqual({
      name: 'Cart',
      qualifiedName: 'Cart',
      path: CART,
      startLine: 10,
      startColumn: 1,
      endLine: 34,
      endColumn: 2,
      exported: true,
      defaultExport: false,
      async: false,
      static: false,
      visibility: null,
      signature: 'export class Cart implements Priced',
      docs: 'A shopping cart.',
      linesOfCode: 20, // 25 lines, 5 of them blank
      complexity: null,
      hash: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });

  it('measures methods: signature, static, visibility, complexity', () => {
    expect(nodeByKey(nodes, `${CART}#Cart.empty`).props).toMatchObject({
      signature: 'static empty(): Cart',
      static: true,
      visibility: 'public',
      complexity: 1,
      linesOfCode: 3,
    });
    expect(nodeByKey(nodes, `${CART}#Cart.#discount`).props).toMatchObject({ visibility: 'private' });
    expect(nodeByKey(nodes, 'src/kinds.ts#tick').props).toMatchObject({ complexity: 2 });
    expect(nodeByKey(nodes, 'src/shop.ts#lazyTotal').props).toMatchObject({
      async: true,
      signature: 'export async function lazyTotal(): Promise<number>',
    });
    expect(nodeByKey(nodes, `${MATH}#double`).props.signature).toBe('const double = (x: number): number =>');
  });

  it('gives files their properties, and syntax errors become diagnostics', () => {
    expect(nodeByKey(nodes, 'src/widgets.jsx').props).toMatchObject({
      name: 'widgets.jsx',
      path: 'src/widgets.jsx',
      language: 'jsx',
      lines: 6,
      isTest: false,
      isDeclaration: false,
      diagnosticCount: 0,
    });
    const broken = nodeByKey(nodes, 'src/broken.ts');
    expect(broken.props.diagnosticCount).toBeGreaterThan(0);
    expect((broken.props.diagnostics as { code: string; line: number }[])[0]).toMatchObject({
      code: 'TS1005',
      line: 6,
    });
    // The rest of the broken file is still analyzed.
    expect(nodeByKey(nodes, 'src/broken.ts#fine').kind).toBe('FUNCTION');
  });

  it('contains every symbol in its file or its container', () => {
    const contained = new Set(edges.filter((e) => e.type === 'CONTAINS').map((e) => e.to));
    const symbols = nodes.filter((n) => n.kind !== 'FILE' && n.kind !== 'EXTERNAL_MODULE');
    expect(symbols.filter((n) => !contained.has(n.key)).map((n) => n.key)).toEqual([]);
  });
});
