/** The live stream's transport over urql (queries) and graphql-ws (subscriptions and socket state). */
import type { CombinedError } from 'urql';
import { graphql } from '../gql/index.ts';
import type { Clients } from '../urql.ts';
import type { LiveTransport, StreamError } from './live-stream.ts';

const StreamRevisionQuery = graphql(`
  query StreamRevision {
    stats {
      revision
    }
  }
`);

/** A semantic change as the UI shows it: in each revision's event, and in a symbol's recent changes. */
export const SemanticChangeFields = graphql(`
  fragment SemanticChangeFields on SemanticChange {
    kind
    key
    previousKey
    before
    after
    breaking
    affected
    message
  }
`);

const GraphChangedSubscription = graphql(`
  subscription GraphChanged($since: Int) {
    graphChanged(since: $since) {
      revision
      files
      timestamp
      changes {
        op
        key
        kind
        from
        to
        properties
      }
      semantic {
        ...SemanticChangeFields
      }
    }
  }
`);

/** The analysis as the UI shows it: from the dashboard's query and from the progress subscription. */
export const AnalysisFields = graphql(`
  fragment AnalysisFields on Analysis {
    state
    phase
    filesDone
    filesTotal
    durationMs
    message
  }
`);

const AnalysisProgressSubscription = graphql(`
  subscription AnalysisProgress {
    analysisProgress {
      ...AnalysisFields
    }
  }
`);

export function toStreamError(error: CombinedError | undefined): StreamError {
  if (!error) return { message: 'no data in the response', codes: [] };
  const codes = error.graphQLErrors
    .map((e) => e.extensions?.code)
    .filter((code): code is string => typeof code === 'string');
  return { message: error.graphQLErrors[0]?.message ?? error.networkError?.message ?? error.message, codes };
}

export function createUrqlTransport({ client, ws }: Clients): LiveTransport {
  return {
    async queryRevision() {
      const result = await client
        .query(StreamRevisionQuery, {}, { requestPolicy: 'network-only' })
        .toPromise();
      if (result.error || !result.data) throw toStreamError(result.error);
      return result.data.stats.revision;
    },
    subscribeRevisions(since, sink) {
      const subscription = client.subscription(GraphChangedSubscription, { since }).subscribe((result) => {
        if (result.error) sink.error(toStreamError(result.error));
        else if (result.data) sink.next(result.data.graphChanged);
      });
      return () => subscription.unsubscribe();
    },
    subscribeProgress(sink) {
      const subscription = client.subscription(AnalysisProgressSubscription, {}).subscribe((result) => {
        if (result.error) sink.error(toStreamError(result.error));
        else if (result.data) sink.next(result.data.analysisProgress);
      });
      return () => subscription.unsubscribe();
    },
    onConnection(listener) {
      const off = [
        ws.on('connecting', () => listener('connecting')),
        ws.on('connected', () => listener('connected')),
        ws.on('closed', () => listener('closed')),
      ];
      return () => {
        for (const dispose of off) dispose();
      };
    },
  };
}
