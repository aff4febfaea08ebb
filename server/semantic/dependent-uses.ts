import { getEdgesInBatches, importersByNameInBatches } from '../graph/batched-reads.ts';
import type { GraphStore } from '../graph/port.ts';
import { edgeProps, type GraphEdge, type GraphNode, symbolProps, USE_EDGES } from '../model/index.ts';
import { compatibleForCallers } from './compare-signatures.ts';

/** How one dependent uses a function or method: by its edges to it. */
export interface DependentUse {
  /**
   * It calls it (CALLS, or INSTANTIATES): the most arguments one of its calls passes, undefined
   * when unknown (a spread argument, or an edge stored before the count was recorded).
   */
  readonly calls?: { readonly maxArguments: number | undefined };
  /**
   * It overrides or implements it (OVERRIDES, IMPLEMENTS: a method of a subclass or of a class
   * implementing the interface): its own signature must stay assignable to the new one.
   */
  readonly implements?: boolean;
  /**
   * It uses it otherwise: passes it on as a value, names its type, or (a file) imports it by name
   * or re-exports it.
   */
  readonly other: boolean;
}

/** For a symbol's key: each dependent's {@link DependentUse}. */
export type DependentUses = ReadonlyMap<string, ReadonlyMap<string, DependentUse>>;

/**
 * The functions and methods of `after` whose old version (in `before`, by key) was re-signed so
 * that some call written against it may not fit the new one: only for them does it matter how
 * many arguments each caller passes (a trailing optional parameter dropped breaks only the calls
 * that pass it).
 */
export function resignedCallables(
  before: ReadonlyMap<string, GraphNode>,
  after: Iterable<GraphNode>,
): string[] {
  const keys: string[] = [];
  for (const now of after) {
    if (now.kind !== 'FUNCTION' && now.kind !== 'METHOD') continue;
    const old = before.get(now.key);
    if (old !== undefined && !compatibleForCallers(calledSignature(old), calledSignature(now)))
      keys.push(now.key);
  }
  return keys;
}

/** What callers call: the overloads, one per line, when there are some; else the signature. */
function calledSignature(node: GraphNode): string {
  const props = symbolProps(node);
  return props.overloads?.length ? props.overloads.join('\n') : (props.signature ?? '');
}

/**
 * How each dependent of `keys` uses it, from the incoming use edges and the importers by name
 * (the dependents a re-sign weighs: {@link GraphStore.importersByName}); two batched reads.
 */
export async function readDependentUses(
  store: Pick<GraphStore, 'getEdges' | 'importersByName'>,
  keys: readonly string[],
): Promise<DependentUses> {
  if (keys.length === 0) return new Map();
  const lists = await getEdgesInBatches(store, keys, { types: USE_EDGES, direction: 'IN' });
  const importers = await importersByNameInBatches(store, keys);
  return new Map(keys.map((key, i) => [key, usesOf(lists[i]!, importers[i])]));
}

/**
 * The {@link DependentUse} of each source of `edges` (the incoming use edges of one symbol) and of
 * each of its `importers` by name (an import or re-export passes the function on: a use as a value).
 */
export function usesOf(
  edges: readonly GraphEdge[],
  importers: readonly string[] = [],
): Map<string, DependentUse> {
  const uses = new Map<string, DependentUse>();
  for (const file of importers) uses.set(file, { other: true });
  for (const edge of edges) {
    const was = uses.get(edge.from) ?? { other: false };
    if (edge.type === 'OVERRIDES' || edge.type === 'IMPLEMENTS') {
      uses.set(edge.from, { ...was, implements: true });
      continue;
    }
    if (edge.type !== 'CALLS' && edge.type !== 'INSTANTIATES') {
      uses.set(edge.from, { ...was, other: true });
      continue;
    }
    const passed = edgeProps(edge, 'CALLS').maxArguments;
    const known =
      typeof passed === 'number' && (was.calls === undefined || was.calls.maxArguments !== undefined);
    const most = known ? Math.max(passed, was.calls?.maxArguments ?? 0) : undefined;
    uses.set(edge.from, { ...was, calls: { maxArguments: most } });
  }
  return uses;
}
