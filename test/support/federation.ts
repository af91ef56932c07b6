import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { FEDERATION_SPEC } from '../../src/server/schema';

export interface Office {
  id: string;
  entityCode: string;
  room: string;
}

export interface RunningService {
  url: string;
  stop(): Promise<void>;
}

/**
 * Another service of the organisation, written as its own team would: an office directory that
 * points at the hub's `Entity` by code and adds `office` to it.
 */
export async function startOfficeDirectory(offices: readonly Office[]): Promise<RunningService> {
  const byEntity = new Map(offices.map((office) => [office.entityCode, office]));
  const typeDefs = parse(`
    extend schema @link(url: "${FEDERATION_SPEC}", import: ["@key"])
    type Query { offices: [Office!]! }
    type Office @key(fields: "id") { id: ID! room: String! entity: Entity! }
    type Entity @key(fields: "code") { code: String! office: Office }
  `);
  const server = new ApolloServer({
    schema: buildSubgraphSchema([
      {
        typeDefs,
        resolvers: {
          Query: { offices: () => offices },
          Office: {
            entity: (office: Office) => ({ __typename: 'Entity', code: office.entityCode }),
          },
          Entity: { office: (entity: { code: string }) => byEntity.get(entity.code) ?? null },
        },
      },
    ]),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}

export interface GatewayContext {
  authorization?: string;
}

/**
 * Apollo's gateway over the given subgraphs, composed from their `_service { sdl }` at start;
 * it forwards the caller's `authorization` header to every subgraph (as a platform's gateway
 * does), and records each subgraph response's `extensions` for the test to read.
 */
export async function startGateway(
  subgraphs: { name: string; url: string }[],
): Promise<RunningService & { extensions: Record<string, unknown>[] }> {
  const extensions: Record<string, unknown>[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl: new IntrospectAndCompose({ subgraphs }),
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url,
        willSendRequest({ request, context }) {
          if (context.authorization)
            request.http?.headers.set('authorization', context.authorization);
        },
        didReceiveResponse({ response }) {
          if (response.extensions) extensions.push(response.extensions);
          return response;
        },
      }),
  });
  const server = new ApolloServer<GatewayContext>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  return { url, extensions, stop: () => server.stop() };
}
