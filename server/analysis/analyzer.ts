import * as path from 'node:path';
import { type FileSystemHost, Project, ts } from 'ts-morph';
import {
  type Change,
  type ChangeSet,
  EDGE_MODEL,
  type EdgeType,
  edgeKey,
  edgeProps,
  type GraphEdge,
  type GraphNode,
  type Props,
  SYMBOL_OWNED_EDGES,
  symbolProps,
  USE_EDGES,
} from '../model/index.ts';
import {
  bindEach,
  CHAIN_TOO_DEEP,
  guardedReads,
  isStackOverflow,
  parsesAlone,
  tooDeepMessage,
} from './compiler-guard.ts';
import { collectDeclarations, type Declared, type FileDeclarations } from './declarations.ts';
import { diffGraph, indexGraph } from './diff.ts';
import { entryPointsOf } from './entry-points.ts';
import { type FileDiagnostic, fileNode, syntaxDiagnostics } from './file-node.ts';
import { importEdges, importTarget } from './import-edges.ts';
import { dirtyOwners } from './invalidation.ts';
import { createModuleResolver, type ModuleResolver } from './module-resolver.ts';
import { addOverrides } from './overrides.ts';
import { ProgressiveEmitter } from './progressive-emitter.ts';
import { discoverLayout, type ProjectLayout } from './project-layout.ts';
import { moduleDeclarationsOf, type RequireBinding, requireBindings } from './require-bindings.ts';
import { type FileEdges, resolveFileEdges } from './resolve-edges.ts';
import { createRootedFileSystem, type RootedFileSystem } from './rooted-file-system.ts';
import { contentHash, layoutFingerprint, type SeedResult, seedResults } from './seed-results.ts';
import { SOURCE_FILE } from './source-scan.ts';
import { symbolNode, type Unresolved, unresolvedProps } from './symbol-node.ts';
import { firstJsonSyntaxError } from './tsconfig.ts';
import { findUnanalyzedFiles, type UnanalyzedFiles } from './unanalyzed-files.ts';
import { isWorkspaceDir, manifestSyntaxError } from './workspaces.ts';

export interface AnalyzerOptions {
  /** The project's root directory. Nothing outside it is read. */
  readonly root: string;
  /**
   * The file system to read through.
   * @default the real file system, confined to `root` (see {@link createRootedFileSystem})
   */
  readonly fileSystem?: FileSystemHost;
  /** Source files larger than this are analyzed as empty. @default 4 MiB */
  readonly maxFileBytes?: number;
}

export type AnalysisPhase = 'LOADING' | 'DECLARATIONS' | 'RESOLVING' | 'DONE';

export interface AnalysisProgress {
  readonly phase: AnalysisPhase;
  readonly filesDone: number;
  readonly filesTotal: number;
}

export interface AnalyzeOptions {
  /** Receives the first analysis in consistent batches (nodes before the edges that need them). */
  readonly onChangeSet?: (changeSet: ChangeSet) => void;
  readonly onProgress?: (progress: AnalysisProgress) => void;
  /** Longest wait between two batches. @default 1000 ms */
  readonly batchIntervalMs?: number;
}

export interface AnalysisSummary {
  readonly files: number;
  readonly nodes: number;
  readonly edges: number;
  readonly durationMs: number;
  /** Problems with the project's configuration (tsconfig errors). */
  readonly problems: readonly string[];
  /**
   * Source files under the root that no analyzed tsconfig includes (see unanalyzed-files.ts);
   * absent when there are none (always without a tsconfig: then every source file is analyzed).
   */
  readonly unanalyzed?: UnanalyzedFiles;
}

/** Edges found by resolving an owner's code: kept as they were when the owner did not change. */
const REUSABLE = new Set<EdgeType>(SYMBOL_OWNED_EDGES);
/** Edges by which one symbol depends on another. */
const USES = new Set<EdgeType>(USE_EDGES);

/** Files whose change alters the project's layout or resolution: a full re-analysis follows. */
const LAYOUT_FILE = /(?:^|\/)(?:tsconfig[^/]*\.json|jsconfig\.json|package\.json|pnpm-workspace\.yaml)$/;

/** What analysis found in one file. Edges are those leaving the file's nodes. */
interface FileResult {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly externals: readonly GraphNode[];
  /** Files it imports, re-exports or loads. */
  readonly importedFiles: ReadonlySet<string>;
  readonly hasUnresolvedImports: boolean;
  /** Its declarations' `importsHash` when resolved; unknown for records seeded from a snapshot. */
  readonly importsHash?: string;
}

interface FileState {
  readonly path: string;
  declarations: FileDeclarations;
  /** Why pass 1 failed on it, when it did (its declarations are then empty). */
  declarationFailure?: string;
  /** Its module-level `require` bindings (JavaScript), scanned once when it is declared. */
  requires: readonly RequireBinding[];
  /**
   * Which of its `require` bindings' modules resolved when it was declared (`#resolvesRequire`),
   * one `0`/`1` each, in source order; absent when it has none.
   */
  requiresResolved?: string;
  /** What it gives the resolution of `require` calls elsewhere ({@link moduleDeclarationsOf}), when declared. */
  moduleDeclarations: string;
  /** The names it adds to the analyzer's names (its declarations', imports' and bindings'), when declared. */
  names: readonly string[];
  result?: FileResult;
}

