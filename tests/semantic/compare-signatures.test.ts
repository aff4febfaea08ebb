import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '../../server/model/index.ts';
import {
  compatibleForCallers,
  compatibleForImplementations,
  compatibleForValueUses,
  sameSignature,
} from '../../server/semantic/compare-signatures.ts';
import { compareSymbols } from '../../server/semantic/compare-symbols.ts';
import { usesOf } from '../../server/semantic/dependent-uses.ts';

describe('compatibleForCallers', () => {
  it.each([
    ['function f(a: string): void', 'function f(a: string, b?: number): void'],
    ['function f(a: string): void', 'function f(a: string, b: number = 1, ...rest: string[]): void'],
    ['function f(a: string): void', 'function f(a?: string): void'],
    ["function f(a = 'x'): void", "function f(a = 'y'): void"],
    ['function f(a: string): void', 'function f(renamed: string): void'],
    [
      'function f(opts: { a: number; b: string }): void',
      'function f(opts: {a: number, b: string}, cb?: (x: number) => void): void',
    ],
    [
      'function f<T extends (x: number) => void>(t: T): T',
      'function f<T extends (x: number) => void>(t: T, n?: number): T',
    ],
    ['const f = ({ a, b }: Opts = {}) =>', 'const f = ({ a, b }: Opts = {}, c?: number) =>'],
    ["function f(sep = ', '): void", "function f(sep = ', ', n?: number): void"],
  ])('holds every call of %s fitting %s', (before, after) => {
    expect(compatibleForCallers(before, after)).toBe(true);
  });

  it.each([
    ['function f(a: string): void', 'function f(a: string, b: number): void'],
    ['function f(a?: string): void', 'function f(a: string): void'],
    ['function f(a: string): void', 'function f(a: number): void'],
    ['function f(a: string): void', 'function f(a: string): string'],
    ['function f(a: string, b?: number): void', 'function f(a: string): void'],
    ['function f<T extends string>(t: T): T', 'function f<T extends number>(t: T): T'],
    ['function f(cb: (x: number) => void): void', 'function f(cb: (x: number, y: number) => void): void'],
    ['function f(...rest: string[]): void', 'function f(first: string, ...rest: string[]): void'],
    ['class A', 'class A extends B'],
  ])('holds a call of %s not fitting %s', (before, after) => {
    expect(compatibleForCallers(before, after)).toBe(false);
  });
});

describe('compatibleForCallers of the calls passing at most so many arguments', () => {
  const TWO = 'function f(a: string, b?: number): void';
  const ONE = 'function f(a: string): void';

  it('breaks only the calls that pass a trailing optional parameter dropped', () => {
    expect(compatibleForCallers(TWO, ONE, 1)).toBe(true);
    expect(compatibleForCallers(TWO, ONE, 0)).toBe(true);
    expect(compatibleForCallers(TWO, ONE, 2)).toBe(false);
    expect(compatibleForCallers(TWO, ONE)).toBe(false);
  });

  it('still compares the parameters the calls fill, and asks the new ones past them to be optional', () => {
    expect(compatibleForCallers(TWO, 'function f(a: number): void', 1)).toBe(false);
    expect(compatibleForCallers(TWO, 'function f(a: string, b: number): void', 1)).toBe(false);
    expect(compatibleForCallers(TWO, 'function f(a: string, b?: string): void', 1)).toBe(true);
    expect(compatibleForCallers('function f(...xs: string[]): void', 'function f(): void', 3)).toBe(false);
  });

  it('lets a function passed on as a value lose trailing parameters, not change the ones it keeps', () => {
    expect(compatibleForValueUses(TWO, ONE)).toBe(true);
    expect(compatibleForValueUses('function f(a: string, b: number): void', ONE)).toBe(true);
    expect(compatibleForValueUses(TWO, 'function f(a: number): void')).toBe(false);
    expect(compatibleForValueUses(ONE, 'function f(a: string, b: number): void')).toBe(false);
  });
});

describe('compatibleForImplementations', () => {
  const member = (params: string) => `handle(${params}): void`;
  it('breaks an implementation when a parameter it may declare is dropped, optional or not (TS2416)', () => {
    expect(compatibleForImplementations(member('req: Req, res: Res'), member('req: Req'))).toBe(false);
    // `handle(req: Req, res: Res)` implements `handle(req: Req, res?: Res)`: TypeScript accepts it.
    expect(compatibleForImplementations(member('req: Req, res?: Res'), member('req: Req'))).toBe(false);
    expect(compatibleForImplementations(member('...rest: Req[]'), member('req: Req'))).toBe(false);
  });

  it('lets the member gain parameters, required or not, and parameters turn optional or required', () => {
    expect(compatibleForImplementations(member('req: Req'), member('req: Req, res: Res'))).toBe(true);
    expect(compatibleForImplementations(member('req: Req'), member('req?: Req'))).toBe(true);
    expect(compatibleForImplementations(member('req?: Req'), member('req: Req, ...more: Res[]'))).toBe(true);
  });

  it('keeps the types, return type and head of the parameters it had, and needs every new overload met', () => {
    expect(compatibleForImplementations(member('req: Req'), member('req: Res'))).toBe(false);
    expect(compatibleForImplementations(member('req: Req'), 'handle(req: Req): number')).toBe(false);
    expect(compatibleForImplementations(member('a: A'), `${member('a: A, b: B')}\n${member('a: A')}`)).toBe(
      true,
    );
    expect(compatibleForImplementations(`${member('a: A')}\n${member('b: B')}`, member('a: A, c: C'))).toBe(
      true,
    );
    expect(compatibleForImplementations(member('a: A'), `${member('a: A')}\n${member('c: C')}`)).toBe(false);
  });
});

