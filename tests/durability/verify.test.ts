import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffGraph, indexGraph } from '../../server/analysis/diff.ts';
import { Analyzer } from '../../server/analysis/index.ts';
import { createMemoryStore } from '../../server/graph/memory/memory-store.ts';
import { changeKey, type GraphEdge, type GraphNode } from '../../server/model/index.ts';
import { copyFixture, removeCopies } from '../helpers/fixtures.ts';
import { editIncremental } from './edits.ts';

afterAll(removeCopies);

/** A graph in a comparable form: as a store holds it (null properties dropped), sorted. */
function sorted(input: { nodes: readonly GraphNode[]; edges: readonly GraphEdge[] }) {
  const edgeId = (e: GraphEdge) => `${e.type}:${e.from}->${e.to}`;
  const graph = createMemoryStore({ revision: 1, nodes: input.nodes, edges: input.edges }).capture();
  return {
    nodes: [...graph.nodes].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    edges: [...graph.edges].sort((a, b) => (edgeId(a) < edgeId(b) ? -1 : edgeId(a) > edgeId(b) ? 1 : 0)),
  };
}

/** Analyzes `root` from scratch and returns its graph and layout: what a snapshot would hold. */
function coldGraph(root: string) {
  const analyzer = new Analyzer({ root });
  analyzer.analyze();
  return { ...analyzer.graph(), layout: analyzer.layout() };
}

/** The stored graph with a verify's change set applied, as a store would hold it. */
async function afterVerify(stored: ReturnType<typeof coldGraph>, root: string) {
  const store = createMemoryStore({ revision: 7, nodes: stored.nodes, edges: stored.edges });
  // What a snapshot holds: the records as the store keeps them (null properties dropped).
  const outcome = new Analyzer({ root }).verify({ ...store.capture(), layout: stored.layout });
  if (outcome.changeSet.changes.length > 0) await store.apply(outcome.changeSet);
  return { outcome, graph: sorted(store.capture()), revision: await store.revision() };
}

describe('verifying a snapshot (Analyzer.verify)', () => {
  it('finds nothing to do when nothing changed, reusing every file', async () => {
    const root = copyFixture('incremental');
    const stored = coldGraph(root);
    const { outcome, graph, revision } = await afterVerify(stored, root);
    expect(outcome.changeSet.changes).toEqual([]);
    expect(outcome.reused).toBe(outcome.summary.files);
    expect(revision).toBe(7);
    expect(graph).toEqual(sorted(stored));
  });

  it('brings the graph to what a cold analysis finds after edits, additions and deletions', async () => {
    const root = copyFixture('incremental');
    const stored = coldGraph(root);
    // An inferred return type changes: app.ts, not edited, must resolve `make().start()` anew.
    const factory = path.join(root, 'src/factory.ts');
    writeFileSync(
      factory,
      readFileSync(factory, 'utf8').replace('return new Engine();', 'return new Motor();'),
    );
    editIncremental(root);

    const { outcome, graph } = await afterVerify(stored, root);
    const cold = coldGraph(root);
    expect(graph).toEqual(sorted(cold));
    // No more than the difference: nothing re-resolved alike shows up as a change.
    const minimal = diffGraph(indexGraph(stored.nodes, stored.edges), indexGraph(cold.nodes, cold.edges));
    expect(outcome.changeSet.changes.map(changeKey).sort()).toEqual(minimal.map(changeKey).sort());
    expect(outcome.changeSet.files).toEqual(['src/calc.ts', 'src/extra.ts', 'src/factory.ts', 'src/math.ts']);
    expect(graph.edges).toContainEqual(
      expect.objectContaining({ type: 'CALLS', from: 'src/app.ts#run', to: 'src/factory.ts#Motor.start' }),
    );
    // index.ts (a re-export) went through no checker: only files that changed or depend on them did.
    expect(outcome.reused).toBeGreaterThanOrEqual(1);
  });

  it('resolves a file again when a module it could not import appeared, even past its first 50 diagnostics', async () => {
    const root = copyFixture('incremental');
    // 60 syntax errors first: the diagnostics kept stop at 50, before the unresolved import's.
    const broken = Array.from({ length: 60 }, (_, i) => `const broken${i} = ;\n`).join('');
    writeFileSync(
      path.join(root, 'src/late.ts'),
      `import { soon } from './soon.js';\n${broken}export const later = () => soon();\n`,
    );
    const stored = coldGraph(root);
    writeFileSync(path.join(root, 'src/soon.ts'), 'export function soon() {\n  return 1;\n}\n');
    const { graph } = await afterVerify(stored, root);
    expect(graph).toEqual(sorted(coldGraph(root)));
    expect(graph.edges).toContainEqual(
      expect.objectContaining({ type: 'CALLS', from: 'src/late.ts#later', to: 'src/soon.ts#soon' }),
    );
  });

  it('resolves everything again when the layout changed, still as one difference', async () => {
    const root = copyFixture('incremental');
    const stored = coldGraph(root);
    const tsconfig = path.join(root, 'tsconfig.json');
    writeFileSync(tsconfig, readFileSync(tsconfig, 'utf8').replace('"strict": true', '"strict": false'));
    appendFileSync(path.join(root, 'src/math.ts'), '\nexport const half = (x: number) => x / 2;\n');
    const { outcome, graph } = await afterVerify(stored, root);
    expect(outcome.reused).toBe(0);
    expect(graph).toEqual(sorted(coldGraph(root)));
  });
});
