import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import depthLimit from 'graphql-depth-limit';
import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import { Authenticator } from '../shared/auth/authenticator';
import type { RequestContext } from '../shared/context';
import type { Logger } from '../shared/logging/logger';
import type { Catalog } from '../shared/modules/catalog';
import { responseExtensionsPlugin } from './response-extensions.plugin';
import { createErrorFormatter } from './error-masking';
import { landingPagePlugin } from './landing-page';
import { queryComplexityPlugin } from './query-limits.plugin';
import { createRequestContext } from './request-context';
import { buildAppSchema } from './schema';

export async function createApolloServer(
  config: Config,
  logger: Logger,
  catalog: Catalog,
  publicUrl = `http://localhost:${config.port}/graphql`,
): Promise<ApolloServer<RequestContext>> {
  const schema = await buildAppSchema(catalog);
  return new ApolloServer<RequestContext>({
    schema,
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    validationRules: [depthLimit(config.maxQueryDepth)],
    plugins: [
      queryComplexityPlugin(schema, config.maxQueryComplexity),
      landingPagePlugin(publicUrl),
      responseExtensionsPlugin(logger),
    ],
  });
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts the HTTP server; requests authenticate as `Authenticator` says (JWT, API key). */
export async function startServer(
  dataSource: DataSource,
  config: Config,
  logger: Logger,
  catalog: Catalog,
): Promise<RunningServer> {
  const authenticator = await Authenticator.create(config, dataSource);
  const server = await createApolloServer(config, logger, catalog);
  const { url } = await startStandaloneServer(server, {
    listen: { port: config.port, host: config.host },
    context: async ({ req }) =>
      createRequestContext(
        dataSource,
        config,
        await authenticator.authenticate({
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          authorization: req.headers.authorization,
        }),
        catalog,
        logger,
      ),
  });
  return { url, stop: () => server.stop() };
}
