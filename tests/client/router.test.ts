import { describe, expect, it } from 'vitest';
import { hrefOf, hrefOfKey, parseRoute, type Route } from '../../client/src/router.ts';

describe('hash router', () => {
  const routes: Route[] = [
    { page: 'dashboard' },
    { page: 'explore', query: 'cart item', kind: 'CLASS', exported: true },
    { page: 'node', key: 'src/lib/cart.ts#Cart.add' },
    { page: 'file', path: 'src/lib/cart.ts' },
    { page: 'cycles', typeOnly: true },
    { page: 'unused', prefix: 'src/' },
    { page: 'unused', prefix: 'src/', publicApi: true },
    { page: 'graph', focus: 'src/a.ts#f', depth: 2, types: ['CALLS', 'CONTAINS'] },
    { page: 'graph', prefix: 'src/lib/', limit: 100, files: true },
    { page: 'graph', level: 2, open: ['src/lib/', 'src/a,b/'] },
    { page: 'graph', impact: 'src/a.ts#f', depth: 3 },
  ];

  it('reads back every address it writes', () => {
    for (const route of routes) expect(parseRoute(hrefOf(route))).toEqual(route);
  });

  it('keeps keys with #, / and spaces intact', () => {
    const key = 'src/odd name.ts#A.b';
    expect(hrefOf({ page: 'node', key })).not.toContain('#A');
    expect(parseRoute(hrefOf({ page: 'node', key }))).toEqual({ page: 'node', key });
  });

  it('sends files to the file page and other keys to the node page', () => {
    expect(hrefOfKey('src/a.ts')).toBe('#/file/src%2Fa.ts');
    expect(hrefOfKey('src/a.ts#f')).toBe('#/node/src%2Fa.ts%23f');
    expect(hrefOfKey('npm:react')).toBe('#/node/npm%3Areact');
    expect(hrefOfKey('src/a.ts', 'FILE')).toBe('#/file/src%2Fa.ts');
  });

  it('answers not-found for unknown pages, and the dashboard for an empty hash', () => {
    expect(parseRoute('#/nope')).toEqual({ page: 'not-found', hash: '#/nope' });
    expect(parseRoute('')).toEqual({ page: 'dashboard' });
    expect(parseRoute('#/node/')).toMatchObject({ page: 'not-found' });
  });
});
