import { type GraphNode, type SymbolProps, symbolProps } from '../model/index.ts';
import {
  compatibleForCallers,
  compatibleForImplementations,
  compatibleForValueUses,
  sameSignature,
  signatureWords,
} from './compare-signatures.ts';
import type { DependentUse, DependentUses } from './dependent-uses.ts';
import { affectedFields, fileOf, type SemanticChange } from './semantic-change.ts';

/** What {@link compareSymbols} compares: symbol nodes as they were and as they are. */
export interface SymbolComparison {
  /** Symbols before: every one removed or changed (others may be there too: unchanged ones are skipped). */
  readonly before: readonly GraphNode[];
  /** Symbols after: every one added or changed. */
  readonly after: readonly GraphNode[];
  /** For a key of `before`: the keys of the nodes that depended on it (calls, uses, subtypes). */
  readonly dependents: ReadonlyMap<string, readonly string[]>;
  /** Dependents that no longer count (removed along with the change). */
  readonly gone?: ReadonlySet<string>;
  /** True when `dependent` now depends on `key` (it followed a rename or move). */
  readonly follows?: (dependent: string, key: string) => boolean;
  /** True when `dependent` was edited in the same change and no longer uses `key` at all. */
  readonly stopped?: (dependent: string, key: string) => boolean;
  /**
   * For an added member: the code it breaks (the implementers of an interface that lack it, the
   * `new`s and subclasses of a class that gains a constructor needing arguments).
   */
  readonly lackers?: (member: GraphNode) => readonly string[];
  /** Report `BODY_CHANGED` for a symbol whose own text changed but not its signature. @default false */
  readonly bodyChanges?: boolean;
  /**
   * For a key of `before` (a re-signed function or method): how each dependent uses it. A re-sign
   * that an old call may not fit then breaks only the dependents whose calls (by the most
   * arguments they pass) or other uses no longer fit; without it, every dependent counts.
   */
  readonly uses?: DependentUses;
}

/**
 * The semantic changes between two sets of symbol nodes: added, removed, renamed (same kind,
 * same file and container, same place or same signature but the name), moved (same kind and
 * name, same text or signature, another file; or both at once when a user followed it), re-signed
 * (not breaking when every call written against the old signature still fits the new one), export
 * added or removed.
 *
 * @remarks
 * Members of an added, removed, renamed or moved class (namespace, interface, enum) fold into
 * its one event: their dependents count as its dependents; a member of a renamed or moved one
 * that is also re-signed, gone or new in the same change is reported on its own. Signatures are
 * compared with formatting left out (whitespace, quotes, separators), so reformatting is
 * nothing; a body edit changes no signature.
 */
