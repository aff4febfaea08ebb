import { ts } from 'ts-morph';
import { isJavaScriptFile, symbolOf } from './js-assignments.ts';

/**
 * A name that a module-level `const x = require('m')`, `const { a, b: c } = require('m')` or
 * `const y = require('m').p` binds in a JavaScript file. TypeScript's binder makes each such
 * name an alias of what the module exports, as `import` would (`x`, `a`, `c` and `y`; not a
 * name nested deeper in a pattern, nor one with a JSDoc `@type`).
 */
export interface RequireBinding {
  readonly name: string;
  /** What declares it: the variable declaration, or the binding element of a pattern. */
  readonly node: ts.VariableDeclaration | ts.BindingElement;
  /** The `require('m')` call. */
  readonly call: ts.CallExpression;
}

/** Every {@link RequireBinding} of a file's top level, in source order (none outside JavaScript). */
export function requireBindings(sourceFile: ts.SourceFile): RequireBinding[] {
  if (!isJavaScriptFile(sourceFile)) return [];
  const found: RequireBinding[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const call = requireCallOf(declaration);
      if (!call) continue;
      const candidates = ts.isIdentifier(declaration.name)
        ? [{ name: declaration.name.text, node: declaration }]
        : ts.isObjectBindingPattern(declaration.name)
          ? declaration.name.elements.flatMap((element) =>
              ts.isIdentifier(element.name) ? [{ name: element.name.text, node: element }] : [],
            )
          : [];
      for (const { name, node } of candidates) {
        // The binder's word: it made the name an alias (not so with `@type`, `export`, in TypeScript).
        const symbol = symbolOf(node);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) found.push({ name, node, call });
      }
    }
  }
  return found;
}

/**
 * The `require('m')` call at the left end of a variable's initializer — `require('m')`,
 * `require('m').a.b`, `require('m')['a']` — as TypeScript's
 * `isVariableDeclarationInitializedToBareOrAccessedRequire` takes it.
 */
export function requireCallOf(declaration: ts.VariableDeclaration): ts.CallExpression | undefined {
  let expression = declaration.initializer;
  while (
    expression &&
    (ts.isPropertyAccessExpression(expression) || ts.isElementAccessExpression(expression))
  ) {
    expression = expression.expression;
  }
  if (
    expression &&
    ts.isCallExpression(expression) &&
    ts.isIdentifier(expression.expression) &&
    expression.expression.text === 'require' &&
    expression.arguments.length === 1 &&
    ts.isStringLiteralLike(expression.arguments[0]!)
  ) {
    return expression;
  }
  return undefined;
}

/**
 * What a file contributes to the resolution of `require('m')` in other files, as one string:
 * its string-named module declarations (`declare module 'm'`, ambient in a script, an
 * augmentation in a module) and its triple-slash references, which bring more of them in. An edit
 * that changes it may make other files' bindings imports, or imports variables (without a file
 * being added or deleted).
 */
export function moduleDeclarationsOf(sourceFile: ts.SourceFile): string {
  const parts = [ts.isExternalModule(sourceFile) ? 'module' : 'script'];
  for (const statement of sourceFile.statements)
    if (ts.isModuleDeclaration(statement) && ts.isStringLiteral(statement.name))
      parts.push(`declare ${statement.name.text}`);
  for (const reference of sourceFile.referencedFiles) parts.push(`path ${reference.fileName}`);
  for (const reference of sourceFile.typeReferenceDirectives) parts.push(`types ${reference.fileName}`);
  for (const reference of sourceFile.libReferenceDirectives) parts.push(`lib ${reference.fileName}`);
  return parts.join('\n');
}
