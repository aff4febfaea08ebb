import type { Logger } from 'pino';
import type { McpServices } from './mcp-services.ts';

/** What every tool gets: the services and where to log what went wrong. */
export interface ToolContext {
  readonly services: McpServices;
  readonly logger: Logger;
}

/** Every tool only reads the graph: hints for clients that ask before calling. */
export const READ_ONLY = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};
