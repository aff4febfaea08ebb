import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyzer, declarationsOfText, requireImportsAsInGraph } from '../../server/analysis/index.ts';
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
        // Whether a `require` binding's module resolves, the graph says (js-commonjs: `./lib/…` do).
        const text = readFileSync(path.join(root, file), 'utf8');
        const old = declarationsOfText(file, text, requireImportsAsInGraph(file, live));
        expect(symbols(old)).toEqual(symbols(live));
      }
    });
  }

  it('keeps every require binding a VARIABLE when nobody says whether its module resolves', () => {
    const text =
      "const { a } = require('./a');\nconst b = require('b').b;\nconst { c: { d } } = require('c');\n";
    expect(declarationsOfText('lib/x.js', text).map((n) => `${n.kind} ${n.key}`)).toEqual([
      'VARIABLE lib/x.js#a',
      'VARIABLE lib/x.js#b',
      'VARIABLE lib/x.js#d',
    ]);
    // A name nested in a pattern is no alias for the binder: it stays a VARIABLE whatever the module.
    expect(
      declarationsOfText('lib/x.js', text, { isImport: () => true }).map((n) => `${n.kind} ${n.key}`),
    ).toEqual(['VARIABLE lib/x.js#d']);
  });
});