describe('a member re-signed, by how its dependents use it', () => {
  const node = (key: string, signature: string): GraphNode => ({
    key,
    kind: 'METHOD',
    props: { name: 'handle', qualifiedName: key.slice(key.indexOf('#') + 1), path: 'src/a.ts', signature },
  });
  const changeOf = (edges: GraphEdge[]) =>
    compareSymbols({
      before: [node('src/a.ts#Handler.handle', 'handle(req: Req, res: Res): void')],
      after: [node('src/a.ts#Handler.handle', 'handle(req: Req): void')],
      dependents: new Map([['src/a.ts#Handler.handle', [...new Set(edges.map((e) => e.from))]]]),
      uses: new Map([['src/a.ts#Handler.handle', usesOf(edges)]]),
    })[0]!;
  const edge = (type: GraphEdge['type'], from: string): GraphEdge => ({
    type,
    from,
    to: 'src/a.ts#Handler.handle',
    props: {},
  });

  it('breaks an implementation or override of a dropped parameter, not code passing the method on', () => {
    expect(changeOf([edge('IMPLEMENTS', 'src/b.ts#Impl.handle')]).breaking).toBe(true);
    expect(changeOf([edge('OVERRIDES', 'src/b.ts#Sub.handle')]).breaking).toBe(true);
    expect(changeOf([edge('REFERENCES', 'src/b.ts#use')]).breaking).toBe(false);
  });
});

describe('a trailing optional parameter dropped, by what the graph says of its callers', () => {
  const node = (signature: string): GraphNode => ({
    key: 'src/a.ts#f',
    kind: 'FUNCTION',
    props: { name: 'f', qualifiedName: 'f', path: 'src/a.ts', signature },
  });
  const call = (from: string, props: GraphEdge['props']): GraphEdge => ({
    type: 'CALLS',
    from,
    to: 'src/a.ts#f',
    props,
  });
  const breaking = (edges: GraphEdge[]) =>
    compareSymbols({
      before: [node('export function f(a: string, b?: number): void')],
      after: [node('export function f(a: string): void')],
      dependents: new Map([['src/a.ts#f', [...new Set(edges.map((e) => e.from))]]]),
      uses: new Map([['src/a.ts#f', usesOf(edges)]]),
    }).map((c) => c.breaking);

  it('breaks nothing while each call passes fewer arguments than it took, and a caller passing more', () => {
    expect(breaking([call('src/b.ts#g', { count: 2, firstLine: 3, maxArguments: 1 })])).toEqual([false]);
    expect(
      breaking([
        call('src/b.ts#g', { count: 1, firstLine: 3, maxArguments: 1 }),
        call('src/c.ts#h', { count: 1, firstLine: 3, maxArguments: 2 }),
      ]),
    ).toEqual([true]);
  });

  it('lists the dependents that may break first in affected, and says so', () => {
    const edges = [
      call('src/b.ts#g', { count: 1, firstLine: 3, maxArguments: 1 }),
      call('src/c.ts#h', { count: 1, firstLine: 3, maxArguments: 2 }),
      call('src/d.ts#k', { count: 1, firstLine: 3, maxArguments: 1 }),
    ];
    const [change] = compareSymbols({
      before: [node('export function f(a: string, b?: number): void')],
      after: [node('export function f(a: string): void')],
      dependents: new Map([['src/a.ts#f', edges.map((e) => e.from)]]),
      uses: new Map([['src/a.ts#f', usesOf(edges)]]),
    });
    expect(change).toMatchObject({
      breaking: true,
      affected: ['src/c.ts#h', 'src/b.ts#g', 'src/d.ts#k'],
    });
    expect(change!.message).toMatch(/; 3 dependents, 1 of them may no longer fit \(listed first\)\.$/);
  });

  it('counts a call edge stored without the count (an older snapshot, a spread) as passing it', () => {
    expect(breaking([call('src/b.ts#g', { count: 1, firstLine: 3 })])).toEqual([true]);
  });

  it('breaks no code that only passes the function on', () => {
    const reference: GraphEdge = { type: 'REFERENCES', from: 'src/b.ts#g', to: 'src/a.ts#f', props: {} };
    expect(breaking([reference])).toEqual([false]);
  });
});

describe('sameSignature', () => {
  it('leaves out formatting, quote style, trailing commas and export', () => {
    expect(sameSignature("export function f(\n  a: 'x',\n): void", 'function f(a: "x"): void')).toBe(true);
    expect(
      sameSignature(
        'function f(o: { a: number; b: string }): void',
        'function f(o: {a: number, b: string}): void',
      ),
    ).toBe(true);
    expect(sameSignature('name: string;', 'name: string')).toBe(true);
    expect(sameSignature('function f(a: string): void', 'function f(a: String): void')).toBe(false);
  });
});
