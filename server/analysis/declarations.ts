import { ts } from 'ts-morph';
import type { SymbolKind } from '../model/index.ts';
import {
  type AssignmentDeclaration,
  assignedValue,
  assignmentDeclarations,
  isJavaScriptFile,
  throughExportsChain,
} from './js-assignments.ts';
import { ownTextHash, signatureOf } from './metrics.ts';
import type { RequireBinding, requireBindings } from './require-bindings.ts';
import { isFunctionLike, skipOuterExpressions } from './syntax.ts';

/** A symbol declared in a file: one graph node, possibly several declaration nodes. */
export interface Declared {
  readonly key: string;
  readonly kind: SymbolKind;
  readonly name: string;
  readonly qualifiedName: string;
  /** Key of the node that CONTAINS it: the file, or a class/interface/enum/namespace. */
  readonly parentKey: string;
  /** The declaration whose location and signature the node shows (an overload's implementation). */
  primary: ts.Node;
  /** Every declaration folded into this node (overloads, get/set, merged same-kind declarations). */
  readonly declarations: ts.Node[];
  exported: boolean;
  defaultExport: boolean;
  /** The header as written (see {@link signatureOf}). */
  signature: string;
  /**
   * The headers of its overloads as written, when it has them: what callers see instead of the
   * implementation's header (see {@link overloadsOf}).
   */
  overloads?: string[];
  /** A hash of its own text, members excluded (see {@link ownTextHash}). */
  hash: string;
  /**
   * Its type is inferred from its body or initializer (no annotation): an edit of the body
   * may change what code using it resolves to.
   */
  inferred: boolean;
  /** Set when its file was analyzed again: syntax nodes reused by the new tree must not resolve to it. */
  stale: boolean;
}

export interface FileDeclarations {
  readonly fileKey: string;
  /** In source order. */
  readonly symbols: readonly Declared[];
  /**
   * A hash of the file's imports and re-exports from other modules: what every owner's
   * resolution of an imported name depends on, though none of them holds it.
   */
  readonly importsHash: string;
}

/** A module-level `require` binding of a file, decided: an import, or a VARIABLE node. */
export interface DecidedRequire {
  readonly binding: RequireBinding;
  /**
   * Its module resolves, so it is no node and uses of it lead into the module (as the checker
   * says: the analyzer asks its program); else it is a VARIABLE (a module that resolves nowhere,
   * where go-to-definition stops at the variable).
   */
  readonly isImport: boolean;
}

export interface CollectOptions {
  /**
   * The file's module-level `require` bindings ({@link requireBindings}, scanned once by the
   * caller), in source order, each decided. Without them none is known: each is a VARIABLE,
   * and none counts among the file's imports (`importsHash`).
   * @default []
   */
  readonly requires?: readonly DecidedRequire[];
}

/**
 * Pass 1, without the type checker: every declaration of a file that becomes a node, with
 * its key. Keys are `path#Qualified.name`; where names collide in one file, same-kind
 * declarations that TypeScript merges (overloads, interfaces, namespaces, a get/set pair)
 * fold into one node, and any other later declaration takes a suffix: `~kind`
 * (`#Foo~namespace`), then `~kind~2`, `~kind~3`… in source order.
 *
 * @param keyOf - receives each declaration node's symbol, for resolving references later (all
 *   at the end: nothing when the file throws half-way).
 */
