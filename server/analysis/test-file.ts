/**
 * Which files are tests: what `diffImpact`'s `affectedTests` (the tests to run) lists, so a
 * helper, fixture or mock beside the tests must not count. The rule is the default of the test
 * runners, not the folder: Vitest's `include` (`**\/*.{test,spec}.?(c|m)[jt]s?(x)`) and Jest's
 * `testMatch` (`**\/__tests__/**\/*.[jt]s?(x)`, `**\/?(*.)+(spec|test).[jt]s?(x)`), plus the
 * `_test` / `_spec` suffix some projects use. A file under `tests/` named `helpers.ts` runs no
 * test; Mocha's default (every file directly in `test/`) is the one convention left out.
 */

/** `x.test.ts`, `x.spec.mjs`, `x_test.tsx`, `test.js`: a test by its name. */
const TEST_NAME = /(?:^|[._])(?:test|spec)\.[cm]?[jt]sx?$/;

/** Anything under a `__tests__` folder (Jest runs all of it). */
const TESTS_FOLDER = /(?:^|\/)__tests__\/.*\.[cm]?[jt]sx?$/;

/** Whether a root-relative posix path is a test file by the test runners' default patterns. */
export function isTestFile(filePath: string): boolean {
  const name = filePath.slice(filePath.lastIndexOf('/') + 1);
  return TEST_NAME.test(name) || TESTS_FOLDER.test(filePath);
}
