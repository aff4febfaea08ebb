import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../../server/analysis/index.ts';
import type { GraphEdge, GraphNode } from '../../server/model/index.ts';
import { copyFixture, fixturePath, removeCopies, tempDir, writeFiles } from '../helpers/fixtures.ts';
import { changeLines, edgeLines, edgesFrom, nodeByKey } from '../helpers/graph.ts';

afterAll(removeCopies);

function analyze(fixture: string): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const analyzer = new Analyzer({ root: fixturePath(fixture) });
  analyzer.analyze();
  return analyzer.graph();
}

/** `KIND key` of the symbols (files left out), sorted by key. */
function symbolLines(nodes: readonly GraphNode[]): string[] {
  return nodes.filter((n) => n.kind !== 'FILE').map((n) => `${n.kind} ${n.key}`);
}

describe('CommonJS as the checker sees it (an express-like package)', () => {
  const { nodes, edges } = analyze('js-commonjs');

  it('declares exports, prototype methods, constructor properties and methods of module-level objects', () => {
    expect(symbolLines(nodes)).toEqual([
      'FUNCTION index.js#createApplication',
      'VARIABLE lib/application.js#app',
      'METHOD lib/application.js#app.defaultConfiguration',
      'METHOD lib/application.js#app.init',
      'METHOD lib/application.js#app.lazyrouter',
      'METHOD lib/application.js#app.set',
      'VARIABLE lib/helpers.js#helpers',
      'METHOD lib/helpers.js#helpers.clamp',
      'METHOD lib/helpers.js#helpers.extend',
      'METHOD lib/helpers.js#helpers.max',
      'VARIABLE lib/helpers.js#merge',
      'FUNCTION lib/layer.js#Layer',
      'PROPERTY lib/layer.js#Layer.handle',
      'METHOD lib/layer.js#Layer.handleRequest',
      'PROPERTY lib/layer.js#Layer.keys',
      'METHOD lib/layer.js#Layer.match',
      'PROPERTY lib/layer.js#Layer.path',
      'VARIABLE lib/response.js#res',
      'METHOD lib/response.js#res.get',
      'METHOD lib/response.js#res.header',
      'METHOD lib/response.js#res.status',
      'FUNCTION lib/router.js#proto',
      'METHOD lib/router.js#proto.handle',
      'METHOD lib/router.js#proto.process_params',
      'VARIABLE lib/utils.js#check',
      'FUNCTION lib/utils.js#flag',
      'FUNCTION lib/utils.js#flag~function',
      'VARIABLE lib/utils.js#local',
      'METHOD lib/utils.js#local.twice',
      'FUNCTION lib/utils.js#normalize',
      'VARIABLE lib/utils.js#twice',
      'EXTERNAL_MODULE npm:utils-merge',
    ]);
  });

  it('contains each member in the object or constructor it is assigned to', () => {
    expect(
      edgeLines(edges, 'CONTAINS').filter((line) => line.includes('.js#') && line.split('#').length > 2),
    ).toEqual([
      'CONTAINS lib/application.js#app -> lib/application.js#app.defaultConfiguration',
      'CONTAINS lib/application.js#app -> lib/application.js#app.init',
      'CONTAINS lib/application.js#app -> lib/application.js#app.lazyrouter',
      'CONTAINS lib/application.js#app -> lib/application.js#app.set',
      'CONTAINS lib/helpers.js#helpers -> lib/helpers.js#helpers.clamp',
      'CONTAINS lib/helpers.js#helpers -> lib/helpers.js#helpers.extend',
      'CONTAINS lib/helpers.js#helpers -> lib/helpers.js#helpers.max',
      'CONTAINS lib/layer.js#Layer -> lib/layer.js#Layer.handle',
      'CONTAINS lib/layer.js#Layer -> lib/layer.js#Layer.handleRequest',
      'CONTAINS lib/layer.js#Layer -> lib/layer.js#Layer.keys',
      'CONTAINS lib/layer.js#Layer -> lib/layer.js#Layer.match',
      'CONTAINS lib/layer.js#Layer -> lib/layer.js#Layer.path',
      'CONTAINS lib/response.js#res -> lib/response.js#res.get',
      'CONTAINS lib/response.js#res -> lib/response.js#res.header',
      'CONTAINS lib/response.js#res -> lib/response.js#res.status',
      'CONTAINS lib/router.js#proto -> lib/router.js#proto.handle',
      'CONTAINS lib/router.js#proto -> lib/router.js#proto.process_params',
      'CONTAINS lib/utils.js#local -> lib/utils.js#local.twice',
    ]);
  });

  it('marks what module.exports and exports carry as exported, module.exports = … as the default export', () => {
    const flags = (key: string) => {
      const { exported, defaultExport } = nodeByKey(nodes, key).props;
      return { exported, defaultExport };
    };
    expect(flags('index.js#createApplication')).toEqual({ exported: true, defaultExport: true });
    expect(flags('lib/layer.js#Layer')).toEqual({ exported: true, defaultExport: true });
    expect(flags('lib/router.js#proto')).toEqual({ exported: true, defaultExport: true });
    expect(flags('lib/application.js#app')).toEqual({ exported: true, defaultExport: true });
    expect(flags('lib/helpers.js#helpers.clamp')).toEqual({ exported: true, defaultExport: false });
    expect(flags('lib/utils.js#normalize')).toEqual({ exported: true, defaultExport: false });
    expect(flags('lib/utils.js#local.twice')).toEqual({ exported: false, defaultExport: false });
  });

  it('resolves calls through require, this, exports and module-level objects to those declarations, and a require of a missing package to its variable', () => {
    expect(edgeLines(edges, 'CALLS', 'INSTANTIATES')).toEqual([
      'CALLS index.js#createApplication -> lib/application.js#app.init',
      'CALLS index.js#createApplication -> lib/application.js#app.lazyrouter',
      'CALLS index.js#createApplication -> lib/helpers.js#helpers.clamp',
      'CALLS lib/application.js#app.defaultConfiguration -> lib/application.js#app.set',
      'CALLS lib/application.js#app.defaultConfiguration -> lib/utils.js#normalize',
      'CALLS lib/application.js#app.init -> lib/application.js#app.defaultConfiguration',
      'CALLS lib/application.js#app.lazyrouter -> lib/router.js#proto',
      'CALLS lib/helpers.js#helpers.clamp -> lib/helpers.js#helpers.max',
      'CALLS lib/helpers.js#helpers.extend -> lib/helpers.js#merge',
      'CALLS lib/response.js#res.status -> lib/helpers.js#helpers.clamp',
      'CALLS lib/router.js#proto.handle -> lib/layer.js#Layer.handleRequest',
      'CALLS lib/router.js#proto.handle -> lib/router.js#proto.process_params',
      'CALLS lib/utils.js#local.twice -> lib/utils.js#normalize',
      'CALLS lib/utils.js#normalize -> lib/utils.js#flag',
      'INSTANTIATES index.js#createApplication -> lib/layer.js#Layer',
      'INSTANTIATES lib/router.js#proto.handle -> lib/layer.js#Layer',
    ]);
  });

  it('keeps an export apart from a local declaration of the same name, which takes the suffix in source order', () => {
    // `exports.flag = function …` comes first; `function flag` later is another function.
    expect(nodeByKey(nodes, 'lib/utils.js#flag').props.startLine).toBe(5);
    expect(nodeByKey(nodes, 'lib/utils.js#flag~function').props.exported).toBe(false);
  });

  it('counts as unresolved the calls the checker cannot resolve either', () => {
    // `router.handle()` on a function whose prototype is set at run time; `layer.match()` on an untyped parameter.
    expect(nodeByKey(nodes, 'lib/application.js#app.lazyrouter').props.unresolvedCalls).toBe(1);
    expect(nodeByKey(nodes, 'lib/router.js#proto.process_params').props.unresolvedCalls).toBe(1);
  });

  it('references the properties a constructor function assigns, and not the object a method is assigned to', () => {
    expect(edgeLines(edges, 'REFERENCES')).toEqual([
      'REFERENCES index.js -> index.js#createApplication',
      'REFERENCES lib/helpers.js#helpers.clamp -> lib/helpers.js#helpers',
      'REFERENCES lib/layer.js -> lib/layer.js#Layer',
      'REFERENCES lib/layer.js#Layer -> lib/layer.js#Layer.handle',
      'REFERENCES lib/layer.js#Layer -> lib/layer.js#Layer.keys',
      'REFERENCES lib/layer.js#Layer -> lib/layer.js#Layer.path',
      'REFERENCES lib/layer.js#Layer.handleRequest -> lib/layer.js#Layer.handle',
      'REFERENCES lib/layer.js#Layer.match -> lib/layer.js#Layer.keys',
      'REFERENCES lib/layer.js#Layer.match -> lib/layer.js#Layer.path',
      'REFERENCES lib/response.js -> lib/response.js#res',
      'REFERENCES lib/utils.js#check -> lib/utils.js#flag~function',
      'REFERENCES lib/utils.js#twice -> lib/utils.js#local',
      'REFERENCES lib/utils.js#twice -> lib/utils.js#local.twice',
    ]);
  });
});