export function collectDeclarations(
  sourceFile: ts.SourceFile,
  fileKey: string,
  keyOf: WeakMap<ts.Node, Declared>,
  options: CollectOptions = {},
): FileDeclarations {
  const requires = options.requires ?? [];
  const requireImports = requires.filter((r) => r.isImport).map((r) => r.binding);
  /** The declarations of module-level `require` bindings that are imports, not nodes. */
  const imported = new Set<ts.Node>(requireImports.map((binding) => binding.node));
  /** Their names: what `m.x = function` assigns to, where `m` is no node (see declareAssignment). */
  const importedNames = new Set(requireImports.map((binding) => binding.name));
  const symbols: Declared[] = [];
  /** Declaration nodes and their symbols: given to `keyOf` only once the whole file is done. */
  const found: [ts.Node, Declared][] = [];
  const byQualifiedName = new Map<string, Declared[]>();
  const usedKeys = new Set<string>();

  const declare = (
    node: ts.Node,
    kind: SymbolKind,
    name: string,
    container: { key: string; prefix: string },
    flags: { exported?: boolean; defaultExport?: boolean; distinct?: boolean } = {},
  ): Declared => {
    const qualifiedName = container.prefix + name;
    const same = byQualifiedName.get(qualifiedName) ?? [];
    const merged = flags.distinct
      ? undefined
      : same.find(
          (d) =>
            d.kind === kind &&
            d.parentKey === container.key &&
            mergeable(kind) &&
            !ts.isBinaryExpression(d.primary),
        );
    if (merged) {
      merged.declarations.push(node);
      if (!hasBody(merged.primary) && hasBody(node)) merged.primary = node;
      merged.exported ||= flags.exported ?? false;
      merged.defaultExport ||= flags.defaultExport ?? false;
      found.push([node, merged]);
      return merged;
    }
    let key = `${fileKey}#${qualifiedName}`;
    if (usedKeys.has(key)) {
      const base = `${key}~${kind.toLowerCase()}`;
      key = base;
      for (let n = 2; usedKeys.has(key); n++) key = `${base}~${n}`;
    }
    usedKeys.add(key);
    const declared: Declared = {
      key,
      kind,
      name,
      qualifiedName,
      parentKey: container.key,
      primary: node,
      declarations: [node],
      exported: flags.exported ?? false,
      defaultExport: flags.defaultExport ?? false,
      signature: '',
      hash: '',
      inferred: false,
      stale: false,
    };
    same.push(declared);
    byQualifiedName.set(qualifiedName, same);
    symbols.push(declared);
    found.push([node, declared]);
    return declared;
  };

  const visitMembers = (members: ts.NodeArray<ts.Node>, owner: Declared) => {
    const container = { key: owner.key, prefix: `${owner.qualifiedName}.` };
    for (const member of members) {
      if (ts.isConstructorDeclaration(member)) {
        declare(member, 'METHOD', 'constructor', container);
        for (const param of member.parameters) {
          if (ts.isParameterPropertyDeclaration(param, member) && ts.isIdentifier(param.name)) {
            declare(param, 'PROPERTY', param.name.text, container);
          }
        }
        continue;
      }
      const name = memberName(member);
      if (name === undefined) continue;
      if (
        ts.isMethodDeclaration(member) ||
        ts.isMethodSignature(member) ||
        ts.isGetAccessorDeclaration(member) ||
        ts.isSetAccessorDeclaration(member)
      ) {
        declare(member, 'METHOD', name, container);
      } else if (ts.isPropertyDeclaration(member)) {
        declare(member, isFunctionLike(member.initializer) ? 'METHOD' : 'PROPERTY', name, container);
      } else if (ts.isPropertySignature(member) || ts.isEnumMember(member)) {
        declare(member, 'PROPERTY', name, container);
      }
    }
  };

  /** Exported and default-exported, by its modifiers and the list's `export { … }`. */
  const exportFlags = (
    node: ts.Node,
    name: string | undefined,
    localExports: Map<string, 'named' | 'default'>,
  ) => {
    const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
    const hasExport = modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
    const hasDefault = modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ?? false;
    const local = name === undefined ? undefined : localExports.get(name);
    return {
      exported: hasExport || local !== undefined,
      defaultExport: (hasExport && hasDefault) || local === 'default',
    };
  };

  /**
   * Declares one statement; a namespace's block comes back to be walked next, so that
   * namespaces nest without recursion (code under analysis nests without bound) while
   * everything is still declared in source order.
   */
  const visitStatement = (
    statement: ts.Statement,
    container: { key: string; prefix: string },
    localExports: Map<string, 'named' | 'default'>,
  ): { statements: ts.NodeArray<ts.Statement>; container: { key: string; prefix: string } } | undefined => {
    if (ts.isFunctionDeclaration(statement)) {
      const name = statement.name?.text ?? 'default';
      declare(
        statement,
        'FUNCTION',
        name,
        container,
        exportFlags(statement, statement.name?.text, localExports),
      );
    } else if (ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement)) {
      const name = statement.name?.text ?? 'default';
      const kind = ts.isClassDeclaration(statement) ? 'CLASS' : 'INTERFACE';
      const owner = declare(
        statement,
        kind,
        name,
        container,
        exportFlags(statement, statement.name?.text, localExports),
      );
      visitMembers(statement.members, owner);
    } else if (ts.isTypeAliasDeclaration(statement)) {
      declare(
        statement,
        'TYPE_ALIAS',
        statement.name.text,
        container,
        exportFlags(statement, statement.name.text, localExports),
      );
    } else if (ts.isEnumDeclaration(statement)) {
      const owner = declare(
        statement,
        'ENUM',
        statement.name.text,
        container,
        exportFlags(statement, statement.name.text, localExports),
      );
      visitMembers(statement.members, owner);
    } else if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) {
      // `namespace A.B.C {}`: B is an exported member of A, C of B.
      let declaration: ts.ModuleDeclaration = statement;
      let flags = exportFlags(statement, statement.name.text, localExports);
      let outer = container;
      for (;;) {
        const owner = declare(
          declaration,
          'NAMESPACE',
          (declaration.name as ts.Identifier).text,
          outer,
          flags,
        );
        outer = { key: owner.key, prefix: `${owner.qualifiedName}.` };
        const body = declaration.body;
        if (body && ts.isModuleDeclaration(body)) {
          declaration = body;
          flags = { exported: true, defaultExport: false };
          continue;
        }
        return body && ts.isModuleBlock(body) ? { statements: body.statements, container: outer } : undefined;
      }
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        // `var app = exports = module.exports = {}` is the module's default export.
        const initializer = declaration.initializer && throughExportsChain(declaration.initializer);
        for (const binding of bindingNames(declaration.name)) {
          if (imported.has(binding.node)) continue;
          const isFunction = binding.node === declaration && isFunctionLike(initializer?.value);
          const flags = exportFlags(statement, binding.name, localExports);
          if (binding.node === declaration && initializer?.exportsDefault) {
            flags.exported = flags.defaultExport = true;
          }
          const declared = declare(
            binding.node,
            isFunction ? 'FUNCTION' : 'VARIABLE',
            binding.name,
            container,
            flags,
          );
          // What requires the module finds these assignments: they lead to the variable.
          if (binding.node === declaration)
            for (const node of initializer?.assignments ?? []) found.push([node, declared]);
        }
      }
    } else if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
      const expression = skipOuterExpressions(statement.expression);
      if (ts.isArrowFunction(expression) || ts.isFunctionExpression(expression)) {
        declare(statement, 'FUNCTION', expression.name?.text ?? 'default', container, {
          exported: true,
          defaultExport: true,
        });
      }
    } else if (ts.isExpressionStatement(statement) && container.prefix === '') {
      // `module.exports = function f() {}`: the default-export rule, as for `export default`.
      const assignment = skipOuterExpressions(statement.expression);
      const { value, exportsDefault } = throughExportsChain(assignment);
      if (exportsDefault && (ts.isFunctionExpression(value) || ts.isArrowFunction(value))) {
        const declared = declare(
          assignment,
          'FUNCTION',
          (ts.isFunctionExpression(value) && value.name?.text) || 'default',
          container,
          { exported: true, defaultExport: true },
        );
        found.push([value, declared]);
      }
    }
    return undefined;
  };

  /**
   * A JavaScript assignment that declares (see {@link assignmentDeclarations}): `exports.x` is
   * the file's `#x`, `C.prototype.m` and `this.m` in C are `#C.m`, `obj.m` is `#obj.m` — each
   * a METHOD when a function is assigned, else a PROPERTY (at file level: FUNCTION, VARIABLE).
   * A name assigned again (`this.stack = []` in two places) is one node.
   */
  const declareAssignment = (
    assigned: AssignmentDeclaration,
    declaredAt: Map<ts.Node, Declared>,
  ): boolean => {
    const file = { key: fileKey, prefix: '' };
    let owner: Declared | undefined;
    /** `m.x = function` on a `require` binding that is an import: a member of a name that is no node. */
    let ofImport: string | undefined;
    if ('path' in assigned.container) {
      const [root, ...rest] = assigned.container.path;
      owner = byQualifiedName.get(root!)?.find((d) => d.parentKey === fileKey);
      for (const name of rest) {
        if (!owner) break;
        const qualifiedName = `${owner.qualifiedName}.${name}`;
        owner = byQualifiedName.get(qualifiedName)?.find((d) => d.parentKey === owner!.key);
      }
      if (!owner && rest.length === 0 && importedNames.has(root!)) ofImport = root;
      else if (!owner) return false;
    } else if ('thisOf' in assigned.container) {
      owner = assigned.container.thisOf.map((node) => declaredAt.get(node)).find((d) => d !== undefined);
      if (!owner) return false;
    }
    // The key it has while the binding is a VARIABLE (`#m.x`, a member of `#m`), contained by the
    // file while the binding is an import: the key does not depend on whether the module resolves.
    const container = owner
      ? { key: owner.key, prefix: `${owner.qualifiedName}.` }
      : ofImport !== undefined
        ? { key: fileKey, prefix: `${ofImport}.` }
        : file;
    const member = owner !== undefined || ofImport !== undefined;
    const isFunction = isFunctionLike(assignedValue(assigned.assignment));
    // The same name assigned again, or a member the class declares; not a file-level
    // declaration that only shares the name (`var etag = require('etag')`, `exports.etag = …`).
    const existing = byQualifiedName
      .get(container.prefix + assigned.name)
      ?.find(
        (d) => d.parentKey === container.key && (owner !== undefined || ts.isBinaryExpression(d.primary)),
      );
    let declared: Declared;
    if (existing) {
      existing.declarations.push(assigned.assignment);
      found.push([assigned.assignment, existing]);
      declared = existing;
    } else {
      const kind: SymbolKind = member
        ? isFunction
          ? 'METHOD'
          : 'PROPERTY'
        : isFunction
          ? 'FUNCTION'
          : 'VARIABLE';
      declared = declare(assigned.assignment, kind, assigned.name, container, {
        exported: assigned.exported,
        distinct: true,
      });
    }
    declaredAt.set(assigned.assignment, declared);
    declaredAt.set(assigned.assignment.left, declared);
    found.push([assigned.assignment.left, declared]);
    return true;
  };

  // Statement lists being walked, innermost last: a namespace's block is walked when met, then
  // the list around it goes on.
  const lists = [
    {
      statements: sourceFile.statements,
      container: { key: fileKey, prefix: '' },
      localExports: collectLocalExports(sourceFile.statements),
      next: 0,
    },
  ];
  // JavaScript assignments are declared after the top-level statement that holds them, so that
  // keys still follow source order; one whose container comes later (a hoisted function) waits
  // for the end.
  const assignments = isJavaScriptFile(sourceFile) ? assignmentDeclarations(sourceFile) : [];
  const declaredAt = new Map<ts.Node, Declared>();
  let nextAssignment = 0;
  let seen = 0;
  const see = () => {
    for (; seen < found.length; seen++) declaredAt.set(found[seen]![0], found[seen]![1]);
  };
  const waiting: AssignmentDeclaration[] = [];
  const declareAssignmentsBefore = (end: number) => {
    for (; nextAssignment < assignments.length; nextAssignment++) {
      const assignment = assignments[nextAssignment]!;
      if (assignment.assignment.pos >= end) break;
      see();
      if (!declareAssignment(assignment, declaredAt)) waiting.push(assignment);
    }
  };
  while (lists.length > 0) {
    const list = lists.at(-1)!;
    const statement = list.statements[list.next++];
    if (statement === undefined) {
      lists.pop();
      continue;
    }
    const block = visitStatement(statement, list.container, list.localExports);
    if (block) lists.push({ ...block, localExports: collectLocalExports(block.statements), next: 0 });
    if (lists.length === 1 && assignments.length > 0) declareAssignmentsBefore(statement.end);
  }
  if (assignments.length > 0) {
    declareAssignmentsBefore(sourceFile.end + 1);
    see();
    for (const assignment of waiting) declareAssignment(assignment, declaredAt);
    symbols.sort((a, b) => a.declarations[0]!.pos - b.declarations[0]!.pos);
  }

  const membersOf = new Map<string, Declared[]>();
  for (const symbol of symbols) {
    const list = membersOf.get(symbol.parentKey);
    if (list) list.push(symbol);
    else membersOf.set(symbol.parentKey, [symbol]);
  }
  for (const symbol of symbols) {
    symbol.signature = signatureOf(symbol.primary, sourceFile);
    const overloads = overloadsOf(symbol);
    if (overloads.length > 0) symbol.overloads = overloads.map((d) => signatureOf(d, sourceFile));
    symbol.hash = ownTextHash(symbol.declarations, sourceFile, membersOf.get(symbol.key) ?? []);
    symbol.inferred = isInferred(symbol.primary);
  }
  // Only now: a file that fails half-way leaves nothing other files could resolve to.
  for (const [node, declared] of found) keyOf.set(node, declared);
  // `require` bindings are the imports of a JavaScript file: what its uses resolve to.
  const requireStatements = new Set(requires.map((r) => statementOf(r.binding.call)));
  return {
    fileKey,
    symbols,
    importsHash: ownTextHash(
      sourceFile.statements.filter(
        (statement) => isImportOrExportList(statement) || requireStatements.has(statement),
      ),
      sourceFile,
      [],
    ),
  };
}

