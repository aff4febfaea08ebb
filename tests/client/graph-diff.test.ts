import { describe, expect, it } from 'vitest';
import {
  applyGraphChanges,
  createPictureGraph,
  type PictureGraph,
  reconcileSlice,
  type SliceData,
  type SliceScope,
} from '../../client/src/graph/graph-diff.ts';
import type { GraphChange } from '../../client/src/live/revision.ts';

const imports: SliceScope = { mode: 'imports', limit: 100 };
const around = (focus: string, depth = 1, limit = 100): SliceScope => ({
  mode: 'neighbourhood',
  focus,
  depth,
  limit,
});

/** A deterministic jitter source. */
function sequence(): () => number {
  let n = 0;
  return () => ((n++ * 0.37) % 1) as number;
}

const importEdge = (from: string, to: string) => ({
  key: `IMPORTS:${from}->${to}`,
  type: 'IMPORTS',
  from,
  to,
});

function importSlice(): SliceData {
  return {
    nodes: [
      { key: 'src/a.ts', kind: 'FILE', name: 'a.ts' },
      { key: 'src/b.ts', kind: 'FILE', name: 'b.ts' },
      { key: 'src/c.ts', kind: 'FILE', name: 'c.ts' },
    ],
    edges: [importEdge('src/a.ts', 'src/b.ts'), importEdge('src/b.ts', 'src/c.ts')],
    truncated: false,
  };
}

function positions(graph: PictureGraph): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  graph.forEachNode((key, a) => {
    out[key] = [a.x, a.y];
  });
  return out;
}

function laidOut(slice: SliceData, scope: SliceScope): PictureGraph {
  const graph = createPictureGraph();
  reconcileSlice(graph, slice, scope, { random: sequence() });
  let i = 0;
  graph.forEachNode((key) => {
    graph.mergeNodeAttributes(key, { x: i * 10, y: i * 5 });
    i++;
  });
  return graph;
}

const nodeAdded = (key: string, kind = 'FILE', name?: string): GraphChange => ({
  op: 'NODE_ADDED',
  key,
  kind,
  properties: { name: name ?? key },
});
const edgeAdded = (type: string, from: string, to: string): GraphChange => ({
  op: 'EDGE_ADDED',
  key: `${type}:${from}->${to}`,
  kind: type,
  from,
  to,
});
const edgeRemoved = (type: string, from: string, to: string): GraphChange => ({
  op: 'EDGE_REMOVED',
  key: `${type}:${from}->${to}`,
  kind: type,
  from,
  to,
});

