import { builtinModules } from 'node:module';
import { ts } from 'ts-morph';

/** One import-like construct of a file, before its specifier is resolved. */
export interface ImportSite {
  readonly specifier: string;
  /** Exported names it takes: `default`, `*` for a namespace or `export *`, else the names. */
  readonly names: readonly string[];
  readonly typeOnly: boolean;
  /** `import()` (and `require()`), as opposed to a static import. */
  readonly dynamic: boolean;
  readonly reExport: boolean;
  /** 1-based line of the specifier. */
  readonly line: number;
}

const IMPORT_KINDS = new Set([
  ts.SyntaxKind.ImportDeclaration,
  ts.SyntaxKind.ExportDeclaration,
  ts.SyntaxKind.ImportEqualsDeclaration,
  ts.SyntaxKind.CallExpression,
  ts.SyntaxKind.ImportType,
]);

/**
 * The import a node makes, if it is one: import and export declarations, `import x =
 * require()`, `import()` calls, `require()` calls, and `import('x').T` types.
 */
export function importSiteOf(node: ts.Node, sourceFile: ts.SourceFile): ImportSite | undefined {
  // Called on every node of a file: rule out the rest by kind before anything else.
  if (!IMPORT_KINDS.has(node.kind)) return undefined;
  const lineOf = (n: ts.Node) => sourceFile.getLineAndCharacterOfPosition(n.getStart(sourceFile)).line + 1;
  if (ts.isImportDeclaration(node) && ts.isStringLiteralLike(node.moduleSpecifier)) {
    const clause = node.importClause;
    const names: string[] = [];
    let allTypeOnly = clause?.isTypeOnly ?? false;
    if (clause?.name) names.push('default');
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.push('*');
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) names.push((element.propertyName ?? element.name).text);
      if (!clause?.isTypeOnly && !clause?.name && bindings.elements.length > 0) {
        allTypeOnly = bindings.elements.every((e) => e.isTypeOnly);
      }
    }
    return site(node.moduleSpecifier.text, names, allTypeOnly, false, false, lineOf(node.moduleSpecifier));
  }
  if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteralLike(node.moduleSpecifier)) {
    const clause = node.exportClause;
    let names: string[] = ['*'];
    let typeOnly = node.isTypeOnly;
    if (clause && ts.isNamedExports(clause)) {
      names = clause.elements.map((e) => (e.propertyName ?? e.name).text);
      if (!typeOnly && clause.elements.length > 0) typeOnly = clause.elements.every((e) => e.isTypeOnly);
    }
    return site(node.moduleSpecifier.text, names, typeOnly, false, true, lineOf(node.moduleSpecifier));
  }
  if (
    ts.isImportEqualsDeclaration(node) &&
    ts.isExternalModuleReference(node.moduleReference) &&
    ts.isStringLiteralLike(node.moduleReference.expression)
  ) {
    const literal = node.moduleReference.expression;
    return site(literal.text, ['*'], node.isTypeOnly, false, false, lineOf(literal));
  }
  if (ts.isCallExpression(node) && node.arguments.length >= 1) {
    const argument = node.arguments[0]!;
    if (!ts.isStringLiteralLike(argument)) return undefined;
    if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      return site(argument.text, ['*'], false, true, false, lineOf(argument));
    }
    if (
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'require' &&
      node.arguments.length === 1
    ) {
      return site(argument.text, ['*'], false, false, false, lineOf(argument));
    }
  }
  if (
    ts.isImportTypeNode(node) &&
    ts.isLiteralTypeNode(node.argument) &&
    ts.isStringLiteral(node.argument.literal)
  ) {
    const qualifier = node.qualifier;
    const first = qualifier ? firstName(qualifier) : undefined;
    return site(node.argument.literal.text, [first ?? '*'], true, false, false, lineOf(node.argument));
  }
  return undefined;
}

function site(
  specifier: string,
  names: string[],
  typeOnly: boolean,
  dynamic: boolean,
  reExport: boolean,
  line: number,
): ImportSite {
  return { specifier, names, typeOnly, dynamic, reExport, line };
}

/** `a` of `a.b.c` (a loop: the chain can be as long as the file). */
function firstName(name: ts.EntityName): string {
  let current = name;
  while (!ts.isIdentifier(current)) current = current.left;
  return current.text;
}

const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));

/** True for specifiers that name a package or a builtin (not a relative or absolute path). */
export function isBareSpecifier(specifier: string): boolean {
  return !specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.startsWith('#');
}

/**
 * The EXTERNAL_MODULE key of a bare specifier: `node:fs` for builtins (`fs`,
 * `node:fs/promises`), else `npm:` and the package name (`npm:react`, `npm:@scope/pkg`).
 */
export function externalModuleKey(specifier: string): { key: string; name: string; builtin: boolean } {
  const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  const top = bare.split('/')[0]!;
  if (specifier.startsWith('node:') || BUILTINS.has(bare) || BUILTINS.has(top)) {
    return { key: `node:${top}`, name: top, builtin: true };
  }
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') && parts.length > 1 ? `${parts[0]}/${parts[1]}` : parts[0]!;
  return { key: `npm:${name}`, name, builtin: false };
}
