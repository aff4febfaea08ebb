import { describe, expect, it } from 'vitest';
import { compatibleForCallers, sameSignature } from '../../server/semantic/compare-signatures.ts';

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
