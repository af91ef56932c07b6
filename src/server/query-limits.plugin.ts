import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { BadUserInputError } from '../shared/errors';

/**
 * Rejects operations whose estimated cost is over the limit before anything runs. Each field
 * costs 1; a field with a `first` argument costs that many times its children, so a request for
 * thousands of nested rows is refused up front.
 */
export function queryComplexityPlugin(schema: GraphQLSchema, maximum: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const complexity = getComplexity({
            schema,
            query: document,
            operationName: request.operationName ?? undefined,
            variables: request.variables,
            estimators: [
              ({ args, childComplexity }) =>
                typeof args.first === 'number'
                  ? 1 + args.first * Math.max(childComplexity, 1)
                  : undefined,
              simpleEstimator({ defaultComplexity: 1 }),
            ],
          });
          if (complexity > maximum) {
            throw new BadUserInputError(
              `Query is too complex: cost ${complexity}, limit ${maximum}.`,
            );
          }
        },
      };
    },
  };
}
