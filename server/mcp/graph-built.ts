/**
 * Tools that answer from the graph wait for the first analysis to build it, for a while, then
 * refuse with `ANALYZING`: "0 symbol(s) match" from a graph still being built read to agents as
 * "it does not exist", a note on the first line notwithstanding.
 */
import type { McpServices } from './mcp-services.ts';
import { ToolInputError } from './tool-error.ts';

/**
 * How long a tool call waits for the first analysis before answering `ANALYZING`: well inside
 * the 60 s a client of the MCP SDK waits for an answer by default, long enough for a small
 * project's whole analysis.
 */
export const FIRST_ANALYSIS_WAIT_MS = 20_000;

/** Phases of an analysis that works on a graph already whole: a snapshot's check, an edit's update. */
const GRAPH_WHOLE_PHASES = new Set(['VERIFYING', 'UPDATING']);

/**
 * Whether the graph is still being built from nothing: the first analysis running (not a
 * snapshot's check, not an edit's update), or not started yet in a process that analyzes. A
 * process that does not analyze (`--role api`) reads `PENDING` until the indexer's progress
 * reaches it, which says nothing about the graph in the store.
 */
export function isBuildingGraph(status: ReturnType<McpServices['analysis']>, analyzesHere: boolean): boolean {
  if (status.state === 'PENDING') return analyzesHere;
  return status.state === 'RUNNING' && !GRAPH_WHOLE_PHASES.has(status.phase);
}

/**
 * Returns once the graph is built (at once, nearly always); while the first analysis builds it,
 * waits for its end up to `firstAnalysisWaitMs`, then throws a {@link ToolInputError} coded
 * `ANALYZING` with the progress, which tells the model to ask again rather than conclude. In an
 * api process whose indexer is gone (no writer holds the lease), nothing builds the graph any
 * more: the tools answer from the store as it was left, with their note, rather than refuse forever.
 */
export async function whenGraphBuilt(
  services: Pick<McpServices, 'analysis' | 'events' | 'firstAnalysis' | 'firstAnalysisWaitMs'>,
): Promise<void> {
  const analyzesHere = services.firstAnalysis !== undefined;
  if (!isBuildingGraph(services.analysis(), analyzesHere)) return;
  if (!analyzesHere && services.events.writerPresence?.().state === 'absent') return;
  const ended = services.firstAnalysis?.();
  if (ended) {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, services.firstAnalysisWaitMs ?? FIRST_ANALYSIS_WAIT_MS);
    });
    await Promise.race([ended, waited]).finally(() => clearTimeout(timer));
  }
  const status = services.analysis();
  if (!isBuildingGraph(status, analyzesHere)) return;
  const progress =
    status.filesTotal === 0 ? 'starting' : `${status.phase}, ${status.filesDone}/${status.filesTotal} files`;
  throw new ToolInputError(
    `the first analysis is still building the graph (${progress}): an answer now could miss what exists. Ask again in a moment; codenav://revision says when it is READY.`,
    'ANALYZING',
    { state: status.state, phase: status.phase, filesDone: status.filesDone, filesTotal: status.filesTotal },
  );
}
