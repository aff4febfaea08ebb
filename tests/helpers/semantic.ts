/**
 * Expected semantic changes shared by the tests that rename `add` to `plus` in a project's
 * `src/math.ts`.
 */

/** The SYMBOL_RENAMED of `add` becoming `plus`, with the dependents that still use `add`. */
export function addRenamedToPlus(affected: string[], message: string) {
  return {
    kind: 'SYMBOL_RENAMED',
    key: 'src/math.ts#plus',
    previousKey: 'src/math.ts#add',
    before: 'add',
    after: 'plus',
    breaking: true,
    affected,
    message,
  };
}
