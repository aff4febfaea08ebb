/**
 * What diffImpact reads from a file's text alone: its symbols' code without comments, and which
 * of its symbols use which imported names.
 */
import { describe, expect, it } from 'vitest';
import {
  codeHashesOfText,
  importUsesOfText,
  specifierLeadsTo,
  usesOfText,
} from '../../server/analysis/index.ts';

describe('codeHashesOfText', () => {
  const before = [
    '/** Formats. */',
    'export function format(x: number): string {',
    '  // the unit',
    `  return \`\${x} // px\`;`,
    '}',
    'export class Box {',
    '  size = 1;',
    '  grow(): number { return this.size + 1; }',
    '}',
    '',
  ].join('\n');

  it('gives equal hashes when only comments, JSDoc and whitespace differ', () => {
    const after = [
      '/** Formats a number. */',
      'export function format(x: number): string {',
      '  /* the unit, in pixels */',
      `  return \`\${x} // px\`;`,
      '}',
      'export class Box {',
      '  size = 1; // default',
      '  grow(): number {',
      '    return this.size + 1;',
      '  }',
      '}',
      '',
    ].join('\n');
    expect(codeHashesOfText('src/a.ts', after)).toEqual(codeHashesOfText('src/a.ts', before));
  });

  it('tells code apart that only looks like a comment, and a member edit from its class', () => {
    const old = codeHashesOfText('src/a.ts', before);
    // Inside a template, after an interpolation: text, not a comment.
    const template = codeHashesOfText('src/a.ts', before.replace('// px', '// em'));
    expect(template.get('src/a.ts#format')).not.toBe(old.get('src/a.ts#format'));
    const member = codeHashesOfText('src/a.ts', before.replace('this.size + 1', 'this.size + 2'));
    expect(member.get('src/a.ts#Box.grow')).not.toBe(old.get('src/a.ts#Box.grow'));
    expect(member.get('src/a.ts#Box')).toBe(old.get('src/a.ts#Box'));
  });
});

describe('importUsesOfText', () => {
  it('names the innermost symbol around each use of an imported name, the file for top-level uses', () => {
    const text = [
      "import { add as plus, unused } from './math';",
      "import * as shapes from '../shapes';",
      "import render from './render';",
      "export { total } from './calc';",
      "const { parse } = require('./parse');",
      'export function sum(xs: number[]): number { return xs.reduce((a, b) => plus(a, b), 0); }',
      'export class View {',
      '  area(): shapes.Area { return shapes.square(2); }',
      '  draw = () => render(parse("x"));',
      '}',
      'plus(1, 2);',
      '',
    ].join('\n');
    expect(importUsesOfText('src/view.ts', text)).toEqual(
      expect.arrayContaining([
        { specifier: './math', name: 'add', users: ['src/view.ts', 'src/view.ts#sum'] },
        { specifier: '../shapes', name: 'Area', users: ['src/view.ts#View.area'] },
        { specifier: '../shapes', name: 'square', users: ['src/view.ts#View.area'] },
        { specifier: './render', name: 'default', users: ['src/view.ts#View.draw'] },
        { specifier: './calc', name: 'total', users: ['src/view.ts'] },
        { specifier: './parse', name: 'parse', users: ['src/view.ts#View.draw'] },
      ]),
    );
    // Imported, never used: no users to break.
    expect(importUsesOfText('src/view.ts', text).find((u) => u.name === 'unused')).toBeUndefined();
  });

  it('leaves out a local that shadows an imported name, in its scope and of its meaning only', () => {
    const text = [
      "import { total, Item } from './cart';",
      'export function price(total: number): number { return total * 2; }',
      'export function tax(): number { const total = 3; return total; }',
      'export function first<Item>(items: Item[]): Item { return items[0]!; }',
      'export function count(xs: unknown[]): number { return xs.filter((total) => total).length; }',
      'export const named = function total(): number { return 1; };',
      'export function sum(): number { return total(); }',
      'export function wrap<total>(x: total): number { return total(); }',
      'export function keep(): Item[] { try { return []; } catch (Item) { return [Item as never]; } }',
      '',
    ].join('\n');
    expect(importUsesOfText('src/bill.ts', text)).toEqual([
      // The value total still reaches sum, and wrap: its type parameter is no value.
      { specifier: './cart', name: 'total', users: ['src/bill.ts#sum', 'src/bill.ts#wrap'] },
      // The type Item: keep's return type (the caught value of that name is no type).
      { specifier: './cart', name: 'Item', users: ['src/bill.ts#keep'] },
    ]);
  });

  it('names the innermost symbols that access a property of the names asked, in every written form', () => {
    const text = [
      "import { Cart } from './cart';",
      'export class Till {',
      '  last = 0;',
      '  ring(cart: Cart): number { return cart.legacyTotal() + (cart?.legacyTotal() ?? 0); }',
      "  keyed(cart: Cart): number { return cart['legacyTotal'](); }",
      '  take({ legacyTotal }: Cart): number { return legacyTotal.call(null); }',
      "  type(): Cart['legacyTotal'] | undefined { return undefined; }",
      '  own(): number { return this.last; }',
      '}',
      'const legacyTotal = 1;',
      'export const plain = { legacyTotal };',
      '',
    ].join('\n');
    expect(usesOfText('src/till.ts', text, { propertyNames: ['legacyTotal'] }).properties).toEqual([
      {
        name: 'legacyTotal',
        users: [
          'src/till.ts#Till.keyed',
          'src/till.ts#Till.ring',
          'src/till.ts#Till.take',
          'src/till.ts#Till.type',
        ],
      },
    ]);
  });
});

describe('specifierLeadsTo', () => {
  it('matches relative specifiers with or without an extension, folders by their index, path mappings by their tail', () => {
    expect(specifierLeadsTo('src/ui/view.ts', '../math', 'src/math.ts')).toBe(true);
    expect(specifierLeadsTo('src/ui/view.ts', '../math.js', 'src/math.ts')).toBe(true);
    expect(specifierLeadsTo('src/view.ts', './lib', 'src/lib/index.ts')).toBe(true);
    expect(specifierLeadsTo('src/view.ts', '@/lib/math', 'src/lib/math.ts')).toBe(true);
    expect(specifierLeadsTo('src/view.ts', './math', 'src/ui/math.ts')).toBe(false);
    expect(specifierLeadsTo('src/view.ts', './mat', 'src/math.ts')).toBe(false);
  });
});
