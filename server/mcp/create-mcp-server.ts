import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Logger } from 'pino';
import { registerChangeTools } from './change-tools.ts';
import { registerGraphTools } from './graph-tools.ts';
import type { McpServices } from './mcp-services.ts';
import type { RevisionFeed } from './revision-feed.ts';
import { registerRevisionResource } from './revision-resource.ts';
import { registerSymbolTools } from './symbol-tools.ts';
import { CodenavMcpServer, createToolRegistrar } from './tool-calls.ts';

export interface McpServerOptions {
  readonly services: McpServices;
  readonly feed: RevisionFeed;
  readonly logger: Logger;
  /** codenav's version, told to clients. */
  readonly version: string;
}

const INSTRUCTIONS =
  'codenav answers questions about a TypeScript/JavaScript code base from a code graph resolved by the type checker, kept current while files are edited. ' +
  'Start with search_symbols to turn a name into a key (keys look like `src/cart.ts#Cart.add`, `src/cart.ts` or `npm:react`); then get_symbol, find_callers, find_callees, impact and find_path take keys. ' +
  'Long lists are cut at `first` and say so (`truncated`, `hasNextPage`); errors read `tool: CODE: message` (NOT_FOUND, BAD_USER_INPUT, REVISION_EXPIRED…); ANALYZING means the first analysis is still building the graph: ask again in a moment, and conclude nothing from it. ' +
  'import_cycles and unused_exports look at the whole project; changes_since and diff_impact say what changed. ' +
  'Each answer carries the graph `revision` it was asked at (changes_since takes it as `since`) and `analysis.complete`, false while an edit is not analyzed yet. ' +
  'Subscribe to codenav://revision to be told when the graph changes.';

/**
 * One MCP server (one per session: an SDK server serves one transport) with every tool and the
 * revision resource. Closing it stops its revision notifications.
 */
export function createCodenavMcpServer(options: McpServerOptions): McpServer {
  const server = new CodenavMcpServer(
    { name: 'codenav', version: options.version },
    { capabilities: { tools: {}, resources: {} }, instructions: INSTRUCTIONS },
  );
  const context = { services: options.services, logger: options.logger };
  const tools = createToolRegistrar(server);
  registerSymbolTools(tools, context);
  registerGraphTools(tools, context);
  registerChangeTools(tools, context);
  const stopNotifying = registerRevisionResource(server, options.services, options.feed, options.logger);
  server.server.onclose = stopNotifying;
  return server;
}
