import { afterAll, describe, expect, it } from 'vitest';
import { type SemanticChange, semanticChangeMatches } from '../../server/semantic/index.ts';
import { affectedFields } from '../../server/semantic/semantic-change.ts';
import { removeCopies } from '../helpers/fixtures.ts';
import { semanticProject } from '../helpers/semantic.ts';

afterAll(removeCopies);

const TSCONFIG = JSON.stringify({
  compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler' },
  include: ['packages'],
});
const LIB = 'export function f(a: number): number {\n  return a;\n}\n';
const caller = (name: string, from: string) =>
  `import { f } from '${from}';\nexport function ${name}(): number {\n  return f(1);\n}\n`;

/** The prefixes, among `prefixes`, that a change is sent to. */
const heardUnder = (change: SemanticChange | undefined, prefixes: readonly string[]) =>
  prefixes.filter((prefix) => change !== undefined && semanticChangeMatches(change, prefix));

describe('semantic changes filtered by pathPrefix', () => {
  it('sends a breaking change in another folder to a prefix holding the code it breaks, and not to others', async () => {
    const p = await semanticProject({
      'tsconfig.json': TSCONFIG,
      'packages/lib/x.ts': LIB,
      'packages/app/main.ts': caller('main', '../lib/x'),
      'packages/other/y.ts': 'export const y = 1;\n',
    });
    p.edit('packages/lib/x.ts', 'f(a: number)', 'f(a: number, b: number)');
    const [change] = await p.update('packages/lib/x.ts');
    expect(change).toMatchObject({
      kind: 'SIGNATURE_CHANGED',
      key: 'packages/lib/x.ts#f',
      breaking: true,
      affected: ['packages/app/main.ts#main'],
    });
    expect(
      heardUnder(change, ['packages/app/', 'packages/app/main.ts', 'packages/lib/', 'packages/other/']),
    ).toEqual(['packages/app/', 'packages/app/main.ts', 'packages/lib/']);
  });

  it('still finds the code under a prefix when it lies past the first 50 keys of `affected`', async () => {
    const files: Record<string, string> = { 'tsconfig.json': TSCONFIG, 'packages/lib/x.ts': LIB };
    // `packages/a-many/…` sorts before `packages/app/`: the 60 callers there fill `affected`.
    for (let i = 0; i < 60; i++)
      files[`packages/a-many/c${String(i).padStart(2, '0')}.ts`] = caller(`c${i}`, '../lib/x');
    files['packages/app/main.ts'] = caller('main', '../lib/x');
    const p = await semanticProject(files);
    p.edit('packages/lib/x.ts', 'f(a: number)', 'f(a: string)');
    const [change] = await p.update('packages/lib/x.ts');
    expect(change?.affected).toHaveLength(50);
    expect(change?.affected).not.toContain('packages/app/main.ts#main');
    expect(change?.message).toContain('61 dependents');
    expect(heardUnder(change, ['packages/app/', 'packages/a-many/c59.ts', 'packages/other/'])).toEqual([
      'packages/app/',
      'packages/a-many/c59.ts',
    ]);
  });
});

describe('the files of a change that affects much code', () => {
  it('names folders when the files are too many, a file in a shallower folder standing for itself', () => {
    // 600 files two folders deep, and one at the top: too many files, so the deepest folders that fit.
    const keys = ['top.ts#run', ...Array.from({ length: 600 }, (_, i) => `pkg${i % 3}/deep/f${i}.ts#g`)];
    const { affected, affectedFiles } = affectedFields(keys);
    expect(affected).toHaveLength(50);
    expect(affectedFiles).toEqual(['pkg0/deep/', 'pkg1/deep/', 'pkg2/deep/', 'top.ts']);
    expect(
      heardUnder(
        {
          kind: 'SIGNATURE_CHANGED',
          key: 'x.ts#f',
          breaking: true,
          message: '',
          ...{ affected, affectedFiles },
        } as SemanticChange,
        ['top.ts', 'pkg1/', 'other/'],
      ),
    ).toEqual(['top.ts', 'pkg1/']);
  });

  it('takes in code of 200,000 files at once', () => {
    const keys = Array.from({ length: 200_000 }, (_, i) => `p${i % 7}/f${i}.ts#g`);
    expect(affectedFields(keys).affectedFiles).toEqual(['p0/', 'p1/', 'p2/', 'p3/', 'p4/', 'p5/', 'p6/']);
  });
});
