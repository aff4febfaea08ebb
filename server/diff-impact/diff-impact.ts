import * as posix from 'node:path/posix';
import {
  codeHashesOfText,
  createSpecifierLeadsToAny,
  createSpecifierLeadsToFiles,
  declarationsOfText,
  externalModuleKey,
  isBareSpecifier,
  requireImportsAsInGraph,
  requiresOfText,
  SOURCE_FILE,
  specifierLeadsTo,
  type TextOptions,
  type TextUses,
  usesOfText,
} from '../analysis/index.ts';
import {
  dependentsOfKeys,
  findAllNodes,
  getEdgesInBatches,
  getNodesInBatches,
  importersByNameInBatches,
} from '../graph/batched-reads.ts';
import { type GraphStore, LIMITS } from '../graph/port.ts';
import {
  DEPENDENCY_EDGES,
  fileProps,
  type GraphEdge,
  type GraphNode,
  isSymbolKind,
  USE_EDGES,
} from '../model/index.ts';
import {
  compareSymbols,
  fileOf,
  readDependentUses,
  resignedCallables,
  type SemanticChange,
  sortChanges,
} from '../semantic/index.ts';
import {
  type DiffImpactCancelledError,
  DiffImpactError,
  type GitUnavailableError,
  throwIfCancelled,
} from './errors.ts';
import { type Git, openGit } from './git.ts';
import { MAX_DIFF_AFFECTED, MAX_DIFF_WALK } from './limits.ts';

/** What {@link diffImpact} found. */
export interface DiffImpactResult {
  /** The revision as given. */
  readonly base: string;
  /** The commit it names (full hash). */
  readonly commit: string;
  /**
   * The symbols that differ, as semantic changes (with `BODY_CHANGED` for a body edit), breaking
   * ones first, then in {@link sortChanges} order (by kind, then key): the first `first` of
   * {@link changedTotal}.
   */
  readonly changed: readonly SemanticChange[];
  /** How many changes there are in all (`changed` holds the first `first`). */
  readonly changedTotal: number;
  /**
   * Nodes that transitively depend on the changed symbols within `depth`, nearest first, then by
   * key: the first `first` of {@link affectedTotal}.
   */
  readonly affected: readonly GraphNode[];
  /**
   * How many nodes lie within `depth` of the change; a lower bound when the walk stopped at
   * {@link MAX_DIFF_WALK} nodes first (`truncated` then).
   */
  readonly affectedTotal: number;
  /**
   * Whether `changed` or `affected` holds fewer than there are: cut at `first`, or the walk
   * stopped at its bound of {@link MAX_DIFF_WALK} nodes within `depth`.
   */
  readonly truncated: boolean;
  /**
   * The test files (FILE nodes with `isTest`), by path, among the changed and affected code or
   * reaching it from farther than `depth` (up to {@link LIMITS.traverseDepth} steps, within the
   * walk's bound of {@link MAX_DIFF_WALK} nodes).
   */
  readonly affectedTests: readonly GraphNode[];
  /**
   * Changed files (root-relative, sorted, at most {@link MAX_DIFF_AFFECTED}) the comparison does
   * not look into: not source code (README, package.json, tsconfig.json…), or source files the
   * analysis leaves out.
   */
  readonly unanalyzedFiles: readonly string[];
  /** What the comparison cannot see but a reviewer should know: a tsconfig or package.json changed. */
  readonly warnings: readonly string[];
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
  /**
   * Most items of `changed` and of `affected` returned, 1..{@link MAX_DIFF_AFFECTED}: the result
   * holds no more, whatever the size of the diff.
   * @default {@link MAX_DIFF_AFFECTED}
   */
  readonly first?: number;
  /**
   * Most nodes the walk of dependents visits, 1..{@link MAX_DIFF_WALK}: a seam for tests and
   * embedding (a smaller bound behaves as the real one does on a larger graph).
   * @default {@link MAX_DIFF_WALK}
   */
  readonly walkLimit?: number;
  /** The git executable. @default `git` */
  readonly gitBinary?: string;
  /**
   * Gives up when it aborts: the git command running is killed, the comparison stops between
   * its steps (and between the files it reads), and the call rejects with
   * {@link DiffImpactCancelledError}. Reads of the graph store under way finish first: the store
   * port takes no signal.
   */
  readonly signal?: AbortSignal;
  /**
   * Reads an analyzed file as it is now (root-relative path; the API's guarded reader). Without
   * it, a symbol whose comments alone changed counts as changed, the users of a removed
   * symbol are the files that import it rather than the symbols that use it, and those of a
   * removed class member are its class's (`warnings` says so).
   */
  readonly readSource?: (
    path: string,
  ) => Promise<{ readonly text: string; readonly hash: string } | undefined>;
}

/** Most changed source files whose old text is read from git (one git process, up to 4 MiB each). */
export const MAX_DIFF_FILES = 5000;
/** Most files read to find which of their symbols use a removed symbol; beyond, the file stands for them. */
const MAX_IMPORTER_READS = 500;
type ReadSource = NonNullable<DiffImpactOptions['readSource']>;

/**
 * What a branch's change affects: the symbols that differ between the git revision `base` and
 * the analyzed work tree, everything that depends on them within `depth`, and the tests among
 * or reaching them.
 *
 * @remarks
 * The base is never analyzed: only the changed files' old text is read from git and its
 * declarations (syntax only) compared with the live graph's; dependents come from the live
 * graph. A symbol the work tree no longer has has no edges in the graph: the symbols that still
 * use its name (through an import of its file, or in its own file; for a member of a class that
 * stays, an access of its name in the code around that class), read from their text now, stand
 * for its dependents.
 *
 * @throws {@link DiffImpactError} (`BAD_USER_INPUT`) when `root` is no git work tree, `base`
 *   names no commit, or `depth` is out of range; {@link GitUnavailableError} (`GIT_UNAVAILABLE`)
 *   when the server cannot start git or too many git commands wait already;
 *   {@link DiffImpactCancelledError} when `signal` aborts.
 */
