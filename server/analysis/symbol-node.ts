import { createHash } from 'node:crypto';
import { ts } from 'ts-morph';
import type { GraphNode, PropValue } from '../model/index.ts';
import type { Declared } from './declarations.ts';
import { complexityOf, docsOf, linesOfCode, locationOf, signatureOf } from './metrics.ts';

/**
 * The graph node of a declared symbol, with every property of the model: name,
 * qualifiedName, path, location, exported, defaultExport, async, static, visibility,
 * signature, docs, linesOfCode, complexity (functions and methods), hash, unresolvedCalls.
 */
export function symbolNode(
  declared: Declared,
  sourceFile: ts.SourceFile,
  path: string,
  unresolvedCalls: number,
  members: readonly Declared[],
): GraphNode {
  const node = declared.primary;
  const fn = functionOf(node);
  const props: Record<string, PropValue> = {
    name: declared.name,
    qualifiedName: declared.qualifiedName,
    path,
    ...locationOf(node, sourceFile),
    exported: declared.exported,
    defaultExport: declared.defaultExport,
    async: fn ? hasModifier(fn, ts.SyntaxKind.AsyncKeyword) : false,
    static: hasModifier(node, ts.SyntaxKind.StaticKeyword),
    visibility: visibilityOf(node),
    signature: signatureOf(node, sourceFile),
    docs: docsOf(node) ?? null,
    linesOfCode: linesOfCode(node, sourceFile),
    complexity: fn ? complexityOf(fn) : null,
    hash: ownTextHash(declared, sourceFile, members),
  };
  if (unresolvedCalls > 0) props.unresolvedCalls = unresolvedCalls;
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

/**
 * A hash of the declaration's own text: all its declarations (overloads, merged parts),
 * without the text of its members, which are nodes of their own. A body edit changes the
 * hash of the function edited, not of the class around it.
 */
function ownTextHash(declared: Declared, sourceFile: ts.SourceFile, members: readonly Declared[]): string {
  const hash = createHash('sha256');
  const text = sourceFile.text;
  const holes = members
    .flatMap((m) => m.declarations)
    .map((d) => [d.getStart(sourceFile), d.getEnd()] as const)
    .sort((a, b) => a[0] - b[0]);
  for (const declaration of declared.declarations) {
    let position = declaration.getStart(sourceFile);
    const end = declaration.getEnd();
    for (const [start, stop] of holes) {
      if (start < position || stop > end) continue;
      hash.update(text.slice(position, start));
      position = stop;
    }
    hash.update(text.slice(position, end));
  }
  return hash.digest('hex').slice(0, 16);
}
