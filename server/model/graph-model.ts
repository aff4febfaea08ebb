/**
 * The graph model as one table: every node kind and every edge type, what each means and how
 * every stage treats it, and the properties each carries. The analyzer, both stores, the
 * query functions and the schema read this table (and the client its GraphQL enums, printed
 * from it), so that adding an edge type is one row here plus the analyzer code that finds it;
 * the compiler points at anything else that must know (docs/ARCHITECTURE.md, "The graph model").
 */

/** A property value. Lists and maps are replaced whole on update (as Memgraph does). */
export type PropValue =
  | string
  | number
  | boolean
  | null
  | readonly PropValue[]
  | { readonly [key: string]: PropValue };

export type Props = Readonly<Record<string, PropValue>>;

/**
 * The properties of one kind of node or type of edge, as a type: a row's `props` holds a
 * value of this type only so that the table carries it ({@link EdgeProps}, {@link NodeProps});
 * nothing reads the value.
 */
function props<T extends Props>(): T {
  return {} as T;
}

// ── node properties ─────────────────────────────────────────────────────────────────────

/** A finding about an analyzed file, as its FILE node stores it. */
export type StoredDiagnostic = {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** `TS1005` for TypeScript's, else codenav's own (`BINARY_FILE`, `UNRESOLVED_IMPORT`, …). */
  readonly code: string;
  readonly severity: 'error' | 'warning';
};

/** The properties of a FILE node. */
export type FileProps = {
  /** The file name (`cart.ts`). */
  readonly name: string;
  /** Root-relative, posix: its key. */
  readonly path: string;
  /** `typescript`, `tsx`, `javascript` or `jsx`. */
  readonly language: string;
  readonly lines: number;
  /** A hash of the content (16 hex digits of its SHA-256). */
  readonly hash: string;
  readonly isTest: boolean;
  /** A `.d.ts` file. */
  readonly isDeclaration: boolean;
  /** How many diagnostics the file has; at most 50 are stored. */
  readonly diagnosticCount: number;
  readonly diagnostics: readonly StoredDiagnostic[];
  /** Call sites of its top-level code the type checker could not resolve (absent when none). */
  readonly unresolvedCalls?: number;
  /** Other uses of graph nodes' names in its top-level code the checker could not resolve (absent when none). */
  readonly unresolvedReferences?: number;
  /**
   * An entry point of a package of the project (its package.json's `main`, `exports`, `bin`, …,
   * mapped from build output to sources): what it exports is the package's public API. Absent
   * otherwise.
   */
  readonly entryPoint?: true;
  /**
   * The specifiers of its imports that resolve nowhere, each once, sorted (absent when none):
   * every one, where `diagnostics` stops at 50. Diff impact finds a deleted file's importers by them.
   */
  readonly unresolvedImports?: readonly string[];
};

/** Where a declaration is, 1-based, after its JSDoc. */
export type Location = {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
};

/** The properties of a symbol node (every kind but FILE and EXTERNAL_MODULE). */
export type SymbolProps = Location & {
  readonly name: string;
  /** Its name within its file, containers first (`Cart.add`). */
  readonly qualifiedName: string;
  /** Its file's path. */
  readonly path: string;
  readonly exported: boolean;
  readonly defaultExport: boolean;
  readonly async: boolean;
  readonly static: boolean;
  /** `public`, `protected` or `private` for class members; null elsewhere. */
  readonly visibility: string | null;
  /** The header as written. */
  readonly signature: string;
  /**
   * The headers of its overloads as written, in order, for a function or method declared with
   * overloads (absent otherwise): what callers see, where `signature` is the implementation's.
   */
  readonly overloads?: readonly string[];
  /** The JSDoc summary. */
  readonly docs: string | null;
  readonly linesOfCode: number;
  /** Cyclomatic complexity of functions and methods; null elsewhere. */
  readonly complexity: number | null;
  /** A hash of its own text. */
  readonly hash: string;
  /** Call sites the type checker could not resolve (absent when none). */
  readonly unresolvedCalls?: number;
  /**
   * Other uses of a graph node's name the checker could not resolve (`s.kind` while the type of
   * `s` is missing; absent when none): a file added later may resolve them.
   */
  readonly unresolvedReferences?: number;
};

/** The properties of an EXTERNAL_MODULE node. */
export type ExternalModuleProps = {
  /** The package or builtin name (`react`, `fs`). */
  readonly name: string;
  /** A Node builtin module. */
  readonly builtin: boolean;
};

// ── edge properties ─────────────────────────────────────────────────────────────────────

/** An edge without properties. */
export type NoProps = Readonly<Record<string, never>>;

/** The properties of an edge that stands for one or more places in its source's code. */
export type SiteProps = {
  /** How many places (call sites, references) in the source. */
  readonly count: number;
  /** Line of the first. */
  readonly firstLine: number;
  /** A call on a receiver of a union type, reaching each member's method (absent otherwise). */
  readonly unionReceiver?: true;
  /**
   * CALLS and INSTANTIATES: the most arguments any of its call sites passes. Absent when some
   * site's count is unknown (a spread argument, a tagged template, a decorator, JSX), on a
   * REFERENCES edge, and on edges a store holds from before it was recorded: absent means any
   * number, and whoever reads it assumes the worst.
   */
  readonly maxArguments?: number;
};

