/**
 * Validation and normalization of a change set, shared by both adapters so that they
 * accept and reject exactly the same change sets and apply them in the same order.
 */
import {
  CHANGE_OPS,
  type ChangeSet,
  type EdgeRef,
  type GraphEdge,
  type GraphNode,
  isEdgeType,
  isNodeKind,
  type Props,
  type PropValue,
} from '../model/index.ts';
import { GraphStoreError } from './port.ts';

/**
 * A change set grouped in the order it is applied: edge removals, node removals (which
 * also remove the node's edges), node upserts, edge upserts. Removals come first so that
 * a key removed and added in one change set ends up present, as a fresh node.
 */
export interface ChangePlan {
  readonly edgeRemovals: readonly EdgeRef[];
  readonly nodeRemovals: readonly string[];
  /** Each node as it is after the change set; `null` properties dropped. */
  readonly nodeUpserts: readonly GraphNode[];
  /** Each edge as it is after the change set; `null` properties dropped. */
  readonly edgeUpserts: readonly GraphEdge[];
}

/**
 * Node property names the adapters keep for themselves, rejected in a change set so that
 * every adapter reads back exactly the properties it was given. Memgraph stores them beside
 * the properties on the same record: `key` and `kind`; `file`, the key's file (what
 * `unusedExports` compares); `nameLower` and `nameLength`, the name lowercased and its length
 * as JavaScript computes them (what search matches and ranks on: Memgraph's `toLower` folds
 * ASCII only and its `size` counts UTF-8 bytes); `qualifiedLower` and `qualifiedLength`, the
 * same of a qualified name holding a `.` (what a query with a `.` matches).
 */
export const RESERVED_NODE_PROPS: readonly string[] = [
  'key',
  'kind',
  'file',
  'nameLower',
  'nameLength',
  'qualifiedLower',
  'qualifiedLength',
];

/** What is wrong with one change; {@link planChangeSet} adds which change it was. */
class Problem extends Error {}

function fail(message: string): never {
  throw new Problem(message);
}

function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isPropValue(value: unknown, depth: number): value is PropValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (depth > 8) return false;
  if (Array.isArray(value)) return value.every((item) => isPropValue(item, depth + 1));
  return isPlainObject(value) && Object.values(value as object).every((item) => isPropValue(item, depth + 1));
}

/** Properties the stores read, so their type is checked (a `Map`: no inherited names). */
const PROP_TYPES = new Map<string, string>([
  ['name', 'string'],
  ['path', 'string'],
  ['exported', 'boolean'],
  ['defaultExport', 'boolean'],
  ['typeOnly', 'boolean'],
]);

/**
 * Checks the properties and returns them without top-level `null`s: in Cypher a property
 * set to null is an absent property, so both adapters store "absent" the same way.
 */
function cleanProps(given: unknown, reserved: readonly string[]): Props {
  if (!isPlainObject(given)) fail('props must be a plain object');
  const props = given as Record<string, unknown>;
  let hasNull = false;
  // for-in rather than Object.entries: this runs for every record of a 500k-record load.
  for (const name in props) {
    const value = props[name];
    if (value === null || value === undefined) {
      hasNull = true;
      continue;
    }
    if (reserved.includes(name)) fail(`property "${name}" is reserved by the store`);
    if (!isPropValue(value, 0))
      fail(`property "${name}" is not a string, finite number, boolean, list or map`);
    const expected = PROP_TYPES.get(name);
    if (expected !== undefined && typeof value !== expected) fail(`property "${name}" must be a ${expected}`);
    if (name === 'names' && !(Array.isArray(value) && value.every((n) => typeof n === 'string'))) {
      fail('property "names" must be a list of strings');
    }
  }
  if (!hasNull) return props as Props;
  const kept: Record<string, PropValue> = {};
  for (const name in props)
    if (props[name] !== null && props[name] !== undefined) kept[name] = props[name] as PropValue;
  return kept;
}

function isKey(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/**
 * Validates a change set and groups it for applying.
 *
 * @remarks
 * `NODE_ADDED` and `NODE_UPDATED` are both upserts: the node becomes exactly the record
 * given (kind and properties replaced whole), whether or not it existed. `EDGE_ADDED` is an
 * upsert too; removing something absent is a no-op. Within a group, changes keep their
 * order, so a record named twice ends as its last change says.
 *
 * The plan holds the caller's records as they are (copied only to drop `null`s): the model's
 * records are read-only, and copying half a million of them would double the cost of a load.
 *
 * @throws {@link GraphStoreError} `INVALID_CHANGE_SET` for an unknown op, kind or type, a
 * missing key, or a property of the wrong shape.
 */
export function planChangeSet(changeSet: ChangeSet): ChangePlan {
  if (!isPlainObject(changeSet) || !Array.isArray(changeSet.changes)) {
    throw new GraphStoreError('INVALID_CHANGE_SET', 'a change set needs a changes list; nothing was applied');
  }
  const edgeRemovals: EdgeRef[] = [];
  const nodeRemovals: string[] = [];
  const nodeUpserts: GraphNode[] = [];
  const edgeUpserts: GraphEdge[] = [];

  changeSet.changes.forEach((change, index) => {
    try {
      switch (change?.op) {
        case 'NODE_ADDED':
        case 'NODE_UPDATED': {
          const node = change.node;
          if (!isPlainObject(node) || !isKey(node.key)) fail('node.key must be a non-empty string');
          if (!isNodeKind(node.kind)) fail(`node kind ${JSON.stringify(node.kind)} is not a node kind`);
          const props = cleanProps(node.props, RESERVED_NODE_PROPS);
          nodeUpserts.push(props === node.props ? node : { key: node.key, kind: node.kind, props });
          break;
        }
        case 'NODE_REMOVED':
          if (!isKey(change.key)) fail('key must be a non-empty string');
          if (!isNodeKind(change.kind)) fail(`kind ${JSON.stringify(change.kind)} is not a node kind`);
          nodeRemovals.push(change.key);
          break;
        case 'EDGE_ADDED':
        case 'EDGE_REMOVED': {
          const edge = change.edge;
          if (!isPlainObject(edge) || !isKey(edge.from) || !isKey(edge.to)) {
            fail('edge.from and edge.to must be non-empty strings');
          }
          if (!isEdgeType(edge.type)) fail(`edge type ${JSON.stringify(edge.type)} is not an edge type`);
          if (change.op === 'EDGE_REMOVED') {
            edgeRemovals.push(edge);
            break;
          }
          const props = cleanProps(change.edge.props, []);
          edgeUpserts.push(props === change.edge.props ? change.edge : { ...change.edge, props });
          break;
        }
        default:
          fail(`unknown op; expected one of ${CHANGE_OPS.join(', ')}`);
      }
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      const op = String((change as { op?: unknown } | null)?.op);
      throw new GraphStoreError(
        'INVALID_CHANGE_SET',
        `change ${index} (${op}): ${error.message}; nothing was applied`,
      );
    }
  });

  return { edgeRemovals, nodeRemovals, nodeUpserts, edgeUpserts };
}
