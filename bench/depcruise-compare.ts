/**
 * An independent opinion on file→file imports: dependency-cruiser (v17, its JS API in a child
 * process) resolves a corpus's local dependencies on the same tsconfig, and
 * {@link compareEdges} diffs them against ours.
 *
 * Run directly:
 * `npx tsx bench/depcruise-compare.ts effect|rxjs [--ours graph.json] [--out edges.json]`
 * prints dependency-cruiser's edge count (by dependency type) and its time; with `--ours`
 * (a `codenav analyze --out` file) it also prints every edge the two disagree on.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DependencyType, ICruiseOptions, ICruiseResult } from 'dependency-cruiser';
import { ensureCorpus, parseCorpusName, tsconfigFileNames } from './corpora.ts';
import { measureCommand } from './measure.ts';

/** One resolved local file→file dependency, as dependency-cruiser saw it. */
export interface DepcruiseDependency {
  /** Posix path relative to the corpus root, e.g. `src/Effect.ts`. */
  from: string;
  to: string;
  /** Every way `from` depends on `to` (`import`, `type-only`, `export`, `dynamic-import`, …). */
  types: DependencyType[];
}

/**
 * Dependency types that are not imports: triple-slash `/// <reference path>` (rxjs's index.ts
 * has two) and `/// <reference types>`. {@link depcruiseEdges} leaves out pairs linked only by
 * these, since codenav's IMPORTS edges come from import/export declarations and `import()`.
 */
export const NON_IMPORT_TYPES: readonly DependencyType[] = [
  'triple-slash-file-reference',
  'triple-slash-type-reference',
  'triple-slash-directive',
  'triple-slash-amd-dependency',
];

/** What {@link runDepcruise} returns. */
export interface DepcruiseRun {
  dependencies: DepcruiseDependency[];
  /** Wall time of the dependency-cruiser child process, start-up included, in milliseconds. */
  wallMs: number;
  /** Its peak RSS, in MiB. */
  peakRssMb: number;
}

/**
 * The child's program: dependency-cruiser's JS API, the result as JSON on stdout. A separate
 * process because dependency-cruiser resolves tsconfig `paths` against `process.cwd()` when the
 * tsconfig has no `baseUrl` (it hands tsconfig-paths-webpack-plugin `baseUrl: "./"`, see its
 * src/main/resolve-options/normalize.mjs), and `baseUrl` is deprecated in TypeScript 6: run in
 * our cwd it leaves effect's `effect/*` self-imports unresolved. The child runs with cwd = root;
 * `process.chdir` here would move every other user of this process too (and is unavailable in
 * worker threads). It also gives a clean time and peak RSS.
 */
const CRUISE_CHILD = `
const [cruiseUrl, extractUrl, optionsJson, ...files] = process.argv.slice(1);
const { cruise } = await import(cruiseUrl);
const { default: extractTSConfig } = await import(extractUrl);
const options = JSON.parse(optionsJson);
const reported = await cruise(files, options, {}, { tsConfig: extractTSConfig(options.tsConfig.fileName) });
const output = typeof reported.output === 'string' ? reported.output : JSON.stringify(reported.output);
process.stdout.write(output);
`;

/**
 * Runs dependency-cruiser on the files the tsconfig covers, with that tsconfig, and returns
 * every resolved dependency from one of those files to a file inside `root`, merged per
 * (from, to) pair. Type-only imports and re-exports are included (`tsPreCompilationDeps: true`),
 * as are dynamic `import()`s and `import("…")` types; core modules, node_modules and
 * unresolvable specifiers are not.
 */
export async function runDepcruise(root: string, tsconfig: string): Promise<DepcruiseRun> {
  const absoluteRoot = resolve(root);
  const absoluteTsconfig = resolve(tsconfig);
  // The same scope as codenav's: the tsconfig's files, as TypeScript lists them.
  const scope = (await tsconfigFileNames(absoluteTsconfig)).map(
    (file) => toRootRelative(absoluteRoot, file) ?? file,
  );
  const options: ICruiseOptions = {
    baseDir: absoluteRoot,
    tsPreCompilationDeps: true,
    tsConfig: { fileName: absoluteTsconfig },
    moduleSystems: ['es6', 'cjs', 'tsd'],
    doNotFollow: { path: '(^|/)node_modules/' },
    outputType: 'json',
  };
  const measured = await measureCommand(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      CRUISE_CHILD,
      '--',
      import.meta.resolve('dependency-cruiser'),
      import.meta.resolve('dependency-cruiser/config-utl/extract-ts-config'),
      JSON.stringify(options),
      ...scope,
    ],
    { cwd: absoluteRoot },
  );
  if (measured.exitCode !== 0) {
    const detail = measured.stderr.trim().split('\n').slice(0, 5).join(' | ');
    throw new Error(
      `dependency-cruiser failed on ${absoluteRoot} (exit ${measured.exitCode ?? measured.signal}): ${detail}`,
    );
  }
  const result = JSON.parse(measured.stdout) as ICruiseResult;

  const inScope = new Set(scope);
  const merged = new Map<string, DepcruiseDependency>();
  for (const module of result.modules) {
    const from = toRootRelative(absoluteRoot, module.source);
    if (!from || !inScope.has(from)) continue;
    for (const dependency of module.dependencies) {
      if (dependency.coreModule || dependency.couldNotResolve) continue;
      const to = toRootRelative(absoluteRoot, dependency.resolved);
      if (!to) continue;
      const key = `${from}->${to}`;
      // One pair can come from several statements (an import and a re-export of the same file).
      const entry = merged.get(key) ?? { from, to, types: [] };
      merged.set(key, entry);
      for (const type of dependency.dependencyTypes) {
        if (!entry.types.includes(type)) entry.types.push(type);
      }
    }
  }
  return { dependencies: [...merged.values()], wallMs: measured.wallMs, peakRssMb: measured.peakRssMb };
}

