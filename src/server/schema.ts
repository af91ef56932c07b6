import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { moduleAuthChecker } from '../shared/auth/auth-checker';
import type { Catalog } from '../shared/modules/catalog';

const built = new WeakMap<Catalog, Promise<GraphQLSchema>>();

/** The executable schema of a catalog's datasets, built once per catalog. */
export function buildAppSchema(catalog: Catalog): Promise<GraphQLSchema> {
  let schema = built.get(catalog);
  if (!schema) {
    schema = buildSchema({
      resolvers: catalog.resolvers,
      validate: false,
      authChecker: moduleAuthChecker,
    });
    built.set(catalog, schema);
  }
  return schema;
}

/** The SDL committed as schema/schema.graphql (sorted, so diffs stay small). */
export async function printAppSchema(catalog: Catalog): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildAppSchema(catalog)))}\n`;
}
