/**
 * Conversions between the model's records and neo4j-driver values. The driver is created
 * with `disableLosslessIntegers`, so integers read back as JS numbers; on the way in they
 * must become neo4j Integers, or Memgraph would store line numbers as Floats.
 */
import neo4j, { type Node, type Relationship } from 'neo4j-driver';
import {
  type EdgeType,
  fileOfKey,
  type GraphEdge,
  type GraphNode,
  type NodeKind,
  type Props,
  type PropValue,
} from '../../model/index.ts';
import { qualifiedSearchNameOf, searchNameOf } from '../search-name.ts';

/** A property value as a query parameter: integers as neo4j Integers, lists and maps deeply. */
export function toNeo4jValue(value: PropValue): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map(toNeo4jValue);
  if (value !== null && typeof value === 'object') {
    const map: Record<string, unknown> = {};
    for (const name in value) map[name] = toNeo4jValue((value as Record<string, PropValue>)[name]!);
    return map;
  }
  return value;
}

/** Properties as a query parameter map. */
export function toNeo4jProps(props: Props): Record<string, unknown> {
  return toNeo4jValue(props) as Record<string, unknown>;
}

/**
 * A node's properties as stored: its own, and beside them the reserved ones the adapter
 * queries (`RESERVED_NODE_PROPS`, which a change set cannot carry): `key`, `kind`, `file`
 * (for `unusedExports`; absent for external modules), `nameLower` / `nameLength` (for
 * search; absent without a string name), and `qualifiedLower` / `qualifiedLength` (for a
 * search with a `.`; only when the qualified name holds one) — computed here, in JavaScript, so that Memgraph
 * matches and ranks by the same Unicode rules as the memory store.
 */
export function storedNodeProps(node: GraphNode): Record<string, unknown> {
  const stored = toNeo4jProps(node.props);
  stored.key = node.key;
  stored.kind = node.kind;
  const file = fileOfKey(node.key);
  if (file !== undefined) stored.file = file;
  const nameLower = searchNameOf(node);
  if (nameLower !== undefined) {
    stored.nameLower = nameLower;
    stored.nameLength = neo4j.int(nameLower.length);
  }
  const qualifiedLower = qualifiedSearchNameOf(node);
  if (qualifiedLower !== undefined) {
    stored.qualifiedLower = qualifiedLower;
    stored.qualifiedLength = neo4j.int(qualifiedLower.length);
  }
  return stored;
}

/** A stored node back as a record, without the reserved properties stored beside its own. */
export function nodeFromNeo4j(node: Node): GraphNode {
  const {
    key,
    kind,
    file: _file,
    nameLower: _nameLower,
    nameLength: _nameLength,
    qualifiedLower: _qualifiedLower,
    qualifiedLength: _qualifiedLength,
    ...props
  } = node.properties as Record<string, PropValue>;
  return { key: key as string, kind: kind as NodeKind, props };
}

/** A stored relationship back as a record, given its ends' keys. */
export function edgeFromNeo4j(edge: Relationship, from: string, to: string): GraphEdge {
  return { type: edge.type as EdgeType, from, to, props: edge.properties as Props };
}
