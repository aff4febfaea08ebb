/**
 * `createSpecifierLeadsToAny`, which diff impact asks for every `require` of a deleted file, and
 * `createSpecifierLeadsToFiles`, which it asks for every unresolved import of every file: the
 * same answers as `specifierLeadsTo` tried on every file.
 */
import { describe, expect, it } from 'vitest';
import {
  createSpecifierLeadsToAny,
  createSpecifierLeadsToFiles,
  specifierLeadsTo,
} from '../../server/analysis/index.ts';

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

  it('names the files specifierLeadsTo accepts, each once, in the order given', () => {
    // `src/lib.ts` and `src/lib/index.js` are both named by `./lib`; `lib/a.cjs` and `lib/a.d.ts` by `lib/a`.
    const files = [...FILES, 'src/lib.ts', 'lib/a.d.ts', 'src/math.ts'];
    const leadsTo = createSpecifierLeadsToFiles(files);
    const answers = IMPORTERS.flatMap((importer) =>
      SPECIFIERS.map((specifier) => [importer, specifier, leadsTo(importer, specifier)] as const),
    );
    const expected = IMPORTERS.flatMap((importer) =>
      SPECIFIERS.map((specifier) => [
        importer,
        specifier,
        [...new Set(files)].filter((file) => specifierLeadsTo(importer, specifier, file)),
      ]),
    );
    expect(answers).toEqual(expected);
    expect(answers.some(([, , found]) => found.length > 1)).toBe(true);
  });

  it('leads nowhere without files', () => {
    const leadsToAny = createSpecifierLeadsToAny([]);
    expect(leadsToAny('src/a.ts', './b')).toBe(false);
    expect(leadsToAny('src/a.ts', '@/b')).toBe(false);
  });
});
