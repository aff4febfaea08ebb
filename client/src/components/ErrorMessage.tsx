import type { CombinedError } from 'urql';

/** A readable line for an API error: what failed, and the GraphQL code when there is one. */
export function describeError(error: CombinedError | Error | string): string {
  if (typeof error === 'string') return error;
  if ('graphQLErrors' in error) {
    if (error.networkError) return `Cannot reach the server (${error.networkError.message}).`;
    const messages = error.graphQLErrors.map((e) => {
      const code = e.extensions?.code;
      return typeof code === 'string' ? `${e.message} (${code})` : e.message;
    });
    if (messages.length > 0) return messages.join(' · ');
  }
  return error.message;
}

/** An API error as a message in the page — never a blank panel. */
export function ErrorMessage({ error, title }: { error: CombinedError | Error | string; title?: string }) {
  return (
    <div className="error" role="alert">
      <strong>{title ?? 'Something went wrong'}</strong>
      <span>{describeError(error)}</span>
    </div>
  );
}
