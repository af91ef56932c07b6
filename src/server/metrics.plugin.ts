import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../shared/context';
import type { Metrics } from './metrics';

/** Times each GraphQL request by operation name and counts its errors by code. */
export function metricsPlugin(metrics: Metrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const stop = metrics.graphqlDuration.startTimer();
      return {
        async willSendResponse({ operationName, response }) {
          stop({ operation: operationName ?? 'anonymous' });
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            const code = error.extensions?.code;
            metrics.graphqlErrors.inc({ code: typeof code === 'string' ? code : 'UNKNOWN' });
          }
        },
      };
    },
  };
}
