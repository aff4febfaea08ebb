/**
 * Call recall on JavaScript: express 4.21.2 (CommonJS, as published on npm) analyzed by codenav,
 * against TypeScript's own go-to-definition (a language service on the same tsconfig) at every
 * call site (`f()`, `a.b()`, `new C()`) of the package.
 *
 *   npx tsx bench/express.ts [--misses N]
 *
 * A call site counts when go-to-definition leads to at least one declaration inside the package
 * (not into a library or an uninstalled dependency) that the graph model makes a node of (not a
 * parameter or a function's local). It is recalled when the graph has a CALLS or
 * INSTANTIATES edge from a node whose code holds the site (the innermost function or method, or
 * any node around it, or the file for top-level code) to the innermost node whose declaration
 * holds a definition's position. Target: ≥ 95 % of the counted sites.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { Analyzer } from '../server/analysis/index.ts';
import type { GraphNode } from '../server/model/index.ts';
import { ensureCorpus, tsconfigFileNames } from './corpora.ts';

export interface RecallResult {
  /** Call sites in the package's files. */
  readonly sites: number;
  /** Those that go-to-definition resolves to a declaration inside the package. */
  readonly counted: number;
  /** Those of the counted that the graph has an edge for. */
  readonly recalled: number;
  readonly misses: readonly string[];
  readonly analysisMs: number;
}

interface Span {
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

/** Runs the comparison on express and prints it. */
export async function benchExpressRecall(options: { misses?: number } = {}): Promise<RecallResult> {
  const corpus = await ensureCorpus('express');
  const started = performance.now();
  const analyzer = new Analyzer({ root: corpus.root });
  analyzer.analyze();
  const analysisMs = performance.now() - started;
  const { nodes, edges } = analyzer.graph();

  const files = await tsconfigFileNames(corpus.tsconfig);
  const config = ts.readConfigFile(corpus.tsconfig, ts.sys.readFile).config;
  const { options: compilerOptions } = ts.parseJsonConfigFileContent(config, ts.sys, corpus.root);
  const service = ts.createLanguageService(
    {
      getCompilationSettings: () => compilerOptions,
      getScriptFileNames: () => files,
      getScriptVersion: () => '1',
      getScriptSnapshot: (file) =>
        ts.sys.fileExists(file) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(file) ?? '') : undefined,
      getCurrentDirectory: () => corpus.root,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: ts.sys.fileExists,
      readFile: ts.sys.readFile,
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
    },
    ts.createDocumentRegistry(),
  );
  const program = service.getProgram()!;

  // Each file's symbol nodes as character spans, to find what holds a site or a definition.
  const spansByFile = new Map<string, Span[]>();
  const keyToFile = new Map<string, string>();
  for (const node of nodes) {
    if (node.kind === 'FILE' || node.kind === 'EXTERNAL_MODULE') continue;
    const file = node.props.path as string;
    const sourceFile = program.getSourceFile(path.join(corpus.root, file));
    if (!sourceFile) continue;
    const span = spanOf(node, sourceFile);
    const list = spansByFile.get(file) ?? [];
    list.push(span);
    spansByFile.set(file, list);
    keyToFile.set(node.key, file);
  }
  const callEdges = new Set(
    edges.filter((e) => e.type === 'CALLS' || e.type === 'INSTANTIATES').map((e) => `${e.from}->${e.to}`),
  );
  const holding = (file: string, position: number): Span[] =>
    (spansByFile.get(file) ?? [])
      .filter((s) => s.start <= position && position < s.end)
      .sort((a, b) => a.end - a.start - (b.end - b.start));

