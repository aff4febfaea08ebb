import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../../server/analysis/index.ts';
import type { ChangeSet, GraphEdge, GraphNode } from '../../server/model/index.ts';
import { edgeKey } from '../../server/model/index.ts';
import { copyFixture, removeCopies } from '../helpers/fixtures.ts';
import { changeLines } from '../helpers/graph.ts';

afterAll(removeCopies);

function setup() {
  const root = copyFixture('incremental');
  const analyzer = new Analyzer({ root });
  analyzer.analyze();
  const file = (name: string) => path.join(root, name);
  return {
    root,
    analyzer,
    read: (name: string) => readFileSync(file(name), 'utf8'),
    write: (name: string, text: string) => writeFileSync(file(name), text),
    edit: (name: string, from: string, to: string) => {
      const text = readFileSync(file(name), 'utf8');
      if (!text.includes(from)) throw new Error(`${name} has no ${from}`);
      writeFileSync(file(name), text.replace(from, to));
    },
    remove: (name: string) => rmSync(file(name)),
    rename: (from: string, to: string) => renameSync(file(from), file(to)),
  };
}

/** Applying the change set to the old graph must give exactly the new graph. */
function expectConsistent(
  before: { nodes: GraphNode[]; edges: GraphEdge[] },
  changeSet: ChangeSet,
  after: Analyzer,
) {
  const nodes = new Map(before.nodes.map((n) => [n.key, n]));
  const edges = new Map(before.edges.map((e) => [edgeKey(e), e]));
  for (const change of changeSet.changes) {
    switch (change.op) {
      case 'NODE_ADDED':
      case 'NODE_UPDATED':
        nodes.set(change.node.key, change.node);
        break;
      case 'NODE_REMOVED':
        nodes.delete(change.key);
        break;
      case 'EDGE_ADDED':
        edges.set(edgeKey(change.edge), change.edge);
        break;
      case 'EDGE_REMOVED':
        edges.delete(edgeKey(change.edge));
    }
  }
  const expected = after.graph();
  expect([...nodes.values()].sort((a, b) => a.key.localeCompare(b.key))).toEqual(
    [...expected.nodes].sort((a, b) => a.key.localeCompare(b.key)),
  );
  expect([...edges.keys()].sort()).toEqual(expected.edges.map(edgeKey).sort());
}

