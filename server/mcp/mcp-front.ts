/**
 * codenav's MCP front door, shared by stdio and Streamable HTTP: the services, one revision feed
 * for the process, and a fresh SDK server per session.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Logger } from 'pino';
import { createCodenavMcpServer } from './create-mcp-server.ts';
import { createMcpHttpHandler, type McpHttpHandler, type McpHttpOptions } from './mcp-http-handler.ts';
import type { McpServices } from './mcp-services.ts';
import { createRevisionFeed } from './revision-feed.ts';

export interface McpFront {
  /** A server for one session (stdio has one; HTTP one per `Mcp-Session-Id`). */
  createServer(): McpServer;
  /** The `/mcp` endpoint, its sessions closed with the front. */
  httpHandler(
    limits?: Pick<
      McpHttpOptions,
      'maxSessions' | 'idleMs' | 'giveWayAfterMs' | 'maxBodyBytes' | 'corsOrigins'
    >,
  ): McpHttpHandler;
  /** Closes the HTTP sessions and stops following revisions. */
  close(): Promise<void>;
}

export function createMcpFront(options: {
  readonly services: McpServices;
  readonly logger: Logger;
  readonly version: string;
}): McpFront {
  const logger = options.logger.child({ component: 'mcp' });
  const feed = createRevisionFeed(options.services.events, logger);
  const handlers: McpHttpHandler[] = [];
  const createServer = () =>
    createCodenavMcpServer({ services: options.services, feed, logger, version: options.version });
  return {
    createServer,
    httpHandler(limits = {}) {
      const handler = createMcpHttpHandler({ createServer, logger, ...limits });
      handlers.push(handler);
      return handler;
    },
    async close() {
      await Promise.all(handlers.map((handler) => handler.close()));
      feed.close();
    },
  };
}