describe('CommonJS require bindings are imports, as in TypeScript', () => {
  /** `require` in its three forms, of project files and of an installed, a typed and a missing package. */
  const project = (root: string) =>
    writeFiles(root, {
      'package.json': '{ "name": "js-require", "private": true }\n',
      'lib/a.js': [
        'function A(value) { return value; }',
        'function B() { return A(1); }',
        'class K { run() { return B(); } }',
        // `version` makes the shorthand properties properties, not the aliases they are when alone.
        "module.exports = { A, B, K, version: '1.0' };",
        '',
      ].join('\n'),
      'lib/e.js': 'exports.E = function E() {};\nexports.F = function F() {};\n',
      'lib/b.js': [
        "const { A, B: bee } = require('./a');",
        "const a = require('./a');",
        "const F = require('./e').F;",
        "const express = require('express');",
        "const merge = require('utils-merge');",
        '',
        'function main() {',
        '  A(1);',
        '  bee();',
        '  a.A(2);',
        '  F();',
        '  new a.K().run();',
        '  express();',
        '  merge();',
        '  return A;',
        '}',
        'module.exports = main;',
        '',
      ].join('\n'),
      'node_modules/express/package.json':
        '{ "name": "express", "version": "4.21.2", "main": "index.js", "types": "index.d.ts" }\n',
      'node_modules/express/index.js': 'module.exports = function express() {};\n',
      'node_modules/express/index.d.ts': 'declare function express(): void;\nexport = express;\n',
    });
  const analyzeProject = (root: string) => {
    const analyzer = new Analyzer({ root });
    analyzer.analyze();
    return { analyzer, ...analyzer.graph() };
  };
  const root = tempDir('codenav-js-require-');
  project(root);
  const graph = analyzeProject(root).analyzer.graph();
  const { nodes, edges } = graph;

  it('makes no node of a binding whose module resolves; one whose package is missing stays a VARIABLE', () => {
    expect(symbolLines(nodes)).toEqual([
      'FUNCTION lib/a.js#A',
      'FUNCTION lib/a.js#B',
      'CLASS lib/a.js#K',
      'METHOD lib/a.js#K.run',
      'FUNCTION lib/b.js#main',
      'VARIABLE lib/b.js#merge',
      'FUNCTION lib/e.js#E',
      'FUNCTION lib/e.js#F',
      'EXTERNAL_MODULE npm:express',
      'EXTERNAL_MODULE npm:utils-merge',
    ]);
  });

  it("resolves calls and uses through the bindings to the module's declarations, as go-to-definition does", () => {
    expect(edgeLines(edges, 'CALLS', 'INSTANTIATES', 'REFERENCES')).toEqual([
      'CALLS lib/a.js#B -> lib/a.js#A',
      'CALLS lib/a.js#K.run -> lib/a.js#B',
      'CALLS lib/b.js#main -> lib/a.js#A',
      'CALLS lib/b.js#main -> lib/a.js#B',
      'CALLS lib/b.js#main -> lib/a.js#K.run',
      'CALLS lib/b.js#main -> lib/b.js#merge',
      'CALLS lib/b.js#main -> lib/e.js#F',
      'INSTANTIATES lib/b.js#main -> lib/a.js#K',
      'REFERENCES lib/a.js -> lib/a.js#A',
      'REFERENCES lib/a.js -> lib/a.js#B',
      'REFERENCES lib/a.js -> lib/a.js#K',
      'REFERENCES lib/b.js -> lib/b.js#main',
      'REFERENCES lib/b.js#main -> lib/a.js#A',
    ]);
    expect(
      edges.find((e) => e.type === 'CALLS' && e.to === 'lib/a.js#A' && e.from === 'lib/b.js#main')?.props,
    ).toEqual({ count: 2, firstLine: 8, maxArguments: 1 });
    // `express()` of an installed, typed package: an IMPORTS edge only, as `import express from 'express'` gives.
    expect(edgeLines(edges, 'IMPORTS')).toEqual([
      'IMPORTS lib/b.js -> lib/a.js',
      'IMPORTS lib/b.js -> lib/e.js',
      'IMPORTS lib/b.js -> npm:express',
      'IMPORTS lib/b.js -> npm:utils-merge',
    ]);
    expect(nodeByKey(nodes, 'lib/b.js#main').props.unresolvedCalls).toBeUndefined();
  });

  it('turns the bindings into variables when the module is deleted, and back when it returns, as a fresh analysis does', () => {
    const copy = tempDir('codenav-js-require-');
    project(copy);
    const { analyzer } = analyzeProject(copy);
    const a = readFileSync(path.join(copy, 'lib/a.js'), 'utf8');
    rmSync(path.join(copy, 'lib/a.js'));
    analyzer.update(['lib/a.js']);
    const deleted = analyzer.graph();
    expect(symbolLines(deleted.nodes).filter((line) => line.includes('lib/b.js'))).toEqual([
      'VARIABLE lib/b.js#A',
      'VARIABLE lib/b.js#a',
      'VARIABLE lib/b.js#bee',
      'FUNCTION lib/b.js#main',
      'VARIABLE lib/b.js#merge',
    ]);
    expect(edgesFrom(deleted.edges, 'lib/b.js#main', 'CALLS')).toEqual([
      'CALLS lib/b.js#main -> lib/b.js#A',
      'CALLS lib/b.js#main -> lib/b.js#bee',
      'CALLS lib/b.js#main -> lib/b.js#merge',
      'CALLS lib/b.js#main -> lib/e.js#F',
    ]);
    // The same graph, unresolved counts included: `a.A(2)` is no unresolved call once no graph
    // node is named `A` (the deleted file's names leave with it).
    expect(deleted).toEqual(analyzeProject(copy).analyzer.graph());
    expect(nodeByKey(deleted.nodes, 'lib/b.js#main').props.unresolvedCalls).toBe(1);

    writeFileSync(path.join(copy, 'lib/a.js'), a);
    analyzer.update(['lib/a.js']);
    expect(analyzer.graph()).toEqual(graph);
  });

  it('turns a binding into an import when an edit of a declaration file declares its module, and back, as a fresh analysis does', () => {
    const copy = tempDir('codenav-js-require-');
    project(copy);
    writeFiles(copy, {
      'types/ambient.d.ts': 'declare const VERSION: string;\n',
      'lib/u.js':
        "const merge = require('utils-merge');\nfunction use() {\n  return merge();\n}\nmodule.exports = use;\n",
    });
    const { analyzer } = analyzeProject(copy);
    expect(nodeByKey(analyzer.graph().nodes, 'lib/u.js#merge').kind).toBe('VARIABLE');
    const ambient = path.join(copy, 'types/ambient.d.ts');
    writeFileSync(
      ambient,
      "declare const VERSION: string;\ndeclare module 'utils-merge' {\n  export default function merge(): void;\n}\n",
    );
    analyzer.update(['types/ambient.d.ts']);
    const declared = analyzer.graph();
    // Both files binding `utils-merge` lose their VARIABLE: the checker resolves the module now.
    expect(declared.nodes.filter((n) => n.key.endsWith('#merge'))).toEqual([]);
    expect(declared).toEqual(analyzeProject(copy).analyzer.graph());
    writeFileSync(ambient, 'declare const VERSION: string;\n');
    analyzer.update(['types/ambient.d.ts']);
    expect(
      analyzer
        .graph()
        .nodes.filter((n) => n.key.endsWith('#merge'))
        .map((n) => n.key),
    ).toEqual(['lib/b.js#merge', 'lib/u.js#merge']);
    expect(analyzer.graph()).toEqual(analyzeProject(copy).analyzer.graph());
  });

  it('makes a function assigned to a property of a require binding a METHOD of the same key as when the binding is a VARIABLE', () => {
    const copy = tempDir('codenav-js-require-');
    project(copy);
    writeFiles(copy, {
      'lib/patch.js': [
        "var a = require('./a');",
        "var merge = require('utils-merge');",
        'a.extra = function () {',
        '  return a.B();',
        '};',
        'merge.deep = function deep() {',
        '  return merge();',
        '};',
        '',
      ].join('\n'),
    });
    const { analyzer } = analyzeProject(copy);
    const patch = (graph: { nodes: GraphNode[]; edges: GraphEdge[] }) => ({
      symbols: symbolLines(graph.nodes.filter((n) => n.key.startsWith('lib/patch.js'))),
      edges: edgeLines(graph.edges.filter((e) => e.from.startsWith('lib/patch.js') && e.type !== 'IMPORTS')),
    });
    // `a` is an import (no node): the method is the file's, as `#a.extra`; `merge` a VARIABLE that contains its own.
    expect(patch(analyzer.graph())).toEqual({
      symbols: [
        'METHOD lib/patch.js#a.extra',
        'VARIABLE lib/patch.js#merge',
        'METHOD lib/patch.js#merge.deep',
      ],
      edges: [
        'CALLS lib/patch.js#a.extra -> lib/a.js#B',
        'CALLS lib/patch.js#merge.deep -> lib/patch.js#merge',
        'CONTAINS lib/patch.js -> lib/patch.js#a.extra',
        'CONTAINS lib/patch.js -> lib/patch.js#merge',
        'CONTAINS lib/patch.js#merge -> lib/patch.js#merge.deep',
      ],
    });
    // Its module deleted, `a` is a VARIABLE: the method keeps its key, contained by it.
    rmSync(path.join(copy, 'lib/a.js'));
    analyzer.update(['lib/a.js']);
    expect(patch(analyzer.graph()).symbols).toEqual([
      'VARIABLE lib/patch.js#a',
      'METHOD lib/patch.js#a.extra',
      'VARIABLE lib/patch.js#merge',
      'METHOD lib/patch.js#merge.deep',
    ]);
    expect(patch(analyzer.graph()).edges).toContain('CONTAINS lib/patch.js#a -> lib/patch.js#a.extra');
    expect(analyzer.graph()).toEqual(analyzeProject(copy).analyzer.graph());
  });

  it('resolves the uses again when a require line now names another module', () => {
    const copy = tempDir('codenav-js-require-');
    project(copy);
    const { analyzer } = analyzeProject(copy);
    const b = path.join(copy, 'lib/b.js');
    writeFileSync(b, readFileSync(b, 'utf8').replace("require('./e').F", "require('./e').E"));
    analyzer.update(['lib/b.js']);
    const after = analyzer.graph();
    expect(edgesFrom(after.edges, 'lib/b.js#main', 'CALLS')).toContain('CALLS lib/b.js#main -> lib/e.js#E');
    expect(after).toEqual(analyzeProject(copy).analyzer.graph());
  });
});

