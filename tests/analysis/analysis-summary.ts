/**
 * What hostile-project.test.ts looks at in an analysis, whether it ran in the test's process or
 * in analyze.child.ts.
 */
import { Analyzer } from '../../server/analysis/index.ts';

export interface AnalysisSummary {
  readonly files: readonly string[];
  readonly problems: readonly string[];
  /** FILE nodes with diagnostics. */
  readonly blamed: readonly string[];
  /** IMPORTS edges, `from -> to`. */
  readonly imports: readonly string[];
}

/** Analyzes `root` once. */
export function analysisSummary(root: string): AnalysisSummary {
  const analyzer = new Analyzer({ root });
  const summary = analyzer.analyze();
  const { nodes, edges } = analyzer.graph();
  return {
    files: analyzer.files(),
    problems: summary.problems,
    blamed: nodes
      .filter((n) => n.kind === 'FILE' && (n.props.diagnostics as unknown[]).length > 0)
      .map((n) => n.key),
    imports: edges.filter((e) => e.type === 'IMPORTS').map((e) => `${e.from} -> ${e.to}`),
  };
}
