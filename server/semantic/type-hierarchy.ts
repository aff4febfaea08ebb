import { getEdgesInBatches, getNodesInBatches } from '../graph/batched-reads.ts';
import type { GraphStore } from '../graph/port.ts';
import type { Change } from '../model/index.ts';
import { compare, parentKey } from './compare-symbols.ts';

/**
 * The types below the interfaces that gain members in a change set, as they were before it:
 * what a required member added to an interface can break.
 */
export interface TypeHierarchy {
  /** For the interfaces gaining members and every type below them: the interfaces extending each, the classes implementing or extending each. */
  readonly below: ReadonlyMap<string, readonly string[]>;
  /** For every class of {@link below} and every class above one: the classes it extends. */
  readonly above: ReadonlyMap<string, readonly string[]>;
  /** The classes among them (the others are interfaces). */
  readonly classes: ReadonlySet<string>;
  /** `Type.name` keys, for the types of the hierarchy and the names the interfaces gain, that existed. */
  readonly members: ReadonlySet<string>;
}

/** Most types one read of a hierarchy looks at (a bound, not a limit any real code meets). */
export const MAX_HIERARCHY_TYPES = 5_000;

/**
 * The containers of the members a change set adds: those that existed before and are interfaces
 * are the ones whose hierarchy {@link readTypeHierarchy} reads.
 */
export function membersAddedToInterfaces(changes: readonly Change[]): string[] {
  const containers = new Set<string>();
  for (const c of changes) {
    if (c.op !== 'NODE_ADDED' || (c.node.kind !== 'PROPERTY' && c.node.kind !== 'METHOD')) continue;
    const container = parentKey(c.node.key);
    if (container?.includes('#')) containers.add(container);
  }
  return [...containers].sort(compare);
}

/**
 * Reads, before `changes` are applied, the hierarchy below the interfaces that gain members:
 * interfaces extending them (EXTENDS in), classes implementing any of those (IMPLEMENTS in),
 * their subclasses (EXTENDS in), level by level; then every base class above those classes
 * (EXTENDS out); then which of them already have a member of each name the interfaces gain.
 * `undefined` when no existing interface gains a member.
 */
export async function readTypeHierarchy(
  store: Pick<GraphStore, 'getNodes' | 'getEdges'>,
  changes: readonly Change[],
): Promise<TypeHierarchy | undefined> {
  const containers = membersAddedToInterfaces(changes);
  if (containers.length === 0) return undefined;
  const found = await getNodesInBatches(store, containers);
  const interfaces = containers.filter((_, i) => found[i]?.kind === 'INTERFACE');
  if (interfaces.length === 0) return undefined;
  const names = new Set<string>();
  const gaining = new Set(interfaces);
  for (const c of changes) {
    if (c.op !== 'NODE_ADDED') continue;
    const container = parentKey(c.node.key);
    if (container !== undefined && gaining.has(container)) names.add(c.node.key.slice(container.length + 1));
  }

  const below = new Map<string, string[]>();
  const above = new Map<string, string[]>();
  const classes = new Set<string>();
  const seen = new Set<string>(interfaces);
  // Down: level by level, what extends or implements the types of the level before.
  for (let level = interfaces; level.length > 0 && seen.size < MAX_HIERARCHY_TYPES; ) {
    const lists = await getEdgesInBatches(store, level, {
      types: ['EXTENDS', 'IMPLEMENTS'],
      direction: 'IN',
    });
    const next: string[] = [];
    for (const [i, type] of level.entries()) {
      const subtypes = [...new Set(lists[i]!.map((edge) => edge.from))].sort(compare);
      below.set(type, subtypes);
      for (const subtype of subtypes) if (!seen.has(subtype)) next.push(subtype);
      for (const subtype of subtypes) seen.add(subtype);
    }
    const nodes = await getNodesInBatches(store, next);
    level = next.filter((key, i) => {
      if (nodes[i]?.kind === 'CLASS') classes.add(key);
      return nodes[i]?.kind === 'CLASS' || nodes[i]?.kind === 'INTERFACE';
    });
  }
  // Up: the base classes of those classes, which may declare the member for them.
  const climbed = new Set(classes);
  for (let level = [...classes]; level.length > 0 && climbed.size < 2 * MAX_HIERARCHY_TYPES; ) {
    const lists = await getEdgesInBatches(store, level, { types: ['EXTENDS'], direction: 'OUT' });
    const next: string[] = [];
    for (const [i, type] of level.entries()) {
      const bases = [...new Set(lists[i]!.map((edge) => edge.to))].sort(compare);
      above.set(type, bases);
      for (const base of bases) {
        if (climbed.has(base)) continue;
        climbed.add(base);
        next.push(base);
        seen.add(base);
      }
    }
    level = next;
  }
  // Each type's own members (as many as the graph holds, not types × names), of the names gained.
  const types = [...seen];
  const contained = await getEdgesInBatches(store, types, { types: ['CONTAINS'], direction: 'OUT' });
  const members = new Set<string>();
  for (const [i, type] of types.entries()) {
    for (const { to } of contained[i]!)
      if (to.startsWith(`${type}.`) && names.has(to.slice(type.length + 1))) members.add(to);
  }
  return { below, above, classes, members };
}

/**
 * The classes a required member `name` added to `iface` breaks: every class that is an `iface` by
 * declaration — implementing it or an interface below it, or extending such a class — and has no
 * member of that name, neither of its own nor from a base class (before the change, or added in
 * it). Below an interface or class that has the member, nothing newly needs it.
 */
export function classesLacking(
  hierarchy: TypeHierarchy,
  iface: string,
  name: string,
  added: ReadonlySet<string>,
): string[] {
  const has = (type: string) => added.has(`${type}.${name}`) || hierarchy.members.has(`${type}.${name}`);
  const inherits = (type: string) => {
    const visited = new Set<string>();
    const queue = [...(hierarchy.above.get(type) ?? [])];
    while (queue.length > 0) {
      const base = queue.pop()!;
      if (visited.has(base)) continue;
      visited.add(base);
      if (has(base)) return true;
      queue.push(...(hierarchy.above.get(base) ?? []));
    }
    return false;
  };
  const lacking: string[] = [];
  const holders: string[] = [];
  const visited = new Set<string>([iface]);
  const queue = [...(hierarchy.below.get(iface) ?? [])];
  while (queue.length > 0) {
    const type = queue.shift()!;
    if (visited.has(type)) continue;
    visited.add(type);
    if (has(type)) {
      holders.push(type);
      continue;
    }
    if (hierarchy.classes.has(type)) {
      if (inherits(type)) continue;
      lacking.push(type);
    }
    queue.push(...(hierarchy.below.get(type) ?? []));
  }
  // A class also below a type that has the member (`implements Polygon, Named` where `Named`
  // declares it) needed it before: it is not broken by this change.
  const bound = new Set<string>();
  const more = holders.flatMap((holder) => hierarchy.below.get(holder) ?? []);
  while (more.length > 0) {
    const type = more.pop()!;
    if (bound.has(type)) continue;
    bound.add(type);
    more.push(...(hierarchy.below.get(type) ?? []));
  }
  return lacking.filter((type) => !bound.has(type)).sort(compare);
}
