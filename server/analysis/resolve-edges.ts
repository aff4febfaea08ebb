import { ts } from 'ts-morph';
import type { EdgeType, SymbolKind } from '../model/index.ts';
import type { Declared } from './declarations.ts';
import { type ImportSite, importSiteOf } from './imports.ts';
import { isJavaScriptFile } from './js-assignments.ts';
import { requireCallOf } from './require-bindings.ts';
import { isFunctionLike, skipOuterExpressions } from './syntax.ts';

/** What pass 2 needs to know of the whole project. */
export interface ResolveContext {
  readonly checker: ts.TypeChecker;
  /** The symbol of each declaration node that is a graph node (from pass 1, every file). */
  readonly keyOf: WeakMap<ts.Node, Declared>;
  /**
   * Every name a graph node is declared or imported under. An identifier with another name
   * cannot resolve to a graph node, so the checker is not asked (most identifiers:
   * `length`, `push`, locals).
   */
  readonly names: { has(name: string): boolean };
}

/** An edge found in a file, with how often and where it first occurs. */
export interface FoundEdge {
  readonly type: EdgeType;
  readonly from: string;
  readonly to: string;
  count: number;
  firstLine: number;
  /**
   * Every call site of it calls a method of a union-typed receiver (`pet.speak()` with
   * `pet: Cat | Dog`): the target is one of the members that may run, not the one that will.
   */
  unionReceiver: boolean;
  /**
   * A call's or `new`'s: the most arguments one of its sites passes, or null once a site's count
   * is unknown (a spread argument, a tagged template, a decorator, JSX). Undefined on other edges.
   */
  maxArguments?: number | null;
}

export interface FileEdges {
  /** CALLS, INSTANTIATES, REFERENCES, EXTENDS, IMPLEMENTS from this file's nodes, by edge key. */
  readonly edges: Map<string, FoundEdge>;
  /** Call sites per caller key whose callee the checker could not resolve. */
  readonly unresolvedCalls: Map<string, number>;
  /**
   * Other uses per owner key of a graph node's name that the checker could not resolve (`s.kind`
   * while the type of `s` is missing): a file added later may resolve them.
   */
  readonly unresolvedReferences: Map<string, number>;
  /** Every import-like site of the file, in source order. */
  readonly imports: ImportSite[];
}

/** Node kinds that can be a graph node's declaration: only these are looked up while walking. */
const MAY_DECLARE = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.InterfaceDeclaration,
  ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.EnumDeclaration,
  ts.SyntaxKind.EnumMember,
  ts.SyntaxKind.ModuleDeclaration,
  ts.SyntaxKind.VariableDeclaration,
  ts.SyntaxKind.BindingElement,
  ts.SyntaxKind.ExportAssignment,
  ts.SyntaxKind.BinaryExpression,
  ts.SyntaxKind.PropertyAccessExpression,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.MethodSignature,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
  ts.SyntaxKind.PropertyDeclaration,
  ts.SyntaxKind.PropertySignature,
  ts.SyntaxKind.Parameter,
]);

const CALLABLE: readonly SymbolKind[] = ['FUNCTION', 'METHOD', 'PROPERTY', 'VARIABLE'];
const INSTANTIABLE: readonly SymbolKind[] = ['CLASS'];
const HERITAGE: readonly SymbolKind[] = ['CLASS', 'INTERFACE'];

/**
 * Pass 2: walks one file's raw syntax tree and resolves, with the type checker, what each
 * of its nodes calls, instantiates, references, extends and implements. Resolution goes
 * through aliases and re-exports to the declaration; nothing is guessed from names.
 *
 * @param fileKey - owner of top-level code (module initialization calls).
 * @param members - the keys of each class's members, for member-level IMPLEMENTS.
 * @param isDirty - which owners to resolve (after an edit, those that may have changed);
 *   heritage and imports are always found.
 */
