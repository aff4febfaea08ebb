import { ts } from 'ts-morph';

/** True for a function or arrow function, behind any parentheses or type assertions. */
export function isFunctionLike(node: ts.Node | undefined): boolean {
  if (!node) return false;
  const inner = skipOuterExpressions(node);
  return ts.isArrowFunction(inner) || ts.isFunctionExpression(inner);
}

/** `(x as T)`, `x!`, `x satisfies T`, `(x)` → `x`. */
export function skipOuterExpressions(node: ts.Node): ts.Node {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isTypeAssertionExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}
