/**
 * The analysis worker: hosts the Analyzer in its own thread, so that parsing and type
 * checking a large project never blocks the server's event loop. Speaks plain messages.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Analyzer } from '../analysis/index.ts';
import { decodeSnapshot } from '../durability/snapshot-file.ts';
import type { WorkerReply, WorkerRequest } from './worker-protocol.ts';

const { root, maxFileBytes } = workerData as { root: string; maxFileBytes?: number };
const port = parentPort!;
const analyzer = new Analyzer({ root, maxFileBytes });
const reply = (message: WorkerReply) => port.postMessage(message);
const replyLayout = (id: number) =>
  reply({ type: 'layout', id, layout: analyzer.layout(), problems: analyzer.problems() });

port.on('message', (request: WorkerRequest) => {
  try {
    if (request.type === 'verify') {
      const bytes = Buffer.from(
        request.snapshot.buffer,
        request.snapshot.byteOffset,
        request.snapshot.byteLength,
      );
      const stored = decodeSnapshot(bytes, analyzer.root);
      const verified = analyzer.verify(
        { nodes: stored.nodes, edges: stored.edges, layout: stored.layout },
        { onProgress: (progress) => reply({ type: 'progress', id: request.id, progress }) },
      );
      replyLayout(request.id);
      reply({ type: 'verified', id: request.id, verified });
    } else if (request.type === 'analyze') {
      const summary = analyzer.analyze({
        onChangeSet: (changeSet) => reply({ type: 'changeSet', id: request.id, changeSet }),
        onProgress: (progress) => reply({ type: 'progress', id: request.id, progress }),
      });
      replyLayout(request.id);
      reply({ type: 'analyzed', id: request.id, summary });
    } else {
      const changeSet = analyzer.update(request.paths, {
        onProgress: (progress) => reply({ type: 'progress', id: request.id, progress }),
      });
      replyLayout(request.id);
      reply({ type: 'updated', id: request.id, changeSet });
    }
  } catch (error) {
    reply({
      type: 'failed',
      id: request.id,
      message: error instanceof Error ? error.message : String(error),
    });
  }
});