describe('JavaScript modules (ESM)', () => {
  const { nodes, edges } = analyze('js-esm');

  it('declares members that classes and constructor functions assign to this', () => {
    expect(symbolLines(nodes)).toEqual([
      'FUNCTION src/main.js#run',
      'CLASS src/shapes.js#Circle',
      'METHOD src/shapes.js#Circle.area',
      'METHOD src/shapes.js#Circle.constructor',
      'PROPERTY src/shapes.js#Circle.radius',
      'FUNCTION src/shapes.js#Counter',
      'PROPERTY src/shapes.js#Counter.count',
      'METHOD src/shapes.js#Counter.increment',
      'CLASS src/shapes.js#Shape',
      'METHOD src/shapes.js#Shape.area',
      'METHOD src/shapes.js#Shape.constructor',
      'METHOD src/shapes.js#Shape.describe',
      'METHOD src/shapes.js#Shape.label',
      'PROPERTY src/shapes.js#Shape.name',
      'FUNCTION src/totals.js#average',
      'FUNCTION src/totals.js#total',
    ]);
  });

  it('resolves calls to them, instances of constructor functions, inherited members and destructured import() bindings', () => {
    expect(edgeLines(edges, 'CALLS', 'INSTANTIATES', 'EXTENDS')).toEqual([
      'CALLS src/main.js#run -> src/shapes.js#Circle.area',
      'CALLS src/main.js#run -> src/shapes.js#Counter.increment',
      'CALLS src/main.js#run -> src/shapes.js#Shape.describe',
      'CALLS src/main.js#run -> src/totals.js#average',
      'CALLS src/main.js#run -> src/totals.js#total',
      'CALLS src/shapes.js#Circle.constructor -> src/shapes.js#Shape.constructor',
      'CALLS src/shapes.js#Shape.describe -> src/shapes.js#Shape.label',
      'CALLS src/totals.js#average -> src/totals.js#total',
      'EXTENDS src/shapes.js#Circle -> src/shapes.js#Shape',
      'INSTANTIATES src/main.js#run -> src/shapes.js#Circle',
      'INSTANTIATES src/main.js#run -> src/shapes.js#Counter',
    ]);
  });
});

