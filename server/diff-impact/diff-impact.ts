import { declarationsOfText, SOURCE_FILE } from '../analysis/index.ts';
import {
  dependentsOfKeys,
  findAllNodes,
  getEdgesInBatches,
  getNodesInBatches,
} from '../graph/batched-reads.ts';
import { type GraphStore, LIMITS } from '../graph/port.ts';
import { DEPENDENCY_EDGES, type GraphNode, SYMBOL_KINDS, USE_EDGES } from '../model/index.ts';
import { compareSymbols, fileOf, type SemanticChange, sortChanges } from '../semantic/index.ts';
import { DiffImpactError, type Git, type GitUnavailableError, openGit } from './git.ts';

/** What {@link diffImpact} found. */
export interface DiffImpactResult {
  /** The revision as given. */
  readonly base: string;
  /** The commit it names (full hash). */
  readonly commit: string;
  /** The symbols that differ, as semantic changes (with `BODY_CHANGED` for a body edit). */
  readonly changed: readonly SemanticChange[];
  /** Nodes that transitively depend on the changed symbols within `depth`, nearest first. */
  readonly affected: readonly GraphNode[];
  /** The test files among the changed and affected code (FILE nodes with `isTest`), by path. */
  readonly affectedTests: readonly GraphNode[];
}

export interface DiffImpactOptions {
  /** The analyzed root (absolute): a git work tree or a folder in one. */
  readonly root: string;
  /** The live graph of the work tree. */
  readonly store: GraphStore;
  /** A git revision: a branch, tag, hash, `HEAD~2`… */
  readonly base: string;
  /** How far dependents are followed, 1..10. @default 3 */
  readonly depth?: number;
  /** The git executable. @default `git` */
  readonly gitBinary?: string;
}

/** Most nodes `affected` holds. */
export const MAX_DIFF_AFFECTED = 1000;
/** Most changed source files whose old text is read from git (one git process, up to 4 MiB each). */
export const MAX_DIFF_FILES = 5000;
const SYMBOL_KIND_SET: ReadonlySet<string> = new Set(SYMBOL_KINDS);

/**
 * What a branch's change affects: the symbols that differ between the git revision `base` and
 * the analyzed work tree, everything that depends on them within `depth`, and the tests among
 * or reaching them.
 *
 * @remarks
 * The base is never analyzed: only the changed files' old text is read from git and its
 * declarations (syntax only) compared with the live graph's; dependents come from the live
 * graph. A symbol the work tree no longer has has no edges in the graph: the files that still
 * import it by name stand for its dependents.
 *
 * @throws {@link DiffImpactError} (`BAD_USER_INPUT`) when `root` is no git work tree, `base`
 *   names no commit, or `depth` is out of range; {@link GitUnavailableError} (`GIT_UNAVAILABLE`)
 *   when the server cannot start git or too many git commands wait already.
 */
export async function diffImpact(options: DiffImpactOptions): Promise<DiffImpactResult> {
  const depth = options.depth ?? 3;
  if (!Number.isInteger(depth) || depth < 1 || depth > LIMITS.traverseDepth)
    throw new DiffImpactError(`depth must be 1..${LIMITS.traverseDepth}, got ${depth}`);
  const git = await openGit(options.root, options.gitBinary);
  const commit = await git.verifyCommit(options.base);
  const { store } = options;

  const { before, after } = await compareFiles(git, commit, store);
  const dependents = await dependentsOf(store, before, after);
  const changed = sortChanges(compareSymbols({ before, after, dependents, bodyChanges: true }));

  const present = new Set(after.map((n) => n.key));
  const seeds = new Set<string>();
  for (const c of changed) {
    if (present.has(c.key)) seeds.add(c.key);
    else for (const key of c.affected) seeds.add(key);
  }
  const reached =
    seeds.size === 0
      ? []
      : await store.traverse([...seeds], {
          types: DEPENDENCY_EDGES,
          direction: 'IN',
          maxDepth: depth,
          limit: MAX_DIFF_AFFECTED,
        });
  const affectedKeys = new Set(reached.map((r) => r.node.key));
  // A walk leaves out where it starts: a changed symbol that depends on another changed one is
  // affected too, and so are the dependents of removed symbols (they started the walk).
  const seedList = [...seeds];
  const direct = new Set(
    (await getEdgesInBatches(store, seedList, { types: DEPENDENCY_EDGES, direction: 'IN' }))
      .flat()
      .map((e) => e.from),
  );
  const extra = seedList.filter((key) => !affectedKeys.has(key) && (direct.has(key) || !present.has(key)));
  const extraNodes = (await getNodesInBatches(store, extra)).filter((n): n is GraphNode => n !== undefined);
  const affected = [...extraNodes, ...reached.map((r) => r.node)].slice(0, MAX_DIFF_AFFECTED);

  const files = new Set<string>();
  for (const key of [...seeds, ...affected.map((n) => n.key)]) files.add(fileOf(key));
  const fileNodes = await getNodesInBatches(store, [...files].sort());
  const affectedTests = fileNodes.filter(
    (n): n is GraphNode => n?.kind === 'FILE' && n.props.isTest === true,
  );
  return { base: options.base, commit, changed, affected, affectedTests };
}