export function compareSymbols(input: SymbolComparison): SemanticChange[] {
  const before = new Map(input.before.map((n) => [n.key, n]));
  const after = new Map(input.after.map((n) => [n.key, n]));
  const removed = [...before.values()].filter((n) => !after.has(n.key));
  const added = [...after.values()].filter((n) => !before.has(n.key));
  const removedKeys = new Set(removed.map((n) => n.key));
  const addedKeys = new Set(added.map((n) => n.key));
  const gone = input.gone ?? new Set<string>();

  /**
   * Members of `key` (direct and nested) among the keys before: a range of them sorted, so that
   * a change of thousands of symbols does not scan all of them once for each.
   */
  const beforeKeys = new SortedKeys(before.keys());
  const membersOf = (key: string) => beforeKeys.withPrefix(`${key}.`);
  /** Removed and added symbols by their container's key (in their order), for {@link memberChanges}. */
  const removedIn = groupBy(removed, (n) => parentKey(n.key));
  const addedIn = groupBy(added, (n) => parentKey(n.key));
  /**
   * Dependents of `node` and of its members, outside it, still present and still using it. With
   * `now` (its new key after a rename or move), those that followed it there are left out, or
   * with `followers` kept: they use it under its new key.
   */
  const dependentsOf = (
    node: GraphNode,
    options: { now?: string; followers?: boolean; otherFilesOnly?: boolean } = {},
  ): string[] => {
    const { now, followers = false, otherFilesOnly = false } = options;
    const inside = `${node.key}.`;
    const found = new Set<string>();
    const keys = [node.key, ...membersOf(node.key)];
    for (const key of keys) {
      for (const dependent of input.dependents.get(key) ?? []) {
        if (dependent === node.key || dependent.startsWith(inside) || gone.has(dependent)) continue;
        if (otherFilesOnly && fileOf(dependent) === fileOf(node.key)) continue;
        const follower =
          now !== undefined &&
          (input.follows?.(dependent, now) === true ||
            input.follows?.(dependent, now + key.slice(node.key.length)) === true);
        if (follower ? !followers : input.stopped?.(dependent, key) === true) continue;
        found.add(dependent);
      }
    }
    return [...found].sort();
  };
  const folded = (key: string, keys: ReadonlySet<string>) => keys.has(parentKey(key) ?? '');

  const changes: SemanticChange[] = [];
  /** Some dependent of `old` (or of a member) depends on `now` (or the same member of it) now. */
  const followed = (old: GraphNode, now: GraphNode) =>
    [old.key, ...membersOf(old.key)].some((key) =>
      (input.dependents.get(key) ?? []).some((dependent) =>
        input.follows?.(dependent, now.key + key.slice(old.key.length)),
      ),
    );
  const pairs = pairSymbols(
    removed.filter((n) => !folded(n.key, removedKeys)),
    added.filter((n) => !folded(n.key, addedKeys)),
    followed,
  );
  const paired = new Set(pairs.flatMap(([a, b]) => [a.key, b.key]));

  for (const node of removed) {
    if (paired.has(node.key) || folded(node.key, removedKeys)) continue;
    const dependents = dependentsOf(node);
    changes.push(
      change('SYMBOL_REMOVED', node.key, dependents, {
        before: text(node, 'signature'),
        message: `Removed ${describe(node)} from ${pathOf(node)}${still(dependents, 'use it')}.`,
      }),
    );
  }
  for (const node of added) {
    if (paired.has(node.key) || folded(node.key, addedKeys)) continue;
    const lacking = [...(input.lackers?.(node) ?? [])].sort(compare);
    const lack =
      lacking.length === 0
        ? ''
        : node.key.endsWith('.constructor')
          ? `; ${count(lacking.length, 'dependent')} ${lacking.length === 1 ? 'instantiates or extends' : 'instantiate or extend'} the class without arguments`
          : `; ${count(lacking.length, 'class', 'classes')} implementing it ${lacking.length === 1 ? 'lacks' : 'lack'} it`;
    changes.push(
      change('SYMBOL_ADDED', node.key, lacking, {
        after: text(node, 'signature'),
        message: `Added ${node.props.exported === true ? 'exported ' : ''}${describe(node)} in ${pathOf(node)}${lack}.`,
      }),
    );
  }
  for (const [old, now] of pairs) {
    const dependents = dependentsOf(old, { now: now.key });
    const moved = pathOf(old) !== pathOf(now);
    if (moved) {
      changes.push(
        change('SYMBOL_MOVED', now.key, dependents, {
          previousKey: old.key,
          before: pathOf(old),
          after: pathOf(now),
          message: `Moved ${describe(now)} from ${pathOf(old)} to ${pathOf(now)}${still(dependents, 'use the old place')}.`,
        }),
      );
    } else {
      changes.push(
        change('SYMBOL_RENAMED', now.key, dependents, {
          previousKey: old.key,
          before: text(old, 'qualifiedName'),
          after: text(now, 'qualifiedName'),
          message: `Renamed ${kindWord(now)} ${text(old, 'qualifiedName')} to ${text(now, 'qualifiedName')} in ${pathOf(now)}${still(dependents, 'use the old name')}.`,
        }),
      );
    }
    // Code that followed the new name still meets the new signature: every dependent counts.
    const oldSignature = renamedSignature(old, now);
    if (!sameSignature(oldSignature, text(now, 'signature')))
      changes.push(
        signatureChange(
          now,
          text(old, 'signature'),
          dependentsOf(old, { now: now.key, followers: true }),
          oldSignature,
          input.uses?.get(old.key),
        ),
      );
    // Moved and edited: the move alone would hide the edit. (A rename changes the own text by
    // its name, so its hash tells nothing of the body.)
    else if (input.bodyChanges && moved && old.props.hash !== now.props.hash)
      changes.push(
        change('BODY_CHANGED', now.key, [], {
          message: `Changed the body of ${describe(now)} in ${pathOf(now)}, moved from ${pathOf(old)}.`,
          breaking: false,
        }),
      );
    changes.push(...exportChange(old, now, []));
    changes.push(...memberChanges(old, now));
  }
  for (const now of after.values()) {
    const old = before.get(now.key);
    if (old === undefined) continue;
    const signatureChanged = !sameSignature(text(old, 'signature'), text(now, 'signature'));
    if (signatureChanged)
      changes.push(
        signatureChange(
          now,
          text(old, 'signature'),
          dependentsOf(old),
          text(old, 'signature'),
          input.uses?.get(old.key),
        ),
      );
    changes.push(...exportChange(old, now, dependentsOf(old, { otherFilesOnly: true })));
    if (input.bodyChanges && !signatureChanged && old.props.hash !== now.props.hash) {
      const dependents = dependentsOf(old);
      changes.push(
        change('BODY_CHANGED', now.key, dependents, {
          message: `Changed the body of ${describe(now)} in ${pathOf(now)}${dependentCount(dependents)}.`,
          breaking: false,
        }),
      );
    }
  }
  return changes;

  /**
   * The members of a renamed or moved container, matched by their name inside it: one whose
   * signature changed, one that is gone, one that is new (the container's own event does not say).
   */
  function memberChanges(old: GraphNode, now: GraphNode): SemanticChange[] {
    const found: SemanticChange[] = [];
    const olds = removedIn.get(old.key) ?? [];
    const nows = new Map((addedIn.get(now.key) ?? []).map((n) => [n.key, n]));
    for (const member of olds) {
      const counterpart = nows.get(now.key + member.key.slice(old.key.length));
      if (counterpart === undefined) {
        const dependents = dependentsOf(member);
        found.push(
          change('SYMBOL_REMOVED', member.key, dependents, {
            before: text(member, 'signature'),
            message: `Removed ${describe(member)} from ${pathOf(member)}${still(dependents, 'use it')}.`,
          }),
        );
        continue;
      }
      nows.delete(counterpart.key);
      const signature = text(member, 'signature');
      if (!sameSignature(signature, text(counterpart, 'signature')))
        found.push(
          signatureChange(
            counterpart,
            signature,
            dependentsOf(member),
            signature,
            input.uses?.get(member.key),
          ),
        );
      found.push(...memberChanges(member, counterpart));
    }
    for (const member of nows.values())
      found.push(
        change('SYMBOL_ADDED', member.key, [], {
          after: text(member, 'signature'),
          message: `Added ${describe(member)} in ${pathOf(member)}.`,
        }),
      );
    return found;
  }
}

