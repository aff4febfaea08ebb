import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../helpers/fixtures.ts';
import { type GraphqlTarget, startInProcess, stopServers } from '../helpers/server.ts';

let server: GraphqlTarget;
type Data = Record<string, any>;

beforeAll(async () => {
  server = await startInProcess(fixturePath('resolution'));
});
afterAll(stopServers);

async function symbol(key: string, selection: string): Promise<Data> {
  const { data, errors } = await server.gql<Data>(
    `query($key: String!) { codeNode(key: $key) { ... on CodeSymbol { ${selection} } } }`,
    {
      key,
    },
  );
  expect(errors).toBeUndefined();
  return data!.codeNode;
}

const keys = (list: Data[]) => list.map((n) => n.key);

describe('symbol fields', () => {
  it('gives a symbol its file, range, signature, docs and measures', async () => {
    const cart = await symbol(
      'src/lib/cart.ts#Cart',
      'name qualifiedName file { path } range { startLine endLine } signature docs linesOfCode exported defaultExport parent { key }',
    );
    expect(cart).toEqual({
      name: 'Cart',
      qualifiedName: 'Cart',
      file: { path: 'src/lib/cart.ts' },
      range: { startLine: 10, endLine: 34 },
      signature: 'export class Cart implements Priced',
      docs: 'A shopping cart.',
      linesOfCode: 20,
      exported: true,
      defaultExport: false,
      parent: { key: 'src/lib/cart.ts' },
    });
    const empty = await symbol('src/lib/cart.ts#Cart.empty', 'static visibility complexity async');
    expect(empty).toEqual({ static: true, visibility: 'public', complexity: 1, async: false });
  });

  it('lists members of a class in source order', async () => {
    const cart = await symbol('src/lib/cart.ts#Cart', 'members { key kind }');
    expect(keys(cart.members)).toEqual([
      'src/lib/cart.ts#Cart.items',
      'src/lib/cart.ts#Cart.#discount',
      'src/lib/cart.ts#Cart.add',
      'src/lib/cart.ts#Cart.price',
      'src/lib/cart.ts#Cart.size',
      'src/lib/cart.ts#Cart.empty',
    ]);
  });

  it('walks callers and callees to a depth', async () => {
    const price = await symbol(
      'src/lib/cart.ts#Cart.price',
      'callers { key } deep: callers(depth: 3) { key }',
    );
    expect(keys(price.callers)).toEqual(['src/shop.ts#Shop.total', 'src/view.tsx#Price']);
    expect(keys(price.deep)).toEqual([
      'src/shop.ts#Shop.total',
      'src/view.tsx#Price',
      'src/shop.ts#Shop.checkout',
      'src/view.tsx#App',
      'src/widgets.jsx#Root',
    ]);
    const checkout = await symbol('src/shop.ts#Shop.checkout', 'callees { key }');
    expect(keys(checkout.callees)).toEqual([
      'src/lib/cart.ts#Cart',
      'src/lib/cart.ts#Cart.add',
      'src/lib/cart.ts#Cart.empty',
      'src/lib/math.ts#double',
      'src/lib/math.ts#shout',
      'src/lib/math.ts#sum',
      'src/lib/math.ts#triple',
      'src/shop.ts#Shop.total',
    ]);
  });

  it('gives each call its count and first line', async () => {
    const sum = await symbol(
      'src/lib/math.ts#sum',
      'incomingCalls { caller { key } count firstLine instantiation }',
    );
    expect(sum.incomingCalls).toEqual([
      { caller: { key: 'src/legacy.js#legacyTotal' }, count: 1, firstLine: 6, instantiation: false },
      { caller: { key: 'src/shop.ts#Shop.checkout' }, count: 2, firstLine: 16, instantiation: false },
      { caller: { key: 'src/shop.ts#lazyTotal' }, count: 1, firstLine: 31, instantiation: false },
    ]);
    const total = await symbol('src/shop.ts#Shop.total', 'outgoingCalls { callee { key } count }');
    expect(total.outgoingCalls).toEqual([{ callee: { key: 'src/lib/cart.ts#Cart.price' }, count: 1 }]);
  });

  it('gives references both ways', async () => {
    const total = await symbol('src/shop.ts#Shop.total', 'references { key }');
    expect(keys(total.references)).toEqual(['src/shop.ts#Shop.cart']);
    const cart = await symbol('src/lib/cart.ts#Cart', 'referencedBy { key }');
    expect(keys(cart.referencedBy)).toEqual([
      'src/lib/cart.ts#Cart.empty',
      'src/shop.ts#Shop.cart',
      'src/shop.ts#Shop.checkout',
      'src/view.tsx#App',
      'src/view.tsx#Price',
    ]);
  });

  it('gives heritage both ways, down to interface members and their implementations', async () => {
    const square = await symbol('src/shapes.ts#Square', 'extends { key } implements { key }');
    expect(keys(square.extends)).toEqual(['src/geometry.ts#Shape']);
    expect(keys(square.implements)).toEqual(['src/geometry.ts#Sized']);
    const shape = await symbol('src/geometry.ts#Shape', 'subtypes { key }');
    expect(keys(shape.subtypes)).toEqual(['src/shapes.ts#Square']);
    const area = await symbol('src/geometry.ts#Sized.area', 'implementations { key }');
    expect(keys(area.implementations)).toEqual(['src/geometry.ts#Shape.area', 'src/shapes.ts#Square.area']);
  });
});

describe('file fields', () => {
  it('gives a file its diagnostics and external dependencies', async () => {
    const { data } = await server.gql<Data>(`{
      broken: file(path: "src/broken.ts") { diagnosticCount diagnostics { line code severity } }
      unresolved: file(path: "src/unresolved.ts") { diagnostics { line code message } }
    }`);
    expect(data?.broken.diagnosticCount).toBeGreaterThan(0);
    expect(data?.broken.diagnostics[0]).toMatchObject({ line: 6, code: 'TS1005', severity: 'error' });
    expect(data?.unresolved.diagnostics).toEqual([
      { line: 1, code: 'UNRESOLVED_IMPORT', message: "cannot resolve import './does-not-exist'" },
      { line: 2, code: 'UNRESOLVED_IMPORT', message: "cannot resolve import '@lib/nope'" },
    ]);
  });

  it('lists imports with names and flags, and external modules', async () => {
    const workspace = await startInProcess(fixturePath('workspace'));
    const { data } = await workspace.gql<Data>(`{
      file(path: "packages/app/src/main.ts") {
        imports { to { key kind } names typeOnly dynamic reExport }
        externalDependencies { key name builtin importedBy { from { path } } }
      }
    }`);
    expect(data?.file.imports).toEqual([
      {
        to: { key: 'npm:left-pad', kind: 'EXTERNAL_MODULE' },
        names: ['default'],
        typeOnly: false,
        dynamic: false,
        reExport: false,
      },
      {
        to: { key: 'packages/app/src/format.ts', kind: 'FILE' },
        names: ['format'],
        typeOnly: false,
        dynamic: false,
        reExport: false,
      },
      {
        to: { key: 'packages/core/src/index.ts', kind: 'FILE' },
        names: ['Greeter', 'version'],
        typeOnly: false,
        dynamic: false,
        reExport: false,
      },
    ]);
    expect(data?.file.externalDependencies).toEqual([
      {
        key: 'npm:left-pad',
        name: 'left-pad',
        builtin: false,
        importedBy: [{ from: { path: 'packages/app/src/main.ts' } }],
      },
    ]);
  });
});