describe('JavaScript and TypeScript in one project', () => {
  const { nodes, edges } = analyze('js-mixed');

  it('declares the JavaScript side as the TypeScript side sees it', () => {
    expect(symbolLines(nodes).filter((line) => line.includes('.js#'))).toEqual([
      'VARIABLE src/format.js#format',
      'METHOD src/format.js#format.money',
      'FUNCTION src/stack.js#Stack',
      'PROPERTY src/stack.js#Stack.items',
      'METHOD src/stack.js#Stack.push',
      'METHOD src/stack.js#Stack.size',
    ]);
  });

  it('resolves calls from TypeScript into JavaScript and back', () => {
    expect(edgeLines(edges, 'CALLS', 'INSTANTIATES').filter((line) => !line.includes('pets.ts'))).toEqual([
      'CALLS src/format.js#format.money -> src/pad.ts#pad',
      'CALLS src/lazy.ts#lazyReport -> src/pad.ts#pad',
      'CALLS src/lazy.ts#lazyReport -> src/report.ts#report',
      'CALLS src/report.ts#report -> src/format.js#format.money',
      'CALLS src/report.ts#report -> src/stack.js#Stack.push',
      'CALLS src/report.ts#report -> src/stack.js#Stack.size',
      'INSTANTIATES src/report.ts#report -> src/stack.js#Stack',
    ]);
  });
});