/**
 * Pairs removed and added symbols that are one symbol renamed or moved: moves first (same
 * kind and qualified name, another file, same own text or same signature), then renames (same
 * kind, file and container, and the same place or the same signature but the name), last a
 * move and a rename or re-sign at once (same kind, another file, the same qualified name or the
 * same signature but the name, and a user of the old symbol now uses the new one). A pair must
 * be the only candidate on both sides: an ambiguous one stays a removal and an addition.
 */
function pairSymbols(
  removed: readonly GraphNode[],
  added: readonly GraphNode[],
  followed: (old: GraphNode, now: GraphNode) => boolean,
): [old: GraphNode, now: GraphNode][] {
  const pairs: [GraphNode, GraphNode][] = [];
  const free = new Set(added);
  const taken = new Set<GraphNode>();
  // Each rule with the added symbols it can pair a removed one with (those sharing its kind and
  // what the rule needs equal), so that a removed symbol is not tried against every added one: a
  // file rewritten with thousands of symbols would cost thousands times thousands.
  const byKey =
    (key: (node: GraphNode) => string) =>
    (free: Iterable<GraphNode>): ((old: GraphNode) => readonly GraphNode[]) => {
      const groups = groupBy(free, key);
      return (old) => groups.get(key(old)) ?? [];
    };
  const byName = (node: GraphNode) => `${node.kind}\0${String(node.props.qualifiedName)}`;
  const byContainer = (node: GraphNode) => `${node.kind}\0${pathOf(node)}\0${parentKey(node.key)}`;
  const byPlace = (node: GraphNode) =>
    `${byContainer(node)}\0${String(node.props.startLine)}\0${String(node.props.startColumn)}`;
  const rules: [
    candidates: (free: Iterable<GraphNode>) => (old: GraphNode) => Iterable<GraphNode>,
    rule: (old: GraphNode, now: GraphNode) => boolean,
  ][] = [
    [
      byKey(byName),
      (old, now) =>
        pathOf(old) !== pathOf(now) &&
        old.props.qualifiedName === now.props.qualifiedName &&
        old.props.hash === now.props.hash,
    ],
    [
      byKey(byName),
      (old, now) =>
        pathOf(old) !== pathOf(now) &&
        old.props.qualifiedName === now.props.qualifiedName &&
        sameSignature(text(old, 'signature'), text(now, 'signature')),
    ],
    [
      byKey(byPlace),
      (old, now) =>
        pathOf(old) === pathOf(now) &&
        parentKey(old.key) === parentKey(now.key) &&
        old.props.startLine === now.props.startLine &&
        old.props.startColumn === now.props.startColumn,
    ],
    [
      (free) => renameCandidates(free, byContainer),
      (old, now) =>
        pathOf(old) === pathOf(now) &&
        parentKey(old.key) === parentKey(now.key) &&
        sameSignature(renamedSignature(old, now), text(now, 'signature')),
    ],
    // Moved and renamed, or moved and re-signed, at once: its users followed it there.
    [
      byKey((node) => node.kind),
      (old, now) =>
        pathOf(old) !== pathOf(now) &&
        (old.props.qualifiedName === now.props.qualifiedName ||
          sameSignature(renamedSignature(old, now), text(now, 'signature'))) &&
        followed(old, now),
    ],
  ];
  for (const [candidatesFor, rule] of rules) {
    const candidates = new Map<GraphNode, GraphNode[]>();
    const claims = new Map<GraphNode, number>();
    const candidatesOf = candidatesFor(free);
    for (const old of removed) {
      if (taken.has(old)) continue;
      const matches = [...candidatesOf(old)].filter((now) => now.kind === old.kind && rule(old, now));
      candidates.set(old, matches);
      for (const now of matches) claims.set(now, (claims.get(now) ?? 0) + 1);
    }
    for (const [old, matches] of candidates) {
      const now = matches[0];
      if (matches.length !== 1 || now === undefined || claims.get(now) !== 1) continue;
      pairs.push([old, now]);
      taken.add(old);
      free.delete(now);
    }
  }
  return pairs.sort((a, b) => compare(a[1].key, b[1].key));
}