export async function diffImpact(options: DiffImpactOptions): Promise<DiffImpactResult> {
  const depth = options.depth ?? 3;
  if (!Number.isInteger(depth) || depth < 1 || depth > LIMITS.traverseDepth)
    throw new DiffImpactError(`depth must be 1..${LIMITS.traverseDepth}, got ${depth}`);
  const first = options.first ?? MAX_DIFF_AFFECTED;
  if (!Number.isInteger(first) || first < 1 || first > MAX_DIFF_AFFECTED)
    throw new DiffImpactError(`first must be 1..${MAX_DIFF_AFFECTED}, got ${first}`);
  const walkLimit = options.walkLimit ?? MAX_DIFF_WALK;
  if (!Number.isInteger(walkLimit) || walkLimit < 1 || walkLimit > MAX_DIFF_WALK)
    throw new DiffImpactError(`walkLimit must be 1..${MAX_DIFF_WALK}, got ${walkLimit}`);
  const { store, signal } = options;
  throwIfCancelled(signal);
  const git = await openGit(options.root, options.gitBinary, { signal });
  const commit = await resolveBase(git, options.base);

  const { before, after, unanalyzed, oldCode, fileNodes } = await compareFiles(git, commit, store, signal);
  throwIfCancelled(signal);
  const present = new Set(after.map((n) => n.key));
  const gone = before.filter((n) => !present.has(n.key));
  const members = membersOfStayingTypes(gone, after);
  const candidates = codeCandidates(before, after);
  // Each file is read once per call, whichever step asks for it, and parsed once for all of them
  // (the code of its symbols, its uses of imported and removed names, of removed members' names):
  // only that is kept, never its text — up to MAX_DIFF_FILES changed files of up to 4 MiB, and
  // MAX_IMPORTER_READS more.
  const codeFiles = new Map<string, string>();
  for (const nows of candidates.values())
    for (const now of nows) {
      const fileNode = fileNodes.get(fileOf(now.key));
      const hash = fileNode === undefined ? undefined : fileProps(fileNode).hash;
      if (typeof hash === 'string') codeFiles.set(fileOf(now.key), hash);
    }
  const sources = createSourcesNow(options.readSource, {
    codeFiles,
    ownNames: ownNamesGone(gone, fileNodes),
    propertyNames: [...new Set(members.map((m) => m.name))].sort(),
  });
  await sameCodeSameHash(before, candidates, oldCode, sources);
  throwIfCancelled(signal);
  const readPackageName = packageNameReader(options.readSource);
  const { dependents, warnings: unread } = await dependentsOf(store, {
    before,
    after,
    members,
    sources,
    readPackageName,
  });
  // Breaking changes first (then by kind and key): when `first` cuts the list, what breaks code
  // that depends on it is what a reviewer must not miss. The sort is stable.
  // How the live code uses each function or method re-signed so that an old call may not fit:
  // a trailing optional parameter dropped breaks only the callers that pass it.
  const uses = await readDependentUses(
    store,
    resignedCallables(new Map(before.map((n) => [n.key, n])), after),
  );
  let compared = compareSymbols({ before, after, dependents, uses, bodyChanges: true });
  // The members of a class moved or renamed: the code that followed it uses them under their new
  // keys, and meets a member's new signature there. Compared once more with those users.
  const follows = await followersOfMovedMembers(store, compared, gone, present, dependents);
  if (follows !== undefined)
    compared = compareSymbols({ before, after, dependents, follows, uses, bodyChanges: true });
  const changes = sortChanges(compared).sort((a, b) => Number(b.breaking) - Number(a.breaking));
  throwIfCancelled(signal);

  // Where the walk starts: the changed symbols that exist (depth 0), and the code that used what
  // a change took away (a removed symbol, an old name or place): their direct dependents, depth 1.
  const seeds = new Set(changes.map((c) => c.key).filter((key) => present.has(key)));
  const used = new Set<string>();
  for (const c of changes)
    for (const key of dependents.get(c.previousKey ?? c.key) ?? c.affected) used.add(key);
  // Users read from text now that the graph does not hold (yet) are no nodes to report.
  const usedKeys = [...used].sort();
  const users = new Set(
    (await getNodesInBatches(store, usedKeys)).flatMap((node, i) => (node ? [usedKeys[i]!] : [])),
  );
  const walk = await walkDependents(store, seeds, users, depth, walkLimit);
  const ranked = [...walk.depthOf].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const affectedKeys = ranked.slice(0, first).map(([key]) => key);
  const affected = (await getNodesInBatches(store, affectedKeys)).filter(
    (node): node is GraphNode => node !== undefined,
  );

  // The test files among the changed and affected code, or reaching it from beyond `depth`.
  const files = new Set(walk.files);
  for (const key of [...seeds, ...users]) files.add(fileOf(key));
  const testFiles = await getNodesInBatches(store, [...files].sort());
  const affectedTests = testFiles.filter(
    (n): n is GraphNode => n?.kind === 'FILE' && n.props.isTest === true,
  );
  const changed = changes.slice(0, first);
  return {
    base: options.base,
    commit,
    changed,
    changedTotal: changes.length,
    affected,
    affectedTotal: walk.depthOf.size,
    truncated: changed.length < changes.length || affectedKeys.length < ranked.length || walk.cut,
    affectedTests,
    unanalyzedFiles: unanalyzed.slice(0, MAX_DIFF_AFFECTED),
    warnings: [
      ...warningsAbout(unanalyzed),
      ...unread,
      ...(walk.testsCut
        ? [
            `the walk of dependents stops at ${walkLimit} nodes: tests that reach the change from farther may be missing from affectedTests; compare with a nearer revision (fewer changes).`,
          ]
        : []),
    ],
  };
}

/**
 * For each member of a moved or renamed class (namespace, interface, enum) whose counterpart
 * exists under the new key, adds to the old member's dependents the code using the new one (its
 * incoming edges in the graph: code that followed the move), and returns whether a dependent
 * follows a new key so, for `compareSymbols`: the move's own event leaves such code out (it did
 * follow), a re-sign of the member counts it (it meets the new signature). `undefined` when no
 * change moved or renamed a container of members that are gone.
 */