function newState(file: string): FileState {
  return {
    path: file,
    declarations: { fileKey: file, symbols: [], importsHash: '' },
    requires: [],
    moduleDeclarations: '',
    names: [],
  };
}

/**
 * The analyzer: keeps a TypeScript program of the project alive and turns it into graph
 * records — the whole graph once ({@link Analyzer.analyze}), then minimal change sets for
 * the files that change ({@link Analyzer.update}).
 *
 * @remarks
 * ts-morph loads the project (tsconfigs, file system, module resolution); the hot loops
 * walk raw compiler nodes with the raw type checker, which is several times faster and
 * leaner than ts-morph's wrappers on a large project. Output is plain records only.
 */
export class Analyzer {
  readonly root: string;
  readonly #fileSystem: FileSystemHost;
  readonly #rooted: RootedFileSystem | undefined;
  /** Files TypeScript could not parse or bind (absolute path → why): analyzed as empty. */
  readonly #quarantined = new Map<string, string>();
  /** What the project reads through: quarantined files read as empty; the last read is known. */
  readonly #reads: ReturnType<typeof guardedReads>;
  /** The program whose files are all bound. */
  #bound: ts.Program | undefined;
  #layout!: ProjectLayout;
  /** Whether a file (absolute) is an entry point of a package of the project. */
  #isEntryPoint: (file: string) => boolean = () => false;
  #resolver!: ModuleResolver;
  #project!: Project;
  #keyOf = new WeakMap<ts.Node, Declared>();
  /**
   * Every name a graph node is declared or imported under (see `ResolveContext.names`), with how
   * many files give it: a name leaves when the last file giving it is deleted or edited.
   */
  #names = new Map<string, number>();
  /**
   * During an update: of each name that entered or left `#names`, whether it was there before the
   * update (what resolved the owners that are not resolved again).
   */
  #namesBefore = new Map<string, boolean>();
  #files = new Map<string, FileState>();
  #externals = new Map<string, { node: GraphNode; files: Set<string> }>();
  /** True while the first program of an analysis is made (see `#program`). */
  #loading = false;
  /** Who uses each key: owners with a CALLS, INSTANTIATES, REFERENCES, EXTENDS or IMPLEMENTS edge to it. */
  #referrers = new Map<string, Set<string>>();
  /** Reverse of each file's importedFiles. */
  #importers = new Map<string, Set<string>>();
  /** JSON configs saved while they do not parse (root-relative → why): the layout waits for them. */
  readonly #held = new Map<string, string>();

  constructor(options: AnalyzerOptions) {
    if (options.fileSystem) {
      this.#fileSystem = options.fileSystem;
      if ('takeProblem' in options.fileSystem) this.#rooted = options.fileSystem as RootedFileSystem;
      this.root = this.#rooted?.root ?? path.posix.resolve(options.root);
    } else {
      this.#rooted = createRootedFileSystem(options.root, { maxFileBytes: options.maxFileBytes });
      this.#fileSystem = this.#rooted;
      this.root = this.#rooted.root;
    }
    this.#reads = guardedReads(this.#fileSystem, this.#quarantined);
  }