describe('calls on union-typed receivers', () => {
  const { edges } = analyze('js-mixed');

  it("lead to each member's method, marked unionReceiver unless a site calls it directly", () => {
    const calls = edges
      .filter((e) => e.type === 'CALLS' && e.from === 'src/pets.ts#chorus')
      .map((e) => [e.to, e.props]);
    expect(calls).toEqual([
      ['src/pets.ts#Cat.speak', { count: 1, firstLine: 17, unionReceiver: true, maxArguments: 0 }],
      ['src/pets.ts#Dog.fetch', { count: 1, firstLine: 16, maxArguments: 0 }],
      // `pet.speak()` may run it, `dog.speak()` does: not only a possibility.
      ['src/pets.ts#Dog.speak', { count: 2, firstLine: 17, maxArguments: 0 }],
    ]);
  });
});

describe('JSDoc types in JavaScript', () => {
  const { nodes, edges } = analyze('js-jsdoc');

  it('resolve calls on parameters and properties typed only by JSDoc', () => {
    expect(edgeLines(edges, 'CALLS', 'INSTANTIATES')).toEqual([
      'CALLS src/cart.js#Cart.total -> src/item.js#Item.price',
      'CALLS src/checkout.js#checkout -> src/cart.js#Cart.add',
      'CALLS src/checkout.js#checkout -> src/cart.js#Cart.total',
      'INSTANTIATES src/checkout.js#checkout -> src/item.js#Item',
    ]);
    // `other.total()` on an untyped parameter, `priced.total()` on a structural JSDoc type: no graph node.
    expect(nodeByKey(nodes, 'src/checkout.js#untyped').props.unresolvedCalls).toBe(1);
  });
});

