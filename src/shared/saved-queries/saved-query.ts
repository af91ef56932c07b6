import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  Kind,
  parse,
  validate,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type TypeNode,
} from 'graphql';
import { flatShape, type FlatShape } from '../export';
import { BadUserInputError } from '../errors';
import { projectRoot } from '../project-root';

/** A variable of a saved query, as its URL takes it (`?year=2021&entity=OCHA,DESA`). */
export interface SavedVariable {
  name: string;
  /** The GraphQL type, e.g. `Int!` or `[String!]`. */
  type: string;
  required: boolean;
  list: boolean;
  /** The named type (`Int`, `String`, an enum). */
  base: string;
}

export enum SavedQueryOrigin {
  /** A file `queries/<name>.graphql` of the repository. */
  REPOSITORY = 'REPOSITORY',
  /** Registered by an hr user through `registerSavedQuery`. */
  REGISTERED = 'REGISTERED',
}

/** Who registered a saved query: the only ones, with hr users whose scope covers it, who may change it. */
export interface SavedQueryOwner {
  /** The credential's subject (never shown: it names a token or an API key); null when none. */
  subject: string | null;
  /** The entities the owner's credential is scoped to; null: every entity. */
  scope: readonly string[] | null;
}

export interface SavedQuery {
  name: string;
  description: string;
  document: string;
  operation: OperationDefinitionNode;
  variables: SavedVariable[];
  /** Its answer as a table: rows and columns fixed by the document (`format=csv`). */
  shape: FlatShape | null;
  origin: SavedQueryOrigin;
  /** Null for the repository's queries. */
  owner: SavedQueryOwner | null;
  registeredAt: string | null;
}

/** Names are URL path segments: lower-case words joined by hyphens. */
export const SAVED_QUERY_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const MAX_SAVED_QUERY_NAME = 64;
export const MAX_SAVED_QUERY_DOCUMENT = 20_000;

function describeType(node: TypeNode): { text: string; list: boolean; base: string } {
  switch (node.kind) {
    case Kind.NON_NULL_TYPE: {
      const inner = describeType(node.type);
      return { ...inner, text: `${inner.text}!` };
    }
    case Kind.LIST_TYPE: {
      const inner = describeType(node.type);
      return { text: `[${inner.text}]`, list: true, base: inner.base };
    }
    default:
      return { text: node.name.value, list: false, base: node.name.value };
  }
}

/**
 * A saved query checked against the schema: one query operation (no mutation, no
 * subscription) that validates. A leading `#` comment is its description unless one is given.
 * Throws BadUserInputError saying what is wrong.
 */
export function compileSavedQuery(
  schema: GraphQLSchema,
  name: string,
  document: string,
  provenance: Pick<SavedQuery, 'origin' | 'owner' | 'registeredAt'> & {
    description?: string;
  },
): SavedQuery {
  if (!SAVED_QUERY_NAME.test(name) || name.length > MAX_SAVED_QUERY_NAME)
    throw new BadUserInputError(
      `A saved query's name is lower-case words joined by hyphens, at most ${MAX_SAVED_QUERY_NAME} characters: ${JSON.stringify(name.slice(0, 80))} is not.`,
      'name',
    );
  if (document.length > MAX_SAVED_QUERY_DOCUMENT)
    throw new BadUserInputError(
      `A saved query is at most ${MAX_SAVED_QUERY_DOCUMENT} characters.`,
      'document',
    );
  let ast;
  try {
    ast = parse(document);
  } catch (error) {
    throw new BadUserInputError(
      `Saved query ${name} does not parse: ${(error as Error).message}`,
      'document',
    );
  }
  const problems = validate(schema, ast);
  if (problems.length > 0)
    throw new BadUserInputError(
      `Saved query ${name} does not validate: ${problems.map((p) => p.message).join('; ')}`,
      'document',
    );
  const operations = ast.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operations.length !== 1 || operations[0].operation !== 'query')
    throw new BadUserInputError(`Saved query ${name} must hold one query operation.`, 'document');
  const operation = operations[0];
  const description =
    provenance.description ??
    document
      .split('\n')
      .filter((line) => line.startsWith('#'))
      .map((line) => line.replace(/^#\s?/, ''))
      .join(' ');
  const variables = (operation.variableDefinitions ?? []).map((v): SavedVariable => {
    const type = describeType(v.type);
    return {
      name: v.variable.name.value,
      type: type.text,
      required: v.type.kind === Kind.NON_NULL_TYPE && !v.defaultValue,
      list: type.list,
      base: type.base,
    };
  });
  return {
    name,
    description,
    document,
    operation,
    variables,
    shape: flatShape(schema, ast, operation),
    origin: provenance.origin,
    owner: provenance.owner,
    registeredAt: provenance.registeredAt,
  };
}

/**
 * The saved queries of the repository (`queries/<name>.graphql`), each checked against the
 * schema when the server starts, so a query that no longer validates stops the process instead
 * of failing a BI refresh later.
 */
export function loadRepositoryQueries(
  schema: GraphQLSchema,
  dir = join(projectRoot(), 'queries'),
): SavedQuery[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => {
      const name = basename(file, '.graphql');
      try {
        return compileSavedQuery(schema, name, readFileSync(join(dir, file), 'utf8'), {
          origin: SavedQueryOrigin.REPOSITORY,
          owner: null,
          registeredAt: null,
        });
      } catch (error) {
        throw new Error(`queries/${file}: ${(error as Error).message}`);
      }
    });
}