/**
 * The added symbols that may be `old` renamed with the same signature but the name (its
 * container's, from `container`): renaming `a` to `b` replaces the word `a` of the signature by
 * `b`, so `old`'s signature with its name masked is `now`'s with its name masked. The
 * exceptions are added too: an added symbol whose name is a word of `old`'s signature, one whose
 * signature has `old`'s name as a word (the old name kept after a `#`, or there before), and, on
 * either side, a name that is no plain word (or a word the comparison drops: `export`,
 * `default`, `declare`), which is compared with every one.
 */
function renameCandidates(
  free: Iterable<GraphNode>,
  container: (node: GraphNode) => string,
): (old: GraphNode) => Iterable<GraphNode> {
  // A name with `$&`, `$1`, `$$`… is no plain replacement: String.replace reads those as patterns.
  const plain = (name: string) =>
    /^[\w$]+$/.test(name) && !/\$[$&`'\d<]/.test(name) && !DROPPED_WORDS.has(name);
  const all = [...free];
  const words = new Map<GraphNode, ReturnType<typeof signatureWords>>();
  const wordsOf = (node: GraphNode) => {
    const known = words.get(node);
    if (known !== undefined) return known;
    const found = signatureWords(text(node, 'signature'));
    words.set(node, found);
    return found;
  };
  /** `container`, then the signature as compared with its name's words masked. */
  const keyOf = (node: GraphNode) => {
    const name = text(node, 'name');
    const masked = wordsOf(node).text.replace(/[\w$]+/g, (word) => (word === name ? '\0' : word));
    return `${container(node)}\0${masked}`;
  };
  const wild: GraphNode[] = [];
  const byKey = new Map<string, GraphNode[]>();
  const byName = new Map<string, GraphNode[]>();
  const byWord = new Map<string, GraphNode[]>();
  const add = (map: Map<string, GraphNode[]>, key: string, node: GraphNode) => {
    const list = map.get(key);
    if (list) list.push(node);
    else map.set(key, [node]);
  };
  for (const now of all) {
    const name = text(now, 'name');
    if (!plain(name)) {
      wild.push(now);
      continue;
    }
    add(byKey, keyOf(now), now);
    add(byName, name, now);
    for (const word of wordsOf(now).words) add(byWord, word, now);
  }
  return (old) => {
    const name = text(old, 'name');
    if (!plain(name)) return all;
    const found = new Set([...(byKey.get(keyOf(old)) ?? []), ...(byWord.get(name) ?? []), ...wild]);
    for (const word of wordsOf(old).words) for (const now of byName.get(word) ?? []) found.add(now);
    return found;
  };
}

/** Words {@link sameSignature} drops at the start of a signature: a name that is one is compared with all. */
const DROPPED_WORDS: ReadonlySet<string> = new Set(['export', 'default', 'declare']);

/**
 * A re-signed symbol: `before` is the old signature as shown, `compared` the one that decides
 * whether existing calls still fit (the old one under the new name after a rename). Breaking when
 * a dependent exists that a call written against the old signature may not fit the new one;
 * with `uses` (how each dependent uses the function or method), only a dependent whose own
 * calls, by the most arguments they pass, whose override or implementation, or whose other uses
 * no longer fit (a dependent `uses` does not know counts as one); those come first in `affected`.
 */
function signatureChange(
  now: GraphNode,
  before: string,
  dependents: readonly string[],
  compared: string,
  uses?: ReadonlyMap<string, DependentUse>,
): SemanticChange {
  const after = text(now, 'signature');
  // Only what is called: a variable's or property's header holds no parameter list of its own.
  const callable = now.kind === 'FUNCTION' || now.kind === 'METHOD';
  const compatible = callable && compatibleForCallers(compared, after);
  const fits = (use: DependentUse | undefined) =>
    use !== undefined &&
    (use.calls === undefined ||
      compatibleForCallers(compared, after, use.calls.maxArguments ?? Number.POSITIVE_INFINITY)) &&
    (!use.implements || compatibleForImplementations(compared, after)) &&
    (!use.other || compatibleForValueUses(compared, after));
  // Those that may no longer fit come first (each part in key order): `affected` is bounded, and
  // they are what a reader must not miss.
  const mayBreak =
    compatible || dependents.length === 0
      ? []
      : callable && uses !== undefined
        ? dependents.filter((dependent) => !fits(uses.get(dependent)))
        : dependents;
  const broken = mayBreak.length;
  const fit =
    broken === 0 && dependents.length > 0
      ? ', every call still fits'
      : broken < dependents.length
        ? `, ${broken} of them may no longer fit (listed first)`
        : '';
  const listed = new Set(mayBreak);
  const ordered =
    broken === 0 || broken === dependents.length
      ? dependents
      : [...mayBreak, ...dependents.filter((dependent) => !listed.has(dependent))];
  return change('SIGNATURE_CHANGED', now.key, ordered, {
    before,
    after,
    breaking: broken > 0,
    message: `Changed the signature of ${describe(now)} in ${pathOf(now)} from \`${oneLine(before)}\` to \`${oneLine(after)}\`${dependentCount(dependents)}${fit}.`,
  });
}