async function followersOfMovedMembers(
  store: GraphStore,
  changes: readonly SemanticChange[],
  gone: readonly GraphNode[],
  present: ReadonlySet<string>,
  dependents: Map<string, string[]>,
): Promise<((dependent: string, key: string) => boolean) | undefined> {
  const pairs: [string, string][] = [];
  for (const change of changes) {
    const from = change.previousKey;
    if (from === undefined || from === null) continue;
    for (const node of gone)
      if (node.key.startsWith(`${from}.`)) {
        const now = change.key + node.key.slice(from.length);
        if (present.has(now)) pairs.push([node.key, now]);
      }
  }
  if (pairs.length === 0) return undefined;
  const users = await dependentsOfKeys(
    store,
    pairs.map(([, now]) => now),
    USE_EDGES,
  );
  const followers = new Map<string, Set<string>>();
  for (const [old, now] of pairs) {
    const list = users.get(now) ?? [];
    followers.set(now, new Set(list));
    dependents.set(old, [...new Set([...(dependents.get(old) ?? []), ...list])].sort());
  }
  return (dependent, key) => followers.get(key)?.has(dependent) === true;
}

/** What {@link walkDependents} found. */
interface DependentsWalk {
  /** Each node within `depth` of the change, by its distance from it. */
  readonly depthOf: ReadonlyMap<string, number>;
  /** The files of every node the walk reached, within `depth` and farther. */
  readonly files: ReadonlySet<string>;
  /** The node bound cut the walk within `depth`: `depthOf` may lack some. */
  readonly cut: boolean;
  /** The node bound stopped the walk before {@link LIMITS.traverseDepth} steps: tests may be missing. */
  readonly testsCut: boolean;
}

/**
 * Breadth-first over the dependency edges, backwards, from the changed symbols (`seeds`, depth 0)
 * and the users of what a change took away (`users`, depth 1) at once, level by level, each level
 * in key order: what lies within `depth` is `depthOf`, exactly; the walk goes on to
 * {@link LIMITS.traverseDepth} steps for the files of the tests that reach the change from
 * farther. It visits at most `limit` ({@link MAX_DIFF_WALK}) nodes in all, the nearest first, so the levels
 * within `depth` are never starved by the farther ones, and it keeps only keys (nodes are read for
 * the `first` affected alone). A seed is in `depthOf` too when it depends on a change (another
 * seed, a user, or what one reaches) within `depth`: one step more than the nearest such node.
 */
async function walkDependents(
  store: GraphStore,
  seeds: ReadonlySet<string>,
  users: ReadonlySet<string>,
  depth: number,
  limit: number,
): Promise<DependentsWalk> {
  const seen = new Set(seeds);
  const depthOf = new Map<string, number>();
  const files = new Set<string>();
  let budget = limit;
  let cut = false;
  let testsCut = false;
  let frontier: readonly string[] = [...seeds];
  for (let level = 1; level <= LIMITS.traverseDepth; level++) {
    const next = new Set<string>();
    if (level === 1) for (const key of users) if (!seen.has(key)) next.add(key);
    for (const edges of await getEdgesInBatches(store, frontier, {
      types: DEPENDENCY_EDGES,
      direction: 'IN',
    }))
      for (const edge of edges) if (!seen.has(edge.from)) next.add(edge.from);
    // The files that re-export a symbol of the frontier, or import it with no code of theirs
    // using it: IMPORTS lead to its file, not to it (`GraphStore.importersByName`).
    const symbols = frontier.filter((key) => key.includes('#'));
    for (const importers of await importersByNameInBatches(store, symbols))
      for (const file of importers) if (!seen.has(file)) next.add(file);
    if (next.size === 0) break;
    if (budget === 0) {
      // More to walk, and no room: nodes within depth, or tests beyond, may be left out.
      if (level <= depth) cut = true;
      testsCut = true;
      break;
    }
    const sorted = [...next].sort();
    const kept = sorted.length > budget ? sorted.slice(0, budget) : sorted;
    if (kept.length < sorted.length) {
      if (level <= depth) cut = true;
      testsCut = true;
    }
    budget -= kept.length;
    for (const key of kept) {
      seen.add(key);
      files.add(fileOf(key));
      if (level <= depth) depthOf.set(key, level);
    }
    frontier = kept;
  }
  // The walk does not pass through its starts: a seed's own distance from the change is one more
  // than the nearest change or affected node it depends on.
  const seedList = [...seeds];
  const uses = await getEdgesInBatches(store, seedList, { types: DEPENDENCY_EDGES, direction: 'OUT' });
  for (const [i, seed] of seedList.entries()) {
    let at = users.has(seed) ? 1 : Number.POSITIVE_INFINITY;
    for (const edge of uses[i]!) {
      const from = seeds.has(edge.to) ? 0 : depthOf.get(edge.to);
      if (from !== undefined) at = Math.min(at, from + 1);
    }
    if (at <= depth) depthOf.set(seed, at);
  }
  return { depthOf, files, cut, testsCut };
}

/** Changed files whose change the symbols do not show: configuration that decides resolution. */
const CONFIG_WARNINGS: readonly [RegExp, string][] = [
  [
    /^[tj]sconfig(?:\..*)?\.json$/,
    'compiler options (paths, baseUrl, moduleResolution…) may resolve imports differently than at the base, and the comparison looks at declarations only: check what resolves differently',
  ],
  [
    /^package\.json$/,
    'dependencies, exports or workspaces may change what imports resolve to; external code is not compared',
  ],
  [
    /^(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|pnpm-workspace\.yaml|bun\.lockb?)$/,
    'dependency versions or workspaces may differ from the base; external code is not compared',
  ],
];

function warningsAbout(unanalyzed: readonly string[]): string[] {
  const warnings: string[] = [];
  for (const [pattern, what] of CONFIG_WARNINGS) {
    const files = unanalyzed.filter((file) => pattern.test(posix.basename(file)));
    if (files.length === 0) continue;
    const named = files.slice(0, 5).join(', ') + (files.length > 5 ? ` and ${files.length - 5} more` : '');
    warnings.push(`${named} changed: ${what}.`);
  }
  if (unanalyzed.length > MAX_DIFF_AFFECTED)
    warnings.push(
      `${unanalyzed.length} changed files are not compared (not source code, or left out of the analysis); unanalyzedFiles lists the first ${MAX_DIFF_AFFECTED}.`,
    );
  return warnings;
}

