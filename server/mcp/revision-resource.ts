/**
 * The resource `codenav://revision`: the graph's revision and the analysis state, which a client
 * may subscribe to (`resources/subscribe`) to get `notifications/resources/updated` after each
 * revision — its cue to ask `changes_since` or re-run a question.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  ErrorCode,
  McpError,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';
import type { McpServices } from './mcp-services.ts';
import type { RevisionFeed } from './revision-feed.ts';
import { passProgress } from './tool-result.ts';

/** The address of the revision resource. */
export const REVISION_URI = 'codenav://revision';

/**
 * Registers the resource and its subscription on one session's server; must run before the
 * server connects. Returns the function that stops the session's notifications.
 */
export function registerRevisionResource(
  server: McpServer,
  services: Pick<McpServices, 'store' | 'analysis'>,
  feed: RevisionFeed,
  logger: Logger,
): () => void {
  server.registerResource(
    'revision',
    REVISION_URI,
    {
      title: 'Graph revision',
      description:
        'The revision of the code graph (it grows by one with each analyzed edit) and the analysis (`state` READY when answers are complete; `phase` UPDATING while an edit is analyzed; while it runs, `filesDone`/`filesTotal` of its `pass`: FIRST_ANALYSIS, SNAPSHOT_CHECK or UPDATE, the files of an edit). Subscribe to be told of each new revision; changes_since with `since` tells what it changed.',
      mimeType: 'application/json',
    },
    async (uri) => {
      const status = services.analysis();
      const revision = await services.store.revision();
      return {
        contents: [
          {
            uri: uri.href,
            mimeType: 'application/json',
            text: JSON.stringify({
              revision,
              analysis: { state: status.state, phase: status.phase, ...passProgress(status) },
            }),
          },
        ],
      };
    },
  );
  server.server.registerCapabilities({ resources: { subscribe: true } });

  let stop: (() => void) | undefined;
  const checkUri = (uri: string) => {
    if (uri !== REVISION_URI)
      throw new McpError(
        ErrorCode.InvalidParams,
        `no resource ${uri.slice(0, 200)} to subscribe to: only ${REVISION_URI}`,
      );
  };
  server.server.setRequestHandler(SubscribeRequestSchema, (request) => {
    checkUri(request.params.uri);
    stop ??= feed.onChange(() => {
      server.server.sendResourceUpdated({ uri: REVISION_URI }).catch((error: unknown) => {
        logger.debug({ err: error }, 'could not notify an MCP session of a revision');
      });
    });
    return {};
  });
  server.server.setRequestHandler(UnsubscribeRequestSchema, (request) => {
    checkUri(request.params.uri);
    stop?.();
    stop = undefined;
    return {};
  });
  return () => {
    stop?.();
    stop = undefined;
  };
}
