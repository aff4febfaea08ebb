import type { SchemaContext } from './context.ts';
import { badInput } from './errors.ts';

/** A user's path argument, checked (root-relative, inside the root); undefined when empty. */
export function checkPathArg(
  ctx: SchemaContext,
  value: string | null | undefined,
  what: string,
): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const checked = ctx.checkPath(value);
  if ('error' in checked) throw badInput(`${what}: ${checked.error}`);
  return checked.path;
}

/** A user's path prefix, checked, keeping the trailing `/` that says "this folder". */
export function checkFolderArg(ctx: SchemaContext, value: string, what: string): string {
  const checked = checkPathArg(ctx, value, what) ?? '';
  return value.endsWith('/') && checked !== '' && !checked.endsWith('/') ? `${checked}/` : checked;
}

/** A revision a client resumes after: 0 or more. */
export function checkSinceArg(since: number): number {
  if (since < 0) throw badInput(`since must be a revision (0 or more), got ${since}`);
  return since;
}
