/**
 * Would TypeScript 7's native checker resolve what the analyzer asks the same way as
 * TypeScript 6's? Asks both checkers about every identifier use in a corpus's own files (the
 * questions pass 2 of the analysis asks, before its names filter): TypeScript 6 in-process
 * (ts-morph's copy, as the analyzer uses it), then TypeScript 7 through its unstable synchronous
 * API (`typescript-7/unstable/sync`, a native process over a pipe), one batch per file. Each
 * answer is the set of declarations, after aliases, as file and position; only those inside the
 * corpus are compared (the two versions' lib files differ). Prints how many answers agree, how
 * the others differ, and what each checker cost.
 *
 *   npx tsx bench/ts7-agreement.ts [effect|rxjs|express] [--callees] [--examples N]
 *
 * `--callees` asks only at the names calls call (`f` in `f()`, `m` in `a.m()`).
 *
 * The native process's peak memory is read from /proc (Linux), as `tsgo`'s own VmHWM.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Project, ts } from 'ts-morph';
import { API, SymbolFlags } from 'typescript-7/unstable/sync';
import { ensureCorpus, parseCorpusName } from './corpora.ts';

/** What each checker answered at each identifier use, by file: [position, declarations]. */
type Answers = Map<string, [number, string][]>;

export interface Agreement {
  /** Identifier uses asked about. */
  readonly sites: number;
  /** Those where either checker names a declaration inside the corpus (lib files differ by version). */
  readonly inside: number;
  /** Of those, where both name the same declarations inside the corpus. */
  readonly same: number;
  /** Of the others: only TypeScript 7 names one / only 6 does / both, different ones. */
  readonly onlySeven: number;
  readonly onlySix: number;
  readonly bothDiffer: number;
  readonly examples: readonly string[];
  readonly sixMs: number;
  readonly sevenMs: number;
  readonly sevenPeakMb: number;
}

const declarationList = (entries: Iterable<string>): string => [...new Set(entries)].sort().join('|');

/** TypeScript 6: every identifier use (not a declaration's own name) of the corpus's files. */
function askSix(tsconfig: string, inside: (file: string) => boolean, calleesOnly: boolean): Answers {
  // Through a ts-morph Project, as the analyzer does: its lib files come from memory.
  const program = new Project({ tsConfigFilePath: tsconfig }).getProgram().compilerObject;
  const checker = program.getTypeChecker();
  const answers: Answers = new Map();
  for (const sourceFile of program.getSourceFiles()) {
    if (!inside(sourceFile.fileName)) continue;
    const found: [number, string][] = [];
    const stack: ts.Node[] = [sourceFile];
    while (stack.length > 0) {
      const node = stack.pop()!;
      const name = ts.isIdentifier(node) || ts.isPrivateIdentifier(node);
      if (name && (calleesOnly ? isCalleeName(node) : !isDeclarationName(node))) {
        let symbol = checker.getSymbolAtLocation(node);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        const declarations = (symbol?.declarations ?? []).map(
          (d) => `${d.getSourceFile().fileName}:${d.pos}`,
        );
        found.push([node.getStart(sourceFile), declarationList(declarations)]);
      }
      // Children in reverse, so they pop in source order, as the analyzer asks (the checker's
      // answers can depend on the order it is asked in).
      const children: ts.Node[] = [];
      ts.forEachChild(node, (child) => {
        children.push(child);
      });
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
    answers.set(sourceFile.fileName, found);
  }
  return answers;
}

/** The name a call or `new` calls: `f` in `f()`, `m` in `a.m()`. */
function isCalleeName(node: ts.Node): boolean {
  const callee = ts.isPropertyAccessExpression(node.parent) && node.parent.name === node ? node.parent : node;
  const call = callee.parent;
  return (ts.isCallExpression(call) || ts.isNewExpression(call)) && call.expression === callee;
}

function isDeclarationName(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) || ts.isQualifiedName(parent)) return false;
  return (parent as { name?: ts.Node }).name === node;
}