/** The top-level statement that holds a node. */
function statementOf(node: ts.Node): ts.Node {
  let current = node;
  while (!ts.isSourceFile(current.parent)) current = current.parent;
  return current;
}

/**
 * What other files' imports of this one pass through: its imports and every export list —
 * `export … from`, and also a local `export { x }` / `export { x as y }` / `export default x`,
 * which re-export an imported `x` as surely (dropping one breaks the importers of this file).
 * (And, in JavaScript, the statements of its `require` bindings: see `requireStatements`.)
 */
function isImportOrExportList(statement: ts.Statement): boolean {
  return (
    ts.isImportDeclaration(statement) ||
    ts.isImportEqualsDeclaration(statement) ||
    ts.isExportDeclaration(statement) ||
    (ts.isExportAssignment(statement) && isNameChain(skipOuterExpressions(statement.expression)))
  );
}

/** `x` or `ns.x.y`: an expression that can only name something (a default export passing it on). */
function isNameChain(expression: ts.Node): boolean {
  if (ts.isIdentifier(expression)) return true;
  return ts.isPropertyAccessExpression(expression) && isNameChain(expression.expression);
}

/** Kinds whose same-named declarations TypeScript merges into one symbol. */
function mergeable(kind: SymbolKind): boolean {
  return kind === 'FUNCTION' || kind === 'METHOD' || kind === 'INTERFACE' || kind === 'NAMESPACE';
}