describe('JavaScript after an edit', () => {
  it('updates methods assigned to objects and prototypes like any other symbol', () => {
    const root = copyFixture('js-commonjs');
    const analyzer = new Analyzer({ root });
    analyzer.analyze();
    const helpers = path.join(root, 'lib/helpers.js');
    writeFileSync(
      helpers,
      readFileSync(helpers, 'utf8')
        .replace('return Math.min(helpers.max(value, min), max);', 'return Math.min(value, max);')
        .replace('helpers.max = function (a, b) {', 'helpers.larger = function (a, b) {'),
    );
    const changeSet = analyzer.update(['lib/helpers.js']);
    expect(changeLines(changeSet.changes).sort()).toEqual([
      'EDGE_ADDED CONTAINS:lib/helpers.js#helpers->lib/helpers.js#helpers.larger',
      'EDGE_REMOVED CALLS:lib/helpers.js#helpers.clamp->lib/helpers.js#helpers.max',
      'EDGE_REMOVED CONTAINS:lib/helpers.js#helpers->lib/helpers.js#helpers.max',
      'EDGE_REMOVED REFERENCES:lib/helpers.js#helpers.clamp->lib/helpers.js#helpers',
      'NODE_ADDED lib/helpers.js#helpers.larger',
      'NODE_REMOVED lib/helpers.js#helpers.max',
      'NODE_UPDATED lib/helpers.js',
      'NODE_UPDATED lib/helpers.js#helpers.clamp',
    ]);
    // The same graph as a fresh analysis of the edited project.
    const fresh = new Analyzer({ root });
    fresh.analyze();
    expect(analyzer.graph()).toEqual(fresh.graph());
  });
});
