import { describe, expect, it } from 'vitest';
import {
  closeFolder,
  createFolderGraph,
  type FolderData,
  folderChanges,
  folderDepth,
  groupOf,
  nodeShowing,
  openFolders,
  reconcileFolders,
} from '../../client/src/graph/folder-picture.ts';

const folder = (path: string, files: number) => ({ path, folder: true, files });
const file = (path: string) => ({ path, folder: false, files: 1 });
const fixed = () => 0.5;

const top: FolderData = {
  nodes: [folder('lib/', 3), folder('src/', 3), file('main.ts')],
  edges: [
    { from: 'src/', to: 'lib/', imports: 2 },
    { from: 'main.ts', to: 'src/', imports: 1 },
  ],
  truncated: false,
};

const srcOpen: FolderData = {
  nodes: [folder('lib/', 3), file('main.ts'), file('src/a.ts'), file('src/b.ts'), folder('src/deep/', 1)],
  edges: [
    { from: 'src/a.ts', to: 'lib/', imports: 2 },
    { from: 'main.ts', to: 'src/a.ts', imports: 1 },
  ],
  truncated: false,
};

function drawn(data: FolderData) {
  const graph = createFolderGraph();
  reconcileFolders(graph, data, fixed);
  let i = 0;
  graph.forEachNode((key) => {
    graph.mergeNodeAttributes(key, { x: i * 100, y: 0 });
    i += 1;
  });
  return graph;
}

describe('the folder picture', () => {
  it('draws folders and files with short labels, file counts and weighted edges', () => {
    const graph = drawn(top);
    expect(graph.getNodeAttributes('lib/')).toMatchObject({ label: 'lib/', kind: 'FOLDER', files: 3 });
    expect(graph.getNodeAttributes('main.ts')).toMatchObject({ label: 'main.ts', kind: 'FILE', files: 1 });
    expect(graph.getEdgeAttributes('src/->lib/')).toMatchObject({ weight: 2, relation: 'IMPORTS' });
    // Sized by weighted degree: src/ has three imports, main.ts one.
    expect(graph.getNodeAttribute('src/', 'size')).toBeGreaterThan(graph.getNodeAttribute('main.ts', 'size'));
  });

  it('lengthens labels of one name to the path ends that tell them apart', () => {
    const graph = drawn({
      nodes: [
        file('src/a/index.ts'),
        file('src/b/index.ts'),
        folder('src/a/lib/', 2),
        folder('src/b/lib/', 1),
      ],
      edges: [],
      truncated: false,
    });
    expect(graph.mapNodes((key, attributes) => [key, attributes.label])).toEqual([
      ['src/a/index.ts', 'a/index.ts'],
      ['src/b/index.ts', 'b/index.ts'],
      ['src/a/lib/', 'a/lib/'],
      ['src/b/lib/', 'b/lib/'],
    ]);
  });

  it('puts an opened folder’s contents where it stood, moving nothing else', () => {
    const graph = drawn(top);
    const before = { lib: graph.getNodeAttributes('lib/'), src: graph.getNodeAttributes('src/') };
    const result = reconcileFolders(graph, srcOpen, fixed);
    expect(result.removed).toEqual(['src/']);
    expect(result.added.sort()).toEqual(['src/a.ts', 'src/b.ts', 'src/deep/']);
    expect(graph.getNodeAttributes('lib/')).toMatchObject({ x: before.lib.x, y: before.lib.y });
    for (const key of ['src/a.ts', 'src/b.ts', 'src/deep/']) {
      const at = graph.getNodeAttributes(key);
      expect(Math.hypot(at.x - before.src.x, at.y - before.src.y)).toBeLessThan(6);
    }
    expect(graph.hasEdge('src/->lib/')).toBe(false);
    expect(graph.getEdgeAttribute('src/a.ts->lib/', 'weight')).toBe(2);
  });

  it('puts a closed folder at the centre of what it swallows', () => {
    const graph = drawn(srcOpen);
    const inside = ['src/a.ts', 'src/b.ts', 'src/deep/'].map((key) => graph.getNodeAttributes(key));
    const centre = inside.reduce((sum, at) => sum + at.x, 0) / inside.length;
    reconcileFolders(graph, top, fixed);
    expect(Math.abs(graph.getNodeAttribute('src/', 'x') - centre)).toBeLessThan(6);
  });

  it('reports changed file counts as updates and keeps unchanged nodes quiet', () => {
    const graph = drawn(top);
    const result = reconcileFolders(graph, {
      ...top,
      nodes: [folder('lib/', 4), folder('src/', 3), file('main.ts')],
    });
    expect(result).toMatchObject({ added: [], removed: [], updated: ['lib/'] });
  });

  it('colours by the top-level folder below what all share, by package inside a folder of packages', () => {
    expect(groupOf('src/lib/a.ts', 'src/')).toBe('src/lib');
    expect(groupOf('src/lib/', 'src/')).toBe('src/lib');
    expect(groupOf('packages/core/src/', '')).toBe('packages/core');
    const graph = drawn(srcOpen);
    expect(graph.getNodeAttribute('src/a.ts', 'color')).toBe(graph.getNodeAttribute('src/deep/', 'color'));
  });

  it('finds the node showing a file: the file, or the closed folder holding it', () => {
    const graph = drawn(srcOpen);
    expect(nodeShowing(graph, 'src/a.ts')).toBe('src/a.ts');
    expect(nodeShowing(graph, 'src/deep/x/y.ts')).toBe('src/deep/');
    expect(nodeShowing(graph, 'lib/z.ts')).toBe('lib/');
    expect(nodeShowing(graph, 'tools/t.ts')).toBeUndefined();
  });

  it('tells a revision that adds files or file imports from one that only edits code', () => {
    const edit = folderChanges({
      revision: 3,
      files: ['src/a.ts'],
      timestamp: 0,
      changes: [
        { op: 'NODE_UPDATED', key: 'src/a.ts#f', kind: 'FUNCTION' },
        { op: 'EDGE_ADDED', key: 'IMPORTS:src/a.ts->npm:react', kind: 'IMPORTS' },
      ],
    });
    expect(edit).toEqual({ files: new Set(['src/a.ts']), structural: false });
    const added = folderChanges({
      revision: 4,
      files: ['tools/t.ts'],
      timestamp: 0,
      changes: [
        { op: 'NODE_ADDED', key: 'tools/t.ts', kind: 'FILE' },
        { op: 'EDGE_ADDED', key: 'IMPORTS:tools/t.ts->lib/e.ts', kind: 'IMPORTS' },
      ],
    });
    expect(added).toEqual({ files: new Set(['tools/t.ts', 'lib/e.ts']), structural: true });
  });
});

