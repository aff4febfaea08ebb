/**
 * The tools about the graph as a whole: `impact`, `import_cycles`, `unused_exports`,
 * `find_path`. Each checks its arguments, calls the question in `server/queries`, and shapes
 * the answer.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { DEFAULTS, LIMITS } from '../graph/port.ts';
import { EDGE_TYPES } from '../model/index.ts';
import {
  DEFAULT_IMPACT_DEPTH,
  findPath,
  impact,
  importCycles,
  QUERY_BOUNDS,
  unusedExports,
} from '../queries/index.ts';
import { whenGraphBuilt } from './graph-built.ts';
import { describeNode, nodeRecord } from './node-record.ts';
import {
  afterArgument,
  checkedPathPrefix,
  depthArgument,
  existingNodes,
  firstArgument,
  keyArgument,
  pathPrefixArgument,
  toolInput,
  walkFirstArgument,
} from './tool-arguments.ts';
import { READ_ONLY, type ToolContext } from './tool-context.ts';
import { answer, firstOfWalk, listText, pageResult, toolResult } from './tool-result.ts';

/** Files of a cycle the short text names; the structured content has them all. */
const CYCLE_TEXT_FILES = 10;

function cycleLine(cycle: { files: readonly string[] }): string {
  const named = cycle.files.slice(0, CYCLE_TEXT_FILES).join(', ');
  return `${cycle.files.length} files: ${named}${cycle.files.length > CYCLE_TEXT_FILES ? ', …' : ''}`;
}

/** The keys asked about, for a text: the first few (a model may pass a hundred). */
function keyList(keys: readonly string[]): string {
  return keys.length <= 3 ? keys.join(', ') : `${keys.slice(0, 3).join(', ')} and ${keys.length - 3} more`;
}