describe('update()', () => {
  it('turns a body edit into NODE_UPDATED of that function (and of its file, whose hash changed)', () => {
    const { analyzer, edit } = setup();
    const before = analyzer.graph();
    edit('src/math.ts', 'return a + b;', 'return b + a;');
    const changeSet = analyzer.update(['src/math.ts']);
    expect(changeSet.files).toEqual(['src/math.ts']);
    expect(changeLines(changeSet.changes)).toEqual([
      'NODE_UPDATED src/math.ts',
      'NODE_UPDATED src/math.ts#add',
    ]);
    expectConsistent(before, changeSet, analyzer);
  });

  it('returns an empty change set when nothing that matters changed', () => {
    const { analyzer, read, write } = setup();
    write('src/math.ts', read('src/math.ts'));
    expect(analyzer.update(['src/math.ts']).changes).toEqual([]);
  });

  it('re-resolves dependents when a called function is renamed, including through a barrel', () => {
    const { analyzer, edit } = setup();
    const before = analyzer.graph();
    edit('src/math.ts', 'export function add(', 'export function plus(');
    const changeSet = analyzer.update(['src/math.ts']);
    expect(changeLines(changeSet.changes)).toEqual([
      'EDGE_REMOVED CALLS:src/app.ts#run->src/math.ts#add',
      'EDGE_REMOVED CALLS:src/calc.ts#total->src/math.ts#add',
      'EDGE_REMOVED CONTAINS:src/math.ts->src/math.ts#add',
      'NODE_REMOVED src/math.ts#add',
      'NODE_UPDATED src/app.ts#run',
      'NODE_UPDATED src/calc.ts#total',
      'NODE_UPDATED src/math.ts',
      'NODE_ADDED src/math.ts#plus',
      'EDGE_ADDED CONTAINS:src/math.ts->src/math.ts#plus',
    ]);
    // The callers now have a call they cannot resolve, instead of an edge to nothing.
    const updated = (key: string) =>
      changeSet.changes.find((c) => c.op === 'NODE_UPDATED' && c.node.key === key) as { node: GraphNode };
    expect(updated('src/calc.ts#total').node.props.unresolvedCalls).toBe(1);
    expectConsistent(before, changeSet, analyzer);
  });

  it('follows a function moved to another file', () => {
    const { analyzer, edit, write } = setup();
    const before = analyzer.graph();
    write('src/ops.ts', 'export function add(a: number, b: number): number {\n  return a + b;\n}\n');
    edit(
      'src/math.ts',
      'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
      "export { add } from './ops';\n",
    );
    const changeSet = analyzer.update(['src/ops.ts', 'src/math.ts']);
    const lines = changeLines(changeSet.changes);
    expect(lines).toContain('NODE_REMOVED src/math.ts#add');
    expect(lines).toContain('NODE_ADDED src/ops.ts#add');
    expect(lines).toContain('EDGE_ADDED CALLS:src/calc.ts#total->src/ops.ts#add');
    expect(lines).toContain('EDGE_ADDED CALLS:src/app.ts#run->src/ops.ts#add');
    expect(lines).toContain('EDGE_ADDED IMPORTS:src/math.ts->src/ops.ts');
    expectConsistent(before, changeSet, analyzer);
  });

  it('removes a deleted file, its symbols and every edge into them', () => {
    const { analyzer, remove } = setup();
    const before = analyzer.graph();
    remove('src/calc.ts');
    const changeSet = analyzer.update(['src/calc.ts']);
    expect(changeLines(changeSet.changes)).toEqual([
      'EDGE_REMOVED CALLS:src/calc.ts#total->src/math.ts#add',
      'EDGE_REMOVED CONTAINS:src/calc.ts->src/calc.ts#total',
      'EDGE_REMOVED IMPORTS:src/calc.ts->src/math.ts',
      'NODE_REMOVED src/calc.ts',
      'NODE_REMOVED src/calc.ts#total',
    ]);
    expectConsistent(before, changeSet, analyzer);
  });

  it('adds a new file with its symbols and resolved edges', () => {
    const { analyzer, write } = setup();
    const before = analyzer.graph();
    write(
      'src/extra.ts',
      "import { mul } from './math';\n\nexport const square = (x: number) => mul(x, x);\n",
    );
    const changeSet = analyzer.update(['src/extra.ts']);
    expect(changeLines(changeSet.changes)).toEqual([
      'NODE_ADDED src/extra.ts',
      'NODE_ADDED src/extra.ts#square',
      'EDGE_ADDED CALLS:src/extra.ts#square->src/math.ts#mul',
      'EDGE_ADDED CONTAINS:src/extra.ts->src/extra.ts#square',
      'EDGE_ADDED IMPORTS:src/extra.ts->src/math.ts',
    ]);
    expectConsistent(before, changeSet, analyzer);
  });

  it('follows a rename of a file as a delete and an add, re-resolving its importers', () => {
    const { analyzer, rename, edit } = setup();
    const before = analyzer.graph();
    rename('src/factory.ts', 'src/engines.ts');
    edit('src/app.ts', "from './factory'", "from './engines'");
    const changeSet = analyzer.update(['src/factory.ts', 'src/engines.ts', 'src/app.ts']);
    const lines = changeLines(changeSet.changes);
    expect(lines).toContain('NODE_REMOVED src/factory.ts#make');
    expect(lines).toContain('NODE_ADDED src/engines.ts#make');
    expect(lines).toContain('EDGE_ADDED CALLS:src/app.ts#run->src/engines.ts#Engine.start');
    expectConsistent(before, changeSet, analyzer);
  });

  it('re-resolves a dependent whose call target changed because an inferred return type changed', () => {
    const { analyzer, edit } = setup();
    const before = analyzer.graph();
    edit('src/factory.ts', 'return new Engine();', 'return new Motor();');
    const changeSet = analyzer.update(['src/factory.ts']);
    const lines = changeLines(changeSet.changes);
    expect(lines).toContain('EDGE_REMOVED CALLS:src/app.ts#run->src/factory.ts#Engine.start');
    expect(lines).toContain('EDGE_ADDED CALLS:src/app.ts#run->src/factory.ts#Motor.start');
    expect(lines).toContain('EDGE_ADDED INSTANTIATES:src/factory.ts#make->src/factory.ts#Motor');
    expectConsistent(before, changeSet, analyzer);
  });

  it('resolves an import that a new file satisfies', () => {
    const { analyzer, edit, write } = setup();
    edit(
      'src/app.ts',
      "import { make } from './factory';",
      "import { make } from './factory';\nimport { later } from './later';",
    );
    analyzer.update(['src/app.ts']);
    const before = analyzer.graph();
    write('src/later.ts', 'export const later = 1;\n');
    const changeSet = analyzer.update(['src/later.ts']);
    const lines = changeLines(changeSet.changes);
    expect(lines).toContain('NODE_ADDED src/later.ts');
    expect(lines).toContain('EDGE_ADDED IMPORTS:src/app.ts->src/later.ts');
    expect(lines).toContain('NODE_UPDATED src/app.ts'); // its UNRESOLVED_IMPORT diagnostic is gone
    expectConsistent(before, changeSet, analyzer);
  });

  it('re-analyzes everything on a tsconfig change and still returns only the difference', () => {
    const { analyzer, write } = setup();
    const before = analyzer.graph();
    write(
      'tsconfig.json',
      JSON.stringify({
        compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler' },
        include: ['src'],
        exclude: ['src/calc.ts'],
      }),
    );
    const changeSet = analyzer.update(['tsconfig.json']);
    expect(changeSet.files).toEqual(['tsconfig.json']);
    expect(changeLines(changeSet.changes)).toEqual([
      'EDGE_REMOVED CALLS:src/calc.ts#total->src/math.ts#add',
      'EDGE_REMOVED CONTAINS:src/calc.ts->src/calc.ts#total',
      'EDGE_REMOVED IMPORTS:src/calc.ts->src/math.ts',
      'NODE_REMOVED src/calc.ts',
      'NODE_REMOVED src/calc.ts#total',
    ]);
    expectConsistent(before, changeSet, analyzer);
  });

  it('ignores paths outside the root and files out of scope', () => {
    const { analyzer, write } = setup();
    write('notes.md', '# notes\n');
    expect(analyzer.update(['/etc/passwd', '../outside.ts', 'notes.md']).changes).toEqual([]);
  });
});
