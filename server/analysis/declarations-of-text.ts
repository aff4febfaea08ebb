import { createHash } from 'node:crypto';
import { ts } from 'ts-morph';
import type { GraphNode } from '../model/index.ts';
import { collectDeclarations, type Declared } from './declarations.ts';
import { requireBindings } from './require-bindings.ts';
import { NONE_UNRESOLVED, symbolNode } from './symbol-node.ts';

/** Source files codenav analyzes, by extension. */
export const SOURCE_FILE = /\.(?:[cm]?[jt]sx?)$/;

/**
 * The symbol nodes one file's text declares, from its syntax and TypeScript's binder (pass 1: no
 * program, no type checker): keys, kinds and every property but the unresolved counts, as the analyzer gives
 * them. For comparing an old version of a file (from git) with the graph without analyzing
 * the old project.
 *
 * @param path - root-relative posix path (it makes the keys).
 * @param options - which `require` bindings are imports: without a program, the caller says
 *   (by default none is: each is a VARIABLE).
 */
export function declarationsOfText(path: string, text: string, options: TextOptions = {}): GraphNode[] {
  const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.ESNext, true, scriptKindOf(path));
  bind(sourceFile);
  const declared = collectOf(sourceFile, path, options);
  return declared.symbols.map((symbol) => symbolNode(symbol, sourceFile, path, NONE_UNRESOLVED));
}

/** A module-level `require` binding of a text, as plain data: `merge` of `const merge = require('utils-merge')`. */
export interface TextRequire {
  readonly name: string;
  /** The module specifier as written. */
  readonly specifier: string;
}

/** How to read a text without a program. */
export interface TextOptions {
  /**
   * Whether a `require` binding is an import (its module resolves: no node) rather than a
   * VARIABLE, which the text alone cannot tell.
   * @default () => false: every binding is a VARIABLE
   */
  readonly isImport?: (binding: TextRequire) => boolean;
}

/** The module-level `require` bindings of a text (JavaScript; none in TypeScript), in source order. */
export function requiresOfText(path: string, text: string): TextRequire[] {
  const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.ESNext, true, scriptKindOf(path));
  bind(sourceFile);
  return requireBindings(sourceFile).map((binding) => ({
    name: binding.name,
    specifier: (binding.call.arguments[0] as ts.StringLiteralLike).text,
  }));
}

/** Pass 1 on a text: its `require` bindings scanned once, the caller deciding which are imports. */
function collectOf(sourceFile: ts.SourceFile, path: string, options: TextOptions) {
  const isImport = options.isImport ?? (() => false);
  const requires = requireBindings(sourceFile).map((binding) => ({
    binding,
    isImport: isImport({
      name: binding.name,
      specifier: (binding.call.arguments[0] as ts.StringLiteralLike).text,
    }),
  }));
  return collectDeclarations(sourceFile, path, new WeakMap<ts.Node, Declared>(), { requires });
}

/**
 * Which `require` bindings of an old text of a file are imports, as the graph of the file now
 * says (whether a module resolves, the text alone cannot tell): a binding is a VARIABLE when the
 * graph has that VARIABLE, an import otherwise.
 *
 * @param nodes - the file's symbol nodes in the graph now.
 */
export function requireImportsAsInGraph(path: string, nodes: readonly GraphNode[]): TextOptions {
  const variables = new Set(nodes.filter((n) => n.kind === 'VARIABLE').map((n) => n.key));
  return { isImport: (binding) => !variables.has(`${path}#${binding.name}`) };
}

/**
 * For each symbol key {@link declarationsOfText} gives: a hash of its own code as tokens, with
 * comments (JSDoc too) and whitespace left out and its members' code left out (they have hashes
 * of their own). Two texts of a symbol with equal code hashes differ only in comments or
 * formatting: for diffImpact, no change of behaviour.
 */
export function codeHashesOfText(path: string, text: string, options: TextOptions = {}): Map<string, string> {
  const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.ESNext, true, scriptKindOf(path));
  bind(sourceFile);
  const { symbols } = collectOf(sourceFile, path, options);
  const memberDeclarations = new Map<string, ts.Node[]>();
  for (const symbol of symbols) {
    const list = memberDeclarations.get(symbol.parentKey) ?? [];
    list.push(...symbol.declarations);
    memberDeclarations.set(symbol.parentKey, list);
  }
  return new Map(
    symbols.map((symbol) => [
      symbol.key,
      codeHash(symbol.declarations, sourceFile, new Set(memberDeclarations.get(symbol.key))),
    ]),
  );
}