describe('graph diff: the file import graph', () => {
  it('adds a new file and its import, near the file it is linked to, moving nothing else', () => {
    const graph = laidOut(importSlice(), imports);
    const before = positions(graph);
    const result = applyGraphChanges(
      graph,
      [nodeAdded('src/d.ts'), edgeAdded('IMPORTS', 'src/c.ts', 'src/d.ts')],
      imports,
      { random: sequence() },
    );
    expect(result.added).toEqual(['src/d.ts']);
    expect(result.edgesAdded).toEqual(['IMPORTS:src/c.ts->src/d.ts']);
    expect(graph.hasEdge('IMPORTS:src/c.ts->src/d.ts')).toBe(true);
    const after = positions(graph);
    for (const key of Object.keys(before)) expect(after[key]).toEqual(before[key]);
    const [cx, cy] = after['src/c.ts']!;
    const [dx, dy] = after['src/d.ts']!;
    const extent = Math.hypot(20, 10);
    expect(Math.hypot(dx - cx, dy - cy)).toBeLessThan(extent);
  });

  it('removes a file with its edges, and reports it', () => {
    const graph = laidOut(importSlice(), imports);
    const result = applyGraphChanges(graph, [{ op: 'NODE_REMOVED', key: 'src/b.ts', kind: 'FILE' }], imports);
    expect(result.removed).toEqual(['src/b.ts']);
    expect(graph.hasNode('src/b.ts')).toBe(false);
    expect(graph.size).toBe(0);
  });

  it('reports updated nodes so the picture can flash them', () => {
    const graph = laidOut(importSlice(), imports);
    const result = applyGraphChanges(
      graph,
      [{ op: 'NODE_UPDATED', key: 'src/a.ts', kind: 'FILE', properties: { lines: 3 } }],
      imports,
    );
    expect(result.updated).toEqual(['src/a.ts']);
    expect(result.added).toEqual([]);
  });

  it('ignores symbols, external modules and edges other than imports between shown files', () => {
    const graph = laidOut(importSlice(), imports);
    const result = applyGraphChanges(
      graph,
      [
        nodeAdded('src/a.ts#f', 'FUNCTION'),
        edgeAdded('CONTAINS', 'src/a.ts', 'src/a.ts#f'),
        nodeAdded('npm:react', 'EXTERNAL_MODULE'),
        edgeAdded('IMPORTS', 'src/a.ts', 'npm:react'),
      ],
      imports,
    );
    expect(result.added).toEqual([]);
    expect(graph.order).toBe(3);
    expect(graph.size).toBe(2);
  });

  it('keeps files outside the path prefix out', () => {
    const scope: SliceScope = { mode: 'imports', pathPrefix: 'src/', limit: 100 };
    const graph = laidOut(importSlice(), scope);
    applyGraphChanges(graph, [nodeAdded('test/x.ts'), nodeAdded('src/y.ts')], scope);
    expect(graph.hasNode('test/x.ts')).toBe(false);
    expect(graph.hasNode('src/y.ts')).toBe(true);
  });

  it('stops at the limit and counts what it left out', () => {
    const scope: SliceScope = { mode: 'imports', limit: 4 };
    const graph = laidOut(importSlice(), scope);
    const result = applyGraphChanges(graph, [nodeAdded('src/d.ts'), nodeAdded('src/e.ts')], scope);
    expect(graph.order).toBe(4);
    expect(result.skipped).toBe(1);
  });

  it('is idempotent: replaying a revision changes nothing more', () => {
    const graph = laidOut(importSlice(), imports);
    const changes = [
      nodeAdded('src/d.ts'),
      edgeAdded('IMPORTS', 'src/a.ts', 'src/d.ts'),
      edgeRemoved('IMPORTS', 'src/b.ts', 'src/c.ts'),
    ];
    applyGraphChanges(graph, changes, imports, { random: sequence() });
    const once = { nodes: graph.nodes().sort(), edges: graph.edges().sort(), at: positions(graph) };
    const again = applyGraphChanges(graph, changes, imports, { random: sequence() });
    expect({ nodes: graph.nodes().sort(), edges: graph.edges().sort(), at: positions(graph) }).toEqual(once);
    expect(again.added).toEqual([]);
    expect(again.edgesAdded).toEqual([]);
  });

  it('treats EDGE_ADDED of a shown edge as an upsert', () => {
    const graph = laidOut(importSlice(), imports);
    const result = applyGraphChanges(graph, [edgeAdded('IMPORTS', 'src/a.ts', 'src/b.ts')], imports);
    expect(result.edgesAdded).toEqual([]);
    expect(graph.size).toBe(2);
  });

  it('drops a node added and removed in the same revision without reporting it', () => {
    const graph = laidOut(importSlice(), imports);
    const result = applyGraphChanges(
      graph,
      [nodeAdded('src/d.ts'), { op: 'NODE_REMOVED', key: 'src/d.ts', kind: 'FILE' }],
      imports,
    );
    expect(result.added).toEqual([]);
    expect(result.removed).toEqual([]);
    expect(graph.hasNode('src/d.ts')).toBe(false);
  });

  it('reads the ends of an edge from its key when from and to are absent', () => {
    const graph = laidOut(importSlice(), imports);
    applyGraphChanges(
      graph,
      [{ op: 'EDGE_ADDED', key: 'IMPORTS:src/c.ts->src/a.ts', kind: 'IMPORTS' }],
      imports,
    );
    expect(graph.hasEdge('IMPORTS:src/c.ts->src/a.ts')).toBe(true);
    expect(graph.source('IMPORTS:src/c.ts->src/a.ts')).toBe('src/c.ts');
  });
});