/**
 * The commit `base` names: a revision, or `REF...` (`REF...HEAD`): the merge base of `REF` and
 * `HEAD`, as `git diff REF...` and a pull request compare (what the branch changed since it
 * left `REF`, without what `REF` gained since).
 *
 * @throws {@link DiffImpactError} when it names no commit, or the two have no common ancestor.
 */
export async function resolveBase(
  git: Pick<Git, 'verifyCommit' | 'mergeBase'>,
  base: string,
): Promise<string> {
  const range = /^(.+?)\.\.\.(.*)$/s.exec(base);
  if (range === null) return git.verifyCommit(base);
  const [, from, to] = range as unknown as [string, string, string];
  if (to !== '' && to !== 'HEAD')
    throw new DiffImpactError(
      `base ${JSON.stringify(base)} compares two revisions: the work tree is compared with one revision, or with REF... (the merge base of REF and HEAD)`,
    );
  return git.mergeBase(await git.verifyCommit(from), await git.verifyCommit('HEAD'));
}

/**
 * The old declarations of the changed files (from git), their symbols in the live graph, the code
 * hash of each old symbol whose text differs now (or that is gone: it may have moved), and the
 * FILE node of each compared file that exists now.
 */
async function compareFiles(git: Git, commit: string, store: GraphStore, signal: AbortSignal | undefined) {
  const all = await git.changedFiles(commit);
  const changedFiles = all.filter((f) => SOURCE_FILE.test(f.path));
  const present = await getNodesInBatches(
    store,
    changedFiles.map((f) => f.path),
  );
  // A file on disk that the analysis leaves out (outside every tsconfig) is no change of the graph.
  const compared = changedFiles
    .map((file, i) => ({ ...file, fileNode: present[i]?.kind === 'FILE' ? present[i] : undefined }))
    .filter((file) => file.fileNode !== undefined || file.status === 'D');
  const read = compared.filter((file) => file.status !== 'A').length;
  if (read > MAX_DIFF_FILES)
    throw new DiffImpactError(
      `the change since the base touches ${read} source files that existed there, more than ${MAX_DIFF_FILES}: compare with a nearer revision`,
    );
  const before: GraphNode[] = [];
  const after: GraphNode[] = [];
  // Of each old symbol whose text differs now (or that is gone: it may have moved), the hash of its
  // code: the old text itself is dropped once read, so memory follows the symbols, not the bytes
  // of up to MAX_DIFF_FILES files of up to 4 MiB.
  const oldCode = new Map<string, string>();
  const requireImportsOfGone = requireImportsAtBase(store, all);
  for (const file of compared) {
    throwIfCancelled(signal);
    const now = file.fileNode === undefined ? [] : await symbolsOf(store, file.path);
    after.push(...now);
    const old = file.status === 'A' ? undefined : await git.readFile(commit, file.path);
    if (old === undefined) continue;
    // A JavaScript `require` binding is a VARIABLE only while its module resolves nowhere, which
    // the old text alone cannot tell: the graph's answer for the same name stands for it — or,
    // for a file the work tree no longer has, the graph's answer for the same module.
    const options =
      file.fileNode === undefined
        ? await requireImportsOfGone(file.path, old)
        : requireImportsAsInGraph(file.path, now);
    const declared = declarationsOfText(file.path, old, options);
    before.push(...declared);
    const hashNow = new Map(now.map((n) => [n.key, n.props.hash]));
    const differ = declared.filter((n) => hashNow.get(n.key) !== n.props.hash);
    if (differ.length === 0) continue;
    const code = codeHashesOfText(file.path, old, options);
    for (const n of differ) {
      const hash = code.get(n.key);
      if (hash !== undefined) oldCode.set(n.key, hash);
    }
  }
  const fileNodes = new Map(compared.map((file) => [file.path, file.fileNode]));
  const comparedPaths = new Set(compared.map((file) => file.path));
  const unanalyzed = all.map((file) => file.path).filter((path) => !comparedPaths.has(path));
  return { before, after, unanalyzed, oldCode, fileNodes };
}

/**
 * Which `require` bindings of the old text of a file that is gone now were imports at the base
 * (its module resolved) rather than VARIABLEs — the graph has no answer for the file, so the
 * module's stands for it. A path (`./a`) resolved when a file it leads to was there: a file of the
 * graph that is not new since the base, or a source file deleted since. Another specifier (a
 * package, a path alias) resolved when it leads to such a file, and else unless some file of the
 * graph binds the same specifier to a VARIABLE now (a missing or untyped package: whether it is
 * installed is not in git, and the work tree's answer is the best there is).
 */
