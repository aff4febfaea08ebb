import { ts } from 'ts-morph';
import { type GraphNode, type Props, type SymbolProps, symbolProps } from '../model/index.ts';
import type { Declared } from './declarations.ts';
import { complexityOf, docsOf, linesOfCode, locationOf } from './metrics.ts';

/**
 * The graph node of a declared symbol, with every property of the model: name,
 * qualifiedName, path, location, exported, defaultExport, async, static, visibility,
 * signature, overloads, docs, linesOfCode, complexity (functions and methods), hash,
 * unresolvedCalls and unresolvedReferences.
 */
export function symbolNode(
  declared: Declared,
  sourceFile: ts.SourceFile,
  path: string,
  unresolved: Unresolved,
  previous?: Props,
): GraphNode {
  const node = declared.primary;
  const fn = functionOf(node);
  // Docs, lines of code and complexity depend on the own text only: kept while its hash is.
  const old = previous && previous.hash === declared.hash ? symbolProps({ props: previous }) : undefined;
  const props: SymbolProps = {
    name: declared.name,
    qualifiedName: declared.qualifiedName,
    path,
    ...locationOf(node, sourceFile),
    exported: declared.exported,
    defaultExport: declared.defaultExport,
    async: fn ? hasModifier(fn, ts.SyntaxKind.AsyncKeyword) : false,
    static: hasModifier(node, ts.SyntaxKind.StaticKeyword),
    visibility: visibilityOf(node),
    signature: declared.signature,
    ...(declared.overloads ? { overloads: declared.overloads } : {}),
    docs: old?.docs !== undefined ? old.docs : (docsOf(node) ?? null),
    linesOfCode: old?.linesOfCode ?? linesOfCode(node, sourceFile),
    complexity: old?.complexity !== undefined ? old.complexity : fn ? complexityOf(fn) : null,
    hash: declared.hash,
    ...unresolvedProps(unresolved),
  };
  return { key: declared.key, kind: declared.kind, props };
}

/** The function a declaration is, or is bound to (`const f = () => …`), if any. */
function functionOf(node: ts.Node): ts.Node | undefined {
  if (ts.isFunctionLike(node)) return node;
  const initializer =
    ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)
      ? node.initializer
      : ts.isExportAssignment(node)
        ? node.expression
        : ts.isBinaryExpression(node)
          ? node.right
          : undefined;
  let inner = initializer;
  while (
    inner &&
    (ts.isParenthesizedExpression(inner) || ts.isAsExpression(inner) || ts.isSatisfiesExpression(inner))
  ) {
    inner = inner.expression;
  }
  return inner && (ts.isArrowFunction(inner) || ts.isFunctionExpression(inner)) ? inner : undefined;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return (ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === kind)) ?? false;
}

/** Class members only: `private`, `protected` (or `#private`), else `public`; null elsewhere. */
function visibilityOf(node: ts.Node): string | null {
  const isMember = ts.isClassElement(node) || ts.isParameter(node);
  if (!isMember) return null;
  if ((node as { name?: ts.Node }).name && ts.isPrivateIdentifier((node as { name: ts.Node }).name))
    return 'private';
  if (hasModifier(node, ts.SyntaxKind.PrivateKeyword)) return 'private';
  if (hasModifier(node, ts.SyntaxKind.ProtectedKeyword)) return 'protected';
  return 'public';
}

/** How many of an owner's uses the type checker could not resolve, by kind. */
export interface Unresolved {
  readonly calls: number;
  readonly references: number;
}

export const NONE_UNRESOLVED: Unresolved = { calls: 0, references: 0 };

/** The counts as node properties, each absent when zero. */
export function unresolvedProps({ calls, references }: Unresolved): {
  unresolvedCalls?: number;
  unresolvedReferences?: number;
} {
  return {
    ...(calls > 0 ? { unresolvedCalls: calls } : {}),
    ...(references > 0 ? { unresolvedReferences: references } : {}),
  };
}
