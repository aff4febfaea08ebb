import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyzer, declarationsOfText } from '../../server/analysis/index.ts';
import { fixturePath } from '../helpers/fixtures.ts';

/** Key, kind and every property but what only the checker knows, of a file's symbols. */
function symbols(nodes: readonly { key: string; kind: string; props: Record<string, unknown> }[]) {
  return nodes
    .map(({ key, kind, props }) => {
      const { unresolvedCalls: _, ...rest } = props;
      return { key, kind, props: rest };
    })
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}

describe('declarationsOfText (the old text of a file, for diffImpact)', () => {
  for (const [fixture, files] of [
    ['incremental', ['src/math.ts', 'src/factory.ts', 'src/calc.ts']],
    ['js-commonjs', ['lib/router.js', 'lib/helpers.js', 'lib/application.js', 'index.js']],
  ] as const) {
    it(`gives the analyzer's own symbols without a program (${fixture})`, () => {
      const root = fixturePath(fixture);
      const analyzer = new Analyzer({ root });
      analyzer.analyze();
      const graph = analyzer.graph();
      for (const file of files) {
        const live = graph.nodes.filter((n) => n.props.path === file && n.kind !== 'FILE');
        expect(live.length).toBeGreaterThan(0);
        const old = declarationsOfText(file, readFileSync(path.join(root, file), 'utf8'));
        expect(symbols(old)).toEqual(symbols(live));
      }
    });
  }
});