describe('graph diff: a neighbourhood', () => {
  const focus = 'src/math.ts';
  const slice: SliceData = {
    nodes: [
      { key: focus, kind: 'FILE', name: 'math.ts' },
      { key: `${focus}#add`, kind: 'FUNCTION', name: 'add' },
    ],
    edges: [{ key: `CONTAINS:${focus}->${focus}#add`, type: 'CONTAINS', from: focus, to: `${focus}#add` }],
    truncated: false,
  };

  it('brings in a new function through the edge that links it to the focus, with its announced kind', () => {
    const graph = laidOut(slice, around(focus));
    const result = applyGraphChanges(
      graph,
      [nodeAdded(`${focus}#triple`, 'FUNCTION', 'triple'), edgeAdded('CONTAINS', focus, `${focus}#triple`)],
      around(focus),
      { random: sequence() },
    );
    expect(result.added).toEqual([`${focus}#triple`]);
    expect(graph.getNodeAttributes(`${focus}#triple`)).toMatchObject({
      kind: 'FUNCTION',
      label: 'triple',
      depth: 1,
    });
  });

  it('places a new leaf of the focus as far out as its other leaves, not onto it', () => {
    const graph = laidOut(slice, around(focus));
    graph.mergeNodeAttributes(focus, { x: 0, y: 0 });
    graph.mergeNodeAttributes(`${focus}#add`, { x: 100, y: 0 });
    applyGraphChanges(
      graph,
      [nodeAdded(`${focus}#triple`, 'FUNCTION', 'triple'), edgeAdded('CONTAINS', focus, `${focus}#triple`)],
      around(focus),
      { random: sequence() },
    );
    const { x, y } = graph.getNodeAttributes(`${focus}#triple`);
    expect(Math.hypot(x, y)).toBeGreaterThanOrEqual(80);
    expect(Math.hypot(x, y)).toBeLessThanOrEqual(120);
  });

  it('does not grow past its depth', () => {
    const graph = laidOut(slice, around(focus, 1));
    applyGraphChanges(graph, [edgeAdded('CALLS', `${focus}#add`, 'src/other.ts#g')], around(focus, 1));
    expect(graph.hasNode('src/other.ts#g')).toBe(false);
    const deeper = laidOut(slice, around(focus, 2));
    applyGraphChanges(deeper, [edgeAdded('CALLS', `${focus}#add`, 'src/other.ts#g')], around(focus, 2));
    expect(deeper.getNodeAttributes('src/other.ts#g')).toMatchObject({
      depth: 2,
      kind: 'SYMBOL',
      label: 'g',
    });
  });

  it('keeps to its edge types', () => {
    const scope: SliceScope = { ...around(focus), edgeTypes: ['CALLS'] } as SliceScope;
    const graph = laidOut(slice, scope);
    applyGraphChanges(graph, [edgeAdded('CONTAINS', focus, `${focus}#sub`)], scope);
    expect(graph.hasNode(`${focus}#sub`)).toBe(false);
  });

  it('lets a node go when its last link into the picture is removed', () => {
    const graph = laidOut(slice, around(focus));
    const result = applyGraphChanges(graph, [edgeRemoved('CONTAINS', focus, `${focus}#add`)], around(focus));
    expect(graph.hasNode(`${focus}#add`)).toBe(false);
    expect(graph.hasNode(focus)).toBe(true);
    expect(result.removed).toEqual([`${focus}#add`]);
  });
});

