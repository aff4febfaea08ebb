/**
 * Analyzes the folder in argv[2] and prints its {@link analysisSummary} as JSON:
 * hostile-project.test.ts runs it in a process of its own, so that an analysis that waits
 * forever in a system call can be killed, or that runs on a stack of a size the test chooses.
 */
import { analysisSummary } from './analysis-summary.ts';

process.stdout.write(JSON.stringify(analysisSummary(process.argv[2]!)));
