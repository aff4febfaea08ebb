import type { ServeConfig } from './config.ts';

/** `codenav serve`: not built yet; the API arrives with the GraphQL issue. */
export async function runServe(_config: ServeConfig): Promise<number> {
  throw new Error('serve is not available yet: use codenav analyze');
}
