/**
 * An error with a stable `code` that callers branch on and the API maps to a GraphQL error
 * code. Each stage subclasses it with its own codes and name.
 */
export class CodedError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
