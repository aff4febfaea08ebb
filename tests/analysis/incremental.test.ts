import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../../server/analysis/index.ts';
import type { ChangeSet, GraphEdge, GraphNode } from '../../server/model/index.ts';
import { edgeKey } from '../../server/model/index.ts';
import { copyFixture, removeCopies, writeFiles } from '../helpers/fixtures.ts';
import { changeLines, edgeLines, nodeByKey } from '../helpers/graph.ts';

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

/**
 * Takes the graph, makes the edit, updates for the given files and checks that the
 * change set turns the old graph into the new one. Returns the change set and its lines.
 */
function applyEdit(analyzer: Analyzer, files: string[], makeEdit: () => void) {
  const before = analyzer.graph();
  makeEdit();
  const changeSet = analyzer.update(files);
  expectConsistent(before, changeSet, analyzer);
  return { changeSet, lines: changeLines(changeSet.changes) };
}

/** The graph of a fresh analysis of the files under `root` as they are now. */
function freshGraph(root: string) {
  const fresh = new Analyzer({ root });
  fresh.analyze();
  return fresh.graph();
}

/** What leaves the graph when src/calc.ts goes (deleted or out of scope). */
const CALC_REMOVED = [
  'EDGE_REMOVED CALLS:src/calc.ts#total->src/math.ts#add',
  'EDGE_REMOVED CONTAINS:src/calc.ts->src/calc.ts#total',
  'EDGE_REMOVED IMPORTS:src/calc.ts->src/math.ts',
  'NODE_REMOVED src/calc.ts',
  'NODE_REMOVED src/calc.ts#total',
];

