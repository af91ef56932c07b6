import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../shared/graph';
import type { Metrics } from './metrics';

/**
 * Times each GraphQL request by operation and counts its errors by code. The operation label is
 * `label(operationName)`: names the hub knows, else one bucket, so a client sending a new name on
 * every request cannot grow the series.
 */
export function metricsPlugin(
  metrics: Metrics,
  label: (operationName: string | null | undefined) => string,
): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const stop = metrics.graphqlDuration.startTimer();
      return {
        async willSendResponse({ operationName, response }) {
          stop({ operation: label(operationName) });
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
