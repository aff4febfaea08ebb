import ts from 'typescript';

/**
 * A function body edited as a developer would: a statement inserted before the first
 * statement of the file's first non-empty function body (same line count). Undefined when
 * the file has no such body.
 */
export function insertInFirstBody(text: string, statement = 'void 0;'): string | undefined {
  const sourceFile = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true);
  let at: number | undefined;
  const visit = (node: ts.Node): void => {
    if (at !== undefined) return;
    if (
      ts.isFunctionLike(node) &&
      'body' in node &&
      node.body &&
      ts.isBlock(node.body) &&
      node.body.statements.length > 0
    ) {
      at = node.body.statements[0]!.getStart(sourceFile);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return at === undefined ? undefined : `${text.slice(0, at)}${statement} ${text.slice(at)}`;
}