function requireImportsAtBase(
  store: GraphStore,
  changed: readonly { readonly path: string; readonly status: 'A' | 'D' | 'M' }[],
): (path: string, text: string) => Promise<TextOptions> {
  // Whether a specifier leads to a file there was at the base (read once, when first needed).
  let filesAtBase: Promise<(importer: string, specifier: string) => boolean> | undefined;
  const unresolvedPackages = new Map<string, Promise<boolean>>();
  const status = new Map(changed.map((file) => [file.path, file.status]));
  const readFilesAtBase = async () => {
    const now = await findAllNodes(store, { kinds: ['FILE'] });
    const deleted = changed.filter((f) => f.status === 'D' && SOURCE_FILE.test(f.path)).map((f) => f.path);
    return createSpecifierLeadsToAny([
      ...now.map((n) => n.key).filter((key) => status.get(key) !== 'A'),
      ...deleted,
    ]);
  };
  const boundToVariable = async (specifier: string) => {
    const required = new RegExp(`require\\(\\s*(['"\`])${escapeRegExp(specifier)}\\1\\s*\\)`);
    const importers = (
      await getEdgesInBatches(store, [externalModuleKey(specifier).key], {
        types: ['IMPORTS'],
        direction: 'IN',
      })
    )[0]!;
    const files = new Set(importers.map((e) => e.from));
    return someSymbolOf(
      store,
      files,
      (n) =>
        n.kind === 'VARIABLE' &&
        files.has(String(n.props.path)) &&
        required.test(String(n.props.signature ?? '')),
    );
  };
  return async (path, text) => {
    const requires = requiresOfText(path, text);
    if (requires.length === 0) return {};
    filesAtBase ??= readFilesAtBase();
    const leadsToAFile = await filesAtBase;
    const variables = new Set<string>();
    for (const { specifier } of requires) {
      if (leadsToAFile(path, specifier)) continue;
      if (!isBareSpecifier(specifier)) {
        variables.add(specifier);
        continue;
      }
      let unresolved = unresolvedPackages.get(specifier);
      if (unresolved === undefined) {
        unresolved = boundToVariable(specifier);
        unresolvedPackages.set(specifier, unresolved);
      }
      if (await unresolved) variables.add(specifier);
    }
    return { isImport: (binding) => !variables.has(binding.specifier) };
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * What each old symbol whose text differs may be now: the symbol of the same key, or else the one
 * added symbol of its kind and qualified name elsewhere (a move).
 */
function codeCandidates(
  before: readonly GraphNode[],
  after: readonly GraphNode[],
): Map<GraphNode, GraphNode[]> {
  const afterByKey = new Map(after.map((n) => [n.key, n]));
  const beforeKeys = new Set(before.map((n) => n.key));
  const name = (n: GraphNode) => `${n.kind} ${String(n.props.qualifiedName ?? '')}`;
  const addedByName = new Map<string, GraphNode[]>();
  for (const n of after)
    if (!beforeKeys.has(n.key)) addedByName.set(name(n), [...(addedByName.get(name(n)) ?? []), n]);
  const candidates = new Map<GraphNode, GraphNode[]>();
  for (const old of before) {
    const same = afterByKey.get(old.key);
    const now = same ? [same] : (addedByName.get(name(old)) ?? []);
    const differ = now.filter((n) => n.props.hash !== old.props.hash);
    if (differ.length > 0 && (same !== undefined || now.length === 1)) candidates.set(old, differ);
  }
  return candidates;
}

/**
 * Gives an old symbol whose code (its tokens: comments and whitespace left out) equals the work
 * tree's, the text hash of that symbol now (its {@link codeCandidates}): a comment or a reformat
 * is no change of behaviour, and a moved symbol with a new comment pairs as moved. Only with files
 * on disk that are still the text the graph was built from (the sources give no code otherwise).
 */
async function sameCodeSameHash(
  before: GraphNode[],
  candidates: ReadonlyMap<GraphNode, readonly GraphNode[]>,
  oldCode: ReadonlyMap<string, string>,
  sources: SourcesNow,
): Promise<void> {
  if (candidates.size === 0) return;
  const place = new Map(before.map((n, i) => [n, i]));
  for (const [old, [now]] of candidates) {
    if (now === undefined) continue;
    const code = oldCode.get(old.key);
    const hash = now.props.hash;
    if (code === undefined || hash === undefined) continue;
    if ((await sources(fileOf(now.key)))?.code?.get(now.key) === code)
      before[place.get(old)!] = { ...old, props: { ...old.props, hash } };
  }
}

/** What a call keeps of a file read as it is now: what was parsed from it, never its text. */
interface SourceNow {
  /** The code hash of each symbol ({@link codeHashesOfText}), for a file whose symbols' code is compared and whose text is still the one the graph was built from. */
  readonly code: ReadonlyMap<string, string> | undefined;
  /** Its uses of imported names, of its own names that are gone, and of removed members' names. */
  readonly uses: TextUses;
}

/** A file as it is now, parsed (root-relative path), or `undefined` when it cannot be read. */
type SourcesNow = (path: string) => Promise<SourceNow | undefined>;

/**
 * Reads each file at most once per call and parses it at once for everything the call may ask of
 * it, keeping only that: the text is dropped once parsed, as the old text of the changed files is.
 *
 * @param needs.codeFiles - the files whose symbols' code is compared, with the hash of the text
 *   the graph was built from: their code hashes are kept when the text read is that one.
 * @param needs.ownNames - per file, its top-level names that are gone (their uses in it are kept).
 * @param needs.propertyNames - names of removed members (their accesses in every file are kept).
 */
function createSourcesNow(
  read: ReadSource | undefined,
  needs: {
    readonly codeFiles: ReadonlyMap<string, string>;
    readonly ownNames: ReadonlyMap<string, readonly string[]>;
    readonly propertyNames: readonly string[];
  },
): SourcesNow {
  const parsed = new Map<string, Promise<SourceNow | undefined>>();
  return (path) => {
    let found = parsed.get(path);
    if (found === undefined) {
      found = (read?.(path) ?? Promise.resolve(undefined)).then((source) => {
        if (source === undefined) return undefined;
        const graphHash = needs.codeFiles.get(path);
        return {
          code: graphHash === source.hash ? codeHashesOfText(path, source.text) : undefined,
          uses: usesOfText(path, source.text, {
            ownNames: needs.ownNames.get(path) ?? [],
            propertyNames: needs.propertyNames,
          }),
        };
      });
      parsed.set(path, found);
    }
    return found;
  };
}

/**
 * Per file that stays, its top-level names that are gone: its own code may still use them (a
 * removed helper, the old name of a renamed function).
 */
function ownNamesGone(
  gone: readonly GraphNode[],
  fileNodes: ReadonlyMap<string, GraphNode | undefined>,
): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const node of gone) {
    const qualified = String(node.props.qualifiedName ?? '');
    const file = fileOf(node.key);
    if (qualified === '' || qualified.includes('.') || fileNodes.get(file) === undefined) continue;
    names.set(file, [...(names.get(file) ?? []), qualified]);
  }
  return names;
}

