/**
 * Analyzes the folder in argv[2] and prints the analyzed files, the config problems, the files
 * with diagnostics and the IMPORTS edges as JSON: hostile-project.test.ts runs it in a process of
 * its own, so that an analysis that waits forever in a system call can be killed, or that runs on
 * a stack of a size the test chooses.
 */
import { Analyzer } from '../../server/analysis/index.ts';

const analyzer = new Analyzer({ root: process.argv[2]! });
const summary = analyzer.analyze();
const { nodes, edges } = analyzer.graph();
process.stdout.write(
  JSON.stringify({
    files: analyzer.files(),
    problems: summary.problems,
    blamed: nodes
      .filter((n) => n.kind === 'FILE' && (n.props.diagnostics as unknown[]).length > 0)
      .map((n) => n.key),
    imports: edges.filter((e) => e.type === 'IMPORTS').map((e) => `${e.from} -> ${e.to}`),
  }),
);