/**
 * The set of dependency-cruiser's resolved local file→file dependencies of a corpus, as
 * `"src/a.ts->src/b.ts"` (posix paths relative to `root`); see {@link runDepcruise}.
 */
export async function depcruiseEdges(root: string, tsconfig: string): Promise<Set<string>> {
  return importEdges((await runDepcruise(root, tsconfig)).dependencies);
}

/**
 * `"from->to"` keys of the dependencies that are imports: pairs linked only by triple-slash
 * references ({@link NON_IMPORT_TYPES}) are left out.
 */
export function importEdges(dependencies: readonly DepcruiseDependency[]): Set<string> {
  const isImport = (d: DepcruiseDependency): boolean =>
    d.types.some((type) => type !== 'local' && !NON_IMPORT_TYPES.includes(type));
  return new Set(dependencies.filter(isImport).map((d) => `${d.from}->${d.to}`));
}

/** Where two edge sets disagree; both lists sorted. */
export function compareEdges(
  ours: Set<string>,
  theirs: Set<string>,
): { onlyOurs: string[]; onlyTheirs: string[]; common: number } {
  const onlyOurs = [...ours].filter((edge) => !theirs.has(edge)).sort();
  const onlyTheirs = [...theirs].filter((edge) => !ours.has(edge)).sort();
  return { onlyOurs, onlyTheirs, common: ours.size - onlyOurs.length };
}

/**
 * A path dependency-cruiser reported (relative to baseDir, or absolute) as a posix path
 * relative to `root`, or `undefined` when it lies outside `root` or in a node_modules folder.
 */
function toRootRelative(root: string, path: string): string | undefined {
  const rel = relative(root, resolve(root, path)).split(sep).join('/');
  if (rel === '' || rel.startsWith('../') || isAbsolute(rel)) return undefined;
  if (rel.split('/').includes('node_modules')) return undefined;
  return rel;
}

/**
 * File→file IMPORTS edges of a `codenav analyze --out` graph (`{ nodes, edges }`, edges with
 * `type`, `from`, `to`), in the same `"from->to"` form. External modules (`npm:`, `node:`)
 * are left out, as is every edge whose target is not a FILE node.
 */
export async function graphImportEdges(graphFile: string): Promise<Set<string>> {
  const graph = JSON.parse(await readFile(graphFile, 'utf8')) as {
    nodes: Array<{ key: string; kind: string }>;
    edges: Array<{ type: string; from: string; to: string }>;
  };
  const files = new Set(graph.nodes.filter((n) => n.kind === 'FILE').map((n) => n.key));
  return new Set(
    graph.edges
      .filter((e) => e.type === 'IMPORTS' && files.has(e.from) && files.has(e.to))
      .map((e) => `${e.from}->${e.to}`),
  );
}

async function main(argv: readonly string[]): Promise<void> {
  const flag = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at === -1 ? undefined : argv[at + 1];
  };
  const positional = argv.filter((arg, i) => !arg.startsWith('--') && !argv[i - 1]?.startsWith('--'));
  const corpus = await ensureCorpus(parseCorpusName(positional[0]));

  const run = await runDepcruise(corpus.root, corpus.tsconfig);
  const { dependencies } = run;
  const edges = importEdges(dependencies);

  console.log(
    `dependency-cruiser on ${corpus.root}: ${edges.size} file→file import edges ` +
      `(${dependencies.length} pairs in all) in ${(run.wallMs / 1000).toFixed(1)} s, ` +
      `peak RSS ${run.peakRssMb.toFixed(0)} MB`,
  );
  const byType = new Map<string, number>();
  for (const dependency of dependencies) {
    for (const type of dependency.types) byType.set(type, (byType.get(type) ?? 0) + 1);
  }
  const counts = [...byType].sort((a, b) => b[1] - a[1]).map(([type, n]) => `${type} ${n}`);
  console.log(`  pairs by dependency type: ${counts.join(', ')}`);

  const out = flag('--out');
  if (out) {
    await writeFile(out, `${JSON.stringify(dependencies, null, 2)}\n`);
    console.log(`  wrote ${out}`);
  }
  const oursFile = flag('--ours');
  if (oursFile) {
    const diff = compareEdges(await graphImportEdges(oursFile), edges);
    console.log(
      `  vs ${oursFile}: ${diff.common} common, ${diff.onlyOurs.length} only ours, ` +
        `${diff.onlyTheirs.length} only dependency-cruiser's`,
    );
    for (const edge of diff.onlyOurs) console.log(`  only ours: ${edge}`);
    for (const edge of diff.onlyTheirs) console.log(`  only dependency-cruiser's: ${edge}`);
    if (diff.onlyOurs.length + diff.onlyTheirs.length > 0) process.exitCode = 1;
  }
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  await main(process.argv.slice(2));
}