/** The `name` of a package.json as it is now, each file read once per call (its name kept, not its text). */
function packageNameReader(read: ReadSource | undefined) {
  const names = new Map<string, Promise<{ readonly name: string | undefined } | undefined>>();
  return (path: string) => {
    let found = names.get(path);
    if (found === undefined) {
      found = (read?.(path) ?? Promise.resolve(undefined)).then((source) => {
        if (source === undefined) return undefined;
        try {
          const { name } = JSON.parse(source.text) as { name?: unknown };
          return { name: typeof name === 'string' && name !== '' ? name : undefined };
        } catch {
          return { name: undefined };
        }
      });
      names.set(path, found);
    }
    return found;
  };
}
type PackageNameReader = ReturnType<typeof packageNameReader>;

/**
 * Whether a symbol of `files` passes `test`: the CONTAINS trees under the files (their top-level
 * symbols, then their members), read a level at a time for all files at once — a few store
 * calls a level however many files, not one search per file.
 */
async function someSymbolOf(
  store: GraphStore,
  files: ReadonlySet<string>,
  test: (node: GraphNode) => boolean,
): Promise<boolean> {
  const seen = new Set(files);
  let frontier = [...files];
  while (frontier.length > 0) {
    const contained = await getEdgesInBatches(store, frontier, { types: ['CONTAINS'], direction: 'OUT' });
    const keys = [...new Set(contained.flat().map((e) => e.to))].filter((key) => !seen.has(key));
    for (const key of keys) seen.add(key);
    const nodes = (await getNodesInBatches(store, keys)).filter(
      (n): n is GraphNode => n !== undefined && isSymbolKind(n.kind),
    );
    if (nodes.some(test)) return true;
    frontier = nodes.map((n) => n.key);
  }
  return false;
}

async function symbolsOf(store: GraphStore, path: string): Promise<GraphNode[]> {
  const found = await findAllNodes(store, { pathPrefix: path });
  return found.filter((node) => node.props.path === path && isSymbolKind(node.kind));
}

/** What {@link dependentsOf} reads from. */
interface DependentsInput {
  readonly before: readonly GraphNode[];
  readonly after: readonly GraphNode[];
  /** The removed members of types that stay ({@link membersOfStayingTypes}). */
  readonly members: readonly GoneMember[];
  readonly sources: SourcesNow;
  readonly readPackageName: PackageNameReader;
}

/**
 * Dependents of every old symbol: its incoming edges in the graph, and the files importing it by
 * name with nothing more precise standing for them (`GraphStore.importersByName`), when it still exists there;
 * for a removed member of a type that stays, the code that accesses its name in the code around
 * that type ({@link memberDependents}); otherwise the symbols (or, where a use is outside every
 * symbol, the files) that still use its top-level name through an import of its file, read from
 * their text now. A file that imports it (or, for a deleted file, whose import of it resolves
 * nowhere now) and cannot be read stands for its symbols. `warnings` says where a member's users
 * could not be known and its class's stand for them.
 */
async function dependentsOf(
  store: GraphStore,
  input: DependentsInput,
): Promise<{ dependents: Map<string, string[]>; warnings: string[] }> {
  const { before, after, sources, readPackageName } = input;
  const present = new Set(after.map((n) => n.key));
  const live = before.map((n) => n.key).filter((key) => present.has(key));
  const dependents = await dependentsOfKeys(store, live, USE_EDGES, { byName: true });
  const gone = before.filter((n) => !present.has(n.key));
  if (gone.length === 0) return { dependents, warnings: [] };

  // At most MAX_IMPORTER_READS files read for their uses of removed members, and as many for
  // their uses of removed top-level names (a file that stays, for its own code's uses of its gone
  // names, is always read: it is one of the changed files, read once anyway).
  const reader = () => {
    const budgeted = new Set<string>();
    return async (path: string, always = false): Promise<TextUses | undefined> => {
      if (!always && !budgeted.has(path)) {
        if (budgeted.size >= MAX_IMPORTER_READS) return undefined;
        budgeted.add(path);
      }
      return (await sources(path))?.uses;
    };
  };
  const usesIn = reader();

  const byMember = new Map(input.members.map((m) => [m.node.key, m]));
  const precise = input.members.filter((m) => MEMBER_NAME.test(m.name));
  const { dependents: ofMembers, unread } = await memberDependents(store, precise, reader());
  for (const [key, list] of ofMembers) dependents.set(key, list);
  const warnings: string[] = [];
  const vague = input.members.filter((m) => !MEMBER_NAME.test(m.name));
  if (vague.length > 0) {
    const one = vague.length === 1;
    warnings.push(
      `${listed(vague.map((m) => String(m.node.props.qualifiedName)))} ${one ? 'was' : 'were'} removed; code names ${one ? 'it' : 'them'} by a computed name the text does not show, so the code using ${one ? 'its class is' : 'their classes is'} listed as ${one ? 'its users' : 'their users'}.`,
    );
  }
  if (unread.size > 0) {
    const names = [...new Set([...unread.values()].flat())].sort();
    const one = names.length === 1;
    warnings.push(
      `${unread.size} ${unread.size === 1 ? 'file' : 'files'} (${listed([...unread.keys()])}) could not be read as ${unread.size === 1 ? 'it is' : 'they are'} now, or ${unread.size === 1 ? 'was' : 'were'} past the ${MAX_IMPORTER_READS} files read for removed members: there, the code using the class of the removed ${listed(names.map((key) => String(byMember.get(key)!.node.props.qualifiedName)))} is listed as ${one ? 'its users' : 'their users'}, though some of it may not use ${one ? 'it' : 'them'}.`,
    );
  }
  const byName = gone.filter((n) => !ofMembers.has(n.key));
  if (byName.length === 0) return { dependents, warnings };

  const files = [...new Set(byName.map((n) => fileOf(n.key)))].sort();
  const importers = await getEdgesInBatches(store, files, { types: ['IMPORTS'], direction: 'IN' });
  const fileNodes = await getNodesInBatches(store, files);
  const byFile = new Map(files.map((file, i) => [file, importers[i]!]));
  const deleted = files.filter((_, i) => fileNodes[i]?.kind !== 'FILE');
  const deletedFiles = new Set(deleted);
  // A deleted file of a workspace package: its importers by package name now import an external module.
  const packageOf = new Map<string, string>();
  for (const file of deleted) {
    const name = await packageNameOf(file, readPackageName);
    if (name !== undefined) packageOf.set(file, name);
  }
  const leadsTo = (importer: string, specifier: string, file: string) => {
    const name = packageOf.get(file);
    return (
      specifierLeadsTo(importer, specifier, file) ||
      (name !== undefined && (specifier === name || specifier.startsWith(`${name}/`)))
    );
  };
  const unresolved =
    deleted.length === 0 ? new Map<string, string[]>() : await importersOfDeleted(store, deleted, packageOf);

  for (const node of byName) {
    const file = fileOf(node.key);
    const qualified = String(node.props.qualifiedName ?? '');
    const name = qualified.split('.')[0]!;
    const imported = node.props.defaultExport === true ? 'default' : name;
    const names = (e: GraphEdge) => (Array.isArray(e.props.names) ? (e.props.names as string[]) : []);
    const candidates = [
      ...(byFile.get(file) ?? [])
        .filter((e) => names(e).includes(imported) || names(e).includes('*'))
        .map((e) => e.from),
      ...(unresolved.get(file) ?? []),
    ];
    const found = new Set<string>();
    for (const importer of new Set(candidates)) {
      const uses = (await usesIn(importer))?.imports;
      const users = (uses ?? [])
        .filter((u) => (u.name === imported || u.name === '*') && leadsTo(importer, u.specifier, file))
        .flatMap((u) => u.users);
      // Unread, or imported in a way the text does not show us (a path mapping): the file.
      if (users.length === 0 && (uses === undefined || !unresolved.get(file)?.includes(importer)))
        found.add(importer);
      for (const user of users) found.add(user);
    }
    if (qualified === name && !deletedFiles.has(file))
      for (const u of (await usesIn(file, true))?.imports ?? [])
        if (u.specifier === '' && u.name === name) for (const user of u.users) found.add(user);
    dependents.set(node.key, [...found].sort());
  }
  return { dependents, warnings };
}

