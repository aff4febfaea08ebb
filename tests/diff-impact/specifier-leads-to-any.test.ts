/**
 * `createSpecifierLeadsToAny`, which diff impact asks for every `require` of a deleted file: the
 * same answers as `specifierLeadsTo` tried on every file.
 */
import { describe, expect, it } from 'vitest';
import { createSpecifierLeadsToAny, specifierLeadsTo } from '../../server/analysis/index.ts';

const FILES = [
  'index.ts',
  'src/math.ts',
  'src/lib/index.js',
  'src/lib/deep/util.d.ts',
  'packages/ui/src/button.tsx',
  'lib/a.cjs',
];
const IMPORTERS = ['src/view.ts', 'src/ui/view.ts', 'lib/b.js', 'index.ts', 'packages/ui/src/app.tsx'];
const SPECIFIERS = [
  '.',
  './',
  '..',
  '../',
  './math',
  '../math.js',
  './lib',
  './lib/',
  './lib/index',
  '../src/lib/deep/util',
  './a',
  './a.cjs',
  './button',
  '../../index',
  '../..',
  '@/lib/math',
  '@/math',
  'math',
  'lib',
  'lib/',
  'deep/util',
  '~/src/lib/deep/util.js',
  'ui/src/button',
  '@w/ui/button',
  'button',
  'utils-merge',
  'a',
  'index',
  '',
];

describe('createSpecifierLeadsToAny', () => {
  it('answers as specifierLeadsTo tried on every file, for relative paths and path mappings alike', () => {
    const leadsToAny = createSpecifierLeadsToAny(FILES);
    const answers = IMPORTERS.flatMap((importer) =>
      SPECIFIERS.map((specifier) => [importer, specifier, leadsToAny(importer, specifier)]),
    );
    const expected = IMPORTERS.flatMap((importer) =>
      SPECIFIERS.map((specifier) => [
        importer,
        specifier,
        FILES.some((file) => specifierLeadsTo(importer, specifier, file)),
      ]),
    );
    expect(answers).toEqual(expected);
    // Both answers occur, so the comparison says something.
    expect(answers.filter(([, , found]) => found).length).toBeGreaterThan(10);
    expect(answers.filter(([, , found]) => !found).length).toBeGreaterThan(10);
  });

  it('leads nowhere without files', () => {
    const leadsToAny = createSpecifierLeadsToAny([]);
    expect(leadsToAny('src/a.ts', './b')).toBe(false);
    expect(leadsToAny('src/a.ts', '@/b')).toBe(false);
  });
});