describe('closing a folder', () => {
  const shown = ['lib/', 'src/a.ts', 'src/deep/x/', 'src/deep/z.ts', 'top.ts'];

  it('knows what is open: every folder above a shown node, below the prefix’s folder', () => {
    expect(openFolders(shown, '')).toEqual(['src/', 'src/deep/']);
    expect(openFolders(['src/lib/a.ts', 'src/b.ts'], 'src/')).toEqual(['src/lib/']);
  });

  it('keeps every other open folder open by name', () => {
    expect(closeFolder(shown, { pathPrefix: '', level: 1 }, 'src/deep/')).toEqual({
      level: 1,
      open: ['src/'],
    });
    expect(closeFolder(shown, { pathPrefix: '', level: 1 }, 'src/')).toEqual({ level: 1, open: [] });
  });

  it('lowers the level when the level opened it, naming the siblings that stay open', () => {
    const wide = ['lib/d.ts', 'src/a.ts', 'src/deep/'];
    expect(closeFolder(wide, { pathPrefix: '', level: 2 }, 'src/')).toEqual({ level: 1, open: ['lib/'] });
  });

  it('counts depth below the folder of the path prefix', () => {
    expect(folderDepth('src/lib/', '')).toBe(2);
    expect(folderDepth('src/lib/', 'src/')).toBe(1);
    expect(folderDepth('src/lib/', 'src/li')).toBe(1);
    expect(closeFolder(['src/lib/a.ts', 'src/b.ts'], { pathPrefix: 'src/', level: 2 }, 'src/lib/')).toEqual({
      level: 1,
      open: [],
    });
  });
});