/** `a, b, c and 2 more` */
function listed(items: readonly string[], most = 5): string {
  const shown = items.slice(0, most).join(', ');
  return items.length > most ? `${shown} and ${items.length - most} more` : shown;
}

/** A removed member of a type that stays: its users are found by its name ({@link memberDependents}). */
interface GoneMember {
  readonly node: GraphNode;
  /** The key of its class (interface, enum…), which exists now. */
  readonly container: string;
  /** Its name as code accesses it (`legacyTotal`, `#secret`, `constructor`). */
  readonly name: string;
}

/** A member name code accesses as written (`x.name`, `x['a b']`), not a computed one (`[Symbol.iterator]`). */
const MEMBER_NAME = /^[^[]/u;

/**
 * The removed symbols that were members of a class, interface or enum (or an object a JavaScript
 * assignment declares) that still exists: their users are those of the member, not of the type.
 * A namespace's members are left out: its own code names them without a dot, as top-level code
 * names a file's symbols.
 */
function membersOfStayingTypes(gone: readonly GraphNode[], after: readonly GraphNode[]): GoneMember[] {
  const now = new Map(after.map((n) => [n.key, n]));
  return gone.flatMap((node) => {
    const { name, qualifiedName } = node.props;
    if (typeof name !== 'string' || typeof qualifiedName !== 'string' || !qualifiedName.endsWith(`.${name}`))
      return [];
    const container = `${fileOf(node.key)}#${qualifiedName.slice(0, -name.length - 1)}`;
    const type = now.get(container);
    return type === undefined || type.kind === 'NAMESPACE' ? [] : [{ node, container, name }];
  });
}

/** Most types below the types of removed members that are looked at (subclasses, implementers), in all. */
const MAX_TYPES_BELOW = 5000;

/**
 * The users of removed members of types that stay. The graph no longer holds the edges to a
 * removed member (they went with its node), and the base is never analyzed; what the graph does
 * hold is the code around its type: the types below it (EXTENDS/IMPLEMENTS, at any depth), the
 * code that uses the type or any member of it or of those below it (CALLS, INSTANTIATES,
 * REFERENCES, heritage), and the files that import their files. In those files, read as they
 * are now, the innermost symbols that access the member's name (`x.legacyTotal()`, `this.x`,
 * `x['legacyTotal']`, `{ legacyTotal } = x`) are its users, as is a member of that name in a type
 * below (it overrode or implemented it). Syntax only: another object's property of that name in
 * such a file counts too — a use too many, where the class would have listed every one of its
 * users. A removed constructor's users are in the graph: the code that instantiates the class and
 * the classes extending it. A file that cannot be read: the users of the type in it stand for the
 * member's (`unread` says which files, for which members).
 */
async function memberDependents(
  store: GraphStore,
  members: readonly GoneMember[],
  usesIn: (path: string) => Promise<TextUses | undefined>,
): Promise<{ dependents: Map<string, string[]>; unread: Map<string, string[]> }> {
  const dependents = new Map<string, string[]>();
  const unread = new Map<string, string[]>();
  if (members.length === 0) return { dependents, unread };
  const containers = [...new Set(members.map((m) => m.container))].sort();

  // The types below each container, level by level.
  const below = new Map(containers.map((c) => [c, new Set<string>()]));
  let room = MAX_TYPES_BELOW;
  let frontier = containers.map((c) => [c, c] as const);
  while (frontier.length > 0 && room > 0) {
    const edges = await getEdgesInBatches(
      store,
      frontier.map(([type]) => type),
      { types: ['EXTENDS', 'IMPLEMENTS'], direction: 'IN' },
    );
    const next: (readonly [string, string])[] = [];
    for (const [i, [, root]] of frontier.entries())
      for (const edge of edges[i]!) {
        const seen = below.get(root)!;
        if (edge.from === root || seen.has(edge.from) || room === 0) continue;
        seen.add(edge.from);
        next.push([edge.from, root]);
        room--;
      }
    frontier = next;
  }
  const family = (c: string) => [c, ...below.get(c)!];
  const types = [...new Set(containers.flatMap(family))].sort();
  const contained = await getEdgesInBatches(store, types, { types: ['CONTAINS'], direction: 'OUT' });
  const membersOf = new Map(types.map((t, i) => [t, contained[i]!.map((e) => e.to)]));
  const used = [...new Set(types.flatMap((t) => [t, ...membersOf.get(t)!]))].sort();
  const usesOf = new Map(
    (await getEdgesInBatches(store, used, { types: USE_EDGES, direction: 'IN' })).map((edges, i) => [
      used[i]!,
      edges,
    ]),
  );
  const typeFiles = [...new Set(types.map(fileOf))].sort();
  const importersOf = new Map(
    (await getEdgesInBatches(store, typeFiles, { types: ['IMPORTS'], direction: 'IN' })).map((edges, i) => [
      typeFiles[i]!,
      edges.map((e) => e.from),
    ]),
  );

  // Per container: the code using its family (by file), and the files to read.
  const around = new Map<string, { users: Map<string, Set<string>>; files: Set<string> }>();
  for (const c of containers) {
    const users = new Map<string, Set<string>>();
    const files = new Set<string>();
    for (const type of family(c)) {
      files.add(fileOf(type));
      for (const importer of importersOf.get(fileOf(type)) ?? []) files.add(importer);
      for (const key of [type, ...membersOf.get(type)!])
        for (const edge of usesOf.get(key) ?? []) {
          const file = fileOf(edge.from);
          files.add(file);
          users.set(file, (users.get(file) ?? new Set()).add(edge.from));
        }
    }
    around.set(c, { users, files });
  }

  const found = new Map(members.map((m) => [m.node.key, new Set<string>()]));
  const textual: GoneMember[] = [];
  for (const m of members) {
    const set = found.get(m.node.key)!;
    if (m.name === 'constructor') {
      // `new C()` and `class D extends C` (whose constructor calls it): the graph has them.
      for (const edge of usesOf.get(m.container) ?? [])
        if (edge.type === 'INSTANTIATES' || edge.type === 'EXTENDS') set.add(edge.from);
      continue;
    }
    textual.push(m);
  }
  // A member of that name in a type below overrode or implemented it.
  const overriders = textual.flatMap((m) =>
    [...below.get(m.container)!].map((t) => [m, `${t}.${m.name}`] as const),
  );
  const exists = await getNodesInBatches(
    store,
    overriders.map(([, key]) => key),
  );
  for (const [i, [m, key]] of overriders.entries())
    if (exists[i] !== undefined) found.get(m.node.key)!.add(key);

  const files = [...new Set(textual.flatMap((m) => [...around.get(m.container)!.files]))].sort();
  for (const file of files) {
    const here = textual.filter((m) => around.get(m.container)!.files.has(file));
    const uses = await usesIn(file);
    for (const m of here) {
      const set = found.get(m.node.key)!;
      if (uses !== undefined) {
        for (const p of uses.properties) if (p.name === m.name) for (const user of p.users) set.add(user);
        continue;
      }
      // Unread: the code of this file that uses the type stands for the member's users (the
      // file itself when only its imports show it).
      const users = around.get(m.container)!.users.get(file);
      for (const user of users ?? [file]) set.add(user);
      unread.set(file, [...(unread.get(file) ?? []), m.node.key]);
    }
  }
  for (const [key, set] of found) dependents.set(key, [...set].sort());
  return { dependents, unread };
}

/**
 * For each deleted file: the analyzed files with an import that resolves nowhere now and that
 * named it (a relative path to it, or a path mapping ending in its path), and for a file of a
 * workspace package, the files importing that package (now an external module).
 */
async function importersOfDeleted(
  store: GraphStore,
  deleted: readonly string[],
  packageOf: ReadonlyMap<string, string>,
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(deleted.map((file) => [file, []]));
  const packages = [...new Set(packageOf.values())].sort();
  const external = await getEdgesInBatches(
    store,
    packages.map((name) => `npm:${name}`),
    { types: ['IMPORTS'], direction: 'IN' },
  );
  for (const [file, name] of packageOf) {
    const edges = external[packages.indexOf(name)] ?? [];
    result.get(file)!.push(...new Set(edges.map((e) => e.from)));
  }
  // Each unresolved specifier looked up once among the deleted files (not tried on every one).
  const leadsTo = createSpecifierLeadsToFiles(deleted);
  const found = new Map<string, Set<string>>(deleted.map((file) => [file, new Set(result.get(file))]));
  for (const node of await findAllNodes(store, { kinds: ['FILE'] })) {
    for (const specifier of unresolvedImportsOf(node))
      for (const file of leadsTo(node.key, specifier)) {
        if (found.get(file)!.has(node.key)) continue;
        found.get(file)!.add(node.key);
        result.get(file)!.push(node.key);
      }
  }
  return result;
}

/**
 * The specifiers of a file's imports that resolve nowhere: the analyzer records them all
 * (`unresolvedImports`). A FILE node from a graph stored before it did has only its diagnostics,
 * at most 50: their messages are read instead.
 */
function unresolvedImportsOf(node: GraphNode): readonly string[] {
  const { unresolvedImports, diagnostics } = fileProps(node);
  if (Array.isArray(unresolvedImports)) return unresolvedImports;
  if (!Array.isArray(diagnostics)) return [];
  return diagnostics.flatMap((diagnostic) => {
    if (diagnostic.code !== 'UNRESOLVED_IMPORT') return [];
    const specifier = /^cannot resolve import '(.*)'$/s.exec(diagnostic.message)?.[1];
    return specifier === undefined ? [] : [specifier];
  });
}

/** The `name` in the nearest package.json above a root-relative file, read as it is now. */
async function packageNameOf(file: string, readPackageName: PackageNameReader): Promise<string | undefined> {
  for (let dir = posix.dirname(file); ; dir = posix.dirname(dir)) {
    const found = await readPackageName(dir === '.' ? 'package.json' : `${dir}/package.json`);
    if (found !== undefined) return found.name;
    if (dir === '.') return undefined;
  }
}
