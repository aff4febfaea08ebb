import { describe, expect, it } from 'vitest';
import { prefixRange, SortedStrings } from '../../server/graph/memory/sorted-strings.ts';

describe('SortedStrings', () => {
  it('shows changes only after a flush, in sorted order', () => {
    const set = new SortedStrings();
    for (const value of ['m', 'c', 'x', 'a']) set.add(value);
    expect(set.items).toEqual([]);
    set.flush();
    expect(set.items).toEqual(['a', 'c', 'm', 'x']);
  });

  it('nets out a value removed and added again, or added and removed, before a flush', () => {
    const set = new SortedStrings();
    set.add('a');
    set.add('b');
    set.flush();
    set.delete('a');
    set.add('a');
    set.add('c');
    set.delete('c');
    set.delete('b');
    set.flush();
    expect(set.items).toEqual(['a']);
  });

  it('gives the same result for a few changes (splices) and for many (merge)', () => {
    const few = new SortedStrings();
    const many = new SortedStrings();
    const values = Array.from({ length: 500 }, (_, i) => `k${(i * 7919) % 500}`);
    for (const value of values) many.add(value);
    many.flush();
    for (const value of values.slice(0, 60)) few.add(value);
    few.flush();
    for (const value of values.slice(60)) few.add(value);
    few.flush();
    expect(few.items).toEqual([...values].sort());
    expect(many.items).toEqual(few.items);
    for (const value of values.slice(0, 300)) many.delete(value);
    for (const value of values.slice(0, 10)) few.delete(value);
    many.flush();
    few.flush();
    expect(many.items).toEqual(values.slice(300).sort());
    expect(few.items).toEqual(values.slice(10).sort());
  });

  it('finds the range of values with a prefix', () => {
    const items = ['src/a.ts', 'src/a.ts#f', 'src/ab.ts', 'src/b.ts', 'test/a.ts'];
    expect(prefixRange(items, 'src/a')).toEqual([0, 3]);
    expect(prefixRange(items, 'src/a.ts#')).toEqual([1, 2]);
    expect(prefixRange(items, 'zzz')).toEqual([5, 5]);
  });
});
