/**
 * The questions codenav answers about a code graph, as plain functions over the `GraphStore`
 * port: plain arguments and bounds in, plain records out. The GraphQL resolvers call them,
 * and so can any other front end (an MCP server, a CLI).
 *
 * @remarks
 * Functions that read one node's neighbours take a {@link GraphReader} (`getNodes` and
 * `getEdges` only): the API passes one that batches the lookups of a whole query into one
 * store call, others pass the store itself. Arguments outside their bounds throw a
 * {@link QueryInputError} saying what they may be. Paths are taken as already checked
 * (root-relative, no `..`).
 *
 * @packageDocumentation
 */
export {
  checkDepth,
  checkExpandedFolders,
  checkImpactKeys,
  checkRange,
  checkSliceLimit,
  QUERY_BOUNDS,
  QueryInputError,
} from './bounds.ts';
export type { GraphReader, WalkDirection, Walked, WalkOptions } from './graph-reader.ts';
export { edgesOf, isSymbol, present, related, walk } from './graph-reader.ts';
export type { GraphSlice, Impacted } from './graph-slices.ts';
export {
  DEFAULT_IMPACT_DEPTH,
  DEFAULT_NEIGHBOURHOOD_NODES,
  DEFAULT_SLICE_NODES,
  folderGraph,
  impact,
  impactGraph,
  importGraph,
  neighbourhood,
} from './graph-slices.ts';
export type { GraphStats, KindCount } from './project.ts';
export { findPath, graphStats, importCycles, unusedExports } from './project.ts';
export type { SymbolSearch } from './symbols.ts';
export {
  callerFiles,
  callHierarchy,
  contentsOf,
  findCallees,
  findCallers,
  getFile,
  getNode,
  implementationsOf,
  inSourceOrder,
  listFiles,
  referenceSites,
  searchSymbols,
} from './symbols.ts';
