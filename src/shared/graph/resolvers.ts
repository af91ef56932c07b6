import type { ClassType, NonEmptyArray } from 'type-graphql';
import type { Catalog } from '../modules';
import { DatasetsResolver } from './datasets.resolver';
import { factGraph } from './fact-graph';
import { rowListResolver } from './row-list-graph';
import { SavedQueriesResolver } from './saved-queries.resolver';

/**
 * The GraphQL resolvers of a hub: the ones every hub has (provenance and the `datasets` query,
 * the saved-query registry), each module's row lists and hand-written ones, and those derived
 * from each fact.
 */
export function graphResolvers(catalog: Catalog): NonEmptyArray<ClassType> {
  return [
    DatasetsResolver,
    SavedQueriesResolver,
    ...catalog.modules.flatMap((m) => [
      ...(m.rowLists ?? []).map(rowListResolver),
      ...(m.resolvers ?? []),
    ]),
    ...catalog.facts.flatMap((fact) => factGraph(fact).resolvers),
  ];
}