/** The old declarations of the changed files (from git) and their symbols in the live graph. */
async function compareFiles(git: Git, commit: string, store: GraphStore) {
  const changedFiles = (await git.changedFiles(commit)).filter((f) => SOURCE_FILE.test(f.path));
  const present = await getNodesInBatches(
    store,
    changedFiles.map((f) => f.path),
  );
  // A file on disk that the analysis leaves out (outside every tsconfig) is no change of the graph.
  const compared = changedFiles
    .map((file, i) => ({ ...file, analyzed: present[i]?.kind === 'FILE' }))
    .filter((file) => file.analyzed || file.status === 'D');
  const read = compared.filter((file) => file.status !== 'A').length;
  if (read > MAX_DIFF_FILES)
    throw new DiffImpactError(
      `the change since the base touches ${read} source files that existed there, more than ${MAX_DIFF_FILES}: compare with a nearer revision`,
    );
  const before: GraphNode[] = [];
  const after: GraphNode[] = [];
  for (const file of compared) {
    const { analyzed } = file;
    if (file.status !== 'A') {
      const text = await git.readFile(commit, file.path);
      if (text !== undefined) before.push(...declarationsOfText(file.path, text));
    }
    if (analyzed) after.push(...(await symbolsOf(store, file.path)));
  }
  return { before, after };
}

async function symbolsOf(store: GraphStore, path: string): Promise<GraphNode[]> {
  const found = await findAllNodes(store, { pathPrefix: path });
  return found.filter((node) => node.props.path === path && SYMBOL_KIND_SET.has(node.kind));
}

/**
 * Dependents of every old symbol: its incoming edges in the graph when it still exists there;
 * otherwise the files that import its top-level name from its file.
 */
async function dependentsOf(
  store: GraphStore,
  before: readonly GraphNode[],
  after: readonly GraphNode[],
): Promise<Map<string, string[]>> {
  const present = new Set(after.map((n) => n.key));
  const live = before.map((n) => n.key).filter((key) => present.has(key));
  const dependents = await dependentsOfKeys(store, live, USE_EDGES);
  const gone = before.filter((n) => !present.has(n.key));
  const files = [...new Set(gone.map((n) => fileOf(n.key)))];
  const importers = await getEdgesInBatches(store, files, { types: ['IMPORTS'], direction: 'IN' });
  const byFile = new Map(files.map((file, i) => [file, importers[i]!]));
  for (const node of gone) {
    const name = String(node.props.qualifiedName ?? '').split('.')[0]!;
    const imported = node.props.defaultExport === true ? 'default' : name;
    const edges = byFile.get(fileOf(node.key)) ?? [];
    const names = (e: (typeof edges)[number]) =>
      Array.isArray(e.props.names) ? (e.props.names as string[]) : [];
    dependents.set(
      node.key,
      edges.filter((e) => names(e).includes(imported)).map((e) => e.from),
    );
  }
  return dependents;
}
