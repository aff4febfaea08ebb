import { describe, expect, it } from 'vitest';
import {
  CALL_EDGES,
  DEPENDENCY_EDGES,
  EDGE_MODEL,
  EDGE_TYPES,
  NODE_KINDS,
  SYMBOL_KINDS,
  SYMBOL_OWNED_EDGES,
  USE_EDGES,
} from '../../server/model/index.ts';

describe('the graph model table', () => {
  it('derives the lists every stage reads, in the model’s order', () => {
    expect(EDGE_TYPES).toEqual([
      'CONTAINS',
      'IMPORTS',
      'CALLS',
      'INSTANTIATES',
      'EXTENDS',
      'IMPLEMENTS',
      'REFERENCES',
      'OVERRIDES',
    ]);
    expect(USE_EDGES).toEqual(['CALLS', 'INSTANTIATES', 'EXTENDS', 'IMPLEMENTS', 'REFERENCES', 'OVERRIDES']);
    expect(DEPENDENCY_EDGES).toEqual(['IMPORTS', ...USE_EDGES]);
    expect(CALL_EDGES).toEqual(['CALLS', 'INSTANTIATES']);
    expect(SYMBOL_OWNED_EDGES).toEqual(['CALLS', 'INSTANTIATES', 'REFERENCES']);
    expect(SYMBOL_KINDS).toEqual(NODE_KINDS.filter((k) => k !== 'FILE' && k !== 'EXTERNAL_MODULE'));
  });

  it('keeps its rows consistent: a use is a dependency, a call and a symbol-owned edge stand for places', () => {
    for (const type of EDGE_TYPES) {
      const row = EDGE_MODEL[type];
      if (row.use) expect(row.dependency, type).toBe(true);
      if (row.call) expect(row.use && row.sites, type).toBe(true);
      if (row.owner === 'symbol') expect(row.sites, type).toBe(true);
      expect(row.description.length, type).toBeGreaterThan(10);
    }
  });
});