describe('update()', () => {
  it('turns a body edit into NODE_UPDATED of that function (and of its file, whose hash changed)', () => {
    const { analyzer, edit } = setup();
    const { changeSet, lines } = applyEdit(analyzer, ['src/math.ts'], () =>
      edit('src/math.ts', 'return a + b;', 'return b + a;'),
    );
    expect(changeSet.files).toEqual(['src/math.ts']);
    expect(lines).toEqual(['NODE_UPDATED src/math.ts', 'NODE_UPDATED src/math.ts#add']);
  });

  it('returns an empty change set when nothing that matters changed', () => {
    const { analyzer, read, write } = setup();
    write('src/math.ts', read('src/math.ts'));
    expect(analyzer.update(['src/math.ts']).changes).toEqual([]);
  });

  it('re-resolves dependents when a called function is renamed, including through a barrel', () => {
    const { analyzer, edit } = setup();
    const { changeSet, lines } = applyEdit(analyzer, ['src/math.ts'], () =>
      edit('src/math.ts', 'export function add(', 'export function plus('),
    );
    expect(lines).toEqual([
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
  });

  it('follows a function moved to another file', () => {
    const { analyzer, edit, write } = setup();
    const { lines } = applyEdit(analyzer, ['src/ops.ts', 'src/math.ts'], () => {
      write('src/ops.ts', 'export function add(a: number, b: number): number {\n  return a + b;\n}\n');
      edit(
        'src/math.ts',
        'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
        "export { add } from './ops';\n",
      );
    });
    expect(lines).toContain('NODE_REMOVED src/math.ts#add');
    expect(lines).toContain('NODE_ADDED src/ops.ts#add');
    expect(lines).toContain('EDGE_ADDED CALLS:src/calc.ts#total->src/ops.ts#add');
    expect(lines).toContain('EDGE_ADDED CALLS:src/app.ts#run->src/ops.ts#add');
    expect(lines).toContain('EDGE_ADDED IMPORTS:src/math.ts->src/ops.ts');
  });

  it('removes a deleted file, its symbols and every edge into them', () => {
    const { analyzer, remove } = setup();
    const { lines } = applyEdit(analyzer, ['src/calc.ts'], () => remove('src/calc.ts'));
    expect(lines).toEqual(CALC_REMOVED);
  });

  it('adds a new file with its symbols and resolved edges', () => {
    const { analyzer, write } = setup();
    const { lines } = applyEdit(analyzer, ['src/extra.ts'], () =>
      write(
        'src/extra.ts',
        "import { mul } from './math';\n\nexport const square = (x: number) => mul(x, x);\n",
      ),
    );
    expect(lines).toEqual([
      'NODE_ADDED src/extra.ts',
      'NODE_ADDED src/extra.ts#square',
      'EDGE_ADDED CALLS:src/extra.ts#square->src/math.ts#mul',
      'EDGE_ADDED CONTAINS:src/extra.ts->src/extra.ts#square',
      'EDGE_ADDED IMPORTS:src/extra.ts->src/math.ts',
    ]);
  });

  it('follows a rename of a file as a delete and an add, re-resolving its importers', () => {
    const { analyzer, rename, edit } = setup();
    const { lines } = applyEdit(analyzer, ['src/factory.ts', 'src/engines.ts', 'src/app.ts'], () => {
      rename('src/factory.ts', 'src/engines.ts');
      edit('src/app.ts', "from './factory'", "from './engines'");
    });
    expect(lines).toContain('NODE_REMOVED src/factory.ts#make');
    expect(lines).toContain('NODE_ADDED src/engines.ts#make');
    expect(lines).toContain('EDGE_ADDED CALLS:src/app.ts#run->src/engines.ts#Engine.start');
  });

  it('re-resolves the users of an import that now names another module', () => {
    const { analyzer, edit, write } = setup();
    write('src/ops.ts', 'export function add(a: number, b: number): number {\n  return a + b + 0;\n}\n');
    analyzer.update(['src/ops.ts']);
    const { lines } = applyEdit(analyzer, ['src/calc.ts'], () =>
      edit('src/calc.ts', "import { add } from './math';", "import { add } from './ops';"),
    );
    expect(lines).toContain('EDGE_REMOVED CALLS:src/calc.ts#total->src/math.ts#add');
    expect(lines).toContain('EDGE_ADDED CALLS:src/calc.ts#total->src/ops.ts#add');
  });

  it('leaves no call edge behind when an import is pointed at a module that is not there', () => {
    const { analyzer, edit } = setup();
    const { changeSet, lines } = applyEdit(analyzer, ['src/calc.ts'], () =>
      edit('src/calc.ts', "import { add } from './math';", "import { add } from './missing';"),
    );
    expect(lines).toContain('EDGE_REMOVED CALLS:src/calc.ts#total->src/math.ts#add');
    const total = changeSet.changes.find(
      (c) => c.op === 'NODE_UPDATED' && c.node.key === 'src/calc.ts#total',
    );
    expect(total && 'node' in total ? total.node.props.unresolvedCalls : undefined).toBe(1);
  });

  it('leaves no call edge behind when a barrel stops re-exporting what its importer calls, and finds it again when it does', () => {
    const { root, analyzer, write } = setup();
    const { changeSet, lines } = applyEdit(analyzer, ['src/index.ts'], () =>
      write('src/index.ts', 'export {};\n'),
    );
    expect(lines).toContain('EDGE_REMOVED CALLS:src/app.ts#run->src/math.ts#add');
    const run = changeSet.changes.find((c) => c.op === 'NODE_UPDATED' && c.node.key === 'src/app.ts#run');
    expect(run && 'node' in run ? run.node.props.unresolvedCalls : undefined).toBe(1);
    // What a fresh analysis of the same files finds.
    const fresh = new Analyzer({ root });
    fresh.analyze();
    expect(analyzer.graph().edges.map(edgeKey).sort()).toEqual(fresh.graph().edges.map(edgeKey).sort());

    const back = applyEdit(analyzer, ['src/index.ts'], () =>
      write('src/index.ts', "export * from './math';\n"),
    );
    expect(back.lines).toContain('EDGE_ADDED CALLS:src/app.ts#run->src/math.ts#add');
  });

  it('re-resolves a dependent whose call target changed because an inferred return type changed', () => {
    const { analyzer, edit } = setup();
    const { lines } = applyEdit(analyzer, ['src/factory.ts'], () =>
      edit('src/factory.ts', 'return new Engine();', 'return new Motor();'),
    );
    expect(lines).toContain('EDGE_REMOVED CALLS:src/app.ts#run->src/factory.ts#Engine.start');
    expect(lines).toContain('EDGE_ADDED CALLS:src/app.ts#run->src/factory.ts#Motor.start');
    expect(lines).toContain('EDGE_ADDED INSTANTIATES:src/factory.ts#make->src/factory.ts#Motor');
  });

  it('resolves an import that a new file satisfies', () => {
    const { analyzer, edit, write } = setup();
    edit(
      'src/app.ts',
      "import { make } from './factory';",
      "import { make } from './factory';\nimport { later } from './later';",
    );
    analyzer.update(['src/app.ts']);
    const { lines } = applyEdit(analyzer, ['src/later.ts'], () =>
      write('src/later.ts', 'export const later = 1;\n'),
    );
    expect(lines).toContain('NODE_ADDED src/later.ts');
    expect(lines).toContain('EDGE_ADDED IMPORTS:src/app.ts->src/later.ts');
    expect(lines).toContain('NODE_UPDATED src/app.ts'); // its UNRESOLVED_IMPORT diagnostic is gone
  });

  it('re-analyzes everything on a tsconfig change and still returns only the difference', () => {
    const { analyzer, write } = setup();
    const { changeSet, lines } = applyEdit(analyzer, ['tsconfig.json'], () =>
      write(
        'tsconfig.json',
        JSON.stringify({
          compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler' },
          include: ['src'],
          exclude: ['src/calc.ts'],
        }),
      ),
    );
    expect(changeSet.files).toEqual(['tsconfig.json']);
    expect(lines).toEqual(CALC_REMOVED);
  });

  it('keeps the project as it was while a tsconfig saved half-way through an edit does not parse, and reads it once it does', () => {
    const { analyzer, write, read } = setup();
    const files = analyzer.files();
    const good = read('tsconfig.json');
    // An editor's autosave in the middle of retyping a path: the string is not closed yet.
    write('tsconfig.json', good.replace('"include": ["src"]', '"include": ["sr'));
    expect(analyzer.update(['tsconfig.json']).changes).toEqual([]);
    expect(analyzer.files()).toEqual(files);
    // Said, with where it does not parse, for the server to log.
    expect(analyzer.problems()).toEqual([
      expect.stringMatching(
        /^tsconfig\.json: does not parse \(\d+:\d+ .+\): the project keeps its layout until it does$/,
      ),
    ]);
    // A source saved meanwhile is analyzed as usual.
    const { lines: saved } = applyEdit(analyzer, ['tsconfig.json', 'src/calc.ts'], () =>
      write('src/calc.ts', `${read('src/calc.ts')}export function none(): number {\n  return 0;\n}\n`),
    );
    expect(saved).toContain('NODE_ADDED src/calc.ts#none');
    expect(analyzer.files()).toEqual(files);
    // Once it parses again, it is the project's layout: here, without src/calc.ts.
    const { lines } = applyEdit(analyzer, ['tsconfig.json'], () =>
      write(
        'tsconfig.json',
        good.replace('"include": ["src"]', '"include": ["src"], "exclude": ["src/calc.ts"]'),
      ),
    );
    expect(lines).toEqual(
      [
        ...CALC_REMOVED,
        'EDGE_REMOVED CONTAINS:src/calc.ts->src/calc.ts#none',
        'NODE_REMOVED src/calc.ts#none',
      ].sort(),
    );
    expect(analyzer.problems()).toEqual([]);
  });

  it('says a held tsconfig is read as it is once another config change re-reads the layout, and holds no config the layout does not read', () => {
    const { analyzer, write, read, root } = setup();
    // A broken JSON fixture the project does not use: nothing to hold, nothing to say.
    mkdirSync(path.join(root, 'fixtures/bad'), { recursive: true });
    write('fixtures/bad/tsconfig.json', '{ "include": [');
    analyzer.update(['fixtures/bad/tsconfig.json']);
    expect(analyzer.problems()).toEqual([]);
    write('tsconfig.json', read('tsconfig.json').replace('"include": ["src"]', '"include": ["src"],,'));
    analyzer.update(['tsconfig.json']);
    expect(analyzer.problems()).toEqual([expect.stringContaining('keeps its layout until it does')]);
    // package.json changes: the layout is read again, the tsconfig as it is (leniently).
    write('package.json', JSON.stringify({ name: 'incremental' }));
    analyzer.update(['package.json']);
    expect(analyzer.problems()).toEqual([expect.stringMatching(/^tsconfig\.json: /)]);
    expect(analyzer.problems().join()).not.toContain('keeps its layout');
  });

  it("states a tsconfig's problems after an update re-reads it, and no longer once they are fixed", () => {
    const { analyzer, write, read } = setup();
    const good = read('tsconfig.json');
    expect(analyzer.problems()).toEqual([]);
    write(
      'tsconfig.json',
      good.replace('"include": ["src"]', '"include": ["src"], "compilerOptions": { "notAnOption": true }'),
    );
    analyzer.update(['tsconfig.json']);
    expect(analyzer.problems()).toEqual([expect.stringMatching(/^tsconfig\.json: .*'notAnOption'/)]);
    write('tsconfig.json', good);
    analyzer.update(['tsconfig.json']);
    expect(analyzer.problems()).toEqual([]);
  });

  it('holds a new workspace package while its package.json does not parse, says where, and adds the package once it does', () => {
    const root = copyFixture('workspace');
    const analyzer = new Analyzer({ root });
    analyzer.analyze();
    const files = analyzer.files();
    const write = (name: string, text: string) => writeFiles(root, { [name]: text });
    // A new package of `packages/*`: its tsconfig and source first, then its manifest.
    write(
      'packages/util/tsconfig.json',
      readFileSync(path.join(root, 'packages/core/tsconfig.json'), 'utf8'),
    );
    write(
      'packages/util/src/index.ts',
      'export function clamp(n: number): number {\n  return Math.max(0, n);\n}\n',
    );
    analyzer.update(['packages/util/tsconfig.json', 'packages/util/src/index.ts']);
    expect(analyzer.files()).toEqual(files);
    const manifest = JSON.stringify({ name: '@acme/util', version: '1.0.0' }, null, 2);
    // An editor's autosave half-way through typing it.
    write('packages/util/package.json', manifest.slice(0, manifest.indexOf('"version"')));
    expect(analyzer.update(['packages/util/package.json']).changes).toEqual([]);
    expect(analyzer.files()).toEqual(files);
    expect(analyzer.problems()).toEqual([
      expect.stringMatching(
        /^packages\/util\/package\.json: does not parse \(\d+:\d+ .+\): the project keeps its layout until it does$/,
      ),
    ]);
    // Read as it is when another change reads the layout again, or by a new analysis: still said.
    analyzer.update(['package.json']);
    expect(analyzer.files()).toEqual(files);
    const brokenManifest = /^packages\/util\/package\.json: does not parse \(\d+:\d+ .+\)/;
    expect(analyzer.problems()).toEqual([expect.stringMatching(brokenManifest)]);
    expect(new Analyzer({ root }).analyze().problems).toEqual([expect.stringMatching(brokenManifest)]);
    // Once it parses, the package is the workspace's, and nothing is left to say.
    write('packages/util/package.json', manifest);
    const { lines } = applyEdit(analyzer, ['packages/util/package.json'], () => {});
    expect(analyzer.files()).toEqual([...files, 'packages/util/src/index.ts'].sort());
    expect(lines).toContain('NODE_ADDED packages/util/src/index.ts#clamp');
    expect(analyzer.problems()).toEqual([]);
  });

  it('resolves the calls and uses of an import once the module it names is created', () => {
    const { analyzer, write } = setup();
    applyEdit(analyzer, ['src/late.ts'], () =>
      write(
        'src/late.ts',
        "import { soon, Later } from './soon.js';\nexport const later = () => soon(new Later());\n",
      ),
    );
    const { lines } = applyEdit(analyzer, ['src/soon.ts'], () =>
      write('src/soon.ts', 'export class Later {}\nexport function soon(l: Later) {\n  return l;\n}\n'),
    );
    expect(lines).toContain('EDGE_ADDED CALLS:src/late.ts#later->src/soon.ts#soon');
    expect(lines).toContain('EDGE_ADDED INSTANTIATES:src/late.ts#later->src/soon.ts#Later');
    expect(lines).toContain('EDGE_ADDED IMPORTS:src/late.ts->src/soon.ts');
  });

  it('resolves a file waiting for a module again only when an added file may be that module', () => {
    const { analyzer, write } = setup();
    applyEdit(analyzer, ['src/late.ts'], () =>
      write(
        'src/late.ts',
        "import { soon } from './generated/soon.js';\nexport const later = () => soon();\n",
      ),
    );
    const resolving = (paths: string[]) => {
      let total = 0;
      analyzer.update(paths, {
        onProgress: (p) => {
          if (p.phase === 'RESOLVING') total = p.filesTotal;
        },
      });
      return total;
    };
    write('src/unrelated.ts', 'export const unrelated = 1;\n');
    // Only the new file: src/late.ts still waits for another.
    expect(resolving(['src/unrelated.ts'])).toBe(1);
    mkdirSync(path.join(analyzer.root, 'src/generated'), { recursive: true });
    write('src/generated/soon.ts', 'export function soon() {\n  return 1;\n}\n');
    expect(resolving(['src/generated/soon.ts'])).toBe(2);
    expect(edgeLines(analyzer.graph().edges, 'CALLS')).toContain(
      'CALLS src/late.ts#later -> src/generated/soon.ts#soon',
    );
  });

  it('resolves a file waiting for a path alias once the file the alias names is created', () => {
    const { analyzer, write, root } = setup();
    write(
      'tsconfig.json',
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'ESNext',
          moduleResolution: 'Bundler',
          paths: { '@shared': ['./libs/shared/src/index.ts'] },
        },
        include: ['src', 'libs'],
      }),
    );
    analyzer.update(['tsconfig.json']);
    applyEdit(analyzer, ['src/late.ts'], () =>
      write('src/late.ts', "import { soon } from '@shared';\nexport const later = () => soon();\n"),
    );
    mkdirSync(path.join(root, 'libs/shared/src'), { recursive: true });
    const { lines } = applyEdit(analyzer, ['libs/shared/src/index.ts'], () =>
      write('libs/shared/src/index.ts', 'export function soon() {\n  return 1;\n}\n'),
    );
    expect(lines).toContain('EDGE_ADDED CALLS:src/late.ts#later->libs/shared/src/index.ts#soon');
    expect(lines).toContain('EDGE_ADDED IMPORTS:src/late.ts->libs/shared/src/index.ts');
  });

  it('finds again what code reaching a deleted file through another file used, once it is back', () => {
    const { analyzer, write, read, remove } = setup();
    write('src/svc.ts', "export class Svc {\n  kind = 'svc';\n  run() {\n    return 1;\n  }\n}\n");
    write(
      'src/maker.ts',
      "import { Svc } from './svc.js';\nexport function make() {\n  return new Svc();\n}\n",
    );
    write(
      'src/user.ts',
      "import { make } from './maker.js';\nexport function main() {\n  return make().run();\n}\nexport function kindOf() {\n  return make().kind;\n}\n",
    );
    analyzer.update(['src/svc.ts', 'src/maker.ts', 'src/user.ts']);
    const uses = () =>
      analyzer
        .graph()
        .edges.filter((e) => e.from.startsWith('src/user.ts#') && e.to.startsWith('src/svc.ts#'))
        .map(edgeKey)
        .sort();
    // A call left unresolved, and a use that is no call (counted as an unresolved reference).
    const used = [
      'CALLS:src/user.ts#main->src/svc.ts#Svc.run',
      'REFERENCES:src/user.ts#kindOf->src/svc.ts#Svc.kind',
    ];
    expect(uses()).toEqual(used);

    const text = read('src/svc.ts');
    applyEdit(analyzer, ['src/svc.ts'], () => remove('src/svc.ts'));
    expect(uses()).toEqual([]);
    applyEdit(analyzer, ['src/svc.ts'], () => write('src/svc.ts', text));
    expect(uses()).toEqual(used);
    const fresh = new Analyzer({ root: analyzer.root });
    fresh.analyze();
    expect(analyzer.graph().edges.map(edgeKey).sort()).toEqual(fresh.graph().edges.map(edgeKey).sort());
  });

  it('resolves a call of a name that no symbol had, once an edit declares one, as a fresh analysis does', () => {
    const { analyzer, root, write } = setup();
    // `ns.later()`: no graph node was named `later`, so the call was not even counted.
    write(
      'src/user.ts',
      "import * as math from './math';\nexport function main() {\n  return math.later();\n}\n",
    );
    analyzer.update(['src/user.ts']);
    const { lines } = applyEdit(analyzer, ['src/math.ts'], () =>
      writeFileSync(
        path.join(root, 'src/math.ts'),
        `${readFileSync(path.join(root, 'src/math.ts'), 'utf8')}export function later() {\n  return 1;\n}\n`,
      ),
    );
    expect(lines).toContain('EDGE_ADDED CALLS:src/user.ts#main->src/math.ts#later');
    expect(analyzer.graph()).toEqual(freshGraph(root));
  });

  it('no longer counts a call of a name no symbol has any more as unresolved, after a delete or an edit', () => {
    const { analyzer, root, write, read, remove } = setup();
    write('src/zed.ts', 'export function zed() {\n  return 1;\n}\n');
    // `x.zed()` on `any` resolves nowhere: unresolved while some graph node is named `zed`.
    write('src/loose.ts', 'export function poke(x: any) {\n  return x.zed();\n}\n');
    analyzer.update(['src/zed.ts', 'src/loose.ts']);
    const unresolved = () => nodeByKey(analyzer.graph().nodes, 'src/loose.ts#poke').props.unresolvedCalls;
    expect(unresolved()).toBe(1);
    const zed = read('src/zed.ts');
    applyEdit(analyzer, ['src/zed.ts'], () => remove('src/zed.ts'));
    expect(unresolved()).toBeUndefined();
    expect(analyzer.graph()).toEqual(freshGraph(root));
    applyEdit(analyzer, ['src/zed.ts'], () => write('src/zed.ts', zed));
    expect(unresolved()).toBe(1);
    expect(analyzer.graph()).toEqual(freshGraph(root));
    applyEdit(analyzer, ['src/zed.ts'], () => write('src/zed.ts', zed.replace('zed', 'zap')));
    expect(unresolved()).toBeUndefined();
    expect(analyzer.graph()).toEqual(freshGraph(root));
  });

  it("counts the uses of a deleted file's namespace import as unresolved, as a fresh analysis does", () => {
    const { analyzer, root, write, remove } = setup();
    write('src/u.ts', 'export function now() {\n  return 1;\n}\n');
    // `ns` leads to the module, no graph node: no edge that would mark `t` as a user of the file.
    write('src/t.ts', "import * as ns from './u';\nexport function t() {\n  return ns;\n}\n");
    analyzer.update(['src/u.ts', 'src/t.ts']);
    applyEdit(analyzer, ['src/u.ts'], () => remove('src/u.ts'));
    expect(nodeByKey(analyzer.graph().nodes, 'src/t.ts#t').props.unresolvedReferences).toBe(1);
    expect(analyzer.graph()).toEqual(freshGraph(root));
  });

  it('ignores paths outside the root and files out of scope', () => {
    const { analyzer, write } = setup();
    write('notes.md', '# notes\n');
    expect(analyzer.update(['/etc/passwd', '../outside.ts', 'notes.md']).changes).toEqual([]);
  });
});
