import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../server/graph/memory/memory-store.ts';
import { classesLacking, readTypeHierarchy, type TypeHierarchy } from '../../server/semantic/index.ts';

/**
 * `Shape` gains `name`. `Polygon extends Shape`, `Named extends Shape` (declares `name`);
 * `Square implements Shape`, `Tri implements Polygon`, `Both implements Polygon, Named`,
 * `Big extends Square`, `Circle extends Base implements Shape` (`Base` has `name`).
 */
const HIERARCHY: TypeHierarchy = {
  below: new Map([
    ['s#Shape', ['s#Circle', 's#Named', 's#Polygon', 's#Square']],
    ['s#Polygon', ['s#Both', 's#Tri']],
    ['s#Named', ['s#Both']],
    ['s#Square', ['s#Big']],
    ['s#Tri', []],
    ['s#Both', []],
    ['s#Big', []],
    ['s#Circle', []],
  ]),
  above: new Map([
    ['s#Square', []],
    ['s#Tri', []],
    ['s#Both', []],
    ['s#Big', ['s#Square']],
    ['s#Circle', ['s#Base']],
    ['s#Base', []],
  ]),
  classes: new Set(['s#Square', 's#Tri', 's#Both', 's#Big', 's#Circle']),
  members: new Set(['s#Named.name', 's#Base.name']),
};

describe('classes lacking a member added to an interface', () => {
  it('lists implementers through sub-interfaces and subclasses, not those inheriting it or already bound to it', () => {
    expect(classesLacking(HIERARCHY, 's#Shape', 'name', new Set(['s#Shape.name']))).toEqual([
      's#Big',
      's#Square',
      's#Tri',
    ]);
  });

  it('leaves out a class that gets the member in the same change, and its subclasses with it', () => {
    expect(classesLacking(HIERARCHY, 's#Shape', 'name', new Set(['s#Shape.name', 's#Square.name']))).toEqual([
      's#Tri',
    ]);
  });
});

describe('reading the hierarchy below an interface that gains members', () => {
  it("reads each type's own members, not every type × every name gained", async () => {
    const store = createMemoryStore();
    const classes = Array.from({ length: 2_000 }, (_, i) => `s.ts#C${i}`);
    await store.apply({
      files: ['s.ts'],
      changes: [
        { op: 'NODE_ADDED', node: { key: 's.ts', kind: 'FILE', props: { path: 's.ts' } } },
        { op: 'NODE_ADDED', node: { key: 's.ts#Shape', kind: 'INTERFACE', props: { name: 'Shape' } } },
        { op: 'NODE_ADDED', node: { key: 's.ts#C7.m5', kind: 'METHOD', props: { name: 'm5' } } },
        ...classes.map((key) => ({
          op: 'NODE_ADDED' as const,
          node: { key, kind: 'CLASS' as const, props: {} },
        })),
        { op: 'EDGE_ADDED', edge: { type: 'CONTAINS', from: 's.ts#C7', to: 's.ts#C7.m5', props: {} } },
        ...classes.map((from) => ({
          op: 'EDGE_ADDED' as const,
          edge: { type: 'IMPLEMENTS' as const, from, to: 's.ts#Shape', props: {} },
        })),
      ],
    });
    const added = Array.from({ length: 1_000 }, (_, i) => ({
      op: 'NODE_ADDED' as const,
      node: { key: `s.ts#Shape.m${i}`, kind: 'METHOD' as const, props: { name: `m${i}` } },
    }));
    let keysRead = 0;
    const counted = {
      getEdges: store.getEdges.bind(store),
      getNodes: (keys: readonly string[]) => {
        keysRead += keys.length;
        return store.getNodes(keys);
      },
    };
    const hierarchy = await readTypeHierarchy(counted, added);
    expect(hierarchy?.members).toEqual(new Set(['s.ts#C7.m5']));
    expect(hierarchy?.below.get('s.ts#Shape')).toHaveLength(2_000);
    // The interface and its implementers, once each: not 2,001 × 1,000 member keys.
    expect(keysRead).toBeLessThanOrEqual(2_001);
  });
});
