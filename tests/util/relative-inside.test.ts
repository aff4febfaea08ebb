import { describe, expect, it } from 'vitest';
import { relativeInside } from '../../server/util/relative-inside.ts';

describe('relativeInside', () => {
  it('gives the path inside the folder, the folder itself as empty, and nothing outside it', () => {
    expect(relativeInside('/p', '/p/src/a.ts')).toBe('src/a.ts');
    expect(relativeInside('/p', '/p')).toBe('');
    expect(relativeInside('/p', '/q/a.ts')).toBeUndefined();
    expect(relativeInside('/p/src', '/p')).toBeUndefined();
    expect(relativeInside('/p/src', '/p/srcx/a.ts')).toBeUndefined();
  });

  it('counts names that start with two dots as inside', () => {
    expect(relativeInside('/p', '/p/..eslintrc.ts')).toBe('..eslintrc.ts');
    expect(relativeInside('/p', '/p/..cache')).toBe('..cache');
  });
});
