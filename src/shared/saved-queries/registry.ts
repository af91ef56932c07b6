import type { GraphQLSchema } from 'graphql';
import type { Repository } from 'typeorm';
import {
  SavedQueryOrigin,
  compileSavedQuery,
  loadRepositoryQueries,
  type SavedQuery,
} from './saved-query';
import type { SavedQueryRecord } from './saved-query.entity';

const loaded = new WeakMap<GraphQLSchema, SavedQuery[]>();

/** The repository's saved queries for a schema, read and checked once. */
export function repositoryQueries(schema: GraphQLSchema): SavedQuery[] {
  let queries = loaded.get(schema);
  if (!queries) {
    queries = loadRepositoryQueries(schema);
    loaded.set(schema, queries);
  }
  return queries;
}

/**
 * Every saved query: the repository's and the registered ones, by name. A registered query that
 * no longer validates (the schema changed since) is left out rather than failing the list; its
 * URL answers 404 until it is registered again.
 */
export async function readSavedQueries(
  schema: GraphQLSchema,
  records: Repository<SavedQueryRecord>,
): Promise<SavedQuery[]> {
  const registered = (await records.find({ order: { name: 'ASC' } })).flatMap((record) => {
    try {
      return [
        compileSavedQuery(schema, record.name, record.document, {
          origin: SavedQueryOrigin.REGISTERED,
          registeredBy: record.registeredBy,
          registeredAt: record.registeredAt,
          description: record.description,
        }),
      ];
    } catch {
      return [];
    }
  });
  return [...repositoryQueries(schema), ...registered].sort((a, b) => a.name.localeCompare(b.name));
}
