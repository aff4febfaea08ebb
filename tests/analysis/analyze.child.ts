/**
 * Analyzes the folder in argv[2] and prints the analyzed files and the config problems as JSON:
 * hostile-project.test.ts runs it in a process of its own, so that an analysis that waits
 * forever in a system call can be killed.
 */
import { Analyzer } from '../../server/analysis/index.ts';

const analyzer = new Analyzer({ root: process.argv[2]! });
const summary = analyzer.analyze();
process.stdout.write(JSON.stringify({ files: analyzer.files(), problems: summary.problems }));
