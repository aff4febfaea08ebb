/** Which files count as tests: the test runners' default patterns, not the folder. */
import { describe, expect, it } from 'vitest';
import { isTestFile } from '../../server/analysis/test-file.ts';

describe('isTestFile', () => {
  it('takes files named like tests anywhere, and everything under __tests__', () => {
    for (const path of [
      'src/cart.test.ts',
      'src/cart.spec.tsx',
      'tests/cart.test.mjs',
      'pkg/cart_test.js',
      'pkg/cart_spec.cts',
      'test.ts',
      'e2e/spec.js',
      'src/__tests__/cart.ts',
      'src/__tests__/helpers/setup.jsx',
    ])
      expect(isTestFile(path), path).toBe(true);
  });

  it('leaves out helpers, fixtures and mocks beside the tests, and names that only contain "test"', () => {
    for (const path of [
      'tests/helpers/server.ts',
      'tests/fixtures/project/src/a.ts',
      'test/setup.js',
      'spec/support/matchers.ts',
      'src/__mocks__/fs.ts',
      'src/latest.ts',
      'src/contest.spec-helper.ts',
      'src/testing.ts',
      'src/cart.test.d.ts',
    ])
      expect(isTestFile(path), path).toBe(false);
  });
});
