import { createHash } from 'node:crypto';
import { ts } from 'ts-morph';

const MAX_SIGNATURE = 300;
const MAX_DOCS = 500;

/** 1-based start and end line and column of a node (after its JSDoc and leading trivia). */
export function locationOf(node: ts.Node, sourceFile: ts.SourceFile) {
  const start = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
  const end = sourceFile.getLineAndCharacterOfPosition(node.getEnd());
  return {
    startLine: start.line + 1,
    startColumn: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
  };
}

/**
 * The declaration's header as written, whitespace collapsed: everything before its body
 * (`async function load(id: string): Promise<User>`, `class A extends B implements C`,
 * `name?: string`), without decorators, JSDoc, initializers or a closing `;`.
 */
export function signatureOf(node: ts.Node, sourceFile: ts.SourceFile): string {
  const text = sourceFile.text;
  const start = headerStart(node, sourceFile);
  const end = headerEnd(node);
  let header = text.slice(start, end);
  if (ts.isVariableDeclaration(node) || ts.isBindingElement(node))
    header = `${variableKeyword(node)} ${header}`;
  header = header
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*[{=;]$/, '');
  return header.length > MAX_SIGNATURE ? `${header.slice(0, MAX_SIGNATURE - 1)}…` : header;
}

function headerStart(node: ts.Node, sourceFile: ts.SourceFile): number {
  const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
  const decorators = ts.canHaveDecorators(node) ? ts.getDecorators(node) : undefined;
  if (decorators?.length) {
    const afterDecorators = decorators[decorators.length - 1]!.getEnd();
    const firstModifier = modifiers?.find((m) => m.getStart(sourceFile) >= afterDecorators);
    const name = (node as { name?: ts.Node }).name;
    return (firstModifier ?? name ?? node).getStart(sourceFile);
  }
  return node.getStart(sourceFile);
}

function headerEnd(node: ts.Node): number {
  if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node)) {
    return node.body ? node.body.getStart() : node.getEnd();
  }
  if (ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) {
    return node.body ? node.body.getStart() : node.getEnd();
  }
  if (ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node)) {
    const parts: (ts.Node | undefined)[] = [node.name, node.typeParameters?.[node.typeParameters.length - 1]];
    for (const clause of node.heritageClauses ?? []) parts.push(clause);
    return Math.max(node.getStart() + 5, ...parts.filter((p): p is ts.Node => !!p).map((p) => p.getEnd()));
  }
  if (ts.isEnumDeclaration(node)) return node.name.getEnd();
  if (ts.isModuleDeclaration(node)) return node.name.getEnd();
  if (ts.isVariableDeclaration(node)) {
    const initializer = node.initializer;
    if (node.type || !initializer) return (node.type ?? node.name).getEnd();
    return functionHeaderEnd(initializer) ?? firstLineEnd(node, initializer);
  }
  if (ts.isPropertyDeclaration(node) || ts.isParameter(node)) {
    if (node.initializer && !node.type)
      return functionHeaderEnd(node.initializer) ?? node.initializer.getEnd();
    return (node.type ?? node.name).getEnd();
  }
  if (ts.isExportAssignment(node)) return functionHeaderEnd(node.expression) ?? node.expression.getStart();
  if (ts.isBinaryExpression(node)) return functionHeaderEnd(node.right) ?? node.operatorToken.getEnd();
  return node.getEnd();
}

/** End of `(a: T): R =>` or `function (a: T): R` in an initializer. */
function functionHeaderEnd(initializer: ts.Node): number | undefined {
  let inner = initializer;
  while (ts.isParenthesizedExpression(inner) || ts.isAsExpression(inner) || ts.isSatisfiesExpression(inner)) {
    inner = inner.expression;
  }
  if (ts.isArrowFunction(inner)) return inner.equalsGreaterThanToken.getEnd();
  if (ts.isFunctionExpression(inner)) return inner.body.getStart();
  return undefined;
}

/** An initializer's first line, at most 60 characters: enough to recognize it. */
function firstLineEnd(node: ts.Node, initializer: ts.Node): number {
  const start = initializer.getStart();
  const text = initializer.getSourceFile().text;
  const newline = text.indexOf('\n', start);
  const lineEnd = newline === -1 || newline > node.getEnd() ? node.getEnd() : newline;
  return Math.min(lineEnd, start + 60);
}

