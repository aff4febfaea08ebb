import { ts } from 'ts-morph';
import type { GraphNode } from '../model/index.ts';
import { collectDeclarations, type Declared } from './declarations.ts';
import { symbolNode } from './symbol-node.ts';

/** Source files codenav analyzes, by extension. */
export const SOURCE_FILE = /\.(?:[cm]?[jt]sx?)$/;

/**
 * The symbol nodes one file's text declares, from its syntax alone (pass 1, no program and no
 * type checker): keys, kinds and every property but `unresolvedCalls`, as the analyzer gives
 * them. For comparing an old version of a file (from git) with the graph without analyzing
 * the old project.
 *
 * @param path - root-relative posix path (it makes the keys).
 */
export function declarationsOfText(path: string, text: string): GraphNode[] {
  const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.ESNext, true, scriptKindOf(path));
  const declared = collectDeclarations(sourceFile, path, new WeakMap<ts.Node, Declared>());
  return declared.symbols.map((symbol) => symbolNode(symbol, sourceFile, path, 0));
}

function scriptKindOf(path: string): ts.ScriptKind {
  if (/\.[cm]?tsx$/.test(path) || path.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/.test(path)) return ts.ScriptKind.TS;
  if (path.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}
