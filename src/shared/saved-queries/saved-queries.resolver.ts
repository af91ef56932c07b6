import {
  Arg,
  Authorized,
  Ctx,
  Field,
  Info,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
} from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Role } from '../auth/principal';
import type { RequestContext } from '../context';
import { BadUserInputError, NotFoundError } from '../errors';
import { SavedQueryOrigin, compileSavedQuery, type SavedQuery } from './saved-query';
import { SavedQueryRecord } from './saved-query.entity';
import { readSavedQueries, repositoryQueries } from './registry';

registerEnumType(SavedQueryOrigin, {
  name: 'SavedQueryOrigin',
  description: 'Where a saved query comes from: a file of the repository, or an hr registration.',
});

@ObjectType('SavedQueryVariable', {
  description: 'A variable: a query-string parameter of its URL.',
})
class SavedQueryVariableView {
  @Field()
  name!: string;

  @Field({ description: 'GraphQL type, e.g. `Int!` or `[String!]` (a list is comma separated).' })
  type!: string;

  @Field()
  required!: boolean;
}

@ObjectType('SavedQuery', {
  description: 'A query at a stable URL for BI tools: `GET /api/<name>?<variables>&format=csv`.',
})
class SavedQueryView {
  @Field()
  name!: string;

  @Field()
  description!: string;

  @Field()
  document!: string;

  @Field(() => SavedQueryOrigin)
  origin!: SavedQueryOrigin;

  @Field({ description: 'Path of its URL on this server.' })
  path!: string;

  @Field(() => [SavedQueryVariableView])
  variables!: SavedQueryVariableView[];

  @Field(() => String, { nullable: true, description: 'Who registered it (a token subject).' })
  registeredBy!: string | null;

  @Field(() => String, { nullable: true, description: 'When it was registered (ISO 8601, UTC).' })
  registeredAt!: string | null;
}

const view = (query: SavedQuery): SavedQueryView => ({
  name: query.name,
  description: query.description,
  document: query.document,
  origin: query.origin,
  path: `/api/${query.name}`,
  variables: query.variables.map(({ name, type, required }) => ({ name, type, required })),
  registeredBy: query.registeredBy,
  registeredAt: query.registeredAt,
});

/**
 * The saved-query registry in the graph: everyone lists it; hr users register and delete their
 * own URLs (the repository's files are changed by commits, not through the API).
 */
@Resolver()
export class SavedQueriesResolver {
  @Query(() => [SavedQueryView], { description: 'Saved queries served at `/api/<name>`.' })
  async savedQueries(
    @Ctx() { data }: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SavedQueryView[]> {
    return (await readSavedQueries(info.schema, data.registry(SavedQueryRecord))).map(view);
  }

  @Authorized([Role.HR])
  @Mutation(() => SavedQueryView, {
    description:
      'Registers a query at `/api/<name>` (hr only). It must validate against the schema and hold one query operation; `replace` overwrites a registered query of that name.',
  })
  async registerSavedQuery(
    @Ctx() { data, principal }: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('name') name: string,
    @Arg('document') document: string,
    @Arg('description', () => String, { nullable: true }) description: string | null | undefined,
    @Arg('replace', { defaultValue: false }) replace: boolean,
  ): Promise<SavedQueryView> {
    if (repositoryQueries(info.schema).some((q) => q.name === name))
      throw new BadUserInputError(
        `${name} is a saved query of the repository (queries/${name}.graphql): choose another name.`,
        'name',
      );
    if (description != null && description.length > 1000)
      throw new BadUserInputError('A description is at most 1000 characters.', 'description');
    const registeredAt = new Date().toISOString();
    const registeredBy = principal.subject ?? null;
    const compiled = compileSavedQuery(info.schema, name, document, {
      origin: SavedQueryOrigin.REGISTERED,
      registeredBy,
      registeredAt,
      ...(description == null ? {} : { description }),
    });
    const records = data.registry(SavedQueryRecord);
    if (!replace && (await records.existsBy({ name })))
      throw new BadUserInputError(
        `A saved query ${name} is registered already: pass replace: true to overwrite it.`,
        'name',
      );
    await records.save({
      name,
      description: compiled.description,
      document,
      registeredBy,
      registeredAt,
    });
    return view(compiled);
  }

  @Authorized([Role.HR])
  @Mutation(() => Boolean, { description: 'Deletes a registered saved query (hr only).' })
  async deleteSavedQuery(
    @Ctx() { data }: RequestContext,
    @Arg('name') name: string,
  ): Promise<boolean> {
    const result = await data.registry(SavedQueryRecord).delete({ name });
    if (!result.affected) throw new NotFoundError(`No registered saved query ${name}.`);
    return true;
  }
}
