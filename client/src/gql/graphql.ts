/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export const AnalysisState = {
  /** The analysis failed; `message` says why. */
  Failed: 'FAILED',
  /** Not started yet. */
  Pending: 'PENDING',
  /** Done: the graph is complete and follows edits. */
  Ready: 'READY',
  /** Analyzing: queries see the graph so far. */
  Running: 'RUNNING'
} as const;

export type AnalysisState = typeof AnalysisState[keyof typeof AnalysisState];
/** What happened to a node or an edge in a revision. EDGE_ADDED also carries an edge whose properties changed. */
export const ChangeOp = {
  EdgeAdded: 'EDGE_ADDED',
  EdgeRemoved: 'EDGE_REMOVED',
  NodeAdded: 'NODE_ADDED',
  NodeRemoved: 'NODE_REMOVED',
  NodeUpdated: 'NODE_UPDATED'
} as const;

export type ChangeOp = typeof ChangeOp[keyof typeof ChangeOp];
/** The type of an edge of the code graph. */
export const EdgeType = {
  /** A symbol (or a file, for top-level code) calls a function or method. */
  Calls: 'CALLS',
  /** A file, or a class, interface, enum or namespace, declares a symbol. */
  Contains: 'CONTAINS',
  /** A class or interface extends another. */
  Extends: 'EXTENDS',
  /** A class implements an interface, or a method an interface member. */
  Implements: 'IMPLEMENTS',
  /** A file imports a file or an external module (its import statements of it merged). */
  Imports: 'IMPORTS',
  /** A symbol (or a file) constructs a class with `new`. */
  Instantiates: 'INSTANTIATES',
  /** A method overrides the member of the same name in its nearest base class or interface (any number of levels up). */
  Overrides: 'OVERRIDES',
  /** A symbol (or a file) uses the type or value of a symbol without calling it. */
  References: 'REFERENCES'
} as const;

export type EdgeType = typeof EdgeType[keyof typeof EdgeType];
/** A node kind or an edge type: what a change is about. */
export const GraphElementKind = {
  Calls: 'CALLS',
  Class: 'CLASS',
  Contains: 'CONTAINS',
  Enum: 'ENUM',
  Extends: 'EXTENDS',
  ExternalModule: 'EXTERNAL_MODULE',
  File: 'FILE',
  Function: 'FUNCTION',
  Implements: 'IMPLEMENTS',
  Imports: 'IMPORTS',
  Instantiates: 'INSTANTIATES',
  Interface: 'INTERFACE',
  Method: 'METHOD',
  Namespace: 'NAMESPACE',
  Overrides: 'OVERRIDES',
  Property: 'PROPERTY',
  References: 'REFERENCES',
  TypeAlias: 'TYPE_ALIAS',
  Variable: 'VARIABLE'
} as const;

export type GraphElementKind = typeof GraphElementKind[keyof typeof GraphElementKind];
/** The kind of a node of the code graph. */
export const NodeKind = {
  /** A class. */
  Class: 'CLASS',
  /** An enum. */
  Enum: 'ENUM',
  /** A package or Node builtin the project imports (`npm:react`, `node:fs`). */
  ExternalModule: 'EXTERNAL_MODULE',
  /** A source file of the analyzed project. */
  File: 'FILE',
  /** A function. */
  Function: 'FUNCTION',
  /** An interface. */
  Interface: 'INTERFACE',
  /** A method of a class or an interface. */
  Method: 'METHOD',
  /** A namespace. */
  Namespace: 'NAMESPACE',
  /** A property of a class or an interface, or an enum member. */
  Property: 'PROPERTY',
  /** A type alias. */
  TypeAlias: 'TYPE_ALIAS',
  /** A variable. */
  Variable: 'VARIABLE'
} as const;

export type NodeKind = typeof NodeKind[keyof typeof NodeKind];
/** What a change means for code that uses it. */
export const SemanticChangeKind = {
  /** The body changed, not the signature: reported by `diffImpact` only. */
  BodyChanged: 'BODY_CHANGED',
  /** Calls that resolved to `key` are still written but resolve to nothing now; `affected`: the callers. */
  CallsBroken: 'CALLS_BROKEN',
  /** CALLS_BROKEN's counterpart, never breaking: calls that resolved to nothing resolve to `key` again (an import put right, a syntax error fixed); `affected`: the callers. */
  CallsRestored: 'CALLS_RESTORED',
  /** An import cycle appeared (or grew); `affected`: its files. */
  CycleIntroduced: 'CYCLE_INTRODUCED',
  /** An import cycle dissolved (or shrank); `affected`: its files. */
  CycleResolved: 'CYCLE_RESOLVED',
  /** A symbol is now exported. */
  ExportAdded: 'EXPORT_ADDED',
  /** A symbol is no longer exported. */
  ExportRemoved: 'EXPORT_REMOVED',
  /** The header changed (not only its formatting). `before`/`after`: the signatures. */
  SignatureChanged: 'SIGNATURE_CHANGED',
  /** A symbol appeared. */
  SymbolAdded: 'SYMBOL_ADDED',
  /** Same kind and name, same text: another file. `before`/`after`: the paths. */
  SymbolMoved: 'SYMBOL_MOVED',
  /** A symbol disappeared (not renamed, not moved). */
  SymbolRemoved: 'SYMBOL_REMOVED',
  /** Same kind, file and place (or signature): a new name. `before`/`after`: the names. */
  SymbolRenamed: 'SYMBOL_RENAMED'
} as const;

