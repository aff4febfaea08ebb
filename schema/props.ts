import type { GraphNode } from '../server/model/index.ts';

/** A string property of a node, or null. */
export const str = (node: GraphNode, prop: string) => {
  const value = node.props[prop];
  return typeof value === 'string' ? value : null;
};
/** A number property of a node, or null. */
export const num = (node: GraphNode, prop: string) => {
  const value = node.props[prop];
  return typeof value === 'number' ? value : null;
};
/** A boolean property of a node (false when absent). */
export const bool = (node: GraphNode, prop: string) => node.props[prop] === true;
