import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../server/model/index.ts';
import { deriveSemanticChanges } from '../../server/semantic/derive-semantic-changes.ts';
import { compareSymbols } from '../../server/semantic/index.ts';

/** `count` exported functions of one file, one a line, named `prefix0`…, as the analyzer records them. */
function functions(prefix: string, count: number): GraphNode[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `src/big.ts#${prefix}${i}`,
    kind: 'FUNCTION' as const,
    props: {
      name: `${prefix}${i}`,
      qualifiedName: `${prefix}${i}`,
      path: 'src/big.ts',
      startLine: i + 1,
      startColumn: 1,
      exported: true,
      signature: `function ${prefix}${i}(a: number): number`,
      hash: `h${i}`,
    },
  }));
}

describe('semantic changes of a large change', () => {
  // A file rewritten with thousands of symbols once took seconds per revision: every removed
  // symbol was tried against every added one. Pairing now goes through indexes; these check that
  // no pair is lost at that scale (the time is measured by `npm run bench -- big-edit`, not here).
  it('reads the dependents of a symbol removed a bounded number of times, not once for each of them', () => {
    // Whether each dependent still depends was asked of the whole list, scanned each time: 10,000
    // dependents cost 10^8 compares. The reads of the lists' items are counted (no clock).
    const count = 2000;
    let reads = 0;
    const counted = (keys: string[]): string[] =>
      new Proxy(keys, {
        get(target, property, receiver) {
          if (typeof property === 'string' && /^\d+$/.test(property)) reads++;
          return Reflect.get(target, property, receiver);
        },
      });
    const users = Array.from({ length: count }, (_, i) => `src/use${i}.ts#run`);
    const [removed] = functions('f', 1);
    const changes = deriveSemanticChanges([{ op: 'NODE_REMOVED', key: removed!.key, kind: 'FUNCTION' }], {
      before: new Map([[removed!.key, removed!]]),
      dependents: new Map([[removed!.key, counted(users.slice(0, count / 2))]]),
      importers: new Map([[removed!.key, counted(users.slice(count / 2).map((k) => k.split('#')[0]!))]]),
    });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: 'SYMBOL_REMOVED', breaking: true });
    expect(changes[0]!.message).toContain(`${count} dependents still use it`);
    expect(reads).toBeLessThan(10 * count);
  });

  it('pairs 5,000 functions renamed in place', () => {
    const count = 5000;
    const dependents = new Map([['src/big.ts#f7', ['src/use.ts#run']]]);
    const changes = compareSymbols({
      before: functions('f', count),
      after: functions('g', count),
      dependents,
    });
    expect(changes).toHaveLength(count);
    expect(changes.every((c) => c.kind === 'SYMBOL_RENAMED')).toBe(true);
    expect(changes.find((c) => c.key === 'src/big.ts#g7')).toMatchObject({
      previousKey: 'src/big.ts#f7',
      breaking: true,
      affected: ['src/use.ts#run'],
    });
  });

  it('pairs 5,000 functions moved to another file', () => {
    const count = 5000;
    const moved = functions('f', count).map((n) => ({
      ...n,
      key: n.key.replace('src/big.ts', 'src/moved.ts'),
      props: { ...n.props, path: 'src/moved.ts' },
    }));
    const changes = compareSymbols({ before: functions('f', count), after: moved, dependents: new Map() });
    expect(changes).toHaveLength(count);
    expect(changes.every((c) => c.kind === 'SYMBOL_MOVED')).toBe(true);
    expect(changes[0]).toMatchObject({ key: 'src/moved.ts#f0', previousKey: 'src/big.ts#f0' });
  });

  it('pairs 5,000 functions renamed and shifted by their signatures', () => {
    const count = 5000;
    // Each function its own parameter name, so that each signature but the name fits one other.
    const withParameter = (nodes: GraphNode[], column: number) =>
      nodes.map((n, i) => ({
        ...n,
        props: {
          ...n.props,
          startColumn: column,
          signature: `function ${String(n.props.name)}(a${i}: number): number`,
        },
      }));
    const changes = compareSymbols({
      before: withParameter(functions('f', count), 1),
      after: withParameter(functions('g', count), 2),
      dependents: new Map(),
    });
    expect(changes).toHaveLength(count);
    expect(changes.every((c) => c.kind === 'SYMBOL_RENAMED')).toBe(true);
    expect(changes.find((c) => c.key === 'src/big.ts#g42')).toMatchObject({ previousKey: 'src/big.ts#f42' });
  });

  it('pairs a rename by signature when the new name was a word of the old signature', () => {
    // `f(g)` renamed to `g(g)`: the old signature with `f` replaced by `g` is the new one.
    const [old] = functions('f', 1);
    const [now] = functions('g', 1);
    const changes = compareSymbols({
      before: [{ ...old!, props: { ...old!.props, signature: 'function f0(g0: number): number' } }],
      after: [
        { ...now!, props: { ...now!.props, startColumn: 5, signature: 'function g0(g0: number): number' } },
      ],
      dependents: new Map(),
    });
    expect(changes).toMatchObject([
      { kind: 'SYMBOL_RENAMED', key: 'src/big.ts#g0', previousKey: 'src/big.ts#f0' },
    ]);
  });
});
