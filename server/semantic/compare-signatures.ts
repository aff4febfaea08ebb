/**
 * Signature text compared as a user of the symbol sees it: formatting is nothing, and a change
 * that every existing call still fits (a trailing optional parameter, a new default value) is
 * not breaking.
 */

/** Signatures equal but for formatting (whitespace, quote style, `;` or `,` between members, trailing ones) and `export`. */
export function sameSignature(a: string, b: string): boolean {
  return a === b || normalizeSignature(a) === normalizeSignature(b);
}

/**
 * A signature as {@link sameSignature} compares it, its words (runs of `[\w$]`) listed apart:
 * signatures the same but for formatting have the same `text` and the same words.
 */
export function signatureWords(signature: string): { readonly text: string; readonly words: Set<string> } {
  const text = normalizeSignature(signature);
  return { text, words: new Set(text.match(/[\w$]+/g) ?? []) };
}

/**
 * True when every call written against `before` still fits `after` (each a header, or overloads
 * one per line): the same header before the parameter list and the same text after it (the
 * return type), each old parameter kept at its place with the same type (its name, a default
 * value, or a required one made optional may differ), and every new parameter optional,
 * defaulted or a rest parameter. Of overloads, each old one must be met by a new one.
 *
 * With `passed`, only the calls passing at most that many arguments count: the old parameters
 * past them are filled by none, so dropping them (or changing them) breaks none of those calls,
 * and a parameter the new signature has there must be optional (or required at that place
 * before too). Dropping a trailing optional parameter breaks only the calls that pass it.
 *
 * @remarks
 * Text only, no type checker: a widened type (`string` to `string | number`) or a narrowed
 * return type counts as incompatible, which errs towards reporting a break. A header without a
 * parameter list (a class, an interface, a variable) is never compatible.
 */
export function compatibleForCallers(
  before: string,
  after: string,
  passed: number = Number.POSITIVE_INFINITY,
): boolean {
  return everyOldMet(before, after, (was, now) => compatibleHeader(was, now, passed));
}

/**
 * True when code using `before` as a value (passing the function on)
 * still may use `after`: as for {@link compatibleForCallers}, except that parameters may be
 * dropped from the end, whatever they were — a function taking fewer parameters is assignable
 * where one taking more is expected.
 */
export function compatibleForValueUses(before: string, after: string): boolean {
  return everyOldMet(before, after, (was, now) => compatibleHeader(was, now, 'value'));
}

/**
 * True when a method that overrides or implements `before` (each a header, or overloads one per
 * line) is still assignable to `after`, whatever it declares, so far as the text tells: the same
 * text before the parameter list and after it (return type), and each old parameter kept at its
 * place with the same type text (optional or required either way) and a rest parameter kept a
 * rest parameter; parameters added after them are no break (an implementation may declare fewer
 * than the member: TypeScript accepts it). Of overloads, each new one must be met by an old one.
 *
 * @remarks
 * TypeScript rejects an implementation that requires more parameters than the member has (TS2416,
 * "Target signature provides too few arguments"), and accepts one declaring as required a
 * parameter the member has optional. The implementation's own header is not known here, so it may
 * have declared every old parameter: dropping any, optional or not, may break it.
 */
export function compatibleForImplementations(before: string, after: string): boolean {
  const olds = before.split('\n');
  return after
    .split('\n')
    .every((now) => olds.some((was) => sameSignature(was, now) || implementationFits(was, now)));
}

/** An implementation of `before` (a single header) is still one of `after`. */
function implementationFits(before: string, after: string): boolean {
  const old = splitSignature(normalizeSignature(before));
  const now = splitSignature(normalizeSignature(after));
  if (old === undefined || now === undefined) return false;
  if (old.head !== now.head || old.tail !== now.tail || now.params.length < old.params.length) return false;
  return old.params.every((was, i) => {
    const is = now.params[i]!;
    return was.rest === is.rest && was.type === is.type;
  });
}

/** Overloads, one per line: each old one still met by one of the new ones (one added is no break). */
function everyOldMet(before: string, after: string, meets: (was: string, now: string) => boolean): boolean {
  const nows = after.split('\n');
  return before.split('\n').every((was) => nows.some((now) => sameSignature(was, now) || meets(was, now)));
}

/**
 * `after` takes every call of `before` that passes at most `passed` arguments (`value`: as many
 * as `after` has parameters, the arguments a caller of a function passed on may give it).
 */
