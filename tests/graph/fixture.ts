/**
 * A small project as a graph, for the store contract: two packages of files, a class with
 * a method, calls across files, an import cycle, a type-only cycle, a file importing
 * itself, a default export, a star import and an external module.
 */
import type {
  Change,
  ChangeSet,
  EdgeType,
  GraphEdge,
  GraphNode,
  NodeKind,
  Props,
} from '../../server/model/index.ts';

export function file(path: string, props: Props = {}): GraphNode {
  return { key: path, kind: 'FILE', props: { path, language: 'ts', ...props } };
}

export function symbol(key: string, kind: NodeKind, props: Props = {}): GraphNode {
  const [path, qualifiedName] = key.split('#') as [string, string];
  const name = qualifiedName.split('.').pop()!;
  return { key, kind, props: { name, qualifiedName, path, exported: false, ...props } };
}

export function edge(type: EdgeType, from: string, to: string, props: Props = {}): GraphEdge {
  return { type, from, to, props };
}

export const nodes: GraphNode[] = [
  file('src/a.ts'),
  file('src/b.ts'),
  file('src/c.ts'),
  file('lib/d.ts'),
  file('lib/e.ts'),
  file('lib/self.ts'),
  { key: 'npm:react', kind: 'EXTERNAL_MODULE', props: { name: 'react' } },
  symbol('src/a.ts#main', 'FUNCTION', { exported: true, startLine: 3, async: true }),
  symbol('src/a.ts#helper', 'FUNCTION'),
  symbol('src/b.ts#parse', 'FUNCTION', { exported: true }),
  symbol('src/b.ts#Parser', 'CLASS', { exported: true }),
  symbol('src/b.ts#Parser.parse', 'METHOD'),
  symbol('src/c.ts#parseAll', 'FUNCTION', { exported: true }),
  symbol('src/c.ts#unused', 'FUNCTION', { exported: true }),
  symbol('src/c.ts#localOnly', 'FUNCTION', { exported: true }),
  symbol('lib/d.ts#reparse', 'FUNCTION', { exported: true }),
  symbol('lib/d.ts#Shout', 'CLASS', { exported: true, defaultExport: true }),
  symbol('lib/e.ts#Base', 'INTERFACE', { exported: true }),
  symbol('lib/e.ts#extra', 'VARIABLE', { exported: true }),
];

export const edges: GraphEdge[] = [
  edge('CONTAINS', 'src/a.ts', 'src/a.ts#main'),
  edge('CONTAINS', 'src/a.ts', 'src/a.ts#helper'),
  edge('CONTAINS', 'src/b.ts', 'src/b.ts#parse'),
  edge('CONTAINS', 'src/b.ts', 'src/b.ts#Parser'),
  edge('CONTAINS', 'src/b.ts#Parser', 'src/b.ts#Parser.parse'),
  edge('CONTAINS', 'src/c.ts', 'src/c.ts#parseAll'),
  edge('CONTAINS', 'src/c.ts', 'src/c.ts#unused'),
  edge('CONTAINS', 'src/c.ts', 'src/c.ts#localOnly'),
  edge('CONTAINS', 'lib/d.ts', 'lib/d.ts#reparse'),
  edge('CONTAINS', 'lib/d.ts', 'lib/d.ts#Shout'),
  edge('CONTAINS', 'lib/e.ts', 'lib/e.ts#Base'),
  edge('CONTAINS', 'lib/e.ts', 'lib/e.ts#extra'),
  edge('CALLS', 'src/a.ts#main', 'src/a.ts#helper', { count: 1, line: 4 }),
  edge('CALLS', 'src/a.ts#helper', 'src/b.ts#parse', { count: 2, line: 9 }),
  edge('CALLS', 'src/b.ts#parse', 'src/b.ts#Parser.parse', { count: 1, line: 2 }),
  edge('CALLS', 'src/c.ts#parseAll', 'src/b.ts#parse', { count: 1, line: 5 }),
  edge('CALLS', 'src/c.ts#parseAll', 'src/c.ts#localOnly', { count: 1, line: 6 }),
  edge('CALLS', 'lib/d.ts#reparse', 'src/c.ts#parseAll', { count: 1, line: 3 }),
  edge('INSTANTIATES', 'src/a.ts#main', 'src/b.ts#Parser', { count: 1, line: 5 }),
  edge('IMPLEMENTS', 'lib/d.ts#Shout', 'lib/e.ts#Base'),
  edge('IMPORTS', 'src/a.ts', 'src/b.ts', { names: ['parse', 'Parser'], typeOnly: false }),
  edge('IMPORTS', 'src/a.ts', 'npm:react', { names: ['useState'], typeOnly: false }),
  edge('IMPORTS', 'src/a.ts', 'lib/e.ts', { names: ['*'], typeOnly: false }),
  edge('IMPORTS', 'src/b.ts', 'src/a.ts', { names: ['main'], typeOnly: false }),
  edge('IMPORTS', 'src/c.ts', 'src/b.ts', { names: ['parse'], typeOnly: false }),
  edge('IMPORTS', 'src/c.ts', 'lib/d.ts', { names: ['default'], typeOnly: true }),
  edge('IMPORTS', 'lib/d.ts', 'src/c.ts', { names: ['parseAll'], typeOnly: false }),
  edge('IMPORTS', 'lib/d.ts', 'lib/e.ts', { names: ['Base'], typeOnly: true }),
  edge('IMPORTS', 'lib/self.ts', 'lib/self.ts', { names: ['*'], typeOnly: false }),
];

export function adding(addNodes: readonly GraphNode[], addEdges: readonly GraphEdge[] = []): ChangeSet {
  const changes: Change[] = [
    ...addNodes.map((node): Change => ({ op: 'NODE_ADDED', node })),
    ...addEdges.map((e): Change => ({ op: 'EDGE_ADDED', edge: e })),
  ];
  return { files: [...new Set(addNodes.map((n) => String(n.props.path ?? n.key)))], changes };
}

/** The fixture as one change set. */
export const project: ChangeSet = adding(nodes, edges);

export function keyOf(node: GraphNode | undefined): string | undefined {
  return node?.key;
}
