import { describe, expect, it } from 'vitest';
import type { Change, GraphEdge } from '../../server/model/index.ts';
import { ImportGraph, importTouchedFiles } from '../../server/semantic/index.ts';

const imports = (from: string, to: string, typeOnly = false): GraphEdge => ({
  type: 'IMPORTS',
  from,
  to,
  props: { typeOnly },
});

describe('the import graph kept for cycles', () => {
  it('finds the cycles through the given files only, in a long chain with a cycle elsewhere', () => {
    const edges: GraphEdge[] = [];
    for (let i = 0; i < 10_000; i++) edges.push(imports(`f${i}.ts`, `f${i + 1}.ts`));
    edges.push(imports('f10000.ts', 'f9998.ts'), imports('x.ts', 'y.ts'), imports('y.ts', 'x.ts'));
    const graph = new ImportGraph(edges);
    expect(graph.cyclesThrough(['f9999.ts'])).toEqual([['f10000.ts', 'f9998.ts', 'f9999.ts']]);
    expect(graph.cyclesThrough(['f5.ts'])).toEqual([]);
    expect(graph.cyclesThrough(['x.ts', 'f1.ts'])).toEqual([['x.ts', 'y.ts']]);
  });

  it('follows change sets: type-only and external imports are no dependency, removed files take their imports along', () => {
    const graph = new ImportGraph([imports('a.ts', 'b.ts'), imports('b.ts', 'npm:react')]);
    const closing: Change[] = [{ op: 'EDGE_ADDED', edge: imports('b.ts', 'a.ts') }];
    expect(importTouchedFiles(closing)).toEqual(['a.ts', 'b.ts']);
    graph.apply(closing);
    expect(graph.cyclesThrough(['a.ts'])).toEqual([['a.ts', 'b.ts']]);
    // The same edge again, now type-only (an upsert): the cycle is gone.
    graph.apply([{ op: 'EDGE_ADDED', edge: imports('b.ts', 'a.ts', true) }]);
    expect(graph.cyclesThrough(['a.ts'])).toEqual([]);
    graph.apply(closing);
    graph.apply([{ op: 'NODE_REMOVED', key: 'b.ts', kind: 'FILE' }]);
    expect(graph.cyclesThrough(['a.ts', 'b.ts'])).toEqual([]);
    expect(importTouchedFiles([{ op: 'EDGE_ADDED', edge: imports('a.ts', 'npm:react') }])).toEqual([]);
  });

  it('counts a file importing itself as a cycle', () => {
    const graph = new ImportGraph([imports('a.ts', 'a.ts')]);
    expect(graph.cyclesThrough(['a.ts'])).toEqual([['a.ts']]);
  });
});
