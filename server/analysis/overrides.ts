import { ts } from 'ts-morph';
import type { Declared } from './declarations.ts';
import type { FoundEdge } from './resolve-edges.ts';

/** How far up the heritage an override is looked for: deeper chains are not real code. */
const MAX_LEVELS = 64;

/**
 * OVERRIDES edges of one file: each method of a class or interface → the member of the same
 * name it overrides, in the nearest base that declares one, through any number of levels.
 * Bases are searched level by level: the class's base class and the interfaces it implements
 * (an interface's extended interfaces), then theirs; where several bases of the nearest level
 * declare the member, the method overrides each. Static methods, constructors and members the
 * graph does not hold (a library's base class) make no edge. Added to `edges` by edge key.
 */
export function addOverrides(
  edges: Map<string, FoundEdge>,
  checker: ts.TypeChecker,
  keyOf: WeakMap<ts.Node, Declared>,
  symbols: readonly Declared[],
): void {
  const containers = new Map(symbols.map((s) => [s.key, s]));
  for (const method of symbols) {
    if (method.kind !== 'METHOD' || isStatic(method.primary)) continue;
    const container = containers.get(method.parentKey)?.primary;
    if (!container || !(ts.isClassLike(container) || ts.isInterfaceDeclaration(container))) continue;
    for (const target of nearestOverridden(checker, keyOf, container, method.name)) {
      if (target.key === method.key) continue;
      const line = method.primary.getSourceFile().getLineAndCharacterOfPosition(method.primary.getStart());
      const edge: FoundEdge = {
        type: 'OVERRIDES',
        from: method.key,
        to: target.key,
        count: 1,
        firstLine: line.line + 1,
        unionReceiver: false,
      };
      edges.set(`OVERRIDES:${edge.from}->${edge.to}`, edge);
    }
  }
}

/** The graph nodes of the nearest bases' own members named `name`. */
function nearestOverridden(
  checker: ts.TypeChecker,
  keyOf: WeakMap<ts.Node, Declared>,
  container: ts.ClassLikeDeclaration | ts.InterfaceDeclaration,
  name: string,
): Declared[] {
  const seen = new Set<ts.Symbol>();
  let level = basesOf(checker, container);
  for (let depth = 0; depth < MAX_LEVELS && level.length > 0; depth++) {
    const found: Declared[] = [];
    const next: (ts.ClassLikeDeclaration | ts.InterfaceDeclaration)[] = [];
    for (const base of level) {
      if (seen.has(base)) continue;
      seen.add(base);
      const member = base.members?.get(ts.escapeLeadingUnderscores(name));
      for (const declaration of member?.declarations ?? []) {
        const declared = keyOf.get(declaration);
        if (declared && !declared.stale && !found.includes(declared)) found.push(declared);
      }
      for (const declaration of base.declarations ?? []) {
        if (ts.isClassLike(declaration) || ts.isInterfaceDeclaration(declaration)) next.push(declaration);
      }
    }
    if (found.length > 0) return found;
    level = next.flatMap((declaration) => basesOf(checker, declaration));
  }
  return [];
}

/** The symbols of a class's base class and implemented interfaces, or of an interface's bases. */
function basesOf(
  checker: ts.TypeChecker,
  declaration: ts.ClassLikeDeclaration | ts.InterfaceDeclaration,
): ts.Symbol[] {
  const bases: ts.Symbol[] = [];
  for (const clause of declaration.heritageClauses ?? []) {
    for (const heritage of clause.types) {
      let symbol = checker.getTypeAtLocation(heritage.expression).getSymbol();
      if (ts.isClassLike(declaration) && clause.token === ts.SyntaxKind.ExtendsKeyword) {
        // `extends Base`: the expression's type is the constructor; its instance type has the members.
        symbol = checker.getTypeAtLocation(heritage).getSymbol() ?? symbol;
      }
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      if (symbol) bases.push(symbol);
    }
  }
  return bases;
}

function isStatic(node: ts.Node): boolean {
  return (
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) ?? false)
  );
}