  /**
   * Analyze the whole project. The first call delivers the graph through `onChangeSet` in
   * batches; a later call (after a tsconfig change) delivers one change set: the diff.
   */
  analyze(options: AnalyzeOptions = {}): AnalysisSummary {
    const started = performance.now();
    const first = this.#files.size === 0;
    const before = first ? undefined : this.#snapshot();
    const report = throttle(options.onProgress);
    const paths = this.#loadAndDeclare(report);
    const total = paths.length;

    const emitter = first && options.onChangeSet ? new ProgressiveEmitter() : undefined;
    const interval = options.batchIntervalMs ?? 1000;
    let batch: string[] = [];
    let lastFlush = performance.now();
    const flush = () => {
      if (!emitter || batch.length === 0) return;
      const results = batch.map((file) => this.#files.get(file)!.result!);
      options.onChangeSet?.(
        emitter.batch(
          batch,
          results.flatMap((r) => [...r.nodes, ...r.externals]),
          results.flatMap((r) => r.edges),
        ),
      );
      batch = [];
      lastFlush = performance.now();
    };
    let done = 0;
    for (const file of paths) {
      this.#analyzeFile(file);
      batch.push(file);
      report({ phase: 'RESOLVING', filesDone: ++done, filesTotal: total });
      if (performance.now() - lastFlush >= interval) flush();
    }
    flush();
    if (before && options.onChangeSet) {
      const changes = diffGraph(before, this.#snapshot());
      if (changes.length > 0) options.onChangeSet({ files: [], changes });
    }
    report({ phase: 'DONE', filesDone: total, filesTotal: total }, true);
    return this.#summary(total, started);
  }

  /**
   * Re-analyze after files changed (added, changed or deleted; absolute or root-relative
   * paths) and return the minimal change set — including edges of other files whose
   * resolution changed. A tsconfig or package.json change re-analyzes everything and
   * still returns only the difference.
   */
  update(
    changedPaths: readonly string[],
    options: { onProgress?: (p: AnalysisProgress) => void } = {},
  ): ChangeSet {
    const relative = [...new Set(changedPaths.map((p) => this.#relative(p)).filter((p) => p !== undefined))];
    if (relative.length === 0) return { files: [], changes: [] };
    this.#rooted?.invalidate(relative.map((p) => this.#absolute(p)));
    // A JSON config saved half-way through an edit (an editor's autosave): the project keeps its
    // layout until it parses, instead of dropping every file its broken `include` misses.
    const relayout = relative.filter((p) => {
      if (this.#layout.configs.length === 0 && p.endsWith('.gitignore')) return true;
      if (!LAYOUT_FILE.test(p)) return false;
      const syntaxError = p.endsWith('.json') ? this.#syntaxError(p) : undefined;
      if (syntaxError === undefined) this.#held.delete(p);
      // Said only of a config the layout reads: a broken JSON fixture elsewhere changes nothing.
      else if (this.#readsConfig(p)) this.#held.set(p, syntaxError);
      return syntaxError === undefined;
    });
    if (relayout.length > 0) {
      // The layout is read anew, held configs too (leniently): their problems are the layout's now.
      this.#held.clear();
      let changeSet: ChangeSet = { files: relative, changes: [] };
      this.analyze({
        onProgress: options.onProgress,
        onChangeSet: (cs) => {
          changeSet = { files: relative, changes: cs.changes };
        },
      });
      return changeSet;
    }

    const sources = relative.filter((p) => SOURCE_FILE.test(p));
    const known = sources.filter((p) => this.#files.has(p));
    const exists = (p: string) => this.#fileSystem.fileExistsSync(this.#absolute(p));
    const deleted = known.filter((p) => !exists(p));
    const changed = known.filter((p) => exists(p));
    const candidates = sources.filter((p) => !this.#files.has(p) && exists(p) && this.#inScope(p));
    // A new file is in scope when the tsconfigs (or, without one, .gitignore) include it.
    const layoutFiles =
      candidates.length > 0 ? new Set(discoverLayout(this.#fileSystem, this.root).files) : undefined;
    const added = candidates.filter((p) => layoutFiles?.has(this.#absolute(p)));
    if (deleted.length + changed.length + added.length === 0) return { files: relative, changes: [] };

    const direct = [...changed, ...added, ...deleted];
    const before = new Map(direct.map((p) => [p, this.#files.get(p)?.result]));
    const externalsBefore = new Map([...this.#externals].map(([key, e]) => [key, e.node]));
    this.#namesBefore.clear();

    // Bring the program up to date, then re-declare what changed.
    if (added.length + deleted.length > 0) this.#resolver.clearCache();
    // An edit may have fixed a file TypeScript could not take: it is tried again.
    for (const file of direct) this.#quarantined.delete(this.#absolute(file));
    // A changed file is parsed again in place (cheaper than ts-morph's text manipulation); its
    // place among the program's roots is kept, so TypeScript reuses the rest of the program.
    for (const file of changed) {
      const absolute = this.#absolute(file);
      this.#parse(absolute, () =>
        this.#project.createSourceFile(absolute, this.#fileSystem.readFileSync(absolute), {
          overwrite: true,
        }),
      );
    }
    for (const file of deleted) {
      const sourceFile = this.#project.getSourceFile(this.#absolute(file));
      if (sourceFile) this.#project.removeSourceFile(sourceFile);
    }
    for (const file of added) {
      const absolute = this.#absolute(file);
      this.#parse(absolute, () => this.#project.addSourceFileAtPathIfExists(absolute));
    }
    for (const file of added) this.#files.set(file, newState(file));
    // Unchanged files whose `require` bindings now resolve (or no longer do) are declared again:
    // a file added or deleted may be their module, an edited `declare module 'm'` too.
    const moduleDeclarationsMoved = changed.some((file) => {
      const sourceFile = this.#sourceFile(file);
      return (
        (sourceFile ? moduleDeclarationsOf(sourceFile) : '') !== this.#files.get(file)!.moduleDeclarations
      );
    });
    const rebound =
      added.length + deleted.length > 0 || moduleDeclarationsMoved
        ? this.#requiresMoved(new Set(direct))
        : [];
    for (const file of rebound) before.set(file, this.#files.get(file)?.result);
    for (const file of [...changed, ...added, ...rebound]) {
      this.#forgetDeclarations(file);
      this.#declare(file);
    }
    for (const file of deleted) this.#dropNames(this.#files.get(file)!);
    const names = this.#namesMoved();
    const except = new Set(deleted);

    const dirty = dirtyOwners(
      {
        changed: [...changed, ...rebound],
        rebound,
        added,
        deleted,
        before,
        resolvesToAdded: this.#resolvesTo(added),
        usingNewNames: this.#ownersMentioning(names.entered, except),
        usingGoneNames: this.#ownersMentioning(names.left, except),
      },
      {
        files: this.#files,
        referrers: this.#referrers,
        importers: this.#importers,
      },
    );
    for (const file of deleted) this.#forget(file);
    const changes = this.#resolveDirty(dirty, before, externalsBefore, options.onProgress);
    return { files: direct.sort(), changes };
  }

  /**
   * The first analysis, starting from a stored graph of an earlier analysis of this root (a
   * snapshot's) instead of resolving every file: the program is loaded and every file's
   * declarations collected (no type checking), files whose content hash is the stored one keep
   * their stored records, and only files that changed, appeared or vanished — and the owners
   * elsewhere whose resolution depends on what changed in them (see invalidation.ts) — go
   * through the checker. Returns the difference from the stored graph as one change set.
   * When the project's layout (compiler options, tsconfigs, workspaces) is not the stored one,
   * every file is resolved again and the difference returned all the same.
   */
  verify(
    stored: {
      readonly nodes: readonly GraphNode[];
      readonly edges: readonly GraphEdge[];
      readonly layout?: string;
    },
    options: { onProgress?: (p: AnalysisProgress) => void } = {},
  ): { changeSet: ChangeSet; summary: AnalysisSummary; reused: number } {
    const started = performance.now();
    const report = throttle(options.onProgress);
    const paths = this.#loadAndDeclare(report);
    const seeds = stored.layout === this.layout() ? seedResults(stored.nodes, stored.edges) : new Map();

    const changed: string[] = [];
    const added: string[] = [];
    const deleted: string[] = [];
    const seed = (file: string, result: SeedResult) => {
      this.#files.get(file)!.result = result as FileResult;
      this.#index(file, result as FileResult);
    };
    for (const file of paths) {
      const old = seeds.get(file);
      if (!old) {
        added.push(file);
        continue;
      }
      seed(file, old);
      const text = this.#sourceFile(file)?.text;
      if (old.hash === undefined || text === undefined || contentHash(text) !== old.hash) changed.push(file);
    }
    for (const [file, old] of seeds) {
      if (this.#files.has(file)) continue;
      this.#files.set(file, newState(file));
      seed(file, old);
      deleted.push(file);
    }
    const direct = [...changed, ...added, ...deleted];
    const before = new Map<string, FileResult | undefined>(
      direct.map((p) => [p, this.#files.get(p)?.result]),
    );
    const externalsBefore = new Map([...this.#externals].map(([key, e]) => [key, e.node]));
    // Nothing reused (another layout): the difference is from the stored graph as a whole.
    const beforeGraph = seeds.size > 0 ? undefined : indexGraph([...stored.nodes], [...stored.edges]);

    // The names the stored records were resolved with are not stored: a reused file keeps the
    // unresolved counts of its day even where a name came or went while codenav was down.
    const dirty = dirtyOwners(
      {
        changed,
        rebound: [],
        added,
        deleted,
        before,
        resolvesToAdded: this.#resolvesTo(added),
        usingNewNames: new Map(),
        usingGoneNames: new Map(),
      },
      { files: this.#files, referrers: this.#referrers, importers: this.#importers },
    );
    for (const file of deleted) this.#forget(file);
    const changes = this.#resolveDirty(dirty, before, externalsBefore, report, beforeGraph);
    report({ phase: 'DONE', filesDone: paths.length, filesTotal: paths.length }, true);
    return {
      changeSet: { files: direct.sort(compare), changes },
      summary: this.#summary(paths.length, started),
      reused: paths.length - dirty.size,
    };
  }

  /** Reloads the project and collects every file's declarations (pass 1); returns the files. */
  #loadAndDeclare(report: (progress: AnalysisProgress) => void): string[] {
    report({ phase: 'LOADING', filesDone: 0, filesTotal: 0 });
    this.#reset();
    this.#rooted?.invalidate();
    this.#quarantined.clear();
    this.#load();
    const paths = [...this.#files.keys()];
    report({ phase: 'DECLARATIONS', filesDone: 0, filesTotal: paths.length });
    for (const file of paths) this.#declare(file);
    return paths;
  }

  /**
   * Pass 2 for the dirty owners of an edit, then the difference between the files' results
   * `before` (with the externals then) and now — or between `beforeGraph` and the whole graph.
   */
  #resolveDirty(
    dirty: ReadonlyMap<string, Set<string> | 'all'>,
    before: Map<string, FileResult | undefined>,
    externalsBefore: ReadonlyMap<string, GraphNode>,
    onProgress: ((p: AnalysisProgress) => void) | undefined,
    beforeGraph?: ReturnType<typeof indexGraph>,
  ): Change[] {
    let done = 0;
    for (const [file, owners] of dirty) {
      if (!this.#files.has(file)) continue;
      if (!before.has(file)) before.set(file, this.#files.get(file)!.result);
      this.#analyzeFile(file, owners);
      onProgress?.({ phase: 'RESOLVING', filesDone: ++done, filesTotal: dirty.size });
    }
    if (beforeGraph) return diffGraph(beforeGraph, this.#snapshot());
    const after = new Map([...before.keys()].map((p) => [p, this.#files.get(p)?.result]));
    const externalsAfter = new Map([...this.#externals].map(([key, e]) => [key, e.node]));
    return diffGraph(
      this.#partialGraph(before.values(), externalsBefore),
      this.#partialGraph(after.values(), externalsAfter),
    );
  }

  #summary(files: number, started: number): AnalysisSummary {
    const unanalyzed =
      this.#layout.configs.length === 0
        ? undefined
        : findUnanalyzedFiles(
            this.#fileSystem,
            this.root,
            (file) => this.#files.has(file),
            this.#layout.configs.map((c) => c.path),
          );
    let nodes = this.#externals.size;
    let edges = 0;
    for (const state of this.#files.values()) {
      nodes += state.result?.nodes.length ?? 0;
      edges += state.result?.edges.length ?? 0;
    }
    return {
      files,
      nodes,
      edges,
      durationMs: Math.round(performance.now() - started),
      problems: this.problems(),
      ...(unanalyzed ? { unanalyzed } : {}),
    };
  }

  /**
   * The project's configuration problems as they stand: the layout's (tsconfig errors), and
   * each JSON config saved while it does not parse, whose change waits until it does.
   */
  problems(): string[] {
    const held = [...this.#held].map(
      ([file, error]) => `${file}: does not parse (${error}): the project keeps its layout until it does`,
    );
    return [...this.#layout.problems, ...held];
  }

  /** A fingerprint of the project's layout (see {@link layoutFingerprint}); after a first analysis. */
  layout(): string {
    return layoutFingerprint(this.#layout);
  }

  /** The whole graph, nodes and edges sorted by key. */
  graph(): { nodes: GraphNode[]; edges: GraphEdge[] } {
    const { nodes, edges } = this.#snapshot();
    return {
      nodes: [...nodes.values()].sort((a, b) => compare(a.key, b.key)),
      edges: [...edges.values()].sort((a, b) => compare(edgeKey(a), edgeKey(b))),
    };
  }

  /** Root-relative paths of the analyzed files, sorted. */
  files(): string[] {
    return [...this.#files.keys()].sort(compare);
  }

  // ── loading ────────────────────────────────────────────────────────────────────────────

  #reset(): void {
    this.#keyOf = new WeakMap();
    this.#names = new Map();
    this.#namesBefore = new Map();
    this.#files = new Map();
    this.#externals = new Map();
    this.#referrers = new Map();
    this.#importers = new Map();
  }

  #load(): void {
    this.#layout = discoverLayout(this.#fileSystem, this.root);
    this.#isEntryPoint = entryPointsOf(this.#layout);
    this.#resolver = createModuleResolver(this.#layout, this.#fileSystem);
    this.#createProject(this.#layout.options);
    // Files the program reaches through imports are in scope too (as `tsc --listFiles` shows).
    this.#loading = true;
    let program: ts.Program;
    try {
      program = this.#program();
    } finally {
      this.#loading = false;
    }
    for (const sourceFile of program.getSourceFiles()) {
      const file = this.#relative(sourceFile.fileName);
      if (file !== undefined && this.#inScope(file)) this.#files.set(file, newState(file));
    }
  }

  #createProject(compilerOptions: ts.CompilerOptions): void {
    this.#project = new Project({
      compilerOptions,
      fileSystem: this.#reads.fileSystem,
      skipAddingFilesFromTsConfig: true,
      skipFileDependencyResolution: true,
      resolutionHost: this.#resolver.resolutionHost,
    });
    this.#bound = undefined;
    for (const file of this.#layout.files) {
      this.#parse(file, () => this.#project.addSourceFileAtPathIfExists(file));
    }
  }

  /**
   * The program, every file parsed and bound. A file that TypeScript cannot parse or bind (its
   * code nests too deeply for the compiler's recursion) is found and analyzed as empty, with a
   * diagnostic, and the program is made again without it: one file never fails them all.
   */
  #program(): ts.Program {
    for (;;) {
      let program: ts.Program;
      this.#reads.forget();
      try {
        program = this.#project.getProgram().compilerObject;
      } catch (error) {
        // Creating the program parses the files that imports reach: the last one read broke.
        const culprit = this.#reads.lastRead();
        if (!isStackOverflow(error)) throw error;
        // Or no file did: TypeScript follows imports and references from file to file by
        // recursion, and a chain of thousands of files overflows it just as deep code does. The
        // program is then made of the project's own files only (`noResolve`: imports between
        // them still resolve), once, while loading (afterwards, nodes are bound to this one).
        const chain =
          culprit === undefined ||
          this.#quarantined.has(culprit) ||
          parsesAlone(this.#reads.fileSystem, culprit);
        if (chain && this.#loading && !this.#project.getCompilerOptions().noResolve) {
          this.#resolver.clearCache();
          this.#createProject({ ...this.#layout.options, noResolve: true });
          this.#layout = {
            ...this.#layout,
            problems: [...this.#layout.problems, CHAIN_TOO_DEEP],
          };
          continue;
        }
        if (culprit === undefined || this.#quarantined.has(culprit)) throw error;
        this.#quarantine(culprit, 'parse');
        continue;
      }
      if (program === this.#bound) return program;
      const culprit = bindEach(program);
      if (culprit === undefined) {
        this.#bound = program;
        return program;
      }
      if (this.#quarantined.has(culprit.fileName)) throw new Error(`cannot bind ${culprit.fileName}`);
      this.#quarantine(culprit.fileName, 'bind');
    }
  }

  /** Parses a file into the project with `add`; one TypeScript cannot parse is quarantined. */
  #parse(absolute: string, add: () => unknown): void {
    try {
      add();
    } catch (error) {
      if (!isStackOverflow(error)) throw error;
      this.#quarantine(absolute, 'parse');
    }
  }

  /** From now on (until it changes) the file is analyzed as empty, with a diagnostic saying why. */
  #quarantine(absolute: string, stage: 'parse' | 'bind'): void {
    this.#quarantined.set(absolute, tooDeepMessage(stage));
    this.#project.createSourceFile(absolute, '', { overwrite: true });
  }

  #sourceFile(file: string): ts.SourceFile | undefined {
    return this.#program().getSourceFile(this.#absolute(file));
  }

  /** Whether a specifier, imported by a file (both root-relative), resolves to one of `files` now. */
  #resolvesTo(files: readonly string[]): (file: string, specifier: string) => boolean {
    const targets = new Set(files);
    return (file, specifier) => {
      const resolved = this.#resolver.resolve(
        specifier,
        this.#absolute(file),
        this.#sourceFile(file)?.impliedNodeFormat,
      );
      const target = resolved && this.#relative(resolved.resolvedFileName);
      return target !== undefined && targets.has(target);
    };
  }

  /**
   * Whether the layout reads `file` (root-relative): a tsconfig, one it extends, the root's
   * manifest, or one where the workspace's globs look for packages (a package being created too).
   */
  #readsConfig(file: string): boolean {
    const absolute = this.#absolute(file);
    const layout = this.#layout;
    return (
      layout.configs.some((c) => c.path === absolute || c.extended.includes(absolute)) ||
      file === 'package.json' ||
      (path.posix.basename(file) === 'package.json' &&
        isWorkspaceDir(layout.workspacePatterns, path.posix.dirname(file)))
    );
  }

  /** The first JSON syntax error of a config file, as `line:column message`; undefined when it parses (or is gone). */
  #syntaxError(file: string): string | undefined {
    let text: string;
    try {
      text = this.#fileSystem.readFileSync(this.#absolute(file));
    } catch {
      return undefined;
    }
    // A manifest is read as npm and Node read it (strict JSON); a tsconfig as TypeScript does.
    return path.posix.basename(file) === 'package.json'
      ? manifestSyntaxError(file, text)
      : firstJsonSyntaxError(file, text);
  }

  #inScope(file: string): boolean {
    return SOURCE_FILE.test(file) && !file.split('/').includes('node_modules');
  }

  #relative(filePath: string): string | undefined {
    const absolute = path.posix.resolve(this.root, filePath.split(path.sep).join('/'));
    if (!absolute.startsWith(`${this.root}/`)) return undefined;
    return absolute.slice(this.root.length + 1);
  }

  #absolute(file: string): string {
    return `${this.root}/${file}`;
  }

  // ── pass 1: declarations ───────────────────────────────────────────────────────────────

  #declare(file: string): void {
    const state = this.#files.get(file)!;
    const sourceFile = this.#sourceFile(file);
    this.#dropNames(state);
    state.declarations = { fileKey: file, symbols: [], importsHash: '' };
    state.declarationFailure = undefined;
    state.requires = [];
    state.requiresResolved = undefined;
    state.moduleDeclarations = sourceFile ? moduleDeclarationsOf(sourceFile) : '';
    const names: string[] = [];
    if (sourceFile) {
      try {
        const bindings = requireBindings(sourceFile);
        const resolved = bindings.map((binding) => this.#resolvesRequire(binding));
        for (const binding of bindings) names.push(binding.name);
        if (bindings.length > 0) {
          state.requires = bindings;
          state.requiresResolved = resolvedSignature(resolved);
        }
        state.declarations = collectDeclarations(sourceFile, file, this.#keyOf, {
          requires: bindings.map((binding, i) => ({ binding, isImport: resolved[i]! })),
        });
      } catch (error) {
        // One file's failure is a diagnostic on it: the analysis of the others goes on.
        state.declarationFailure = `could not collect this file's declarations (${describe(error)}): analyzed without them`;
      }
    }
    for (const symbol of state.declarations.symbols) names.push(symbol.name);
    if (sourceFile) names.push(...importedNames(sourceFile));
    this.#addNames(state, names);
  }

  #addNames(state: FileState, names: readonly string[]): void {
    state.names = names;
    for (const name of names) {
      const count = this.#names.get(name) ?? 0;
      if (count === 0 && !this.#namesBefore.has(name)) this.#namesBefore.set(name, false);
      this.#names.set(name, count + 1);
    }
  }

  #dropNames(state: FileState): void {
    for (const name of state.names) {
      const count = this.#names.get(name) ?? 0;
      if (count > 1) {
        this.#names.set(name, count - 1);
        continue;
      }
      this.#names.delete(name);
      if (!this.#namesBefore.has(name)) this.#namesBefore.set(name, true);
    }
    state.names = [];
  }

  /** The names that entered `#names` during this update, and those that left it. */
  #namesMoved(): { entered: string[]; left: string[] } {
    const entered: string[] = [];
    const left: string[] = [];
    for (const [name, was] of this.#namesBefore) {
      const is = this.#names.has(name);
      if (is && !was) entered.push(name);
      else if (was && !is) left.push(name);
    }
    this.#namesBefore.clear();
    return { entered, left };
  }

  /**
   * Where the text of the files (but `except`) holds one of `names` as a word — where an
   * identifier of that name may be, whose resolution depends on the names: by file, the owners
   * whose code holds it (the file, for top-level code, and every symbol whose declaration
   * encloses it: the owner the walk of pass 2 gives it is among them).
   */
  #ownersMentioning(names: readonly string[], except: ReadonlySet<string>): Map<string, Set<string>> {
    const found = new Map<string, Set<string>>();
    if (names.length === 0) return found;
    const word = '[$\\u200c\\u200d\\p{ID_Continue}]';
    const alternatives = names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    const pattern = new RegExp(`(?<!${word})(?:${alternatives})(?!${word})`, 'gu');
    const program = this.#program();
    for (const [file, state] of this.#files) {
      if (except.has(file)) continue;
      const text = program.getSourceFile(this.#absolute(file))?.text;
      if (text === undefined) continue;
      let owners: Set<string> | undefined;
      for (const match of text.matchAll(pattern)) {
        owners ??= new Set([file]);
        const at = match.index;
        for (const symbol of state.declarations.symbols)
          if (symbol.declarations.some((d) => d.pos <= at && at < d.end)) owners.add(symbol.key);
      }
      if (owners) found.set(file, owners);
    }
    return found;
  }

  /**
   * Whether the module of a `require` binding resolves as the checker sees it (a file of the
   * program, a package's types, an ambient `declare module`): then the binding is an import.
   * Not so for a package that is missing or has no types (its JavaScript outside the program):
   * go-to-definition stops at the variable, which stays a node.
   */
  #resolvesRequire(binding: RequireBinding): boolean {
    return this.#program().getTypeChecker().getSymbolAtLocation(binding.call.arguments[0]!) !== undefined;
  }

  /**
   * The files (other than `except`) whose `require` bindings resolve otherwise than when they
   * were declared: a file added or deleted makes their variables imports, or imports variables.
   */
  #requiresMoved(except: ReadonlySet<string>): string[] {
    const moved: string[] = [];
    for (const [file, state] of this.#files) {
      if (state.requiresResolved === undefined || except.has(file)) continue;
      const now = resolvedSignature(state.requires.map((binding) => this.#resolvesRequire(binding)));
      if (now !== state.requiresResolved) moved.push(file);
    }
    return moved;
  }

  #forgetDeclarations(file: string): void {
    for (const symbol of this.#files.get(file)?.declarations?.symbols ?? []) symbol.stale = true;
  }

  // ── pass 2: resolution and records ─────────────────────────────────────────────────────

  /** Pass 2 for a file: all its owners, or only `owners`, reusing the rest of its last result. */
  #analyzeFile(file: string, owners: ReadonlySet<string> | 'all' = 'all'): void {
    const state = this.#files.get(file)!;
    const previous = owners === 'all' ? undefined : state.result;
    if (state.result) this.#unindex(file, state.result);
    const result = this.#resolve(
      file,
      state.declarations,
      previous ? owners : 'all',
      previous,
      state.declarationFailure,
    );
    state.result = result;
    this.#index(file, result);
  }

  #resolve(
    file: string,
    declarations: FileDeclarations,
    owners: ReadonlySet<string> | 'all',
    previous: FileResult | undefined,
    declarationFailure: string | undefined,
  ): FileResult {
    const program = this.#program();
    const sourceFile = this.#sourceFile(file);
    const diagnostics: FileDiagnostic[] = [];
    const failure = this.#quarantined.get(this.#absolute(file)) ?? declarationFailure;
    if (failure !== undefined) diagnostics.push(analysisFailed(failure));
    const problem = this.#rooted?.takeProblem(this.#absolute(file));
    if (problem)
      diagnostics.push({
        line: 1,
        column: 1,
        message: problem.message,
        code: problem.code,
        severity: 'warning',
      });
    if (!sourceFile) {
      return emptyResult(file, diagnostics);
    }
    diagnostics.push(...syntaxDiagnostics(program, sourceFile));

    const members = new Map<string, Declared[]>();
    for (const symbol of declarations.symbols) {
      const list = members.get(symbol.parentKey);
      if (list) list.push(symbol);
      else members.set(symbol.parentKey, [symbol]);
    }
    const isDirty = owners === 'all' ? () => true : (owner: string) => owners.has(owner);
    let found: FileEdges;
    try {
      found = resolveFileEdges(
        { checker: program.getTypeChecker(), keyOf: this.#keyOf, names: this.#names },
        sourceFile,
        file,
        members,
        isDirty,
      );
      addOverrides(found.edges, program.getTypeChecker(), this.#keyOf, declarations.symbols);
    } catch (error) {
      // The checker can fail on what nests too deeply for it: the file keeps its declarations
      // (other files' edges may lead to them) and loses its own edges, with a diagnostic.
      found = { edges: new Map(), unresolvedCalls: new Map(), unresolvedReferences: new Map(), imports: [] };
      diagnostics.push(
        analysisFailed(
          `could not resolve this file's calls, references and imports (${describe(error)}): its declarations are kept without them`,
        ),
      );
    }

    const nodes: GraphNode[] = [];
    const edges: GraphEdge[] = [];
    const oldNodes = new Map(previous?.nodes.map((n) => [n.key, n]));
    const lineShift = new Map<string, number>([[file, 0]]);
    // What an owner that needed no resolution could not resolve is what it could not before.
    const unresolvedOf = (owner: string): Unresolved => {
      if (isDirty(owner))
        return {
          calls: found.unresolvedCalls.get(owner) ?? 0,
          references: found.unresolvedReferences.get(owner) ?? 0,
        };
      const old = symbolProps(oldNodes.get(owner) ?? { props: {} });
      return { calls: old.unresolvedCalls ?? 0, references: old.unresolvedReferences ?? 0 };
    };
    for (const symbol of declarations.symbols) {
      const old = oldNodes.get(symbol.key);
      const node = symbolNode(symbol, sourceFile, file, unresolvedOf(symbol.key), old?.props);
      nodes.push(node);
      if (old)
        lineShift.set(symbol.key, (symbolProps(node).startLine ?? 0) - (symbolProps(old).startLine ?? 0));
      edges.push({ type: 'CONTAINS', from: symbol.parentKey, to: symbol.key, props: {} });
    }
    for (const edge of found.edges.values()) {
      const props: Props = EDGE_MODEL[edge.type].sites
        ? {
            count: edge.count,
            firstLine: edge.firstLine,
            ...(edge.unionReceiver ? { unionReceiver: true } : {}),
            ...(typeof edge.maxArguments === 'number' ? { maxArguments: edge.maxArguments } : {}),
          }
        : {};
      edges.push({ type: edge.type, from: edge.from, to: edge.to, props });
    }
    // Owners that needed no resolution keep their edges, moved with their text.
    for (const edge of previous?.edges ?? []) {
      if (!REUSABLE.has(edge.type) || isDirty(edge.from)) continue;
      const shift = lineShift.get(edge.from);
      if (shift === undefined) continue;
      // Every symbol-owned edge stands for places in its owner's code (SiteProps).
      const firstLine = (edgeProps(edge, 'CALLS').firstLine ?? 0) + shift;
      edges.push({ ...edge, props: { ...edge.props, firstLine } });
    }

    const imports = importEdges(file, found.imports, (specifier) =>
      importTarget(specifier, sourceFile, this.#resolver, (absolute) => {
        const target = this.#relative(absolute);
        return target !== undefined && this.#files.has(target) ? target : undefined;
      }),
    );
    edges.push(...imports.edges);
    diagnostics.push(...imports.diagnostics);
    const file_ = fileNode(file, sourceFile, diagnostics);
    nodes.unshift({
      ...file_,
      props: {
        ...file_.props,
        ...unresolvedProps(unresolvedOf(file)),
        ...(this.#isEntryPoint(this.#absolute(file)) ? { entryPoint: true } : {}),
        ...(imports.unresolvedSpecifiers.length > 0
          ? { unresolvedImports: imports.unresolvedSpecifiers }
          : {}),
      },
    });
    return {
      nodes,
      edges,
      externals: imports.externals,
      importedFiles: imports.importedFiles,
      hasUnresolvedImports: imports.hasUnresolvedImports,
      importsHash: declarations.importsHash,
    };
  }

  // ── indexes ────────────────────────────────────────────────────────────────────────────

  #index(file: string, result: FileResult): void {
    for (const edge of result.edges) if (USES.has(edge.type)) addTo(this.#referrers, edge.to, edge.from);
    for (const target of result.importedFiles) addTo(this.#importers, target, file);
    for (const external of result.externals) {
      const entry = this.#externals.get(external.key);
      if (entry) entry.files.add(file);
      else this.#externals.set(external.key, { node: external, files: new Set([file]) });
    }
  }

  #unindex(file: string, result: FileResult): void {
    for (const edge of result.edges) if (USES.has(edge.type)) this.#referrers.get(edge.to)?.delete(edge.from);
    for (const target of result.importedFiles) this.#importers.get(target)?.delete(file);
    for (const external of result.externals) {
      const entry = this.#externals.get(external.key);
      entry?.files.delete(file);
      if (entry && entry.files.size === 0) this.#externals.delete(external.key);
    }
  }

  #forget(file: string): void {
    const state = this.#files.get(file);
    if (!state) return;
    this.#forgetDeclarations(file);
    this.#dropNames(state);
    if (state.result) this.#unindex(file, state.result);
    this.#files.delete(file);
  }

  // ── graph views ────────────────────────────────────────────────────────────────────────

  #snapshot() {
    return this.#partialGraph(
      [...this.#files.values()].map((s) => s.result),
      new Map([...this.#externals].map(([key, e]) => [key, e.node])),
    );
  }

  #partialGraph(results: Iterable<FileResult | undefined>, externals: ReadonlyMap<string, GraphNode>) {
    const nodes: GraphNode[] = [];
    const edges: GraphEdge[] = [];
    for (const result of results) {
      if (!result) continue;
      nodes.push(...result.nodes);
      edges.push(...result.edges);
    }
    return indexGraph([...nodes, ...externals.values()], edges);
  }
}

/** Whether each of a file's `require` bindings resolved, as one string (`1` or `0` each). */
function resolvedSignature(resolved: readonly boolean[]): string {
  return resolved.map((r) => (r ? '1' : '0')).join('');
}

/** Local names under which imports and re-exports bring symbols in (`import { a as b }` → b). */
function importedNames(sourceFile: ts.SourceFile): string[] {
  const names: string[] = [];
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      if (clause.name) names.push(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) names.push(e.name.text);
    } else if (ts.isExportDeclaration(statement) && statement.exportClause) {
      const clause = statement.exportClause;
      if (ts.isNamespaceExport(clause)) names.push(clause.name.text);
      else for (const e of clause.elements) names.push(e.name.text);
    } else if (ts.isImportEqualsDeclaration(statement)) {
      names.push(statement.name.text);
    }
  }
  return names;
}

function emptyResult(file: string, diagnostics: FileDiagnostic[]): FileResult {
  const node: GraphNode = {
    key: file,
    kind: 'FILE',
    props: {
      name: path.posix.basename(file),
      path: file,
      diagnosticCount: diagnostics.length,
      diagnostics: diagnostics.map((d) => ({ ...d })),
    },
  };
  return {
    nodes: [node],
    edges: [],
    externals: [],

    importedFiles: new Set(),
    hasUnresolvedImports: false,
  };
}

/** A diagnostic for a file whose analysis failed in part. */
function analysisFailed(message: string): FileDiagnostic {
  return { line: 1, column: 1, message, code: 'ANALYSIS_FAILED', severity: 'error' };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Progress at most every 100 ms, plus the final report. */
function throttle(report: ((p: AnalysisProgress) => void) | undefined) {
  let last = 0;
  let lastPhase: AnalysisPhase | undefined;
  return (progress: AnalysisProgress, force = false) => {
    const now = performance.now();
    if (!report) return;
    if (force || progress.phase !== lastPhase || now - last >= 100) {
      last = now;
      lastPhase = progress.phase;
      report(progress);
    }
  };
}