  let sites = 0;
  let counted = 0;
  let recalled = 0;
  const misses: string[] = [];
  for (const fileName of files) {
    const sourceFile = program.getSourceFile(fileName)!;
    const file = path.relative(corpus.root, fileName).split(path.sep).join('/');
    for (const { site, name } of callSites(sourceFile)) {
      sites++;
      const definitions = (service.getDefinitionAtPosition(fileName, name.getStart(sourceFile)) ?? []).filter(
        (d) => isInside(corpus.root, d.fileName) && !isLocal(d, program),
      );
      if (definitions.length === 0) continue;
      counted++;
      const owners = [...holding(file, site.getStart(sourceFile)).map((s) => s.key), file];
      const targets = definitions.flatMap((d) => {
        const target = holding(path.relative(corpus.root, d.fileName), d.textSpan.start)[0];
        return target ? [target.key] : [];
      });
      if (owners.some((owner) => targets.some((target) => callEdges.has(`${owner}->${target}`)))) {
        recalled++;
      } else {
        const { line } = sourceFile.getLineAndCharacterOfPosition(site.getStart(sourceFile));
        misses.push(
          `${file}:${line + 1} ${site.getText(sourceFile).split('\n')[0]!.slice(0, 60)} → ${targets.join(', ') || definitions.map((d) => `${path.relative(corpus.root, d.fileName)}@${d.textSpan.start}`).join(', ')}`,
        );
      }
    }
  }
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`express 4.21.2: ${files.length} files, analyzed in ${(analysisMs / 1000).toFixed(1)} s`);
  log(`call sites: ${sites}; resolved by go-to-definition to a declaration in the package: ${counted}`);
  log(
    `recalled by the graph: ${recalled} of ${counted} = ${((100 * recalled) / Math.max(1, counted)).toFixed(1)} % (target ≥ 95 %)`,
  );
  for (const miss of misses.slice(0, options.misses ?? 20)) log(`  missed ${miss}`);
  return { sites, counted, recalled, misses, analysisMs };
}

/** Every call and `new` of a file, with the name go-to-definition is asked about. */
function callSites(sourceFile: ts.SourceFile): { site: ts.Node; name: ts.Node }[] {
  const found: { site: ts.Node; name: ts.Node }[] = [];
  const stack: ts.Node[] = [sourceFile];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      let callee: ts.Expression = node.expression;
      while (ts.isParenthesizedExpression(callee)) callee = callee.expression;
      const name = ts.isPropertyAccessExpression(callee)
        ? callee.name
        : ts.isIdentifier(callee)
          ? callee
          : undefined;
      if (name) found.push({ site: node, name });
    }
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return found;
}

/** A node's declaration as a character span of its file (from its 1-based line and column props). */
function spanOf(node: GraphNode, sourceFile: ts.SourceFile): Span {
  const at = (line: number, column: number) => sourceFile.getPositionOfLineAndCharacter(line - 1, column - 1);
  return {
    key: node.key,
    start: at(node.props.startLine as number, node.props.startColumn as number),
    end: at(node.props.endLine as number, node.props.endColumn as number),
  };
}

/**
 * A parameter or a declaration local to a function: the graph model has no nodes for those (a
 * call of a local function belongs to the function around it), so a site that leads there is
 * not counted.
 */
function isLocal(definition: ts.DefinitionInfo, program: ts.Program): boolean {
  const { kind } = definition;
  if (
    kind === ts.ScriptElementKind.parameterElement ||
    kind === ts.ScriptElementKind.localFunctionElement ||
    kind === ts.ScriptElementKind.localVariableElement ||
    kind === ts.ScriptElementKind.localClassElement
  ) {
    return true;
  }
  if (kind !== ts.ScriptElementKind.letElement && kind !== ts.ScriptElementKind.constElement) return false;
  // `let` and `const` are named so at any depth: local unless the statement is at the top level.
  const sourceFile = program.getSourceFile(definition.fileName);
  let node: ts.Node | undefined = sourceFile && findToken(sourceFile, definition.textSpan.start);
  while (node && !ts.isVariableStatement(node)) node = node.parent;
  return node !== undefined && !ts.isSourceFile(node.parent);
}

function findToken(sourceFile: ts.SourceFile, position: number): ts.Node | undefined {
  let node: ts.Node = sourceFile;
  for (;;) {
    const child = node
      .getChildren(sourceFile)
      .find((c) => c.getStart(sourceFile) <= position && position < c.end);
    if (!child) return node;
    node = child;
  }
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return (
    !relative.startsWith('..') &&
    !relative.split(path.sep).includes('node_modules') &&
    !file.endsWith('.d.ts')
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const misses = args.includes('--misses') ? Number(args[args.indexOf('--misses') + 1]) : undefined;
  await benchExpressRecall({ misses });
}
