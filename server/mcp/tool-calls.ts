/**
 * How a `tools/call` reaches a tool: codenav answers it itself instead of the SDK's `McpServer`,
 * so that arguments a tool's schema refuses are told like every other error of ours —
 * `tool: BAD_USER_INPUT: first must be at most 500, got 1000` — and a request that is no tool call
 * at all is the protocol's -32602 with a sentence, not -32603 with a dump of zod issues. An
 * unknown tool is -32602 too, as the spec says (a protocol error, not a tool result), naming the
 * tools there are; and a tool gets the request's abort signal.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  isJSONRPCRequest,
  type JSONRPCMessage,
  type ToolAnnotations,
} from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { quote } from '../util/quote.ts';
import { codedError } from './tool-error.ts';

/** What a tool is registered with: the SDK's configuration, with a zod object as its input schema. */
export interface ToolConfig<Schema extends z.ZodObject> {
  readonly title: string;
  readonly description: string;
  readonly inputSchema: Schema;
  readonly annotations: ToolAnnotations;
}

/** What a tool's handler gets beside its arguments, from the request. */
export interface ToolCall {
  /**
   * Aborts when the client cancels the request (`notifications/cancelled`) or its session
   * closes: the SDK sends no answer then, so work still running is wasted (`diff_impact` kills
   * its git with it; the graph store's reads take no signal and finish).
   */
  readonly signal: AbortSignal;
}

/** Where the tool modules register their tools. */
export interface ToolRegistrar {
  registerTool<Schema extends z.ZodObject>(
    name: string,
    config: ToolConfig<Schema>,
    handler: (args: z.output<Schema>, call: ToolCall) => Promise<CallToolResult>,
  ): void;
}

interface Tool {
  readonly schema: z.ZodObject;
  readonly handler: (args: unknown, call: ToolCall) => Promise<CallToolResult>;
}

/**
 * A registrar over `server`: each tool is listed by the SDK (`tools/list`, its JSON schema from
 * zod), and called by {@link ToolRegistrar}'s own `tools/call` handler, installed on the first
 * registration in place of the SDK's.
 */
export function createToolRegistrar(server: McpServer): ToolRegistrar {
  const tools = new Map<string, Tool>();
  const call = async (name: string, args: unknown, signal: AbortSignal): Promise<CallToolResult> => {
    const tool = tools.get(name);
    // A protocol error, as the spec has it (an unknown tool; arguments a tool refuses are tool
    // errors, which a model reads). Thrown with a `code`, the SDK answers it as it is.
    if (!tool)
      throw Object.assign(
        new Error(`Unknown tool: ${quote(name)}: the tools are ${[...tools.keys()].join(', ')}`),
        { code: ErrorCode.InvalidParams },
      );
    const parsed = tool.schema.safeParse(args ?? {});
    if (!parsed.success) return codedError(name, 'BAD_USER_INPUT', argumentProblems(parsed.error, args));
    return tool.handler(parsed.data, { signal });
  };
  let installed = false;
  return {
    registerTool(name, config, handler) {
      // The SDK lists it (and would call it, but for the handler below).
      server.registerTool(name, config as never, handler as never);
      tools.set(name, { schema: config.inputSchema, handler: handler as Tool['handler'] });
      if (installed) return;
      installed = true;
      server.server.removeRequestHandler('tools/call');
      server.server.setRequestHandler(CallToolRequestSchema, (request, extra) =>
        call(request.params.name, request.params.arguments, extra.signal),
      );
    },
  };
}

/** An issue as zod v4 reports it, with the fields its messages are made of. */
interface Issue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly expected?: string;
  readonly origin?: string;
  readonly maximum?: number | bigint;
  readonly minimum?: number | bigint;
  readonly values?: readonly unknown[];
  readonly keys?: readonly string[];
}

/** Most problems one message names: the first few tell a model what to fix. */
const MAX_PROBLEMS = 5;

/**
 * What is wrong with a tool's arguments, one clause per problem, each naming the argument, what
 * it takes and what it got: `depth must be at most 10, got 11`.
 */
