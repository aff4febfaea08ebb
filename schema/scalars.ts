import { Kind, type ValueNode } from 'graphql';
import { builder } from './builder.ts';

/** Arbitrary JSON: node and edge properties. */
export const JsonScalar = builder.scalarType('JSON', {
  description: 'A JSON value: the properties of a node or an edge.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast) => literal(ast),
});

function literal(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.LIST:
      return ast.values.map(literal);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literal(f.value)]));
    default:
      return null;
  }
}