describe('reconcileSlice', () => {
  it('keeps the positions of nodes still there, drops the gone, places the new', () => {
    const graph = laidOut(importSlice(), imports);
    const before = positions(graph);
    const next: SliceData = {
      nodes: [
        { key: 'src/a.ts', kind: 'FILE', name: 'a.ts' },
        { key: 'src/b.ts', kind: 'FILE', name: 'b.ts' },
        { key: 'src/d.ts', kind: 'FILE', name: 'd.ts' },
      ],
      edges: [importEdge('src/a.ts', 'src/b.ts'), importEdge('src/b.ts', 'src/d.ts')],
      truncated: false,
    };
    const result = reconcileSlice(graph, next, imports, { random: sequence() });
    expect(result.removed).toEqual(['src/c.ts']);
    expect(result.added).toEqual(['src/d.ts']);
    expect(result.edgesRemoved).toEqual(['IMPORTS:src/b.ts->src/c.ts']);
    const after = positions(graph);
    expect(after['src/a.ts']).toEqual(before['src/a.ts']);
    expect(after['src/b.ts']).toEqual(before['src/b.ts']);
    expect(graph.edges().sort()).toEqual(['IMPORTS:src/a.ts->src/b.ts', 'IMPORTS:src/b.ts->src/d.ts']);
  });

  it('computes depths from the focus in a neighbourhood', () => {
    const graph = createPictureGraph();
    reconcileSlice(
      graph,
      {
        nodes: [
          { key: 'f#a', kind: 'FUNCTION', name: 'a' },
          { key: 'f#b', kind: 'FUNCTION', name: 'b' },
          { key: 'f#c', kind: 'FUNCTION', name: 'c' },
        ],
        edges: [
          { key: 'CALLS:f#b->f#a', type: 'CALLS', from: 'f#b', to: 'f#a' },
          { key: 'CALLS:f#c->f#b', type: 'CALLS', from: 'f#c', to: 'f#b' },
        ],
        truncated: false,
      },
      around('f#a', 2),
    );
    expect(graph.getNodeAttribute('f#a', 'depth')).toBe(0);
    expect(graph.getNodeAttribute('f#b', 'depth')).toBe(1);
    expect(graph.getNodeAttribute('f#c', 'depth')).toBe(2);
    expect(graph.getNodeAttribute('f#a', 'size')).toBeGreaterThan(graph.getNodeAttribute('f#b', 'size'));
  });
});

describe('an impact picture', () => {
  const sum = 'src/math.ts#sum';
  // The dependencies, as the server's impactGraph says with the slice.
  const scope: SliceScope = {
    mode: 'impact',
    keys: [sum],
    depth: 2,
    limit: 100,
    edgeTypes: ['IMPORTS', 'CALLS', 'INSTANTIATES', 'EXTENDS', 'IMPLEMENTS', 'REFERENCES'],
  };
  const slice: SliceData = {
    nodes: [
      { key: sum, kind: 'FUNCTION', name: 'sum' },
      { key: 'src/a.ts#total', kind: 'FUNCTION', name: 'total' },
    ],
    edges: [{ key: `CALLS:src/a.ts#total->${sum}`, type: 'CALLS', from: 'src/a.ts#total', to: sum }],
    truncated: false,
  };

  it('grows by new dependents within its depth, never by what a shown node depends on', () => {
    const graph = laidOut(slice, scope);
    const result = applyGraphChanges(
      graph,
      [
        nodeAdded('src/b.ts#report', 'FUNCTION', 'report'),
        edgeAdded('CALLS', 'src/b.ts#report', 'src/a.ts#total'),
        nodeAdded('src/c.ts#far', 'FUNCTION', 'far'),
        edgeAdded('CALLS', 'src/c.ts#far', 'src/b.ts#report'),
        nodeAdded('src/math.ts#helper', 'FUNCTION', 'helper'),
        edgeAdded('CALLS', sum, 'src/math.ts#helper'),
      ],
      scope,
      { random: sequence() },
    );
    expect(result.added).toEqual(['src/b.ts#report']);
    expect(graph.getNodeAttributes('src/b.ts#report')).toMatchObject({ depth: 2, label: 'report' });
  });

  it('lets a dependent go when its last dependency edge is removed, keeping the nodes asked about', () => {
    const graph = laidOut(slice, scope);
    const result = applyGraphChanges(graph, [edgeRemoved('CALLS', 'src/a.ts#total', sum)], scope);
    expect(result.removed).toEqual(['src/a.ts#total']);
    expect(graph.hasNode(sum)).toBe(true);
  });
});
