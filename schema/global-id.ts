/**
 * Relay ids as the API reads them: an id that is not one of ours is a `BAD_USER_INPUT` error
 * naming it, where Pothos answered "Invalid global ID" without a code, or "Foo has not been
 * implemented" for a well-formed id of a type we do not have.
 */
import { decodeGlobalID } from '@pothos/plugin-relay';
import { badInput } from './errors.ts';
import { NODE_TYPE_NAMES } from './type-names.ts';

/** The type and key an id names. @throws a `BAD_USER_INPUT` GraphQLError for any other string. */
export function decodeNodeId(globalID: string): { typename: string; id: string } {
  let decoded: { typename: string; id: string } | undefined;
  try {
    decoded = decodeGlobalID(globalID);
  } catch {
    decoded = undefined;
  }
  if (!decoded || !NODE_TYPE_NAMES.has(decoded.typename))
    throw badInput(
      `Invalid global ID: ${JSON.stringify(globalID.slice(0, 200))} is no id this API returned (pass a node's \`id\`, or its readable key to \`codeNode(key:)\`)`,
    );
  return decoded;
}