/** The properties of an IMPORTS edge: all of one file's import statements of one module, merged. */
export type ImportProps = {
  /** Exported names taken, sorted: `default`, `*` for a namespace or `export *`, else the names. */
  readonly names: readonly string[];
  readonly typeOnly: boolean;
  /** `import()` only. */
  readonly dynamic: boolean;
  /** `export … from`. */
  readonly reExport: boolean;
  readonly firstLine: number;
};

// ── the table ───────────────────────────────────────────────────────────────────────────

/** What the model says about a node kind. */
export interface NodeKindSpec {
  /** What a node of this kind is. */
  readonly description: string;
  /** A code symbol (not a file, not an external module). */
  readonly symbol: boolean;
  /** Its properties' type (the value is a placeholder, see {@link NodeProps}). */
  readonly props: Props;
}

/** A code symbol: its properties are {@link SymbolProps}. */
const SYMBOL = { symbol: true, props: props<SymbolProps>() } as const;

/** Every kind of node, in the model's order: a row each. */
export const NODE_MODEL = {
  FILE: { description: 'A source file of the analyzed project.', symbol: false, props: props<FileProps>() },
  EXTERNAL_MODULE: {
    description: 'A package or Node builtin the project imports (`npm:react`, `node:fs`).',
    symbol: false,
    props: props<ExternalModuleProps>(),
  },
  CLASS: { description: 'A class.', ...SYMBOL },
  INTERFACE: { description: 'An interface.', ...SYMBOL },
  TYPE_ALIAS: { description: 'A type alias.', ...SYMBOL },
  ENUM: { description: 'An enum.', ...SYMBOL },
  FUNCTION: { description: 'A function.', ...SYMBOL },
  METHOD: { description: 'A method of a class or an interface.', ...SYMBOL },
  PROPERTY: { description: 'A property of a class or an interface, or an enum member.', ...SYMBOL },
  VARIABLE: { description: 'A variable.', ...SYMBOL },
  NAMESPACE: { description: 'A namespace.', ...SYMBOL },
} as const satisfies Record<string, NodeKindSpec>;

/** Every kind of node in the code graph. */
export type NodeKind = keyof typeof NODE_MODEL;
/** The properties a node of kind `K` carries. */
export type NodeProps<K extends NodeKind> = (typeof NODE_MODEL)[K]['props'];

/** What the model says about an edge type. */
export interface EdgeTypeSpec {
  /** What an edge of this type means, from → to. */
  readonly description: string;
  /**
   * A use: the source depends on the target's symbol. Another file's use keeps an export from
   * being unused; analysis re-resolves a symbol's users when it changes. (IMPORTS count for
   * unused exports by name, not as a use.)
   */
  readonly use: boolean;
  /** A dependency: what `impact` follows backwards (the uses, and IMPORTS). */
  readonly dependency: boolean;
  /** A call (`callers`, `callees`, call sites). */
  readonly call: boolean;
  /** It stands for places in its source's code: its props are {@link SiteProps} (count, first line). */
  readonly sites: boolean;
  /**
   * Who owns it. `symbol`: found by resolving its source symbol's code, and kept as it was while
   * that code is unchanged. `file`: found again with its file every time.
   */
  readonly owner: 'file' | 'symbol';
  /** Its properties' type (the value is a placeholder, see {@link EdgeProps}). */
  readonly props: Props;
}

/** A call found in its owner's code: a use and a dependency, standing for call sites. */
const CALL = {
  use: true,
  dependency: true,
  call: true,
  sites: true,
  owner: 'symbol',
  props: props<SiteProps>(),
} as const;

/** A base type named in a declaration's header, or a member of it: a use and a dependency, found with its file. */
const HERITAGE = {
  use: true,
  dependency: true,
  call: false,
  sites: false,
  owner: 'file',
  props: props<NoProps>(),
} as const;

/** Every type of edge, in the model's order: a row each. */
export const EDGE_MODEL = {
  CONTAINS: {
    description: 'A file, or a class, interface, enum or namespace, declares a symbol.',
    use: false,
    dependency: false,
    call: false,
    sites: false,
    owner: 'file',
    props: props<NoProps>(),
  },
  IMPORTS: {
    description: 'A file imports a file or an external module (its import statements of it merged).',
    use: false,
    dependency: true,
    call: false,
    sites: false,
    owner: 'file',
    props: props<ImportProps>(),
  },
  CALLS: { description: 'A symbol (or a file, for top-level code) calls a function or method.', ...CALL },
  INSTANTIATES: { description: 'A symbol (or a file) constructs a class with `new`.', ...CALL },
  EXTENDS: { description: 'A class or interface extends another.', ...HERITAGE },
  IMPLEMENTS: {
    description: 'A class implements an interface, or a method an interface member.',
    ...HERITAGE,
  },
  REFERENCES: {
    description: 'A symbol (or a file) uses the type or value of a symbol without calling it.',
    use: true,
    dependency: true,
    call: false,
    sites: true,
    owner: 'symbol',
    props: props<SiteProps>(),
  },
  OVERRIDES: {
    description:
      'A method overrides the member of the same name in its nearest base class or interface (any number of levels up).',
    ...HERITAGE,
  },
} as const satisfies Record<string, EdgeTypeSpec>;

