/**
 * Writes snapshots of a large synthetic graph to the file in argv[2], one after another,
 * printing "wrote N" after each: killed with SIGKILL mid-write by snapshot-file.test.ts.
 */
import { writeSnapshot } from '../../server/durability/snapshot-file.ts';
import type { GraphEdge, GraphNode } from '../../server/model/index.ts';

const file = process.argv[2]!;
const nodes: GraphNode[] = [];
const edges: GraphEdge[] = [];
for (let i = 0; i < 20_000; i += 1) {
  nodes.push({ key: `src/f${i % 500}.ts#s${i}`, kind: 'FUNCTION', props: { name: `s${i}`, startLine: i } });
  if (i > 0)
    edges.push({
      type: 'CALLS',
      from: `src/f${i % 500}.ts#s${i}`,
      to: `src/f${(i - 1) % 500}.ts#s${i - 1}`,
      props: { count: 1, firstLine: i },
    });
}
for (let revision = 1; ; revision += 1) {
  await writeSnapshot(file, { root: '/synthetic', revision, nodes, edges, log: [] });
  process.stdout.write(`wrote ${revision}\n`);
}