export function argumentProblems(error: z.ZodError, args: unknown): string {
  const issues = error.issues as unknown as Issue[];
  const clauses = issues.slice(0, MAX_PROBLEMS).map((issue) => problem(issue, args));
  const more = issues.length > MAX_PROBLEMS ? `; and ${issues.length - MAX_PROBLEMS} more` : '';
  return `${clauses.join('; ')}${more}`;
}

function problem(issue: Issue, args: unknown): string {
  const name = pathName(issue.path);
  const value = valueAt(args, issue.path);
  const got = `, got ${describeValue(value)}`;
  switch (issue.code) {
    case 'unrecognized_keys':
      // toolInput's own message names the arguments the tool takes.
      return issue.message;
    case 'invalid_type':
      if (value === undefined) return `${name} is required`;
      return `${name} must be ${article(issue.expected ?? 'value')}${got}`;
    case 'too_big':
      return `${name} must be ${bound('at most', issue.maximum, issue.origin)}${got}`;
    case 'too_small':
      if (issue.origin === 'string' && issue.minimum === 1) return `${name} must not be empty`;
      return `${name} must be ${bound('at least', issue.minimum, issue.origin)}${got}`;
    case 'invalid_value':
      return `${name} must be one of ${(issue.values ?? []).map(String).join(', ')}${got}`;
    default:
      return `${name}: ${issue.message}${got}`;
  }
}

/** `keys[2]`, `kinds`, or `the arguments` for the whole object. */
function pathName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the arguments';
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const part of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[part];
  }
  return at;
}

/** A value as a message names it: short, and never the whole of a long one. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'string') return `the string ${quote(value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'number' && !Number.isInteger(value) ? 'the number ' : ''}${String(value)}`;
}

function article(type: string): string {
  const named = type === 'int' ? 'integer' : type === 'array' ? 'list' : type;
  return `${/^[aeiou]/.test(named) ? 'an' : 'a'} ${named}`;
}

/** `at most 500`, `at most 100 items`, `at least 1 character`. */
function bound(word: string, limit: number | bigint | undefined, origin: string | undefined): string {
  const unit = origin === 'array' ? 'item' : origin === 'string' ? 'character' : '';
  if (unit === '') return `${word} ${String(limit)}`;
  return `${word} ${String(limit)} ${unit}${limit === 1 ? '' : 's'}`;
}

/**
 * The SDK's server, but for one thing: once connected, a `tools/call` whose params are not those of
 * a tool call (`"arguments": "str"`) is refused with -32602 and a sentence. The SDK's protocol
 * layer parses a request before any handler sees it, and answered such a one -32603 "internal
 * error" with zod's issues as JSON.
 */
export class CodenavMcpServer extends McpServer {
  override async connect(transport: Transport): Promise<void> {
    await super.connect(transport);
    const deliver = transport.onmessage;
    transport.onmessage = (message, extra) => {
      const malformed = malformedToolCall(message);
      if (malformed === undefined) return deliver?.(message, extra);
      void transport
        .send({
          jsonrpc: '2.0',
          id: malformed.id,
          error: { code: ErrorCode.InvalidParams, message: malformed.message },
        })
        .catch(() => undefined);
    };
  }
}

/** The id and the problem of a `tools/call` request whose params are not a tool call's. */
export function malformedToolCall(
  message: JSONRPCMessage,
): { id: string | number; message: string } | undefined {
  if (!isJSONRPCRequest(message) || message.method !== 'tools/call') return undefined;
  const params = message.params as Record<string, unknown> | undefined;
  const problems: string[] = [];
  if (params === undefined || typeof params !== 'object' || Array.isArray(params))
    problems.push(
      `params must be an object with the tool's name and arguments, got ${describeValue(params)}`,
    );
  else {
    if (typeof params.name !== 'string')
      problems.push(`params.name must be a tool's name, got ${describeValue(params.name)}`);
    const args = params.arguments;
    if (args !== undefined && (args === null || typeof args !== 'object' || Array.isArray(args)))
      problems.push(
        `params.arguments must be an object of the tool's arguments by name (e.g. {"key": "src/a.ts#f"}), got ${describeValue(args)}`,
      );
  }
  if (problems.length === 0 && CallToolRequestSchema.safeParse(message).success) return undefined;
  if (problems.length === 0) problems.push('params are not those of a tools/call request');
  return { id: message.id, message: `Invalid params: ${problems.join('; ')}` };
}