/**
 * The overload signatures of a function or method: its declarations without a body, when it has
 * more than one declaration (`function f(a: string): void; function f(a: number): void; function
 * f(a: unknown) {…}`, or an interface's `on(e: 'a'): void; on(e: 'b'): void;`). A single
 * declaration without a body (`declare function f()`, an abstract method) is no overload.
 */
function overloadsOf(symbol: Declared): ts.Node[] {
  if ((symbol.kind !== 'FUNCTION' && symbol.kind !== 'METHOD') || symbol.declarations.length < 2) return [];
  return symbol.declarations.filter(
    (d) => ts.isMethodSignature(d) || ((ts.isFunctionDeclaration(d) || ts.isMethodDeclaration(d)) && !d.body),
  );
}

function hasBody(node: ts.Node): boolean {
  return ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body !== undefined;
}

function memberName(member: ts.Node): string | undefined {
  const name = (member as { name?: ts.PropertyName }).name;
  if (!name) return undefined;
  if (
    ts.isIdentifier(name) ||
    ts.isPrivateIdentifier(name) ||
    ts.isStringLiteral(name) ||
    ts.isNumericLiteral(name)
  ) {
    return name.text;
  }
  if (ts.isComputedPropertyName(name)) {
    // `[Symbol.iterator]()` and friends: named by their source text.
    return `[${name.expression.getText()}]`;
  }
  return undefined;
}

