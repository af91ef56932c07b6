import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../shared/context';
import type { Logger } from '../shared/logging/logger';

/**
 * Adds `extensions.datasets` to every response that read data: the version of each dataset it
 * was computed from, e.g. `{ "dimensions": 1, "staffing": 3 }` (null for data loaded before
 * versions were recorded). A response cache keys on the same versions. When the versions cannot
 * be read (the database went away), the data reads failed too and say so in `errors`; the
 * response then has no versions, and the failure is logged.
 */
export function datasetVersionsPlugin(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind !== 'single') return;
          const versions = await contextValue.data.datasetVersions().catch((error: unknown) => {
            logger.warn({ err: error }, 'dataset versions could not be read');
            return {};
          });
          if (Object.keys(versions).length === 0) return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, datasets: versions };
        },
      };
    },
  };
}
