import { describe, expect, it } from 'vitest';
import { classesLacking, type TypeHierarchy } from '../../server/semantic/index.ts';

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