/** Every type of edge in the code graph. */
export type EdgeType = keyof typeof EDGE_MODEL;
/** The properties an edge of type `T` carries. */
export type EdgeProps<T extends EdgeType> = (typeof EDGE_MODEL)[T]['props'];

/** Every node kind, in the model's order. */
export const NODE_KINDS = Object.keys(NODE_MODEL) as readonly NodeKind[];
/** Every edge type, in the model's order. */
export const EDGE_TYPES = Object.keys(EDGE_MODEL) as readonly EdgeType[];

/** Kinds of code symbols (every node kind but files and external modules). */
export type SymbolKind = {
  [K in NodeKind]: (typeof NODE_MODEL)[K]['symbol'] extends true ? K : never;
}[NodeKind];
export const SYMBOL_KINDS = NODE_KINDS.filter((k): k is SymbolKind => NODE_MODEL[k].symbol);

/** The edge types whose row has `flag` set, in the model's order. */
export function edgeTypesWhere(flag: 'use' | 'dependency' | 'call' | 'sites'): readonly EdgeType[] {
  return EDGE_TYPES.filter((type) => EDGE_MODEL[type][flag]);
}

/** Edges by which the source uses the target (see {@link EdgeTypeSpec.use}). */
export const USE_EDGES = edgeTypesWhere('use');
/** Edges by which a node depends on another: what impact follows backwards. */
export const DEPENDENCY_EDGES = edgeTypesWhere('dependency');
/** Edges that make a call: a call, or a `new`. */
export const CALL_EDGES = edgeTypesWhere('call');
/** Edges found by resolving a symbol's code, kept while that code is unchanged. */
export const SYMBOL_OWNED_EDGES = EDGE_TYPES.filter((type) => EDGE_MODEL[type].owner === 'symbol');

/** True for the kinds of code symbols. */
export function isSymbolKind(kind: NodeKind): kind is SymbolKind {
  return NODE_MODEL[kind].symbol;
}

/**
 * A symbol's properties, typed: the stored record as analysis wrote it. Partial, for a store
 * written by an older version may lack a property.
 */
export function symbolProps(node: { readonly props: Props }): Partial<SymbolProps> {
  return node.props as Partial<SymbolProps>;
}

/** A FILE node's properties, typed (see {@link symbolProps}). */
export function fileProps(node: { readonly props: Props }): Partial<FileProps> {
  return node.props as Partial<FileProps>;
}

/** A node's `name`, which every kind carries; `undefined` when a stored node lacks it. */
export function nodeName(node: { readonly props: Props }): string | undefined {
  const { name } = node.props;
  return typeof name === 'string' ? name : undefined;
}

/** An EXTERNAL_MODULE node's properties, typed (see {@link symbolProps}). */
export function externalModuleProps(node: { readonly props: Props }): Partial<ExternalModuleProps> {
  return node.props as Partial<ExternalModuleProps>;
}

/** An edge's properties, typed as those of edges of `type` (see {@link symbolProps}). */
export function edgeProps<T extends EdgeType>(
  edge: { readonly props: Props },
  _type: T,
): Partial<EdgeProps<T>> {
  return edge.props as Partial<EdgeProps<T>>;
}

/**
 * The names by which another file imports a symbol (`import { x }`, `export { x } from`): its
 * `name`, and `default` too for a default export. None for a symbol that is not exported or not
 * top-level (a member, a namespace's export: its `qualifiedName` is not its `name`), or for a
 * file or an external module.
 */
export function importNamesOf(node: { readonly kind: NodeKind; readonly props: Props }): readonly string[] {
  if (!isSymbolKind(node.kind)) return [];
  const { exported, defaultExport, name, qualifiedName } = symbolProps(node);
  if (exported !== true || typeof name !== 'string' || qualifiedName !== name) return [];
  return defaultExport === true ? [name, 'default'] : [name];
}

/**
 * An IMPORTS edge takes a symbol known by `names` ({@link importNamesOf}) by name: it names one of
 * them, or re-exports its whole file (`export * from`: `*` with `reExport`). A namespace import
 * (`*` alone) names nothing.
 */
export function importsByName(edge: { readonly props: Props }, names: readonly string[]): boolean {
  if (names.length === 0) return false;
  const { names: taken, reExport } = edgeProps(edge, 'IMPORTS');
  if (!Array.isArray(taken)) return false;
  return taken.some((name) => names.includes(name)) || (reExport === true && taken.includes('*'));
}
