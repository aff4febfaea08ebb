/**
 * Semantic changes: what a revision means (a symbol renamed, a signature changed, a cycle
 * introduced), derived from plain graph records. Knows no store, transport or GraphQL.
 *
 * @packageDocumentation
 */
export { type RevisionSemanticChange, semanticChangesSince } from './changes-since.ts';
export { extendsAClass } from './compare-signatures.ts';
export { compareSymbols, type SymbolComparison } from './compare-symbols.ts';
export { type DependentUses, readDependentUses, resignedCallables } from './dependent-uses.ts';
export {
  callersResolvingMore,
  classesGainingConstructors,
  dependentKeys,
  deriveSemanticChanges,
  keysToReadBefore,
  type RevisionContext,
  sortChanges,
} from './derive-semantic-changes.ts';
export { ImportGraph, importTouchedFiles } from './import-graph.ts';
export {
  fileOf,
  MAX_AFFECTED,
  SEMANTIC_CHANGE_KINDS,
  type SemanticChange,
  type SemanticChangeKind,
  semanticChangeMatches,
} from './semantic-change.ts';
export {
  classesLacking,
  MAX_HIERARCHY_TYPES,
  membersAddedToInterfaces,
  readTypeHierarchy,
  type TypeHierarchy,
} from './type-hierarchy.ts';
export { UnparsedFiles } from './unparsed-files.ts';