/**
 * Hashes the tokens of `declarations` as the parser sees them (template parts, regular
 * expressions and JSX text whole), skipping comments, whitespace and the `holes`.
 */
function codeHash(
  declarations: readonly ts.Node[],
  sourceFile: ts.SourceFile,
  holes: ReadonlySet<ts.Node>,
): string {
  const hash = createHash('sha256');
  const visit = (node: ts.Node): void => {
    if (
      holes.has(node) ||
      (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode)
    )
      return;
    const children = node.getChildren(sourceFile);
    if (children.length === 0) {
      hash.update(node.getText(sourceFile));
      hash.update('\0');
    } else for (const child of children) visit(child);
  };
  for (const declaration of declarations) visit(declaration);
  return hash.digest('hex').slice(0, 16);
}

/** One imported name of a module as a file uses it (see {@link importUsesOfText}). */
export interface ImportUse {
  /** The module specifier as written: `./a`, `@/lib/a`; `''` for one of the file's own names. */
  readonly specifier: string;
  /** The name imported: an export's name, `default`, or `*` for the module as a whole. */
  readonly name: string;
  /**
   * Keys of the innermost symbols whose code uses it (as {@link declarationsOfText} keys them), or
   * the file's own key for a use outside every symbol (top-level code, a re-export).
   */
  readonly users: readonly string[];
}

/**
 * Which of a file's symbols use which imported names, from its syntax alone (no program): ES
 * imports and re-exports, `import x = require()`, and top-level `require()` bound to a name or
 * destructured. `ns.name` through a namespace import counts as a use of `name`. A local of the
 * same name (a parameter, a variable, a nested function, a type parameter…) shadows it in its
 * scope, as the binder's scopes say: that name there, and the local's own declaration, are no use.
 * A local of another meaning (a type parameter `total` where the value `total` is used) shadows
 * nothing.
 *
 * @param path - root-relative posix path (it makes the keys).
 * @param ownNames - top-level names the file declared and no longer does: their uses come with
 *   the specifier `''` (the file itself).
 */
export function importUsesOfText(
  path: string,
  text: string,
  ownNames: readonly string[] = [],
): readonly ImportUse[] {
  return usesOfText(path, text, { ownNames }).imports;
}

/** A member name as a file accesses it (see {@link usesOfText}). */
export interface PropertyUse {
  /** The property's name. */
  readonly name: string;
  /** Keys of the innermost symbols whose code accesses it, or the file's key for top-level code. */
  readonly users: readonly string[];
}

/** What {@link usesOfText} reads from one text. */
export interface TextUses {
  /** As {@link importUsesOfText} gives them. */
  readonly imports: readonly ImportUse[];
  /** Accesses of the `propertyNames` asked for, whatever the object. */
  readonly properties: readonly PropertyUse[];
}

/**
 * {@link importUsesOfText}, and in the same parse the accesses of the given property names:
 * `x.name`, `x?.name`, `this.name`, `X.name` in a type, `x['name']` (or `x[0]`), `X['name']` (a type), and
 * `{ name } = x` or `{ name: y } = x`. Syntax only: whose property it is, no type checker says
 * (an access of another object's property of that name counts too).
 */