function exportChange(old: GraphNode, now: GraphNode, dependents: readonly string[]): SemanticChange[] {
  const was = old.props.exported === true;
  const is = now.props.exported === true;
  if (was === is) return [];
  if (is)
    return [
      change('EXPORT_ADDED', now.key, [], {
        message: `${capitalize(describe(now))} is now exported from ${pathOf(now)}.`,
        breaking: false,
      }),
    ];
  return [
    change('EXPORT_REMOVED', now.key, dependents, {
      message: `${capitalize(describe(now))} is no longer exported from ${pathOf(now)}${still(dependents, 'use it from other files')}.`,
    }),
  ];
}

/** A change; `breaking` when code depended on it, `affected` bounded. */
function change(
  kind: SemanticChange['kind'],
  key: string,
  dependents: readonly string[],
  rest: Partial<Pick<SemanticChange, 'previousKey' | 'before' | 'after' | 'breaking'>> & {
    readonly message: string;
  },
): SemanticChange {
  const result: {
    -readonly [K in keyof SemanticChange]: SemanticChange[K];
  } = {
    kind,
    key,
    breaking: rest.breaking ?? dependents.length > 0,
    affected: [],
    message: rest.message,
  };
  const { affected, affectedFiles } = affectedFields(dependents);
  result.affected = affected;
  if (affectedFiles !== undefined) result.affectedFiles = affectedFiles;
  if (rest.previousKey !== undefined) result.previousKey = rest.previousKey;
  if (rest.before !== undefined) result.before = rest.before;
  if (rest.after !== undefined) result.after = rest.after;
  return result;
}

