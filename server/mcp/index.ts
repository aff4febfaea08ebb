/**
 * The Model Context Protocol front door: the same questions as the GraphQL API (the functions of
 * `server/queries`), as MCP tools over stdio and Streamable HTTP. No question is answered here:
 * tools check arguments, call the query functions and shape their answers.
 *
 * @packageDocumentation
 */
export type { McpFront } from './mcp-front.ts';
export { createMcpFront } from './mcp-front.ts';
export type { McpHttpHandler } from './mcp-http-handler.ts';
export type { DiffImpact, McpServices } from './mcp-services.ts';
export { REVISION_URI } from './revision-resource.ts';
export { BoundedStdioTransport } from './stdio-transport.ts';
