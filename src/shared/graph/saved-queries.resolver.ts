import {
  Arg,
  Authorized,
  Ctx,
  Field,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
} from 'type-graphql';
import { Role } from '../auth';
import type { RequestContext } from './context';
import { SavedQueryOrigin, type SavedQuery, ownerLabel } from '../saved-queries';

registerEnumType(SavedQueryOrigin, {
  name: 'SavedQueryOrigin',
  description: 'Where a saved query comes from: a file of the repository, or an hr registration.',
});

@ObjectType('SavedQueryVariable', {
  simpleResolvers: true,
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
  simpleResolvers: true,
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

  @Field(() => String, {
    nullable: true,
    description:
      "Who owns it: the role and entity scope of the hr user who registered it, e.g. `hr (DESA)`; null for the repository's.",
  })
  owner!: string | null;

  @Field({
    description:
      "Whether you may replace or delete it: you registered it, or you are an hr user whose entity scope covers its owner's.",
  })
  mayChange!: boolean;

  @Field(() => String, { nullable: true, description: 'When it was registered (ISO 8601, UTC).' })
  registeredAt!: string | null;
}

const view = (query: SavedQuery, mayChange: boolean): SavedQueryView => ({
  name: query.name,
  description: query.description,
  document: query.document,
  origin: query.origin,
  path: `/api/${query.name}`,
  variables: query.variables.map(({ name, type, required }) => ({ name, type, required })),
  owner: query.owner && ownerLabel(query.owner),
  mayChange,
  registeredAt: query.registeredAt,
});

/**
 * The saved-query registry in the graph: everyone lists it (names, documents, variables and
 * owners by role and scope, never credentials); hr users register URLs, which they then own.
 * The repository's files are changed by commits, not through the API.
 */
@Resolver()
export class SavedQueriesResolver {
  @Query(() => [SavedQueryView], { description: 'Saved queries served at `/api/<name>`.' })
  async savedQueries(
    @Ctx() { data, principal, savedQueries }: RequestContext,
  ): Promise<SavedQueryView[]> {
    // The registry is state no dataset version covers: the answer is not cached.
    data.ledger.readsUnversionedState();
    return (await savedQueries.list()).map((query) =>
      view(query, savedQueries.mayChange(principal, query)),
    );
  }

  @Authorized([Role.HR])
  @Mutation(() => SavedQueryView, {
    description:
      "Registers a query at `/api/<name>` (hr only); you then own it. It must validate against the schema and hold one query operation; `replace` overwrites a registered query of that name, if it is yours or your entity scope covers its owner's. Limits on how many queries and characters an owner and the registry hold are answered as BAD_USER_INPUT.",
  })
  async registerSavedQuery(
    @Ctx() { data, principal, savedQueries }: RequestContext,
    @Arg('name') name: string,
    @Arg('document') document: string,
    @Arg('description', () => String, { nullable: true }) description: string | null | undefined,
    @Arg('replace', { defaultValue: false }) replace: boolean,
  ): Promise<SavedQueryView> {
    data.ledger.readsUnversionedState();
    const query = await savedQueries.register(principal, {
      name,
      document,
      description: description ?? null,
      replace,
    });
    return view(query, true);
  }

  @Authorized([Role.HR])
  @Mutation(() => Boolean, {
    description:
      "Deletes a registered saved query (hr only): yours, or one whose owner's entity scope yours covers.",
  })
  async deleteSavedQuery(
    @Ctx() { data, principal, savedQueries }: RequestContext,
    @Arg('name') name: string,
  ): Promise<boolean> {
    data.ledger.readsUnversionedState();
    await savedQueries.delete(principal, name);
    return true;
  }
}
