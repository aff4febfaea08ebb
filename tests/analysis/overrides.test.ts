import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../../server/analysis/index.ts';
import type { GraphEdge } from '../../server/model/index.ts';
import { copyFixture, fixturePath, removeCopies } from '../helpers/fixtures.ts';
import { changeLines, edgeLines } from '../helpers/graph.ts';

let edges: GraphEdge[];

afterAll(removeCopies);

beforeAll(() => {
  const analyzer = new Analyzer({ root: fixturePath('overrides') });
  analyzer.analyze();
  ({ edges } = analyzer.graph());
});

describe('OVERRIDES', () => {
  it('links each method to the nearest base member of its name, through any number of levels', () => {
    expect(edgeLines(edges, 'OVERRIDES')).toEqual([
      // An interface method overrides the one of the interface it extends.
      'OVERRIDES src/kinds.ts#Dog.speak -> src/kinds.ts#Pet.speak',
      // Through a generic base class.
      'OVERRIDES src/kinds.ts#NumberBox.get -> src/kinds.ts#Box.get',
      // The nearest base is the interface it implements: Dog, not Pet.
      'OVERRIDES src/kinds.ts#Terrier.speak -> src/kinds.ts#Dog.speak',
      // A class's members override what the interfaces it implements declare.
      'OVERRIDES src/shapes.ts#Rect.area -> src/shapes.ts#Shape.area',
      'OVERRIDES src/shapes.ts#Rect.name -> src/shapes.ts#Named.name',
      'OVERRIDES src/shapes.ts#Shape.area -> src/shapes.ts#Drawable.area',
      'OVERRIDES src/shapes.ts#Shape.draw -> src/shapes.ts#Drawable.draw',
      // Middle declares nothing: Square.area overrides Rect.area two levels up, draw Shape.draw three.
      'OVERRIDES src/square.ts#Square.area -> src/shapes.ts#Rect.area',
      'OVERRIDES src/square.ts#Square.draw -> src/shapes.ts#Shape.draw',
    ]);
  });

  it('makes no edge for static methods, new methods, or members of bases outside the graph', () => {
    const from = new Set(edgeLines(edges, 'OVERRIDES').map((line) => line.split(' ')[1]));
    for (const key of [
      'src/square.ts#Square.create',
      'src/square.ts#Square.side',
      'src/kinds.ts#Terrier.toString',
    ]) {
      expect(from.has(key), key).toBe(false);
    }
    expect(edges.filter((e) => e.type === 'OVERRIDES').every((e) => Object.keys(e.props).length === 0)).toBe(
      true,
    );
  });
});

describe('OVERRIDES after an edit', () => {
  it('follows a base that gains or loses the member, with the overriding file unchanged', () => {
    const root = copyFixture('overrides');
    const analyzer = new Analyzer({ root });
    analyzer.analyze();
    const shapes = path.join(root, 'src/shapes.ts');
    const text = readFileSync(shapes, 'utf8');
    const overridesOfSide = () =>
      edgeLines(analyzer.graph().edges, 'OVERRIDES').filter((line) => line.includes('Square.side'));

    writeFileSync(
      shapes,
      text.replace('  name(): string {', '  side(): number {\n    return 0;\n  }\n  name(): string {'),
    );
    const added = analyzer.update(['src/shapes.ts']);
    expect(overridesOfSide()).toEqual(['OVERRIDES src/square.ts#Square.side -> src/shapes.ts#Rect.side']);
    expect(changeLines(added.changes)).toContain(
      'EDGE_ADDED OVERRIDES:src/square.ts#Square.side->src/shapes.ts#Rect.side',
    );

    writeFileSync(shapes, text);
    const removed = analyzer.update(['src/shapes.ts']);
    expect(overridesOfSide()).toEqual([]);
    expect(changeLines(removed.changes)).toContain(
      'EDGE_REMOVED OVERRIDES:src/square.ts#Square.side->src/shapes.ts#Rect.side',
    );
  });
});
