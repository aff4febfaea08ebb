import { describe, expect, it } from 'vitest';
import { distinguishingHints } from '../../client/src/names.ts';

describe('names people can tell apart', () => {
  it('gives each ambiguous name the shortest end of its path that no other shares', () => {
    const hints = distinguishingHints([
      { key: 'apps/web/src/main.ts#main', label: 'main' },
      { key: 'apps/cli/src/main.ts#main', label: 'main' },
      { key: 'tools/run.ts#main', label: 'main' },
      { key: 'src/a.ts#client', label: 'client' },
    ]);
    expect(Object.fromEntries(hints)).toEqual({
      'apps/web/src/main.ts#main': 'web/src/main.ts',
      'apps/cli/src/main.ts#main': 'cli/src/main.ts',
      'tools/run.ts#main': 'run.ts',
    });
  });

  it('falls back to the key for one name twice in one file, and hints nothing for a key listed twice', () => {
    expect(
      Object.fromEntries(
        distinguishingHints([
          { key: 'src/k.ts#merged', label: 'merged' },
          { key: 'src/k.ts#merged~namespace', label: 'merged' },
          { key: 'src/x.ts#f', label: 'f' },
          { key: 'src/x.ts#f', label: 'f' },
        ]),
      ),
    ).toEqual({
      'src/k.ts#merged': 'src/k.ts#merged',
      'src/k.ts#merged~namespace': 'src/k.ts#merged~namespace',
    });
  });
});
