/** The GraphQL surface shared by every hub: the request context, resolvers derived from facts, the core resolvers, the auth checker. */
export * from './auth-checker';
export * from './context';
export * from './fact-graph';
export * from './resolvers';
export * from './row-list-graph';