export function resolveFileEdges(
  context: ResolveContext,
  sourceFile: ts.SourceFile,
  fileKey: string,
  members: ReadonlyMap<string, readonly { key: string; name: string }[]>,
  isDirty: (owner: string) => boolean = () => true,
): FileEdges {
  const { checker, names } = context;
  const isJavaScript = isJavaScriptFile(sourceFile);
  const declaredAt = (node: ts.Node): Declared | undefined => {
    const declared = context.keyOf.get(node);
    return declared && !declared.stale ? declared : undefined;
  };
  const edges = new Map<string, FoundEdge>();
  const unresolvedCalls = new Map<string, number>();
  const unresolvedReferences = new Map<string, number>();
  const imports: ImportSite[] = [];
  // Identifiers already accounted for as a callee or heritage target.
  const handled = new Set<ts.Node>();
  // Local names that destructuring gives a property of a graph node's name (`{ average: mean }`).
  const renamed = new Set<string>();

  const lineOf = (node: ts.Node) =>
    sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;

  const addEdge = (type: EdgeType, from: string, to: string, at: ts.Node, unionReceiver = false) => {
    if (from === to && type === 'REFERENCES') return;
    const edgeKey = `${type}:${from}->${to}`;
    const found = edges.get(edgeKey);
    const passed = type === 'CALLS' || type === 'INSTANTIATES' ? argumentCount(at) : undefined;
    if (found) {
      found.count++;
      found.unionReceiver &&= unionReceiver;
      if (passed !== undefined)
        found.maxArguments =
          passed === null || found.maxArguments == null ? null : Math.max(found.maxArguments, passed);
    } else {
      edges.set(edgeKey, {
        type,
        from,
        to,
        count: 1,
        firstLine: lineOf(at),
        unionReceiver,
        ...(passed !== undefined ? { maxArguments: passed } : {}),
      });
    }
  };

  /**
   * The graph nodes a symbol stands for, through aliases; only those of the preferred kinds
   * when some are (a class merged with an interface is instantiated as the class).
   * Undefined when the checker found no declaration at all (unresolved).
   *
   * @param throughBindings - a local destructured binding stands for the property it takes (for
   *   callees only: typing what is destructured costs the checker an inference each time).
   */
  const targetsOf = (
    symbol: ts.Symbol | undefined,
    preferred?: readonly SymbolKind[],
    throughBindings = false,
  ): Declared[] | undefined => {
    if (!symbol) return undefined;
    let target = symbol;
    if (target.flags & ts.SymbolFlags.Alias) {
      target = checker.getAliasedSymbol(target);
      // `var merge = require('utils-merge')` of a module that is not there (or has no types):
      // the variable itself, when it is a graph node — where go-to-definition leads too.
      if (!target.declarations?.length) {
        const own = symbol.declarations?.map(declaredAt).filter((d) => d !== undefined) ?? [];
        if (own.length > 0) return own;
      }
    }
    const declarations = target.declarations;
    if (!declarations || declarations.length === 0) return undefined;
    const found: Declared[] = [];
    for (const declaration of declarations) {
      const declared = declaredAt(declaration);
      if (declared && !found.includes(declared)) found.push(declared);
      else if (
        !declared &&
        ts.isShorthandPropertyAssignment(declaration) &&
        isJavaScriptFile(declaration.getSourceFile())
      ) {
        // `module.exports = { A, version: '1' }`, JavaScript's way of exporting: the property is
        // the function or class A, as go-to-definition goes on to it (the binder makes such
        // properties aliases only where every property is shorthand).
        const value = checker.getShorthandAssignmentValueSymbol(declaration);
        for (const target of (value && value !== symbol && targetsOf(value)) || [])
          if (!found.includes(target)) found.push(target);
      }
    }
    if (throughBindings && found.length === 0 && declarations.length === 1) {
      // A local `const { total } = await import('./totals.js')` (or of any typed object):
      // the property it takes, as go-to-definition follows it.
      const property = destructuredProperty(declarations[0]!);
      if (property) return targetsOf(property, preferred);
    }
    if (preferred && found.length > 1) {
      const matching = found.filter((d) => preferred.includes(d.kind));
      if (matching.length > 0) return matching;
    }
    return found;
  };

  /** The property a binding element of an object pattern takes, on the type destructured. */
  const destructuredProperty = (declaration: ts.Declaration): ts.Symbol | undefined => {
    if (!ts.isBindingElement(declaration) || !ts.isObjectBindingPattern(declaration.parent)) return undefined;
    const name = declaration.propertyName ?? declaration.name;
    if (!ts.isIdentifier(name) && !ts.isStringLiteral(name)) return undefined;
    const type = checker.getTypeAtLocation(declaration.parent);
    return checker.getPropertyOfType(type, name.text);
  };

  const nameOfCallee = (callee: ts.Node): ts.Node | undefined => {
    const inner = skipOuterExpressions(callee);
    if (ts.isIdentifier(inner) || ts.isPrivateIdentifier(inner)) return inner;
    if (ts.isPropertyAccessExpression(inner)) return inner.name;
    if (ts.isElementAccessExpression(inner) && ts.isStringLiteralLike(inner.argumentExpression)) {
      return inner.argumentExpression;
    }
    return undefined;
  };

  const handleCallee = (callee: ts.Node, owner: string, at: ts.Node, instantiates: boolean) => {
    const name = nameOfCallee(callee);
    if (!name) return;
    handled.add(name);
    const text = (name as ts.Identifier).text;
    if (!names.has(text) && !renamed.has(text)) return;
    const targets = targetsOf(
      checker.getSymbolAtLocation(name),
      instantiates ? INSTANTIABLE : CALLABLE,
      true,
    );
    if (targets === undefined) {
      unresolvedCalls.set(owner, (unresolvedCalls.get(owner) ?? 0) + 1);
      return;
    }
    // `pet.speak()` with `pet: Cat | Dog`: an edge to each member's method, marked as such.
    const inner = skipOuterExpressions(callee);
    const unionReceiver =
      targets.length > 1 &&
      ts.isPropertyAccessExpression(inner) &&
      checker.getTypeAtLocation(inner.expression).isUnion();
    for (const target of targets) {
      const type = instantiates || target.kind === 'CLASS' ? 'INSTANTIATES' : 'CALLS';
      addEdge(type, owner, target.key, at, unionReceiver);
    }
  };

  const handleSuperCall = (call: ts.CallExpression, owner: string) => {
    const declaration = checker.getResolvedSignature(call)?.declaration;
    const target = declaration ? declaredAt(declaration) : undefined;
    if (target) addEdge('CALLS', owner, target.key, call);
  };

  const handleHeritage = (declaration: ts.ClassLikeDeclaration | ts.InterfaceDeclaration, owner: string) => {
    const implemented: ts.Symbol[] = [];
    for (const clause of declaration.heritageClauses ?? []) {
      const type: EdgeType =
        clause.token === ts.SyntaxKind.ExtendsKeyword || ts.isInterfaceDeclaration(declaration)
          ? 'EXTENDS'
          : 'IMPLEMENTS';
      for (const heritage of clause.types) {
        const name = nameOfCallee(heritage.expression);
        if (!name) continue; // `extends mixin(Base)`: the call is resolved as a call.
        handled.add(name);
        let symbol = checker.getSymbolAtLocation(name);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        if (symbol && symbol.flags & ts.SymbolFlags.TypeAlias) {
          // `type Base = Shape; class C implements Base`: heritage through a type alias.
          symbol = checker.getDeclaredTypeOfSymbol(symbol).getSymbol() ?? symbol;
        }
        const targets = (targetsOf(symbol, HERITAGE) ?? []).filter((d) => HERITAGE.includes(d.kind));
        for (const target of targets) addEdge(type, owner, target.key, heritage);
        if (type === 'IMPLEMENTS' && symbol && targets.length > 0) implemented.push(symbol);
      }
    }
    if (implemented.length > 0) linkImplementedMembers(owner, implemented);
  };

  /** `class Cart implements Priced { price() }` → `Cart.price` IMPLEMENTS `Priced.price`. */
  const linkImplementedMembers = (classKey: string, interfaces: ts.Symbol[]) => {
    const own = members.get(classKey) ?? [];
    for (const iface of interfaces) {
      const type = checker.getDeclaredTypeOfSymbol(iface);
      for (const member of own) {
        if (member.name === 'constructor') continue;
        const property = checker.getPropertyOfType(type, member.name);
        for (const target of targetsOf(property) ?? []) {
          if (target.key !== member.key) addEdge('IMPLEMENTS', member.key, target.key, sourceFile);
        }
      }
    }
  };

  const handleIdentifier = (node: ts.Identifier | ts.PrivateIdentifier, owner: string) => {
    if (handled.has(node) || !(names.has(node.text) || renamed.has(node.text))) return;
    const parent = node.parent;
    if (isDeclarationName(node, parent)) {
      // `{ foo }` declares a property and uses the variable foo.
      if (!ts.isShorthandPropertyAssignment(parent)) return;
      for (const target of targetsOf(checker.getShorthandAssignmentValueSymbol(parent)) ?? []) {
        addEdge('REFERENCES', owner, target.key, node);
      }
      return;
    }
    if (ts.isBindingElement(parent) && parent.propertyName === node) return;
    const targets = targetsOf(checker.getSymbolAtLocation(node));
    if (targets === undefined) {
      unresolvedReferences.set(owner, (unresolvedReferences.get(owner) ?? 0) + 1);
      return;
    }
    for (const target of targets) addEdge('REFERENCES', owner, target.key, node);
  };

  /** Handles a node inside an owner being resolved; false when its children need no walk. */
  const visitDirty = (node: ts.Node, owner: string, declared: string | undefined): boolean => {
    switch (node.kind) {
      case ts.SyntaxKind.ImportDeclaration:
      case ts.SyntaxKind.ImportEqualsDeclaration:
      case ts.SyntaxKind.ExportDeclaration: {
        // Handled as IMPORTS; their names are not references.
        const found = importSiteOf(node, sourceFile);
        if (found) imports.push(found);
        return false;
      }
      case ts.SyntaxKind.ImportType: {
        const found = importSiteOf(node, sourceFile);
        if (found) imports.push(found);
        break;
      }
      case ts.SyntaxKind.CallExpression: {
        const call = node as ts.CallExpression;
        const found = importSiteOf(call, sourceFile);
        if (found) {
          imports.push(found);
          break;
        }
        if (call.expression.kind === ts.SyntaxKind.SuperKeyword) handleSuperCall(call, owner);
        else handleCallee(call.expression, owner, call, false);
        break;
      }
      case ts.SyntaxKind.NewExpression:
        handleCallee((node as ts.NewExpression).expression, owner, node, true);
        break;
      case ts.SyntaxKind.PropertyAccessExpression:
      case ts.SyntaxKind.ElementAccessExpression: {
        // `const F = require('./e').F`: `.F` names what is imported, as `import { F }` does: no use.
        const parent = node.parent;
        const call =
          isJavaScript && ts.isVariableDeclaration(parent) && parent.initializer === node
            ? requireCallOf(parent)
            : undefined;
        if (!call) break;
        const found = importSiteOf(call, sourceFile);
        if (found) imports.push(found);
        return false;
      }
      case ts.SyntaxKind.TaggedTemplateExpression:
        handleCallee((node as ts.TaggedTemplateExpression).tag, owner, node, false);
        break;
      case ts.SyntaxKind.Decorator: {
        const expression = (node as ts.Decorator).expression;
        // `@Injectable` without parentheses is a call of Injectable too.
        if (!ts.isCallExpression(expression)) handleCallee(expression, owner, node, false);
        break;
      }
      case ts.SyntaxKind.JsxOpeningElement:
      case ts.SyntaxKind.JsxSelfClosingElement:
        // `<Button />` renders Button: a call of a function component, an instance of a class one.
        handleCallee((node as ts.JsxOpeningLikeElement).tagName, owner, node, false);
        break;
      case ts.SyntaxKind.JsxClosingElement:
        handled.add((node as ts.JsxClosingElement).tagName);
        break;
      case ts.SyntaxKind.ClassDeclaration:
      case ts.SyntaxKind.InterfaceDeclaration:
        if (declared !== undefined)
          handleHeritage(node as ts.ClassDeclaration | ts.InterfaceDeclaration, declared);
        break;
      case ts.SyntaxKind.BindingElement: {
        const { propertyName, name } = node as ts.BindingElement;
        if (
          propertyName &&
          ts.isIdentifier(propertyName) &&
          ts.isIdentifier(name) &&
          names.has(propertyName.text)
        )
          renamed.add(name.text);
        break;
      }
      case ts.SyntaxKind.Identifier:
      case ts.SyntaxKind.PrivateIdentifier:
        handleIdentifier(node as ts.Identifier, owner);
        return false;
    }
    return true;
  };

  /** Inside an owner that needs no resolution: only imports, heritage and dirty nested owners. */
  const visitClean = (node: ts.Node, declared: string | undefined): void => {
    const found = importSiteOf(node, sourceFile);
    if (found) imports.push(found);
    if (declared !== undefined && (ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node))) {
      handleHeritage(node, declared);
    }
  };

  // One pre-order walk with an explicit stack (code under analysis nests without bound: 20,000
  // terms of `"a" + "a" + …` would overflow the call stack), each node with the owner — the
  // graph node whose code holds it. Children are pushed in reverse, so they pop in source order.
  const nodes: ts.Node[] = [sourceFile];
  const owners: string[] = [fileKey];
  const children: ts.Node[] = [];
  const collect = (child: ts.Node): undefined => {
    children.push(child);
  };
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    let owner = owners.pop()!;
    const declared = MAY_DECLARE.has(node.kind) ? declaredAt(node)?.key : undefined;
    if (declared !== undefined && ts.isBinaryExpression(node)) {
      // A JavaScript assignment that declares (`proto.handle = function …`): its left side names
      // it and is no use of anything; its right side is its code. But `this.size = compute()`
      // stays code of the constructor around it, as a use of the property.
      const isThisValue = ts.isPropertyAccessExpression(node.left) && isThisAccess(node.left);
      if (isThisValue && !isFunctionLike(node.right)) {
        if (isDirty(owner)) handleIdentifier((node.left as ts.PropertyAccessExpression).name, owner);
      } else {
        owner = declared;
      }
      nodes.push(node.right);
      owners.push(owner);
      continue;
    }
    if (declared !== undefined) owner = declared;
    if (isDirty(owner)) {
      if (!visitDirty(node, owner, declared)) continue;
    } else {
      visitClean(node, declared);
    }
    ts.forEachChild(node, collect);
    for (let i = children.length - 1; i >= 0; i--) {
      nodes.push(children[i]!);
      owners.push(owner);
    }
    children.length = 0;
  }
  return { edges, unresolvedCalls, unresolvedReferences, imports };
}

/**
 * How many arguments a call site passes: `f(a, b)` and `new C(a)` by their lists (`new C` none);
 * null when the count is unknown — a spread argument (`f(...xs)`), or a site that is no argument
 * list (a tagged template, a decorator, a JSX element).
 */
function argumentCount(site: ts.Node): number | null {
  if (!ts.isCallExpression(site) && !ts.isNewExpression(site)) return null;
  const list = site.arguments ?? [];
  return list.some(ts.isSpreadElement) ? null : list.length;
}

/** True when `node` is the name a declaration introduces (not a use of something). */
function isDeclarationName(node: ts.Node, parent: ts.Node): boolean {
  if (ts.isPropertyAccessExpression(parent) || ts.isQualifiedName(parent)) return false;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return true;
  return (parent as { name?: ts.Node }).name === node;
}

function isThisAccess(node: ts.PropertyAccessExpression): boolean {
  return node.expression.kind === ts.SyntaxKind.ThisKeyword;
}