/** TypeScript 7: the same positions, one request per file. */
function askSeven(root: string, tsconfig: string, six: Answers): { answers: Answers; peakMb: number } {
  const api = new API({ cwd: root });
  try {
    const project = api.updateSnapshot({ openProjects: [tsconfig] }).getProjects()[0];
    if (!project) throw new Error(`TypeScript 7 opened no project for ${tsconfig}`);
    const checker = project.checker;
    const aliased = new Map<number, ReturnType<typeof checker.getAliasedSymbol>>();
    const located = new Map<string, string>();
    const answers: Answers = new Map();
    for (const [file, sites] of six) {
      const symbols = checker.getSymbolAtPosition(
        file,
        sites.map(([position]) => position),
      );
      answers.set(
        file,
        sites.map(([position], i) => {
          let symbol = symbols[i];
          if (symbol && symbol.flags & SymbolFlags.Alias) {
            const id = symbol.id;
            if (!aliased.has(id)) aliased.set(id, checker.getAliasedSymbol(symbol));
            symbol = aliased.get(id);
          }
          const declarations = (symbol?.declarations ?? []).map((handle) => {
            const handleKey = `${handle.path}#${handle.index}`;
            let at = located.get(handleKey);
            if (at === undefined) {
              const node = handle.resolve(project);
              at = `${handle.path}:${node?.pos ?? '?'}`;
              located.set(handleKey, at);
            }
            return at;
          });
          return [position, declarationList(declarations)];
        }),
      );
    }
    return { answers, peakMb: childPeakMb() };
  } finally {
    api.close();
  }
}

/** The largest peak resident size among this process's children (the native checker), in MB. */
function childPeakMb(): number {
  let peak = 0;
  const children = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8');
  for (const pid of children.trim().split(/\s+/).filter(Boolean)) {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    peak = Math.max(peak, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  }
  return Math.round(peak);
}

export async function compareCheckers(
  name: string,
  options: { examples?: number; calleesOnly?: boolean } = {},
): Promise<Agreement> {
  const exampleCount = options.examples ?? 10;
  const corpus = await ensureCorpus(parseCorpusName(name));
  const inside = (file: string) => file.startsWith(`${corpus.root}/`) && !file.includes('/node_modules/');
  const insidePart = (answer: string) =>
    answer
      .split('|')
      .filter((d) => d !== '' && inside(d))
      .join('|');

  let started = performance.now();
  const six = askSix(corpus.tsconfig, inside, options.calleesOnly ?? false);
  const sixMs = performance.now() - started;
  globalThis.gc?.();
  started = performance.now();
  const seven = askSeven(corpus.root, corpus.tsconfig, six);
  const sevenMs = performance.now() - started;

  let sites = 0;
  let insideSites = 0;
  let same = 0;
  let onlySeven = 0;
  let onlySix = 0;
  let bothDiffer = 0;
  const examples: string[] = [];
  for (const [file, answers] of six) {
    const others = seven.answers.get(file) ?? [];
    for (const [i, [position, answer]] of answers.entries()) {
      sites++;
      const bySix = insidePart(answer);
      const bySeven = insidePart(others[i]?.[1] ?? '');
      if (bySix === '' && bySeven === '') continue;
      insideSites++;
      if (bySix === bySeven) {
        same++;
        continue;
      }
      if (bySix === '') onlySeven++;
      else if (bySeven === '') onlySix++;
      else bothDiffer++;
      if (examples.length < exampleCount) {
        const short = (list: string) => list.replaceAll(`${corpus.root}/`, '') || '(none)';
        examples.push(
          `${path.relative(corpus.root, file)}@${position}: 6 → ${short(bySix)}; 7 → ${short(bySeven)}`,
        );
      }
    }
  }
  const sevenPeakMb = seven.peakMb;
  return {
    sites,
    inside: insideSites,
    same,
    onlySeven,
    onlySix,
    bothDiffer,
    examples,
    sixMs,
    sevenMs,
    sevenPeakMb,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const examplesAt = args.indexOf('--examples');
  const exampleCount = examplesAt >= 0 ? Number(args[examplesAt + 1]) : 10;
  const name = args.find((a, i) => !a.startsWith('--') && i !== examplesAt + 1) ?? 'effect';
  const calleesOnly = args.includes('--callees');
  const r = await compareCheckers(name, { examples: exampleCount, calleesOnly });
  const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;
  console.log(
    `${name}: ${r.sites} ${calleesOnly ? 'callee names' : 'identifier uses'}, ${r.inside} naming a declaration inside the corpus`,
  );
  console.log(`  the same declarations in both: ${r.same} (${percent(r.same, r.inside)})`);
  console.log(
    `  the other ${r.inside - r.same}: only TypeScript 7 resolves ${r.onlySeven}, only 6 ${r.onlySix}, both differently ${r.bothDiffer}`,
  );
  console.log(
    `  TypeScript 6 (program and questions, in-process): ${(r.sixMs / 1000).toFixed(1)} s; TypeScript 7 (the same, through its API): ${(r.sevenMs / 1000).toFixed(1)} s, native process peak ${r.sevenPeakMb} MB`,
  );
  for (const example of r.examples) console.log(`  ${example}`);
}