export type SemanticChangeKind = typeof SemanticChangeKind[keyof typeof SemanticChangeKind];
/** The kind of a code symbol (every node kind but FILE and EXTERNAL_MODULE). */
export const SymbolKind = {
  /** A class. */
  Class: 'CLASS',
  /** An enum. */
  Enum: 'ENUM',
  /** A function. */
  Function: 'FUNCTION',
  /** An interface. */
  Interface: 'INTERFACE',
  /** A method of a class or an interface. */
  Method: 'METHOD',
  /** A namespace. */
  Namespace: 'NAMESPACE',
  /** A property of a class or an interface, or an enum member. */
  Property: 'PROPERTY',
  /** A type alias. */
  TypeAlias: 'TYPE_ALIAS',
  /** A variable. */
  Variable: 'VARIABLE'
} as const;

export type SymbolKind = typeof SymbolKind[keyof typeof SymbolKind];
export type ImpactQueryVariables = Exact<{
  key: string;
  depth: number;
}>;


export type ImpactQuery = { impactWalk: { totalCount: number, truncated: boolean, nodes: Array<{ depth: number, node:
        | { qualifiedName: string, key: string, kind: NodeKind, name: string, file: { path: string, isTest: boolean } }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string, file: { path: string, isTest: boolean } }
        | { key: string, kind: NodeKind, name: string }
        | { path: string, isTest: boolean, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string, file: { path: string, isTest: boolean } }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string, file: { path: string, isTest: boolean } }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string, file: { path: string, isTest: boolean } }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string, file: { path: string, isTest: boolean } }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string, file: { path: string, isTest: boolean } }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string, file: { path: string, isTest: boolean } }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string, file: { path: string, isTest: boolean } }
       }> } };

export type RecentSemanticChangesQueryVariables = Exact<{
  since: number;
  pathPrefix?: string | null | undefined;
}>;


export type RecentSemanticChangesQuery = { semanticChanges: Array<{ revision: number | null, kind: SemanticChangeKind, key: string, previousKey: string | null, before: string | null, after: string | null, breaking: boolean, affected: Array<string>, message: string }> };

type SymbolRowFields_ClassSymbol_Fragment = { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } };

type SymbolRowFields_EnumSymbol_Fragment = { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } };

type SymbolRowFields_FunctionSymbol_Fragment = { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } };

type SymbolRowFields_InterfaceSymbol_Fragment = { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } };

type SymbolRowFields_MethodSymbol_Fragment = { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } };

type SymbolRowFields_NamespaceSymbol_Fragment = { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } };

type SymbolRowFields_PropertySymbol_Fragment = { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } };

type SymbolRowFields_TypeAliasSymbol_Fragment = { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } };

type SymbolRowFields_VariableSymbol_Fragment = { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } };

export type SymbolRowFieldsFragment =
  | SymbolRowFields_ClassSymbol_Fragment
  | SymbolRowFields_EnumSymbol_Fragment
  | SymbolRowFields_FunctionSymbol_Fragment
  | SymbolRowFields_InterfaceSymbol_Fragment
  | SymbolRowFields_MethodSymbol_Fragment
  | SymbolRowFields_NamespaceSymbol_Fragment
  | SymbolRowFields_PropertySymbol_Fragment
  | SymbolRowFields_TypeAliasSymbol_Fragment
  | SymbolRowFields_VariableSymbol_Fragment
;

