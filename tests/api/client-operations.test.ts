/**
 * Every operation of the web UI, as urql sends it (a `__typename` in every selection set), is
 * one the API accepts: valid, and within its breadth, depth and complexity limits. The web UI's
 * node page once sat at the breadth limit exactly; a field added to it was refused in the
 * browser only.
 */
import { formatDocument } from '@urql/core';
import { type DocumentNode, Kind, type OperationDefinitionNode, print, type TypeNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as operations from '../../client/src/gql/graphql.ts';
import { fixturePath } from '../helpers/fixtures.ts';
import { type GraphqlTarget, startInProcess, stopServers } from '../helpers/server.ts';

/** Codes of an operation refused as a whole, whatever its variables. */
const REFUSED = ['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'QUERY_TOO_COMPLEX'];

/** A value of a variable's type: enough for the operation to run (its answer does not matter). */
function sampleOf(type: TypeNode): unknown {
  if (type.kind === Kind.NON_NULL_TYPE) return sampleOf(type.type);
  if (type.kind === Kind.LIST_TYPE) return [sampleOf(type.type)];
  switch (type.name.value) {
    case 'Int':
      return 2;
    case 'Boolean':
      return true;
    case 'String':
    case 'ID':
      return 'src/lib/math.ts#sum';
    default:
      return undefined;
  }
}

const queries = Object.entries(operations).flatMap(([name, value]) => {
  if (!name.endsWith('Document')) return [];
  const document = value as DocumentNode;
  const operation = document.definitions[0] as OperationDefinitionNode;
  return operation.operation === 'subscription' ? [] : [[name, document, operation] as const];
});

let server: GraphqlTarget;
beforeAll(async () => {
  server = await startInProcess(fixturePath('resolution'));
});
afterAll(async () => {
  await stopServers();
});

describe('the web UI’s operations', () => {
  it('are there to check', () => {
    expect(queries.map(([name]) => name)).toEqual(
      expect.arrayContaining(['NodePageDocument', 'CallsDocument', 'ImpactDocument']),
    );
  });

  it.each(queries)(
    '%s is valid and within the API’s limits, as urql sends it',
    async (_, document, operation) => {
      const variables = Object.fromEntries(
        (operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, sampleOf(v.type)]),
      );
      const body = await server.gql(print(formatDocument(document)), variables);
      const refused = (body.errors ?? []).filter((error) => REFUSED.includes(String(error.extensions?.code)));
      expect(refused).toEqual([]);
    },
  );
});
