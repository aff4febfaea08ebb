/**
 * Semantic changes of symbols that files import by name without any edge to them: a barrel's
 * re-exports (`export { x } from`, `export * from`) and imports nothing uses. Those files are the
 * dependents (`GraphStore.importersByName`), as `diffImpact` finds them from text.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { SemanticChange } from '../../server/semantic/index.ts';
import { removeCopies } from '../helpers/fixtures.ts';
import { semanticProject } from '../helpers/semantic.ts';

afterAll(removeCopies);

const PROJECT: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler' },
    include: ['src'],
  }),
  'src/index.ts': `export { pairs } from './observable/pairs';
export { range } from './observable/range';
export * from './observable/of';
export { default as shout } from './shout';
`,
  'src/observable/pairs.ts': `export function pairs(o: object): [string, unknown][] {
  return Object.entries(o);
}
`,
  'src/observable/range.ts': `export function range(start: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => start + i);
}
`,
  'src/observable/of.ts': `export function of<T>(...values: T[]): T[] {
  return values;
}
`,
  'src/shout.ts': `export default function shout(text: string): string {
  return text.toUpperCase();
}
`,
  'src/unused-import.ts': `import { range } from './observable/range';

export const nothing = 0;
`,
};

const project = () => semanticProject(PROJECT);

/** `KIND key breaking [affected]`: the fields this file is about. */
const summary = (changes: readonly SemanticChange[]) =>
  changes.map((c) => `${c.kind} ${c.key} ${c.breaking} [${c.affected.join(', ')}]`);

describe('semantic changes of symbols that files re-export or import without using', () => {
  it('reports a deleted file whose symbol a barrel re-exports by name as breaking for the barrel', async () => {
    const p = await project();
    p.remove('src/observable/pairs.ts');
    const changes = await p.update('src/observable/pairs.ts');
    expect(summary(changes)).toEqual(['SYMBOL_REMOVED src/observable/pairs.ts#pairs true [src/index.ts]']);
    expect(changes[0]?.message).toBe(
      'Removed function pairs from src/observable/pairs.ts; 1 dependent still uses it.',
    );
  });

  it('reports a deleted file a barrel re-exports with `export *` as breaking for the barrel', async () => {
    const p = await project();
    p.remove('src/observable/of.ts');
    expect(summary(await p.update('src/observable/of.ts'))).toEqual([
      'SYMBOL_REMOVED src/observable/of.ts#of true [src/index.ts]',
    ]);
  });

  it('reports every symbol of a deleted folder of re-exported modules as breaking', async () => {
    const p = await project();
    for (const name of ['pairs', 'range', 'of']) p.remove(`src/observable/${name}.ts`);
    const changes = await p.update(
      'src/observable/pairs.ts',
      'src/observable/range.ts',
      'src/observable/of.ts',
    );
    expect(summary(changes)).toEqual([
      'SYMBOL_REMOVED src/observable/of.ts#of true [src/index.ts]',
      'SYMBOL_REMOVED src/observable/pairs.ts#pairs true [src/index.ts]',
      'SYMBOL_REMOVED src/observable/range.ts#range true [src/index.ts, src/unused-import.ts]',
    ]);
  });

  it('reports a symbol removed with the re-export that passed it on as breaking nothing', async () => {
    const p = await project();
    p.remove('src/observable/pairs.ts');
    p.edit('src/index.ts', "export { pairs } from './observable/pairs';\n", '');
    expect(summary(await p.update('src/observable/pairs.ts', 'src/index.ts'))).toEqual([
      'SYMBOL_REMOVED src/observable/pairs.ts#pairs false []',
    ]);
  });

  it('keeps a file that both re-exports and calls a removed function until it stops doing both', async () => {
    const barrel = {
      ...PROJECT,
      'src/barrel.ts': `import { pairs } from './observable/pairs';
export { pairs } from './observable/pairs';

pairs({});
`,
    };
    const dangling = await semanticProject(barrel);
    dangling.remove('src/observable/pairs.ts');
    dangling.write('src/barrel.ts', 'pairs({});\n');
    expect(summary(await dangling.update('src/observable/pairs.ts', 'src/barrel.ts'))).toEqual([
      'SYMBOL_REMOVED src/observable/pairs.ts#pairs true [src/barrel.ts, src/index.ts]',
    ]);
    const clean = await semanticProject(barrel);
    clean.remove('src/observable/pairs.ts');
    clean.write('src/barrel.ts', 'export {};\n');
    expect(summary(await clean.update('src/observable/pairs.ts', 'src/barrel.ts'))).toEqual([
      'SYMBOL_REMOVED src/observable/pairs.ts#pairs true [src/index.ts]',
    ]);
  });

  it('reports a function removed from a file that stays, still imported by name, as breaking', async () => {
    const p = await project();
    p.edit('src/observable/range.ts', 'export function range(', 'function range(');
    expect(summary(await p.update('src/observable/range.ts'))).toEqual([
      'EXPORT_REMOVED src/observable/range.ts#range true [src/index.ts, src/unused-import.ts]',
    ]);
  });

  it('reports a re-exported function re-signed as breaking for the barrel', async () => {
    const p = await project();
    p.edit('src/observable/range.ts', 'count: number)', 'count: number, step: number)');
    expect(summary(await p.update('src/observable/range.ts'))).toEqual([
      'SIGNATURE_CHANGED src/observable/range.ts#range true [src/index.ts, src/unused-import.ts]',
    ]);
  });

  it('reports a rename the barrel did not follow as breaking, and one it followed as not', async () => {
    const stale = await project();
    stale.edit('src/observable/range.ts', 'function range(', 'function interval(');
    expect(summary(await stale.update('src/observable/range.ts'))).toEqual([
      'SYMBOL_RENAMED src/observable/range.ts#interval true [src/index.ts, src/unused-import.ts]',
    ]);
    const followed = await project();
    followed.edit('src/observable/range.ts', 'function range(', 'function interval(');
    followed.edit('src/index.ts', 'export { range }', 'export { interval }');
    followed.edit('src/unused-import.ts', 'import { range }', 'import { interval }');
    expect(
      summary(await followed.update('src/observable/range.ts', 'src/index.ts', 'src/unused-import.ts')),
    ).toEqual(['SYMBOL_RENAMED src/observable/range.ts#interval false []']);
  });

  it('reports a renamed default export as followed by the barrel that re-exports `default`', async () => {
    const p = await project();
    p.edit('src/shout.ts', 'function shout(', 'function yell(');
    expect(summary(await p.update('src/shout.ts'))).toEqual(['SYMBOL_RENAMED src/shout.ts#yell false []']);
  });
});
