import { ts } from 'ts-morph';
import type { GraphNode } from '../model/index.ts';
import { collectDeclarations, type Declared } from './declarations.ts';
import { symbolNode } from './symbol-node.ts';

/** Source files codenav analyzes, by extension. */
export const SOURCE_FILE = /\.(?:[cm]?[jt]sx?)$/;

/**
 * The symbol nodes one file's text declares, from its syntax and TypeScript's binder (pass 1: no
 * program, no type checker): keys, kinds and every property but `unresolvedCalls`, as the analyzer gives
 * them. For comparing an old version of a file (from git) with the graph without analyzing
 * the old project.
 *
 * @param path - root-relative posix path (it makes the keys).
 */
export function declarationsOfText(path: string, text: string): GraphNode[] {
  const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.ESNext, true, scriptKindOf(path));
  bind(sourceFile);
  const declared = collectDeclarations(sourceFile, path, new WeakMap<ts.Node, Declared>());
  return declared.symbols.map((symbol) => symbolNode(symbol, sourceFile, path, 0));
}

/** TypeScript's binder: exported by its module, though not in its public typings. */
interface BinderApi {
  bindSourceFile(sourceFile: ts.SourceFile, options: ts.CompilerOptions): void;
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