function compatibleHeader(before: string, after: string, passed: number | 'value'): boolean {
  const old = splitSignature(normalizeSignature(before));
  const now = splitSignature(normalizeSignature(after));
  if (old === undefined || now === undefined) return false;
  // The old parameters a call fills: those it compares with the new ones at their places.
  const filled = Math.min(old.params.length, passed === 'value' ? now.params.length : passed);
  if (old.head !== now.head || old.tail !== now.tail || now.params.length < filled) return false;
  for (const [i, was] of old.params.slice(0, filled).entries()) {
    const is = now.params[i]!;
    if (was.rest !== is.rest || was.type !== is.type) return false;
    if (was.optional && !is.optional) return false;
  }
  // Past them, a new parameter must be optional, unless the old one at its place was required:
  // a call that did not fill it did not fit before either.
  return now.params.slice(filled).every((param, i) => {
    const was = old.params[filled + i];
    return param.optional || param.rest || (was !== undefined && !was.optional && !was.rest);
  });
}

/** The signature as compared: formatting and `export`/`declare` left out. */
function normalizeSignature(signature: string): string {
  return (
    signature
      // Exporting is EXPORT_ADDED / EXPORT_REMOVED, not a new signature.
      .replace(/^(export\s+(default\s+)?|declare\s+)+/, '')
      .replace(/`/g, '"')
      .replace(/'/g, '"')
      .replace(/\s+/g, ' ')
      .replace(/ ?([^\w$ ]) ?/g, '$1')
      // Members of a type literal are separated by either; a member's own `;` is optional.
      .replace(/;/g, ',')
      .replace(/,+([)\]}>])/g, '$1')
      .replace(/,+$/, '')
      .trim()
  );
}

/**
 * A class header with an `extends` clause of its own (`class A extends B`), not only a type
 * parameter's bound (`class Box<T extends object>`): the word outside every bracket.
 */
export function extendsAClass(signature: string): boolean {
  const word = /[\w$]/;
  return (
    topLevel(
      signature,
      (c, i) =>
        c === 'e' &&
        signature.startsWith('extends', i) &&
        !word.test(signature[i - 1] ?? '') &&
        !word.test(signature[i + 7] ?? ''),
    ) !== undefined
  );
}

interface Param {
  readonly type: string;
  readonly optional: boolean;
  readonly rest: boolean;
}

/** `head(params)tail` of a normalized signature, splitting at its first top-level `(`. */
function splitSignature(signature: string): { head: string; params: Param[]; tail: string } | undefined {
  const open = topLevel(signature, (c) => c === '(');
  if (open === undefined) return undefined;
  const close = matching(signature, open);
  if (close === undefined) return undefined;
  const inside = signature.slice(open + 1, close);
  const params = inside === '' ? [] : splitTopLevel(inside, ',').map(parseParam);
  return { head: signature.slice(0, open), params, tail: signature.slice(close + 1) };
}

/** `name?:T`, `{a,b}:T="x"`, `...rest:T[]`, `c=0`: its type text, optional or rest. */
function parseParam(text: string): Param {
  const rest = text.startsWith('...');
  const equals = topLevel(text, (c, i) => c === '=' && text[i + 1] !== '>');
  const declared = equals === undefined ? text : text.slice(0, equals);
  const colon = topLevel(declared, (c) => c === ':');
  const name = colon === undefined ? declared : declared.slice(0, colon);
  const type = colon === undefined ? '' : declared.slice(colon + 1);
  return { type, rest, optional: equals !== undefined || name.endsWith('?') };
}

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };
const CLOSERS = new Set(Object.values(OPENERS));

/**
 * Index of the first character at nesting depth 0 that `wanted` accepts (strings skipped; an
 * arrow's `>` closes nothing).
 */
function topLevel(text: string, wanted: (c: string, i: number) => boolean): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      i = endOfString(text, i);
      continue;
    }
    if (depth === 0 && wanted(c, i)) return i;
    if (c in OPENERS) depth++;
    else if (CLOSERS.has(c) && !(c === '>' && text[i - 1] === '=')) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/** Index of the bracket closing the one at `open`. */
function matching(text: string, open: number): number | undefined {
  const inner = topLevel(text.slice(open + 1), (c) => c === ')');
  return inner === undefined ? undefined : open + 1 + inner;
}

function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let rest = text;
  for (;;) {
    const at = topLevel(rest, (c) => c === separator);
    if (at === undefined) break;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  parts.push(rest);
  return parts;
}

function endOfString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length;
}
