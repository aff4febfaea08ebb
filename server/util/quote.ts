/** How much of a user's input an error message quotes. */
const QUOTED = 80;

/**
 * A user's input for an error message, quoted: never the whole of a long one (a 512 KB path
 * must not come back in the message, nor fill the logs).
 */
export function quote(input: string): string {
  return input.length <= QUOTED
    ? JSON.stringify(input)
    : `${JSON.stringify(input.slice(0, QUOTED))}… (${input.length} characters)`;
}
