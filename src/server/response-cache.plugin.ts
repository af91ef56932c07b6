import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { print } from 'graphql';
import type { RequestContext } from '../shared/graph';
import type { ResponseCache } from '../shared/cache';
import type { Logger } from '../shared/logging';
import type { Metrics } from './metrics';
import { dataExtensions } from './response-extensions.plugin';
import { persistedHash, persistedText } from './cached-answers';
import { withSpan } from '../shared/tracing';

/**
 * Serves repeated queries from the response cache: before execution (after parsing and
 * validation) a query whose answer is cached under current dataset versions is answered without
 * running a resolver or a SQL statement; after execution an answer without errors is kept.
 * Mutations, answers with errors and requests that read unversioned state (load history) are
 * never cached. `extensions.cache` says HIT or MISS; the kept answer carries its dataset versions
 * and disclosure, as the first response did.
 */
export function responseCachePlugin(
  cache: ResponseCache,
  metrics: Metrics,
  logger: Logger,
): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let key: string | undefined;
      let before: ReadonlyMap<string, number> = new Map();
      let hit = false;
      return {
        async responseForOperation({ operation, document, request, contextValue }) {
          if (operation.operation !== 'query') return null;
          before = cache.versions.current();
          const parts = {
            query: print(document),
            operationName: request.operationName,
            variables: request.variables,
            principal: contextValue.principal,
          };
          key = cache.key(parts);
          // The text as sent names the same entry, so a GET of it is answered before GraphQL
          // runs next time (cached-answers.ts).
          if (request.query !== undefined)
            cache.alias(cache.key({ ...parts, query: request.query }), key);
          // So does an automatic persisted query's hash (Apollo checked it is the text's).
          const persisted = persistedHash(request.extensions);
          if (persisted !== undefined)
            cache.alias(cache.key({ ...parts, query: persistedText(persisted) }), key);
          const lookup = key;
          const { outcome, answer } = await withSpan(
            'cache lookup',
            { 'reformgraph.cache.store': cache.store.kind },
            async (span) => {
              const found = await cache.lookup(lookup);
              span?.setAttribute('reformgraph.cache.outcome', found.outcome);
              return found;
            },
          );
          metrics.cacheLookups.inc({ outcome, store: cache.store.kind });
          if (!answer) return null;
          hit = true;
          contextValue.data.ledger.answeredFromCache(Object.keys(answer.versions));
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: {
              kind: 'single',
              singleResult: {
                data: answer.result.data,
                extensions: { ...answer.result.extensions, cache: 'HIT' },
              },
            },
          };
        },
        async willSendResponse({ response, contextValue }) {
          if (key === undefined || hit || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if ((result.errors && result.errors.length > 0) || !contextValue.data.ledger.cacheable)
            return;
          const extensions = {
            ...result.extensions,
            ...(await dataExtensions(contextValue, logger)),
          };
          await cache.keep(
            key,
            { data: result.data, extensions },
            contextValue.data.ledger.datasetsTouched(),
            before,
          );
          result.extensions = { ...result.extensions, cache: 'MISS' };
        },
      };
    },
  };
}