function variableKeyword(node: ts.VariableDeclaration | ts.BindingElement): string {
  let list: ts.Node = node.parent;
  while (list && !ts.isVariableDeclarationList(list)) list = list.parent;
  if (!list) return 'var';
  const flags = (list as ts.VariableDeclarationList).flags;
  if (flags & ts.NodeFlags.Const) return 'const';
  if (flags & ts.NodeFlags.Let) return 'let';
  return 'var';
}

/** The first paragraph of the declaration's JSDoc comment, or undefined. */
export function docsOf(node: ts.Node): string | undefined {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const comment = docs.length > 0 ? ts.getTextOfJSDocComment(docs[docs.length - 1]!.comment) : undefined;
  if (!comment) return undefined;
  const summary = comment
    .split(/\r?\n\s*\r?\n/)[0]!
    .replace(/\s+/g, ' ')
    .trim();
  if (!summary) return undefined;
  return summary.length > MAX_DOCS ? `${summary.slice(0, MAX_DOCS - 1)}…` : summary;
}

/** Lines of the node that hold code: not blank, not only a comment. */
export function linesOfCode(node: ts.Node, sourceFile: ts.SourceFile): number {
  const text = sourceFile.text.slice(node.getStart(sourceFile), node.getEnd());
  let count = 0;
  let inBlock = false;
  for (const raw of text.split('\n')) {
    let line = raw;
    let code = '';
    while (line.length > 0) {
      if (inBlock) {
        const close = line.indexOf('*/');
        if (close === -1) {
          line = '';
        } else {
          inBlock = false;
          line = line.slice(close + 2);
        }
      } else {
        const open = line.indexOf('/*');
        const lineComment = line.indexOf('//');
        if (lineComment !== -1 && (open === -1 || lineComment < open)) {
          code += line.slice(0, lineComment);
          line = '';
        } else if (open !== -1) {
          code += line.slice(0, open);
          inBlock = true;
          line = line.slice(open + 2);
        } else {
          code += line;
          line = '';
        }
      }
    }
    if (code.trim().length > 0) count++;
  }
  return count;
}

/**
 * McCabe's cyclomatic complexity: 1 + each branch point (`if`, `?:`, loops, `case`,
 * `catch`, `&&`, `||`, `??` and their assignment forms), counting nested closures, which
 * are not nodes of their own.
 */
export function complexityOf(node: ts.Node): number {
  let complexity = 1;
  // An explicit stack: nesting in analyzed code has no bound the call stack would survive.
  const stack: ts.Node[] = [];
  const push = (child: ts.Node): undefined => {
    stack.push(child);
  };
  ts.forEachChild(node, push);
  while (stack.length > 0) {
    const child = stack.pop()!;
    switch (child.kind) {
      case ts.SyntaxKind.IfStatement:
      case ts.SyntaxKind.ConditionalExpression:
      case ts.SyntaxKind.ForStatement:
      case ts.SyntaxKind.ForInStatement:
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.WhileStatement:
      case ts.SyntaxKind.DoStatement:
      case ts.SyntaxKind.CaseClause:
      case ts.SyntaxKind.CatchClause:
        complexity++;
        break;
      case ts.SyntaxKind.BinaryExpression:
        switch ((child as ts.BinaryExpression).operatorToken.kind) {
          case ts.SyntaxKind.AmpersandAmpersandToken:
          case ts.SyntaxKind.BarBarToken:
          case ts.SyntaxKind.QuestionQuestionToken:
          case ts.SyntaxKind.AmpersandAmpersandEqualsToken:
          case ts.SyntaxKind.BarBarEqualsToken:
          case ts.SyntaxKind.QuestionQuestionEqualsToken:
            complexity++;
        }
        break;
    }
    ts.forEachChild(child, push);
  }
  return complexity;
}

/**
 * A hash of declarations' own text (all parts of a symbol: overloads, merged declarations),
 * leaving out the text of its members, which are nodes of their own. A body edit changes
 * the hash of the function edited, not of the class around it.
 */
export function ownTextHash(
  declarations: readonly ts.Node[],
  sourceFile: ts.SourceFile,
  members: readonly { readonly declarations: readonly ts.Node[] }[],
): string {
  const hash = createHash('sha256');
  const text = sourceFile.text;
  const holes = members
    .flatMap((m) => m.declarations)
    .map((d) => [d.getStart(sourceFile, true), d.getEnd()] as const)
    .sort((a, b) => a[0] - b[0]);
  for (const declaration of declarations) {
    // From its JSDoc on: a docs edit is an edit of the symbol.
    let position = declaration.getStart(sourceFile, true);
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