/** `; 2 dependents still use it` (or nothing when none do). */
export function still(dependents: readonly string[], what: string): string {
  if (dependents.length === 0) return '';
  const verb = dependents.length === 1 ? what.replace(/^use\b/, 'uses') : what;
  return `; ${count(dependents.length, 'dependent')} still ${verb}`;
}

function dependentCount(dependents: readonly string[]): string {
  return dependents.length === 0 ? '' : `; ${count(dependents.length, 'dependent')}`;
}

export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** `function add`, `method Cart.total`, `type alias Id`. */
export function describe(node: GraphNode): string {
  return `${kindWord(node)} ${text(node, 'qualifiedName') || nameOfKey(node.key)}`;
}

function kindWord(node: GraphNode): string {
  return node.kind.toLowerCase().replace('_', ' ');
}

/** Overloads, one per line, as one line of a message. */
function oneLine(signature: string): string {
  return signature.replaceAll('\n', '; ');
}

function capitalize(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/**
 * A symbol's text property (the model's {@link SymbolProps}); empty when absent. Its signature
 * is the one callers see: its overloads, one per line, when it has them (the implementation's
 * header is no one's to call).
 */
function text(node: GraphNode, prop: 'name' | 'qualifiedName' | 'path' | 'signature'): string {
  const props = symbolProps(node);
  if (prop === 'signature' && props.overloads?.length) return props.overloads.join('\n');
  return props[prop] ?? '';
}

function pathOf(node: GraphNode): string {
  return text(node, 'path') || fileOf(node.key);
}

/** The part of a key after `#`, or the key. */
export function nameOfKey(key: string): string {
  const hash = key.indexOf('#');
  return hash === -1 ? key : key.slice(hash + 1);
}

/** `src/a.ts#A.b` → `src/a.ts#A`; a top-level symbol's parent is its file. */
export function parentKey(key: string): string | undefined {
  const hash = key.indexOf('#');
  if (hash === -1) return undefined;
  const dot = key.lastIndexOf('.');
  return dot > hash ? key.slice(0, dot) : key.slice(0, hash);
}

/** The old signature with the old name replaced by the new one: a pure rename compares equal. */
function renamedSignature(old: GraphNode, now: GraphNode): string {
  const from = text(old, 'name');
  const to = text(now, 'name');
  const signature = text(old, 'signature');
  if (from === '' || from === to) return signature;
  const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return signature.replace(new RegExp(`(?<![\\w$#])${escaped}(?![\\w$])`, 'g'), to);
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `items` grouped by `keyOf` (undefined: left out), each group in the order of `items`. */
function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** Keys sorted once, answering "which of them start with this prefix" by a binary search. */
class SortedKeys {
  readonly #keys: string[];
  constructor(keys: Iterable<string>) {
    this.#keys = [...keys].sort(compare);
  }
  /** The keys starting with `prefix`: they sort together, from the first key not below it. */
  withPrefix(prefix: string): string[] {
    const keys = this.#keys;
    let low = 0;
    let high = keys.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (keys[mid]! < prefix) low = mid + 1;
      else high = mid;
    }
    const found: string[] = [];
    for (let i = low; i < keys.length && keys[i]!.startsWith(prefix); i++) found.push(keys[i]!);
    return found;
  }
}