export function registerGraphTools(server: McpServer, context: ToolContext): void {
  const { services, logger } = context;

  server.registerTool(
    'impact',
    {
      title: 'Impact of a change',
      description:
        'Everything that transitively depends on the given nodes — callers, users of their types and values, subclasses, implementers, importing files (of a symbol, the files re-exporting it, such as a package index, or importing it unused) — ' +
        'within `depth` edges. Use it to answer "what could break if I change this?" before an edit, and to pick the tests to run. ' +
        'Returns `impacted`, nearest first (each node with its `depth`), at most `first` of them (`totalCount` found, `truncated` when some were left out).',
      inputSchema: toolInput({
        keys: z
          .array(keyArgument)
          .min(1)
          .max(QUERY_BOUNDS.impactKeys)
          .describe(`Keys of the symbols or files about to change (1..${QUERY_BOUNDS.impactKeys}).`),
        depth: depthArgument(DEFAULT_IMPACT_DEPTH, 'How many dependency edges to follow'),
        first: walkFirstArgument,
      }),
      annotations: READ_ONLY,
    },
    (args) =>
      answer(logger, 'impact', async () => {
        await whenGraphBuilt(services);
        await existingNodes(services, args.keys);
        const shown = firstOfWalk(await impact(services.store, args.keys, args.depth), args.first);
        const impacted = shown.items.map((reached) => ({
          ...nodeRecord(reached.node),
          depth: reached.depth,
        }));
        return toolResult(
          services,
          {
            keys: args.keys,
            depth: args.depth,
            impacted,
            totalCount: shown.totalCount,
            truncated: shown.truncated,
          },
          listText(
            `${shown.totalCount} node(s) depend on ${keyList(args.keys)} within ${args.depth} edge(s).${shown.note}`,
            impacted.map((node) => `${describeNode(node)} at depth ${node.depth}`),
          ),
        );
      }),
  );

  server.registerTool(
    'import_cycles',
    {
      title: 'Import cycles',
      description:
        'Groups of files that import each other, directly or through other files (strongly connected components of the file import graph). ' +
        'Use it to find circular dependencies to break, or to check that a refactoring introduced none. ' +
        'Returns `cycles`, each with its `files` (paths, which are also their keys; a group, not an order), at most `first` of them, with `totalCount`.',
      inputSchema: toolInput({
        includeTypeOnly: z
          .boolean()
          .default(false)
          .describe(
            'Count `import type` as a dependency too (default false: type-only imports vanish at runtime).',
          ),
        first: z
          .number()
          .int()
          .min(1)
          .max(LIMITS.pageSize)
          .default(50)
          .describe(
            `Most cycles to return (1..${LIMITS.pageSize}, default 50); \`truncated\` says when there are more.`,
          ),
      }),
      annotations: READ_ONLY,
    },
    (args) =>
      answer(logger, 'import_cycles', async () => {
        await whenGraphBuilt(services);
        const all = (await importCycles(services.store, args.includeTypeOnly)).map((files) => ({
          files: files.map((file) => file.key),
        }));
        const cycles = all.slice(0, args.first);
        return toolResult(
          services,
          { cycles, totalCount: all.length, truncated: cycles.length < all.length },
          listText(
            all.length === 0
              ? 'No import cycles.'
              : `${all.length} import cycle(s)${cycles.length < all.length ? `, the first ${cycles.length} here (raise \`first\` for more)` : ''}:`,
            cycles.map(cycleLine),
          ),
        );
      }),
  );

  server.registerTool(
    'unused_exports',
    {
      title: 'Unused exports',
      description:
        'Exported symbols that nothing outside their own file calls, instantiates, references, extends, implements or imports by name: ' +
        "candidates for removal or for un-exporting. A package's public API (what its package.json entry points export or re-export) is left out unless `includePublicApi`. " +
        'Returns a page of `symbols` by key, with `totalCount`, `hasNextPage` and `endCursor`.',
      inputSchema: toolInput({
        pathPrefix: pathPrefixArgument,
        includePublicApi: z
          .boolean()
          .optional()
          .describe(
            'List the public API of packages too (exports of their entry points, and what those re-export). Default false.',
          ),
        first: firstArgument,
        after: afterArgument,
      }),
      annotations: READ_ONLY,
    },
    (args) =>
      answer(logger, 'unused_exports', async () => {
        await whenGraphBuilt(services);
        const page = await unusedExports(
          services.store,
          checkedPathPrefix(services, args.pathPrefix),
          { first: args.first, after: args.after },
          args.includePublicApi,
        );
        return pageResult(services, page, 'unused export(s)');
      }),
  );

  server.registerTool(
    'find_path',
    {
      title: 'Find a path',
      description:
        'A shortest chain of edges from one node to another (calls, imports, references, containment…), to explain how two parts of the code are connected, ' +
        'e.g. how a request handler reaches the database module. Edges are followed forward only (from → to). ' +
        'Returns `found`, `nodes` from `from` to `to`, and the `edges` between them (`type`, `from`, `to`).',
      inputSchema: toolInput({
        from: keyArgument.describe('Key of the node the path starts at.'),
        to: keyArgument.describe('Key of the node the path ends at.'),
        via: z
          .array(z.enum(EDGE_TYPES))
          .max(EDGE_TYPES.length)
          .optional()
          .describe('Only follow edges of these types, e.g. ["CALLS"] or ["IMPORTS"]. Default: every type.'),
        maxDepth: z
          .number()
          .int()
          .min(1)
          .max(LIMITS.pathDepth)
          .default(DEFAULTS.pathDepth)
          .describe(`Longest path, in edges (1..${LIMITS.pathDepth}, default ${DEFAULTS.pathDepth}).`),
      }),
      annotations: READ_ONLY,
    },
    (args) =>
      answer(logger, 'find_path', async () => {
        await whenGraphBuilt(services);
        await existingNodes(services, [args.from, args.to]);
        const path = await findPath(services.store, args.from, args.to, {
          via: args.via,
          maxDepth: args.maxDepth,
        });
        const nodes = path ? path.nodes.map(nodeRecord) : [];
        const edges = path
          ? path.edges.map((edge) => ({ type: edge.type, from: edge.from, to: edge.to }))
          : [];
        return toolResult(
          services,
          { from: args.from, to: args.to, found: path !== undefined, nodes, edges },
          path
            ? `A path of ${edges.length} edge(s):\n${edges.map((edge) => `${edge.from} -${edge.type}-> ${edge.to}`).join('\n')}`
            : `No path from ${args.from} to ${args.to} within ${args.maxDepth} edge(s)${args.via ? ` of ${args.via.join(', ')}` : ''}.`,
        );
      }),
  );
}
