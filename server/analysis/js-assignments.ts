import { ts } from 'ts-morph';
import { isFunctionLike, skipOuterExpressions } from './syntax.ts';

/**
 * A declaration that JavaScript makes by assignment, as TypeScript's binder sees it:
 * `exports.x = …`, `module.exports.x = …`, `C.prototype.m = …`, `obj.m = …` on an object or
 * function the file declares, `this.x = …` in a constructor function or class.
 */
export interface AssignmentDeclaration {
  /** The assignment (`a.b = …`): the node's location, signature and body. */
  readonly assignment: ts.BinaryExpression;
  /** Its name: `b` in `a.b = …`. */
  readonly name: string;
  /**
   * Where it is declared: the file's exports, a path of names from a file-level declaration
   * (`['router']` for `router.handle = …`, `['C']` for `C.prototype.m = …`, `['a', 'b']` for
   * `a.b.c = …`), or the declaration node of the class or function whose `this` it is.
   */
  readonly container: { exports: true } | { path: readonly string[] } | { thisOf: readonly ts.Node[] };
  /** The binder put it among the module's exports (`helpers.x` where `helpers = module.exports`). */
  readonly exported: boolean;
}

/** True for a `.js`/`.cjs`/`.mjs`/`.jsx` file: only there does an assignment declare anything here. */
export function isJavaScriptFile(sourceFile: ts.SourceFile): boolean {
  return (sourceFile.flags & ts.NodeFlags.JavaScriptFile) !== 0;
}

/**
 * Every assignment the binder made a declaration of, in source order. The binder marks a
 * declaration by giving the node a symbol: the left-hand side of a property assignment
 * (`exports.x`, `C.prototype.m`, `obj.m`), or the assignment itself for `this.x = …` — so
 * what declares is decided by TypeScript, and only the naming is ours.
 */
export function assignmentDeclarations(sourceFile: ts.SourceFile): AssignmentDeclaration[] {
  const found: AssignmentDeclaration[] = [];
  const moduleSymbol = symbolOf(sourceFile);
  // An explicit stack: code under analysis nests without bound.
  const stack: ts.Node[] = [sourceFile];
  const children: ts.Node[] = [];
  const collect = (child: ts.Node): undefined => {
    children.push(child);
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const declaration = declarationOf(node, moduleSymbol);
      if (declaration) found.push(declaration);
    }
    ts.forEachChild(node, collect);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    children.length = 0;
  }
  return found;
}

function declarationOf(
  assignment: ts.BinaryExpression,
  moduleSymbol: ts.Symbol | undefined,
): AssignmentDeclaration | undefined {
  const left = assignment.left;
  if (!ts.isPropertyAccessExpression(left) || !ts.isIdentifier(left.name)) return undefined;
  const symbol = symbolOf(left) ?? symbolOf(assignment);
  const name = left.name.text;
  if (!symbol) return methodOfModuleObject(assignment, left, name);
  const parent = parentOf(symbol);
  const exported = parent !== undefined && parent === moduleSymbol;
  let target = left.expression;
  if (target.kind === ts.SyntaxKind.ThisKeyword) {
    const owner = parent?.declarations;
    return owner && owner.length > 0
      ? { assignment, name, container: { thisOf: owner }, exported }
      : undefined;
  }
  if (isExports(target)) return { assignment, name, container: { exports: true }, exported: true };
  // `C.prototype.m`: a member of C.
  if (ts.isPropertyAccessExpression(target) && target.name.text === 'prototype') target = target.expression;
  const path: string[] = [];
  for (;;) {
    if (ts.isIdentifier(target)) {
      path.unshift(target.text);
      return { assignment, name, container: { path }, exported };
    }
    if (!ts.isPropertyAccessExpression(target) || !ts.isIdentifier(target.name)) return undefined;
    path.unshift(target.name.text);
    target = target.expression;
  }
}

/**
 * `res.send = function send() {…}` at the top level, where `var res = Object.create(…)`: the
 * binder declares nothing (the object comes from a call, so it is no expando object), yet the
 * file builds its object of methods exactly so. The function is the variable's method all the
 * same; a call reaches it only where the checker knows the receiver.
 */
function methodOfModuleObject(
  assignment: ts.BinaryExpression,
  left: ts.PropertyAccessExpression,
  name: string,
): AssignmentDeclaration | undefined {
  if (!ts.isIdentifier(left.expression) || isExports(left.expression)) return undefined;
  let statement: ts.Node = assignment.parent;
  while (ts.isBinaryExpression(statement) && statement.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    statement = statement.parent;
  }
  if (!ts.isExpressionStatement(statement) || !ts.isSourceFile(statement.parent)) return undefined;
  if (!isFunctionLike(assignedValue(assignment))) return undefined;
  return { assignment, name, container: { path: [left.expression.text] }, exported: false };
}

/** The value an assignment stores, through chains: `a.x = a.y = function` → the function. */
export function assignedValue(assignment: ts.BinaryExpression): ts.Node {
  let value = skipOuterExpressions(assignment.right);
  while (ts.isBinaryExpression(value) && value.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    value = skipOuterExpressions(value.right);
  }
  return value;
}

/** `exports` or `module.exports`. */
export function isExports(node: ts.Node): boolean {
  return (
    (ts.isIdentifier(node) && node.text === 'exports') ||
    (ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'module' &&
      node.name.text === 'exports')
  );
}

/**
 * What a value assigned through `module.exports =` / `exports =` chains is:
 * `var app = exports = module.exports = {}` → `{}`, with `exportsDefault` set.
 */
export function throughExportsChain(node: ts.Node): {
  value: ts.Node;
  exportsDefault: boolean;
  /** The `module.exports = …` assignments of the chain. */
  assignments: ts.BinaryExpression[];
} {
  let value = skipOuterExpressions(node);
  let exportsDefault = false;
  const assignments: ts.BinaryExpression[] = [];
  while (
    ts.isBinaryExpression(value) &&
    value.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    isExports(value.left)
  ) {
    exportsDefault ||= ts.isPropertyAccessExpression(value.left);
    assignments.push(value);
    value = skipOuterExpressions(value.right);
  }
  return { value, exportsDefault, assignments };
}

/**
 * The symbol the binder gave a node, if it declares one. `symbol` is set by TypeScript's binder
 * on every declaration node; it is not in the public typings, but it is what the checker reads.
 */
export function symbolOf(node: ts.Node): ts.Symbol | undefined {
  return (node as { symbol?: ts.Symbol }).symbol;
}

/** The symbol a member belongs to (internal to TypeScript, like `symbol` above). */
function parentOf(symbol: ts.Symbol): ts.Symbol | undefined {
  return (symbol as { parent?: ts.Symbol }).parent;
}