export type SymbolPageFieldsFragment = { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node:
      | { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
      | { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
      | { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
      | { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
      | { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
      | { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
      | { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
      | { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
      | { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
     }> };

export type StreamRevisionQueryVariables = Exact<{ [key: string]: never; }>;


export type StreamRevisionQuery = { stats: { revision: number } };

export type SemanticChangeFieldsFragment = { kind: SemanticChangeKind, key: string, previousKey: string | null, before: string | null, after: string | null, breaking: boolean, affected: Array<string>, message: string };

export type GraphChangedSubscriptionVariables = Exact<{
  since?: number | null | undefined;
}>;


export type GraphChangedSubscription = { graphChanged: { revision: number, files: Array<string>, timestamp: number, changes: Array<{ op: ChangeOp, key: string, kind: GraphElementKind, from: string | null, to: string | null, properties: unknown }>, semantic: Array<{ kind: SemanticChangeKind, key: string, previousKey: string | null, before: string | null, after: string | null, breaking: boolean, affected: Array<string>, message: string }> } };

export type AnalysisFieldsFragment = { state: AnalysisState, phase: string, filesDone: number, filesTotal: number, durationMs: number, message: string | null };

export type AnalysisProgressSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type AnalysisProgressSubscription = { analysisProgress: { state: AnalysisState, phase: string, filesDone: number, filesTotal: number, durationMs: number, message: string | null } };

export type FolderGraphQueryVariables = Exact<{
  pathPrefix?: string | null | undefined;
  depth?: number | null | undefined;
  expanded?: Array<string> | string | null | undefined;
  limit?: number | null | undefined;
}>;


export type FolderGraphQuery = { folderGraph: { truncated: boolean, nodes: Array<{ path: string, folder: boolean, files: number }>, edges: Array<{ from: string, to: string, imports: number }> } };

export type GraphSliceFieldsFragment = { truncated: boolean, nodes: Array<
    | { key: string, kind: NodeKind }
    | { key: string, kind: NodeKind }
    | { key: string, kind: NodeKind }
    | { key: string, kind: NodeKind }
    | { key: string, kind: NodeKind }
    | { key: string, kind: NodeKind }
    | { key: string, kind: NodeKind }
    | { key: string, kind: NodeKind }
    | { key: string, kind: NodeKind }
    | { key: string, kind: NodeKind }
    | { key: string, kind: NodeKind }
  >, edges: Array<{ key: string }> };

export type ImportGraphSliceQueryVariables = Exact<{
  pathPrefix?: string | null | undefined;
  limit?: number | null | undefined;
}>;


export type ImportGraphSliceQuery = { importGraph: { truncated: boolean, nodes: Array<
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
    >, edges: Array<{ key: string }> } };

export type PictureFocusQueryVariables = Exact<{
  key: string;
}>;


export type PictureFocusQuery = { codeNode:
    | { key: string }
    | { key: string }
    | { key: string }
    | { key: string }
    | { key: string }
    | { key: string }
    | { key: string }
    | { key: string }
    | { key: string }
    | { key: string }
    | { key: string }
   | null };

export type ImpactGraphSliceQueryVariables = Exact<{
  keys: Array<string> | string;
  depth?: number | null | undefined;
  limit?: number | null | undefined;
}>;


export type ImpactGraphSliceQuery = { impactGraph: { edgeTypes: Array<EdgeType>, truncated: boolean, nodes: Array<
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
    >, edges: Array<{ key: string }> } };

export type NeighbourhoodSliceQueryVariables = Exact<{
  key: string;
  depth?: number | null | undefined;
  limit?: number | null | undefined;
  types?: Array<EdgeType> | EdgeType | null | undefined;
}>;


export type NeighbourhoodSliceQuery = { neighbourhood: { truncated: boolean, nodes: Array<
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
      | { key: string, kind: NodeKind }
    >, edges: Array<{ key: string }> } };

export type ImportCyclesQueryVariables = Exact<{
  typeOnly?: boolean | null | undefined;
}>;


export type ImportCyclesQuery = { importCycles: Array<{ files: Array<{ key: string, path: string }> }> };

export type DashboardQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardQuery = { stats: { files: number, symbols: number, edges: number, revision: number, nodesByKind: Array<{ kind: string, count: number }>, edgesByType: Array<{ kind: string, count: number }> }, analysis: { state: AnalysisState, phase: string, filesDone: number, filesTotal: number, durationMs: number, message: string | null } };

export type SearchSymbolsQueryVariables = Exact<{
  query?: string | null | undefined;
  kinds?: Array<SymbolKind> | SymbolKind | null | undefined;
  exported?: boolean | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type SearchSymbolsQuery = { symbols: { totalCount: number, edges: Array<{ node:
        | { exported: boolean, key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
        | { exported: boolean, key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
        | { exported: boolean, key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
        | { exported: boolean, key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
        | { exported: boolean, key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
        | { exported: boolean, key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
        | { exported: boolean, key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
        | { exported: boolean, key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
        | { exported: boolean, key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
       }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type FilePageQueryVariables = Exact<{
  path: string;
}>;


export type FilePageQuery = { codeNode:
    | { __typename: 'ClassSymbol' }
    | { __typename: 'EnumSymbol' }
    | { __typename: 'ExternalModule' }
    | { __typename: 'File', key: string, path: string, language: string, lines: number, isTest: boolean, isDeclaration: boolean, entryPoint: boolean, diagnosticCount: number, unresolvedCalls: number, symbols: Array<
        | { key: string, kind: NodeKind, name: string, signature: string, exported: boolean, range: { startLine: number }, members: Array<
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
          > }
        | { key: string, kind: NodeKind, name: string, signature: string, exported: boolean, range: { startLine: number }, members: Array<
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
          > }
        | { key: string, kind: NodeKind, name: string, signature: string, exported: boolean, range: { startLine: number }, members: Array<
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
          > }
        | { key: string, kind: NodeKind, name: string, signature: string, exported: boolean, range: { startLine: number }, members: Array<
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
          > }
        | { key: string, kind: NodeKind, name: string, signature: string, exported: boolean, range: { startLine: number }, members: Array<
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
          > }
        | { key: string, kind: NodeKind, name: string, signature: string, exported: boolean, range: { startLine: number }, members: Array<
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
          > }
        | { key: string, kind: NodeKind, name: string, signature: string, exported: boolean, range: { startLine: number }, members: Array<
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
          > }
        | { key: string, kind: NodeKind, name: string, signature: string, exported: boolean, range: { startLine: number }, members: Array<
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
          > }
        | { key: string, kind: NodeKind, name: string, signature: string, exported: boolean, range: { startLine: number }, members: Array<
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
            | { key: string, kind: NodeKind, name: string }
          > }
      >, imports: Array<{ names: Array<string>, typeOnly: boolean, dynamic: boolean, reExport: boolean, firstLine: number, to:
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
         }>, importedBy: Array<{ names: Array<string>, typeOnly: boolean, dynamic: boolean, reExport: boolean, firstLine: number, from: { key: string, path: string } }>, externalDependencies: Array<{ key: string, name: string, builtin: boolean }>, diagnostics: Array<{ code: string, message: string, severity: string, line: number, column: number }> }
    | { __typename: 'FunctionSymbol' }
    | { __typename: 'InterfaceSymbol' }
    | { __typename: 'MethodSymbol' }
    | { __typename: 'NamespaceSymbol' }
    | { __typename: 'PropertySymbol' }
    | { __typename: 'TypeAliasSymbol' }
    | { __typename: 'VariableSymbol' }
   | null };

export type PickFocusQueryVariables = Exact<{
  query: string;
  first: number;
}>;


export type PickFocusQuery = { symbols: { edges: Array<{ node:
        | { key: string, kind: NodeKind, qualifiedName: string, file: { path: string } }
        | { key: string, kind: NodeKind, qualifiedName: string, file: { path: string } }
        | { key: string, kind: NodeKind, qualifiedName: string, file: { path: string } }
        | { key: string, kind: NodeKind, qualifiedName: string, file: { path: string } }
        | { key: string, kind: NodeKind, qualifiedName: string, file: { path: string } }
        | { key: string, kind: NodeKind, qualifiedName: string, file: { path: string } }
        | { key: string, kind: NodeKind, qualifiedName: string, file: { path: string } }
        | { key: string, kind: NodeKind, qualifiedName: string, file: { path: string } }
        | { key: string, kind: NodeKind, qualifiedName: string, file: { path: string } }
       }> }, files: { edges: Array<{ node: { key: string, path: string } }> } };

export type NodePageQueryVariables = Exact<{
  key: string;
}>;


export type NodePageQuery = { codeNode:
    | { __typename: 'ClassSymbol', qualifiedName: string, signature: string, overloads: Array<string>, docs: string | null, exported: boolean, defaultExport: boolean, async: boolean, static: boolean, visibility: string | null, linesOfCode: number, complexity: number | null, unresolvedCalls: number, key: string, kind: NodeKind, name: string, range: { startLine: number, startColumn: number, endLine: number, endColumn: number }, file: { path: string }, parent:
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
       | null, incomingCalls: Array<{ count: number, firstLine: number, instantiation: boolean, caller:
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
         }>, references: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, referencedBy: Array<
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
      >, extends: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, implements: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, subtypes: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, implementations: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, members: Array<
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
      > }
    | { __typename: 'EnumSymbol', qualifiedName: string, signature: string, overloads: Array<string>, docs: string | null, exported: boolean, defaultExport: boolean, async: boolean, static: boolean, visibility: string | null, linesOfCode: number, complexity: number | null, unresolvedCalls: number, key: string, kind: NodeKind, name: string, range: { startLine: number, startColumn: number, endLine: number, endColumn: number }, file: { path: string }, parent:
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
       | null, incomingCalls: Array<{ count: number, firstLine: number, instantiation: boolean, caller:
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
         }>, references: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, referencedBy: Array<
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
      >, extends: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, implements: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, subtypes: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, implementations: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, members: Array<
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
      > }
    | { __typename: 'ExternalModule', builtin: boolean, key: string, kind: NodeKind, name: string, importedBy: Array<{ names: Array<string>, typeOnly: boolean, firstLine: number, from: { path: string } }> }
    | { __typename: 'File', key: string, kind: NodeKind, name: string }
    | { __typename: 'FunctionSymbol', qualifiedName: string, signature: string, overloads: Array<string>, docs: string | null, exported: boolean, defaultExport: boolean, async: boolean, static: boolean, visibility: string | null, linesOfCode: number, complexity: number | null, unresolvedCalls: number, key: string, kind: NodeKind, name: string, range: { startLine: number, startColumn: number, endLine: number, endColumn: number }, file: { path: string }, parent:
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
       | null, incomingCalls: Array<{ count: number, firstLine: number, instantiation: boolean, caller:
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
         }>, references: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, referencedBy: Array<
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
      >, extends: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, implements: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, subtypes: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, implementations: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, members: Array<
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
      > }
    | { __typename: 'InterfaceSymbol', qualifiedName: string, signature: string, overloads: Array<string>, docs: string | null, exported: boolean, defaultExport: boolean, async: boolean, static: boolean, visibility: string | null, linesOfCode: number, complexity: number | null, unresolvedCalls: number, key: string, kind: NodeKind, name: string, range: { startLine: number, startColumn: number, endLine: number, endColumn: number }, file: { path: string }, parent:
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
       | null, incomingCalls: Array<{ count: number, firstLine: number, instantiation: boolean, caller:
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
         }>, references: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, referencedBy: Array<
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
      >, extends: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, implements: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, subtypes: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, implementations: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, members: Array<
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
      > }
    | { __typename: 'MethodSymbol', qualifiedName: string, signature: string, overloads: Array<string>, docs: string | null, exported: boolean, defaultExport: boolean, async: boolean, static: boolean, visibility: string | null, linesOfCode: number, complexity: number | null, unresolvedCalls: number, key: string, kind: NodeKind, name: string, range: { startLine: number, startColumn: number, endLine: number, endColumn: number }, file: { path: string }, parent:
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
       | null, incomingCalls: Array<{ count: number, firstLine: number, instantiation: boolean, caller:
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
         }>, references: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, referencedBy: Array<
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
      >, extends: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, implements: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, subtypes: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, implementations: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, members: Array<
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
      > }
    | { __typename: 'NamespaceSymbol', qualifiedName: string, signature: string, overloads: Array<string>, docs: string | null, exported: boolean, defaultExport: boolean, async: boolean, static: boolean, visibility: string | null, linesOfCode: number, complexity: number | null, unresolvedCalls: number, key: string, kind: NodeKind, name: string, range: { startLine: number, startColumn: number, endLine: number, endColumn: number }, file: { path: string }, parent:
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
       | null, incomingCalls: Array<{ count: number, firstLine: number, instantiation: boolean, caller:
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
         }>, references: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, referencedBy: Array<
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
      >, extends: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, implements: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, subtypes: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, implementations: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, members: Array<
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
      > }
    | { __typename: 'PropertySymbol', qualifiedName: string, signature: string, overloads: Array<string>, docs: string | null, exported: boolean, defaultExport: boolean, async: boolean, static: boolean, visibility: string | null, linesOfCode: number, complexity: number | null, unresolvedCalls: number, key: string, kind: NodeKind, name: string, range: { startLine: number, startColumn: number, endLine: number, endColumn: number }, file: { path: string }, parent:
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
       | null, incomingCalls: Array<{ count: number, firstLine: number, instantiation: boolean, caller:
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
         }>, references: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, referencedBy: Array<
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
      >, extends: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, implements: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, subtypes: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, implementations: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, members: Array<
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
      > }
    | { __typename: 'TypeAliasSymbol', qualifiedName: string, signature: string, overloads: Array<string>, docs: string | null, exported: boolean, defaultExport: boolean, async: boolean, static: boolean, visibility: string | null, linesOfCode: number, complexity: number | null, unresolvedCalls: number, key: string, kind: NodeKind, name: string, range: { startLine: number, startColumn: number, endLine: number, endColumn: number }, file: { path: string }, parent:
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
       | null, incomingCalls: Array<{ count: number, firstLine: number, instantiation: boolean, caller:
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
         }>, references: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, referencedBy: Array<
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
      >, extends: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, implements: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, subtypes: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, implementations: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, members: Array<
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
      > }
    | { __typename: 'VariableSymbol', qualifiedName: string, signature: string, overloads: Array<string>, docs: string | null, exported: boolean, defaultExport: boolean, async: boolean, static: boolean, visibility: string | null, linesOfCode: number, complexity: number | null, unresolvedCalls: number, key: string, kind: NodeKind, name: string, range: { startLine: number, startColumn: number, endLine: number, endColumn: number }, file: { path: string }, parent:
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
       | null, incomingCalls: Array<{ count: number, firstLine: number, instantiation: boolean, caller:
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
          | { key: string, kind: NodeKind, name: string }
         }>, references: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, referencedBy: Array<
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
        | { qualifiedName: string, key: string, kind: NodeKind, name: string }
      >, extends: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, implements: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, subtypes: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, implementations: Array<
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
        | { key: string, kind: NodeKind, qualifiedName: string }
      >, members: Array<
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
        | { key: string, kind: NodeKind, name: string, signature: string }
      > }
   | null };

export type SymbolSourceQueryVariables = Exact<{
  key: string;
}>;


export type SymbolSourceQuery = { codeNode:
    | { key: string, source: { text: string, startLine: number, endLine: number, truncated: boolean, language: string, matchesGraph: boolean } | null }
    | { key: string, source: { text: string, startLine: number, endLine: number, truncated: boolean, language: string, matchesGraph: boolean } | null }
    | { key: string }
    | { key: string }
    | { key: string, source: { text: string, startLine: number, endLine: number, truncated: boolean, language: string, matchesGraph: boolean } | null }
    | { key: string, source: { text: string, startLine: number, endLine: number, truncated: boolean, language: string, matchesGraph: boolean } | null }
    | { key: string, source: { text: string, startLine: number, endLine: number, truncated: boolean, language: string, matchesGraph: boolean } | null }
    | { key: string, source: { text: string, startLine: number, endLine: number, truncated: boolean, language: string, matchesGraph: boolean } | null }
    | { key: string, source: { text: string, startLine: number, endLine: number, truncated: boolean, language: string, matchesGraph: boolean } | null }
    | { key: string, source: { text: string, startLine: number, endLine: number, truncated: boolean, language: string, matchesGraph: boolean } | null }
    | { key: string, source: { text: string, startLine: number, endLine: number, truncated: boolean, language: string, matchesGraph: boolean } | null }
   | null };

export type CallsQueryVariables = Exact<{
  key: string;
  depth: number;
}>;


export type CallsQuery = { codeNode:
    | { key: string, callerWalk: { totalCount: number, truncated: boolean, nodes: Array<
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
        > }, calleeWalk: { totalCount: number, truncated: boolean, nodes: Array<
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
        > }, callerFiles: Array<{ path: string }> }
    | { key: string, callerWalk: { totalCount: number, truncated: boolean, nodes: Array<
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
        > }, calleeWalk: { totalCount: number, truncated: boolean, nodes: Array<
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
        > }, callerFiles: Array<{ path: string }> }
    | { key: string }
    | { key: string }
    | { key: string, callerWalk: { totalCount: number, truncated: boolean, nodes: Array<
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
        > }, calleeWalk: { totalCount: number, truncated: boolean, nodes: Array<
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
        > }, callerFiles: Array<{ path: string }> }
    | { key: string, callerWalk: { totalCount: number, truncated: boolean, nodes: Array<
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
        > }, calleeWalk: { totalCount: number, truncated: boolean, nodes: Array<
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
        > }, callerFiles: Array<{ path: string }> }
    | { key: string, callerWalk: { totalCount: number, truncated: boolean, nodes: Array<
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
        > }, calleeWalk: { totalCount: number, truncated: boolean, nodes: Array<
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
        > }, callerFiles: Array<{ path: string }> }
    | { key: string, callerWalk: { totalCount: number, truncated: boolean, nodes: Array<
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
        > }, calleeWalk: { totalCount: number, truncated: boolean, nodes: Array<
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
        > }, callerFiles: Array<{ path: string }> }
    | { key: string, callerWalk: { totalCount: number, truncated: boolean, nodes: Array<
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
        > }, calleeWalk: { totalCount: number, truncated: boolean, nodes: Array<
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
        > }, callerFiles: Array<{ path: string }> }
    | { key: string, callerWalk: { totalCount: number, truncated: boolean, nodes: Array<
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
        > }, calleeWalk: { totalCount: number, truncated: boolean, nodes: Array<
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
        > }, callerFiles: Array<{ path: string }> }
    | { key: string, callerWalk: { totalCount: number, truncated: boolean, nodes: Array<
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
        > }, calleeWalk: { totalCount: number, truncated: boolean, nodes: Array<
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
          | { key: string, kind: NodeKind, qualifiedName: string }
        > }, callerFiles: Array<{ path: string }> }
   | null };

export type CallSitesQueryVariables = Exact<{
  key: string;
}>;


export type CallSitesQuery = { codeNode:
    | { key: string, incomingCalls: Array<{ caller:
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
        , source: { text: string, startLine: number, language: string } | null }> }
    | { key: string, incomingCalls: Array<{ caller:
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
        , source: { text: string, startLine: number, language: string } | null }> }
    | { key: string }
    | { key: string }
    | { key: string, incomingCalls: Array<{ caller:
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
        , source: { text: string, startLine: number, language: string } | null }> }
    | { key: string, incomingCalls: Array<{ caller:
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
        , source: { text: string, startLine: number, language: string } | null }> }
    | { key: string, incomingCalls: Array<{ caller:
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
        , source: { text: string, startLine: number, language: string } | null }> }
    | { key: string, incomingCalls: Array<{ caller:
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
        , source: { text: string, startLine: number, language: string } | null }> }
    | { key: string, incomingCalls: Array<{ caller:
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
        , source: { text: string, startLine: number, language: string } | null }> }
    | { key: string, incomingCalls: Array<{ caller:
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
        , source: { text: string, startLine: number, language: string } | null }> }
    | { key: string, incomingCalls: Array<{ caller:
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
          | { key: string }
        , source: { text: string, startLine: number, language: string } | null }> }
   | null };

export type UnusedExportsQueryVariables = Exact<{
  pathPrefix?: string | null | undefined;
  publicApi?: boolean | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type UnusedExportsQuery = { unusedExports: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node:
        | { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
        | { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
        | { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
        | { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
        | { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
        | { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
        | { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
        | { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
        | { key: string, kind: NodeKind, qualifiedName: string, signature: string, file: { path: string }, range: { startLine: number } }
       }> } };

export const SymbolRowFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SymbolRowFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CodeSymbol"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"qualifiedName"}},{"kind":"Field","name":{"kind":"Name","value":"signature"}},{"kind":"Field","name":{"kind":"Name","value":"file"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}}]}},{"kind":"Field","name":{"kind":"Name","value":"range"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startLine"}}]}}]}}]} as unknown as DocumentNode<SymbolRowFieldsFragment, unknown>;
export const SymbolPageFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SymbolPageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CodeSymbolConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SymbolRowFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SymbolRowFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CodeSymbol"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"qualifiedName"}},{"kind":"Field","name":{"kind":"Name","value":"signature"}},{"kind":"Field","name":{"kind":"Name","value":"file"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}}]}},{"kind":"Field","name":{"kind":"Name","value":"range"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startLine"}}]}}]}}]} as unknown as DocumentNode<SymbolPageFieldsFragment, unknown>;
export const SemanticChangeFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SemanticChangeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SemanticChange"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"previousKey"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}},{"kind":"Field","name":{"kind":"Name","value":"breaking"}},{"kind":"Field","name":{"kind":"Name","value":"affected"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<SemanticChangeFieldsFragment, unknown>;
export const AnalysisFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnalysisFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Analysis"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"filesDone"}},{"kind":"Field","name":{"kind":"Name","value":"filesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<AnalysisFieldsFragment, unknown>;
export const GraphSliceFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GraphSliceFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GraphSlice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}}]}}]} as unknown as DocumentNode<GraphSliceFieldsFragment, unknown>;
export const ImpactDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Impact"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"depth"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"impactWalk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"keys"},"value":{"kind":"ListValue","values":[{"kind":"Variable","name":{"kind":"Name","value":"key"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"depth"},"value":{"kind":"Variable","name":{"kind":"Name","value":"depth"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CodeSymbol"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"qualifiedName"}},{"kind":"Field","name":{"kind":"Name","value":"file"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"isTest"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"File"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"isTest"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ImpactQuery, ImpactQueryVariables>;
export const RecentSemanticChangesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecentSemanticChanges"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pathPrefix"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"semanticChanges"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}},{"kind":"Argument","name":{"kind":"Name","value":"pathPrefix"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pathPrefix"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"SemanticChangeFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SemanticChangeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SemanticChange"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"previousKey"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}},{"kind":"Field","name":{"kind":"Name","value":"breaking"}},{"kind":"Field","name":{"kind":"Name","value":"affected"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<RecentSemanticChangesQuery, RecentSemanticChangesQueryVariables>;
export const StreamRevisionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StreamRevision"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revision"}}]}}]}}]} as unknown as DocumentNode<StreamRevisionQuery, StreamRevisionQueryVariables>;
export const GraphChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"GraphChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"graphChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"files"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"op"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"properties"}}]}},{"kind":"Field","name":{"kind":"Name","value":"semantic"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SemanticChangeFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SemanticChangeFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SemanticChange"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"previousKey"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}},{"kind":"Field","name":{"kind":"Name","value":"breaking"}},{"kind":"Field","name":{"kind":"Name","value":"affected"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<GraphChangedSubscription, GraphChangedSubscriptionVariables>;
export const AnalysisProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AnalysisProgress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"analysisProgress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnalysisFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnalysisFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Analysis"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"filesDone"}},{"kind":"Field","name":{"kind":"Name","value":"filesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<AnalysisProgressSubscription, AnalysisProgressSubscriptionVariables>;
export const FolderGraphDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FolderGraph"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pathPrefix"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"depth"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expanded"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"folderGraph"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"pathPrefix"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pathPrefix"}}},{"kind":"Argument","name":{"kind":"Name","value":"depth"},"value":{"kind":"Variable","name":{"kind":"Name","value":"depth"}}},{"kind":"Argument","name":{"kind":"Name","value":"expanded"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expanded"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"folder"}},{"kind":"Field","name":{"kind":"Name","value":"files"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"imports"}}]}}]}}]}}]} as unknown as DocumentNode<FolderGraphQuery, FolderGraphQueryVariables>;
export const ImportGraphSliceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ImportGraphSlice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pathPrefix"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importGraph"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"pathPrefix"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pathPrefix"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GraphSliceFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GraphSliceFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GraphSlice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}}]}}]} as unknown as DocumentNode<ImportGraphSliceQuery, ImportGraphSliceQueryVariables>;
export const PictureFocusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PictureFocus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"codeNode"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}}]}}]} as unknown as DocumentNode<PictureFocusQuery, PictureFocusQueryVariables>;
export const ImpactGraphSliceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ImpactGraphSlice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"keys"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"depth"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"impactGraph"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"keys"},"value":{"kind":"Variable","name":{"kind":"Name","value":"keys"}}},{"kind":"Argument","name":{"kind":"Name","value":"depth"},"value":{"kind":"Variable","name":{"kind":"Name","value":"depth"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GraphSliceFields"}},{"kind":"Field","name":{"kind":"Name","value":"edgeTypes"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GraphSliceFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GraphSlice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}}]}}]} as unknown as DocumentNode<ImpactGraphSliceQuery, ImpactGraphSliceQueryVariables>;
export const NeighbourhoodSliceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NeighbourhoodSlice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"depth"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"types"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EdgeType"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"neighbourhood"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}},{"kind":"Argument","name":{"kind":"Name","value":"depth"},"value":{"kind":"Variable","name":{"kind":"Name","value":"depth"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}},{"kind":"Argument","name":{"kind":"Name","value":"types"},"value":{"kind":"Variable","name":{"kind":"Name","value":"types"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GraphSliceFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GraphSliceFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GraphSlice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}}]}}]} as unknown as DocumentNode<NeighbourhoodSliceQuery, NeighbourhoodSliceQueryVariables>;
export const ImportCyclesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ImportCycles"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"typeOnly"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importCycles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeTypeOnly"},"value":{"kind":"Variable","name":{"kind":"Name","value":"typeOnly"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"files"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"path"}}]}}]}}]}}]} as unknown as DocumentNode<ImportCyclesQuery, ImportCyclesQueryVariables>;
export const DashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Dashboard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"files"}},{"kind":"Field","name":{"kind":"Name","value":"symbols"}},{"kind":"Field","name":{"kind":"Name","value":"edges"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"nodesByKind"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edgesByType"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"analysis"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnalysisFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnalysisFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Analysis"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"filesDone"}},{"kind":"Field","name":{"kind":"Name","value":"filesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<DashboardQuery, DashboardQueryVariables>;
export const SearchSymbolsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchSymbols"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kinds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SymbolKind"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"exported"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"symbols"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"kinds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kinds"}}},{"kind":"Argument","name":{"kind":"Name","value":"exported"},"value":{"kind":"Variable","name":{"kind":"Name","value":"exported"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SymbolPageFields"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exported"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SymbolRowFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CodeSymbol"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"qualifiedName"}},{"kind":"Field","name":{"kind":"Name","value":"signature"}},{"kind":"Field","name":{"kind":"Name","value":"file"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}}]}},{"kind":"Field","name":{"kind":"Name","value":"range"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startLine"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SymbolPageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CodeSymbolConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SymbolRowFields"}}]}}]}}]}}]} as unknown as DocumentNode<SearchSymbolsQuery, SearchSymbolsQueryVariables>;
export const FilePageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FilePage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"path"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"codeNode"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"path"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"File"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"lines"}},{"kind":"Field","name":{"kind":"Name","value":"isTest"}},{"kind":"Field","name":{"kind":"Name","value":"isDeclaration"}},{"kind":"Field","name":{"kind":"Name","value":"entryPoint"}},{"kind":"Field","name":{"kind":"Name","value":"diagnosticCount"}},{"kind":"Field","name":{"kind":"Name","value":"unresolvedCalls"}},{"kind":"Field","name":{"kind":"Name","value":"symbols"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"signature"}},{"kind":"Field","name":{"kind":"Name","value":"exported"}},{"kind":"Field","name":{"kind":"Name","value":"range"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startLine"}}]}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"imports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"to"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"names"}},{"kind":"Field","name":{"kind":"Name","value":"typeOnly"}},{"kind":"Field","name":{"kind":"Name","value":"dynamic"}},{"kind":"Field","name":{"kind":"Name","value":"reExport"}},{"kind":"Field","name":{"kind":"Name","value":"firstLine"}}]}},{"kind":"Field","name":{"kind":"Name","value":"importedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"path"}}]}},{"kind":"Field","name":{"kind":"Name","value":"names"}},{"kind":"Field","name":{"kind":"Name","value":"typeOnly"}},{"kind":"Field","name":{"kind":"Name","value":"dynamic"}},{"kind":"Field","name":{"kind":"Name","value":"reExport"}},{"kind":"Field","name":{"kind":"Name","value":"firstLine"}}]}},{"kind":"Field","name":{"kind":"Name","value":"externalDependencies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"builtin"}}]}},{"kind":"Field","name":{"kind":"Name","value":"diagnostics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"line"}},{"kind":"Field","name":{"kind":"Name","value":"column"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FilePageQuery, FilePageQueryVariables>;
export const PickFocusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PickFocus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"symbols"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"qualifiedName"}},{"kind":"Field","name":{"kind":"Name","value":"file"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"files"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"pathPrefix"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"path"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PickFocusQuery, PickFocusQueryVariables>;
export const NodePageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodePage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"codeNode"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CodeSymbol"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"qualifiedName"}},{"kind":"Field","name":{"kind":"Name","value":"signature"}},{"kind":"Field","name":{"kind":"Name","value":"overloads"}},{"kind":"Field","name":{"kind":"Name","value":"docs"}},{"kind":"Field","name":{"kind":"Name","value":"exported"}},{"kind":"Field","name":{"kind":"Name","value":"defaultExport"}},{"kind":"Field","name":{"kind":"Name","value":"async"}},{"kind":"Field","name":{"kind":"Name","value":"static"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"linesOfCode"}},{"kind":"Field","name":{"kind":"Name","value":"complexity"}},{"kind":"Field","name":{"kind":"Name","value":"unresolvedCalls"}},{"kind":"Field","name":{"kind":"Name","value":"range"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startLine"}},{"kind":"Field","name":{"kind":"Name","value":"startColumn"}},{"kind":"Field","name":{"kind":"Name","value":"endLine"}},{"kind":"Field","name":{"kind":"Name","value":"endColumn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"file"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"incomingCalls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"caller"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"firstLine"}},{"kind":"Field","name":{"kind":"Name","value":"instantiation"}}]}},{"kind":"Field","name":{"kind":"Name","value":"references"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"qualifiedName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"referencedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CodeSymbol"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"qualifiedName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"extends"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"qualifiedName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"implements"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"qualifiedName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"subtypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"qualifiedName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"implementations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"qualifiedName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"signature"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExternalModule"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"builtin"}},{"kind":"Field","name":{"kind":"Name","value":"importedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}}]}},{"kind":"Field","name":{"kind":"Name","value":"names"}},{"kind":"Field","name":{"kind":"Name","value":"typeOnly"}},{"kind":"Field","name":{"kind":"Name","value":"firstLine"}}]}}]}}]}}]}}]} as unknown as DocumentNode<NodePageQuery, NodePageQueryVariables>;
export const SymbolSourceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SymbolSource"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"codeNode"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CodeSymbol"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"startLine"}},{"kind":"Field","name":{"kind":"Name","value":"endLine"}},{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"matchesGraph"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SymbolSourceQuery, SymbolSourceQueryVariables>;
export const CallsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Calls"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"depth"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"codeNode"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CodeSymbol"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"callerWalk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"depth"},"value":{"kind":"Variable","name":{"kind":"Name","value":"depth"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"qualifiedName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"calleeWalk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"depth"},"value":{"kind":"Variable","name":{"kind":"Name","value":"depth"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"qualifiedName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"callerFiles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"depth"},"value":{"kind":"Variable","name":{"kind":"Name","value":"depth"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CallsQuery, CallsQueryVariables>;
export const CallSitesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CallSites"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"codeNode"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CodeSymbol"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incomingCalls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"caller"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"startLine"}},{"kind":"Field","name":{"kind":"Name","value":"language"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CallSitesQuery, CallSitesQueryVariables>;
export const UnusedExportsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UnusedExports"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pathPrefix"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"publicApi"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unusedExports"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"pathPrefix"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pathPrefix"}}},{"kind":"Argument","name":{"kind":"Name","value":"includePublicApi"},"value":{"kind":"Variable","name":{"kind":"Name","value":"publicApi"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SymbolPageFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SymbolRowFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CodeSymbol"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"qualifiedName"}},{"kind":"Field","name":{"kind":"Name","value":"signature"}},{"kind":"Field","name":{"kind":"Name","value":"file"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}}]}},{"kind":"Field","name":{"kind":"Name","value":"range"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startLine"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SymbolPageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CodeSymbolConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SymbolRowFields"}}]}}]}}]}}]} as unknown as DocumentNode<UnusedExportsQuery, UnusedExportsQueryVariables>;