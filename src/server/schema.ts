import 'reflect-metadata';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import {
  defaultFieldResolver,
  isObjectType,
  Kind,
  lexicographicSortSchema,
  parse,
  printSchema,
  visit,
  type DirectiveNode,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { buildSchema, createResolversMap, getMetadataStorage } from 'type-graphql';
import { moduleAuthChecker, type RequestContext, graphResolvers } from '../shared/graph';
import { BadUserInputError } from '../shared/errors';
import type { ColumnReference } from '../shared/import';
import type { Catalog } from '../shared/modules';
import { AWAITED } from '../shared/pagination';

/**
 * The Apollo Federation version the subgraph declares (`@link`): 2.3 composes with every
 * Federation 2 gateway and router still supported.
 */
export const FEDERATION_SPEC = 'https://specs.apollo.dev/federation/v2.3';

const built = new WeakMap<Catalog, Promise<GraphQLSchema>>();

/**
 * The executable schema of a catalog's datasets, built once per catalog. It is also an Apollo
 * Federation 2 subgraph: `_service { sdl }` for a gateway to compose, `@key` on the types the
 * catalog lets other services reference (`federationKeys`), and `_entities` resolving those
 * references through the same batched lookups, roles, disclosure control and limits.
 */
export function buildAppSchema(catalog: Catalog): Promise<GraphQLSchema> {
  let schema = built.get(catalog);
  if (!schema) {
    schema = buildSchema({
      resolvers: graphResolvers(catalog),
      validate: false,
      authChecker: moduleAuthChecker,
    }).then((graph) => {
      const unchecked = fieldsReadPastTheirChecks(getMetadataStorage());
      if (unchecked.length > 0)
        throw new Error(
          `${unchecked.join(', ')}: a field of a type with simpleResolvers may not have its own @Authorized or middleware (they would not run); check at the root field or use a field resolver`,
        );
      return asSubgraph(graph, catalog.federationKeys);
    });
    built.set(catalog, schema);
  }
  return schema;
}

/** What `fieldsReadPastTheirChecks` reads of type-graphql's metadata (after a build). */
interface FieldChecks {
  objectTypes: readonly {
    name: string;
    simpleResolvers?: boolean;
    fields?: readonly {
      target: object;
      name: string;
      simple?: boolean;
      roles?: readonly unknown[];
      middlewares?: readonly unknown[];
    }[];
  }[];
  fieldResolvers: readonly { methodName: string; getObjectType?: () => object }[];
}

/**
 * The hub's object types read plain fields as plain properties (`simpleResolvers`), which skips
 * a field's own `@Authorized` roles and middleware: the fields that have some (`Type.field`),
 * none of which may exist. Field resolvers keep their checks.
 */
export function fieldsReadPastTheirChecks(storage: FieldChecks): string[] {
  return storage.objectTypes.flatMap((type) =>
    (type.fields ?? [])
      .filter((field) => field.simple ?? type.simpleResolvers === true)
      .filter((field) => field.roles !== undefined || (field.middlewares ?? []).length > 0)
      .filter(
        (field) =>
          !storage.fieldResolvers.some(
            (r) => r.methodName === field.name && r.getObjectType?.() === field.target,
          ),
      )
      .map((field) => `${type.name}.${field.name}`),
  );
}

/** The GraphQL object type a TypeORM entity class is exposed as. */
function graphQLTypeOf(reference: ColumnReference): string {
  const type = getMetadataStorage().objectTypes.find((t) => t.target === reference.target);
  if (!type) throw new Error(`federation key: ${reference.target.name} is not a GraphQL type`);
  return type.name;
}

function keyDirective(fields: string): DirectiveNode {
  return {
    kind: Kind.DIRECTIVE,
    name: { kind: Kind.NAME, value: 'key' },
    arguments: [
      {
        kind: Kind.ARGUMENT,
        name: { kind: Kind.NAME, value: 'fields' },
        value: { kind: Kind.STRING, value: fields },
      },
    ],
  };
}

/** type-graphql's schema rebuilt by `@apollo/subgraph`, with `@key` on each referenced type. */
function asSubgraph(graph: GraphQLSchema, keys: readonly ColumnReference[]): GraphQLSchema {
  const keyed = new Map(keys.map((reference) => [graphQLTypeOf(reference), reference]));
  for (const [name, { key }] of keyed) {
    const type = graph.getType(name);
    if (!type || !('getFields' in type) || !(key in type.getFields()))
      throw new Error(`federation key: type ${name} has no field ${key}`);
  }
  const sdl = visit(parse(printSchema(graph)), {
    ObjectTypeDefinition(node) {
      const reference = keyed.get(node.name.value);
      return reference
        ? { ...node, directives: [...(node.directives ?? []), keyDirective(reference.key)] }
        : undefined;
    },
  });
  const typeDefs: DocumentNode = {
    ...sdl,
    definitions: [
      ...parse(`extend schema @link(url: "${FEDERATION_SPEC}", import: ["@key"])`).definitions,
      ...sdl.definitions,
    ],
  };
  // type-graphql types its map loosely (an entry may be a lone ResolverOptions); what it builds
  // is a scalar, an enum's values or a type's field resolvers per entry: @apollo/subgraph's map.
  const resolvers = createResolversMap(graph) as GraphQLResolverMap<RequestContext>;
  // A plain field whose value may be a promise keeps a resolver (graphql-js's default): a
  // compiled executor reads fields without one as plain values, never awaited (executor.ts).
  for (const type of Object.values(graph.getTypeMap())) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields()))
      if (field.extensions[AWAITED] === true)
        resolvers[type.name] = {
          ...(resolvers[type.name] as Record<string, never>),
          [field.name]: defaultFieldResolver,
        };
  }
  for (const [name, { target, key }] of keyed) {
    resolvers[name] = {
      ...(resolvers[name] as Record<string, never>),
      // A representation `{ __typename, <key> }` from a gateway: looked up by the loader the
      // graph's own lookups use, so a plan's 86 references are one statement; null if unknown.
      __resolveReference(representation: Record<string, unknown>, ctx: RequestContext) {
        const value = representation[key];
        if (typeof value !== 'string' && typeof value !== 'number')
          throw new BadUserInputError(`A ${name} reference needs its ${key}.`, key);
        return ctx.data.byKey(target, key).load(String(value));
      },
    };
  }
  return buildSubgraphSchema([{ typeDefs, resolvers }]);
}

/** The SDL committed as schema/schema.graphql (sorted, so diffs stay small). */
export async function printAppSchema(catalog: Catalog): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildAppSchema(catalog)))}\n`;
}
