import { describe, expect, it } from 'vitest';
import { findCycles } from '../../server/graph/find-cycles.ts';

describe('findCycles', () => {
  it('returns strongly connected components of two or more nodes, and self-loops, sorted', () => {
    const edges = [
      ['c', 'a'],
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
      ['e', 'd'],
      ['f', 'f'],
      ['g', 'a'],
    ] as const;
    expect(findCycles(edges)).toEqual([['a', 'b', 'c'], ['d', 'e'], ['f']]);
  });

  it('finds nothing in an acyclic graph', () => {
    expect(
      findCycles([
        ['a', 'b'],
        ['b', 'c'],
        ['a', 'c'],
      ]),
    ).toEqual([]);
  });

  it('handles import chains far deeper than the call stack', () => {
    const length = 50_000;
    const edges: [string, string][] = [];
    for (let i = 0; i < length; i += 1) edges.push([`f${i}`, `f${i + 1}`]);
    edges.push([`f${length}`, 'f0']);
    const cycles = findCycles(edges);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toHaveLength(length + 1);
  });
});
