/**
 * Analysis: a TypeScript/JavaScript project → plain graph records (nodes, edges, change sets).
 * Knows nothing of stores, events or GraphQL.
 *
 * @packageDocumentation
 */
export {
  type AnalysisPhase,
  type AnalysisProgress,
  type AnalysisSummary,
  type AnalyzeOptions,
  Analyzer,
  type AnalyzerOptions,
} from './analyzer.ts';
export {
  codeHashesOfText,
  declarationsOfText,
  type ImportUse,
  importUsesOfText,
  type PropertyUse,
  requireImportsAsInGraph,
  requiresOfText,
  SOURCE_FILE,
  type TextOptions,
  type TextRequire,
  type TextUses,
  usesOfText,
} from './declarations-of-text.ts';
export { externalModuleKey, isBareSpecifier } from './imports.ts';
export {
  createSpecifierLeadsToAny,
  createSpecifierLeadsToFiles,
  specifierLeadsTo,
} from './specifier-leads-to.ts';
export type { UnanalyzedFiles } from './unanalyzed-files.ts';