/** Each identifier a variable declaration binds, with the node that declares it, in source order. */
function bindingNames(name: ts.BindingName): { name: string; node: ts.Node }[] {
  if (ts.isIdentifier(name)) return [{ name: name.text, node: name.parent }];
  const result: { name: string; node: ts.Node }[] = [];
  // Patterns nest without bound (`{ a: { b: { … } } }`): a stack of elements, each pattern's
  // pushed in reverse so that they pop in source order.
  const stack: ts.ArrayBindingElement[] = [...name.elements].reverse();
  while (stack.length > 0) {
    const element = stack.pop()!;
    if (!ts.isBindingElement(element)) continue;
    if (ts.isIdentifier(element.name)) result.push({ name: element.name.text, node: element });
    else for (let i = element.name.elements.length - 1; i >= 0; i--) stack.push(element.name.elements[i]!);
  }
  return result;
}

/** Names exported by `export { a, b as c }` / `export default a` without a module specifier. */
function collectLocalExports(statements: ts.NodeArray<ts.Statement>): Map<string, 'named' | 'default'> {
  const result = new Map<string, 'named' | 'default'>();
  for (const statement of statements) {
    if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause) {
      if (ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) {
          const local = (element.propertyName ?? element.name).text;
          const exported = element.name.text;
          if (exported === 'default') result.set(local, 'default');
          else if (!result.has(local)) result.set(local, 'named');
        }
      }
    } else if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
      const expression = skipOuterExpressions(statement.expression);
      if (ts.isIdentifier(expression)) result.set(expression.text, 'default');
    } else if (ts.isExpressionStatement(statement)) {
      // CommonJS: `module.exports = Route` exports Route as the default export (as
      // `export default Route` would); `module.exports = { a, b: c }` exports a and c by name.
      const { value, exportsDefault } = throughExportsChain(statement.expression);
      if (!exportsDefault) continue;
      if (ts.isIdentifier(value)) result.set(value.text, 'default');
      if (ts.isObjectLiteralExpression(value)) {
        for (const property of value.properties) {
          const local = ts.isShorthandPropertyAssignment(property)
            ? property.name
            : ts.isPropertyAssignment(property) && ts.isIdentifier(property.initializer)
              ? property.initializer
              : undefined;
          if (local && !result.has(local.text)) result.set(local.text, 'named');
        }
      }
    }
  }
  return result;
}

/** True when the declaration's type comes from its body or initializer rather than an annotation. */
function isInferred(node: ts.Node): boolean {
  if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node)) {
    return node.type === undefined;
  }
  if (ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isParameter(node)) {
    if (node.type) return false;
    const initializer = node.initializer ? skipOuterExpressions(node.initializer) : undefined;
    if (initializer && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer))) {
      return initializer.type === undefined;
    }
    return true;
  }
  if (ts.isExportAssignment(node)) {
    const expression = skipOuterExpressions(node.expression);
    return (
      !(ts.isArrowFunction(expression) || ts.isFunctionExpression(expression)) ||
      expression.type === undefined
    );
  }
  return ts.isBindingElement(node) || ts.isBinaryExpression(node);
}