export function usesOfText(
  path: string,
  text: string,
  options: { readonly ownNames?: readonly string[]; readonly propertyNames?: readonly string[] } = {},
): TextUses {
  const { ownNames = [] } = options;
  const propertyNames = new Set(options.propertyNames);
  const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.ESNext, true, scriptKindOf(path));
  bind(sourceFile);
  const { symbols } = collectDeclarations(sourceFile, path, new WeakMap<ts.Node, Declared>());
  const ranges = symbols
    .flatMap((symbol) =>
      symbol.declarations.map((d) => ({ key: symbol.key, start: d.getStart(sourceFile), end: d.end })),
    )
    // The innermost range that holds a position is the last one starting at or before it.
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const userAt = (position: number): string => {
    let user = path;
    for (const range of ranges) {
      if (range.start > position) break;
      if (position < range.end) user = range.key;
    }
    return user;
  };
  const locals = new Map<string, { specifier: string; name: string }>();
  const uses = new Map<string, { specifier: string; name: string; users: Set<string> }>();
  const use = (specifier: string, name: string, user: string) => {
    const id = `${specifier}\0${name}`;
    const found = uses.get(id);
    if (found) found.users.add(user);
    else uses.set(id, { specifier, name, users: new Set([user]) });
  };
  const requireOf = (expression: ts.Expression | undefined): string | undefined =>
    expression !== undefined &&
    ts.isCallExpression(expression) &&
    ts.isIdentifier(expression.expression) &&
    expression.expression.text === 'require' &&
    expression.arguments.length === 1 &&
    ts.isStringLiteralLike(expression.arguments[0]!)
      ? expression.arguments[0].text
      : undefined;
  const skipped = new Set<ts.Node>();
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      skipped.add(statement);
      const specifier = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      if (clause?.name) locals.set(clause.name.text, { specifier, name: 'default' });
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings))
        locals.set(bindings.name.text, { specifier, name: '*' });
      else if (bindings)
        for (const element of bindings.elements)
          locals.set(element.name.text, { specifier, name: (element.propertyName ?? element.name).text });
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      skipped.add(statement);
      const specifier = statement.moduleSpecifier.text;
      const clause = statement.exportClause;
      if (clause === undefined || ts.isNamespaceExport(clause)) use(specifier, '*', path);
      else
        for (const element of clause.elements)
          use(specifier, (element.propertyName ?? element.name).text, path);
    } else if (
      ts.isImportEqualsDeclaration(statement) &&
      ts.isExternalModuleReference(statement.moduleReference) &&
      ts.isStringLiteral(statement.moduleReference.expression)
    ) {
      skipped.add(statement);
      locals.set(statement.name.text, { specifier: statement.moduleReference.expression.text, name: '*' });
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const specifier = requireOf(declaration.initializer);
        if (specifier === undefined) continue;
        skipped.add(declaration);
        if (ts.isIdentifier(declaration.name)) locals.set(declaration.name.text, { specifier, name: '*' });
        else if (ts.isObjectBindingPattern(declaration.name))
          for (const element of declaration.name.elements) {
            const property = element.propertyName ?? element.name;
            if (ts.isIdentifier(element.name) && ts.isIdentifier(property))
              locals.set(element.name.text, { specifier, name: property.text });
          }
      }
    }
  }
  for (const name of ownNames) if (!locals.has(name)) locals.set(name, { specifier: '', name });
  const properties = new Map<string, Set<string>>();
  const accessed = (name: string, node: ts.Node) => {
    if (!propertyNames.has(name)) return;
    const users = properties.get(name) ?? new Set<string>();
    users.add(userAt(node.getStart(sourceFile)));
    properties.set(name, users);
  };
  if (locals.size > 0 || propertyNames.size > 0) {
    const visit = (node: ts.Node): void => {
      if (skipped.has(node)) return;
      if (propertyNames.size > 0) {
        const { parent } = node;
        if (
          (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) &&
          ((ts.isPropertyAccessExpression(parent) && parent.name === node) ||
            (ts.isQualifiedName(parent) && parent.right === node))
        )
          accessed(node.text, node);
        else if (
          ts.isElementAccessExpression(node) &&
          (ts.isStringLiteralLike(node.argumentExpression) || ts.isNumericLiteral(node.argumentExpression))
        )
          accessed(node.argumentExpression.text, node.argumentExpression);
        else if (
          ts.isIndexedAccessTypeNode(node) &&
          ts.isLiteralTypeNode(node.indexType) &&
          ts.isStringLiteral(node.indexType.literal)
        )
          accessed(node.indexType.literal.text, node.indexType);
        else if (ts.isBindingElement(node) && ts.isObjectBindingPattern(parent)) {
          const property = node.propertyName ?? node.name;
          if (ts.isIdentifier(property) || ts.isStringLiteralLike(property))
            accessed(property.text, property);
        }
      }
      if (ts.isIdentifier(node)) {
        const local = locals.get(node.text);
        const { parent } = node;
        // `x.name` and `{ name: … }` name a property, not the import.
        const isPropertyName =
          (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
          (ts.isQualifiedName(parent) && parent.right === node) ||
          ((ts.isPropertyAssignment(parent) ||
            ts.isPropertyDeclaration(parent) ||
            ts.isPropertySignature(parent) ||
            ts.isMethodDeclaration(parent) ||
            ts.isMethodSignature(parent) ||
            ts.isGetAccessorDeclaration(parent) ||
            ts.isSetAccessorDeclaration(parent) ||
            ts.isEnumMember(parent)) &&
            parent.name === node);
        if (local !== undefined && !isPropertyName && !isShadowed(node)) {
          let { name } = local;
          if (name === '*' && ts.isPropertyAccessExpression(parent) && parent.expression === node)
            name = parent.name.text;
          else if (name === '*' && ts.isQualifiedName(parent) && parent.left === node)
            name = parent.right.text;
          use(local.specifier, name, userAt(node.getStart(sourceFile)));
        }
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return {
    imports: [...uses.values()].map((u) => ({
      specifier: u.specifier,
      name: u.name,
      users: [...u.users].sort(),
    })),
    properties: [...properties].map(([name, users]) => ({ name, users: [...users].sort() })),
  };
}

/** TypeScript's binder: exported by its module, though not in its public typings. */
interface BinderApi {
  bindSourceFile(sourceFile: ts.SourceFile, options: ts.CompilerOptions): void;
  /** Whether a name stands in a type (`x: T`, `implements T`; not `typeof v`, not `extends C`). */
  isPartOfTypeNode?(node: ts.Node): boolean;
}

/** What the binder leaves on a scope (a function, a block, a catch clause, a type alias…). */
interface BoundScope {
  readonly locals?: ReadonlyMap<ts.__String, ts.Symbol & { readonly exportSymbol?: ts.Symbol }>;
}

/**
 * Whether `identifier`, a name used at its place, is declared by a scope around it below the
 * file's own (whose locals are the imports and top-level names looked for): a parameter, a
 * variable, a nested function or class, a type parameter, a catch clause's variable, a named
 * function or class expression's own name. Only a local with the meaning the place asks for
 * shadows: a type parameter `T` leaves the value `T` alone. Unbound (a file too deep for the
 * binder), nothing is shadowed.
 */
function isShadowed(identifier: ts.Identifier): boolean {
  const { isPartOfTypeNode } = ts as unknown as BinderApi;
  const { parent } = identifier;
  const meaning =
    ts.isQualifiedName(parent) && parent.left === identifier
      ? ts.SymbolFlags.Namespace
      : ts.isTypeParameterDeclaration(parent) && parent.name === identifier
        ? ts.SymbolFlags.Type
        : isPartOfTypeNode?.(identifier) === true
          ? ts.SymbolFlags.Type
          : ts.SymbolFlags.Value;
  const name = ts.escapeLeadingUnderscores(identifier.text);
  for (let scope: ts.Node = parent; !ts.isSourceFile(scope); scope = scope.parent) {
    const local = (scope as BoundScope).locals?.get(name);
    // An exported member of a namespace is a local standing for its export: the export's meaning.
    if (local !== undefined && ((local.flags | (local.exportSymbol?.flags ?? 0)) & meaning) !== 0)
      return true;
    // The binder keeps these outside `locals` (the checker looks them up by hand, and so do we).
    if (
      (ts.isClassLike(scope) || ts.isInterfaceDeclaration(scope)) &&
      (meaning & ts.SymbolFlags.Type) !== 0 &&
      scope.typeParameters?.some((p) => p.name.text === identifier.text) === true
    )
      return true;
    if (
      (ts.isFunctionExpression(scope) || ts.isClassExpression(scope)) &&
      scope.name?.text === identifier.text &&
      (meaning & ts.SymbolFlags.Value) !== 0
    )
      return true;
  }
  return false;
}

/**
 * Binds the file as the program would: in JavaScript the binder decides what an assignment
 * declares and exports (`module.exports = proto`, then `proto.handle = …`). A file too deep for
 * the binder stays unbound (its plain declarations are still found).
 */
function bind(sourceFile: ts.SourceFile): void {
  const { bindSourceFile } = ts as unknown as BinderApi;
  const options: ts.CompilerOptions = { allowJs: true, target: ts.ScriptTarget.ESNext };
  try {
    bindSourceFile(sourceFile, options);
  } catch {
    // The binder keeps its walking state in module variables and resets them only when a bind
    // completes: complete one, so the next file starts clean.
    bindSourceFile(ts.createSourceFile('reset.ts', '', ts.ScriptTarget.Latest), options);
  }
}

function scriptKindOf(path: string): ts.ScriptKind {
  if (/\.[cm]?tsx$/.test(path) || path.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/.test(path)) return ts.ScriptKind.TS;
  if (path.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}
